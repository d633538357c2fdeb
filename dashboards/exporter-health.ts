import { BigValueTextMode } from '@grafana/grafana-foundation-sdk/common';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { METRIC } from '../src/metrics/names.js';
import { ALERT_THRESHOLDS } from './lib/alert-thresholds.js';
import { q, stat, stateTimeline, steps, table, timeseries, UNIT, valueMappings, withThresholdLines } from './lib/common.js';
import { UP_MAPPINGS } from './lib/freshness.js';
import { EXPORTER_JOB, PROCESS_METRIC } from './lib/labels.js';
import { composeDashboard } from './lib/layout.js';
import { ageOf, bare, increase, sel } from './lib/promql.js';

/**
 * Exporter health: our side of the first freshness signal. Are the fetches and parses of the
 * agencies' pages working, what do they cost, and is the exporter process itself well?
 */
export function exporterHealth(): Dashboard {
  return composeDashboard(
    {
      uid: 'ew-exporter-health',
      title: 'Enforcement watch: exporter health',
      description: 'Our scrapers (fetch errors by kind, parse errors, fetch outcomes, durations, bytes) and the exporter process (scrape up, memory, CPU, event loop, store size).',
      from: 'now-24h',
    },
    [
      { row: 'Our scrapers', panels: [scraperUp(), currentErrors(), fetchErrorsByKind(), parseErrors(), fetchesByOutcome(), fetchDurations(), bodyBytes(), timeSinceGoodRead(), parseIssues()] },
      { row: 'Exporter process', panels: [exporterUp(), uptime(), version(), storeSize(), residentMemory(), cpu(), eventLoopLag(), metricsScrapeDuration()] },
    ],
  );
}

// --- Our scrapers ---------------------------------------------------------------------------

const SCRAPER_NOTE = 'From the exporter\'s store (fetch log and error counts), kept across restarts.';

function scraperUp() {
  return stateTimeline(
    {
      title: 'Scraper up by source',
      unit: UNIT.none,
      width: 16,
      description: `Whether the last cycle of each source fetched and parsed (${METRIC.sourceUp}). Failing for ${ALERT_THRESHOLDS.scrapeFailingAfter / 3600} h pages ScrapeFailing (fetch side); a layout or validation error for ${ALERT_THRESHOLDS.parserBrokenAfter / 3600} h pages ParserBroken.`,
    },
    [q(sel(METRIC.sourceUp), '{{source}}')],
    UP_MAPPINGS,
  );
}

function currentErrors() {
  return table(
    {
      title: 'Why sources are down',
      unit: UNIT.none,
      width: 8,
      height: 8,
      description: `The classified error of the last cycle of each source that is down (${METRIC.sourceLastErrorInfo}; absent while a source is up). layout/validation → ParserBroken; any other kind → ScrapeFailing. Runbooks: docs/alerts.md.`,
    },
    [q(sel(METRIC.sourceLastErrorInfo))],
    ['Down'],
    { rename: { source: 'Source', kind: 'Error kind' } },
  );
}

function fetchErrorsByKind() {
  return timeseries(
    { title: 'Fetch errors by kind', unit: UNIT.count, description: `Failed fetches per interval by classified kind (timeout, dns, http_4xx, …; ${METRIC.sourceFetchErrors}). ${SCRAPER_NOTE}` },
    [q(`sum by (kind) (${increase(sel(METRIC.sourceFetchErrors))})`, '{{kind}}')],
  );
}

function parseErrors() {
  return timeseries(
    { title: 'Parse errors by source', unit: UNIT.count, description: `Cycles per interval whose page or file did not match the parser: layout or validation errors (${METRIC.sourceParseErrors}). ${SCRAPER_NOTE}` },
    [q(`sum by (source) (${increase(sel(METRIC.sourceParseErrors))})`, '{{source}}')],
  );
}

function fetchesByOutcome() {
  return timeseries(
    { title: 'Fetches by outcome', unit: UNIT.count, description: `HTTP fetches per interval: ok, not_modified (a conditional request answered 304) or error (${METRIC.sourceFetches}). ${SCRAPER_NOTE}` },
    [q(`sum by (outcome) (${increase(sel(METRIC.sourceFetches))})`, '{{outcome}}')],
  );
}

function fetchDurations() {
  return timeseries(
    { title: 'Last fetch duration', unit: UNIT.seconds, description: `Wall time of the last HTTP fetch of each source, retries included (${METRIC.sourceFetchDuration}).` },
    [q(sel(METRIC.sourceFetchDuration), '{{source}}')],
  );
}

function bodyBytes() {
  return timeseries(
    { title: 'Body bytes downloaded', unit: UNIT.bytes, description: `Bytes downloaded per interval and source; 304 answers cost none (${METRIC.sourceFetchBytes}). ${SCRAPER_NOTE}` },
    [q(`sum by (source) (${increase(sel(METRIC.sourceFetchBytes))})`, '{{source}}')],
  );
}

function timeSinceGoodRead() {
  return withThresholdLines(
    timeseries(
      {
        title: 'Time since our last good read',
        unit: UNIT.seconds,
        description: `Time since a cycle of each source last fetched and parsed (${METRIC.sourceLastSuccess}). Sources poll every 15–60 minutes; the dashed line is ScrapeFailing's ${ALERT_THRESHOLDS.scrapeFailingAfter / 3600} h (the alert itself counts from the first failed cycle).`,
      },
      [q(ageOf(sel(METRIC.sourceLastSuccess)), '{{source}}')],
    ),
    steps('transparent', [ALERT_THRESHOLDS.scrapeFailingAfter, 'red']),
  );
}

function parseIssues() {
  return timeseries(
    { title: 'Parse issues of the last parse', unit: UNIT.count, description: `Rows or values the last parse of each source rejected while the rest counted (${METRIC.sourceParseIssues}); details in /api/v1/sources.` },
    [q(sel(METRIC.sourceParseIssues), '{{source}}')],
  );
}

// --- Exporter process -----------------------------------------------------------------------

const up = bare('up', { job: EXPORTER_JOB });

function exporterUp() {
  return stat(
    { title: 'Exporter scraped by Prometheus', unit: UNIT.none, description: `Whether Prometheus's last scrape of job ${EXPORTER_JOB} succeeded (up). ExporterDown pages when it is 0, or the job is missing, for ${ALERT_THRESHOLDS.exporterDownAfter / 60} minutes.` },
    [q(up, '{{instance}}')],
  )
    .mappings(valueMappings([
      [1, 'up', 'green'],
      [0, 'DOWN', 'red'],
    ]))
    .thresholds(steps('red', [1, 'green']));
}

function uptime() {
  return stat(
    { title: 'Exporter uptime', unit: UNIT.seconds, description: `Time since the exporter process started (${PROCESS_METRIC.startTime}, prom-client default metrics).` },
    [q(ageOf(bare(PROCESS_METRIC.startTime)), '{{instance}}')],
  );
}

function version() {
  return stat(
    { title: 'Version', unit: UNIT.none, description: `Version of enforcement-watch the exporter runs (${METRIC.buildInfo}).` },
    [q(bare(METRIC.buildInfo), '{{version}}')],
  ).textMode(BigValueTextMode.Name);
}

function storeSize() {
  return stat(
    { title: 'Store size', unit: UNIT.count, description: `Observation keys held in the store (${METRIC.storeObservations}) and compressed bytes of the raw agency artifacts kept as evidence (${METRIC.storeArtifactBytes}).` },
    [q(bare(METRIC.storeObservations), 'observations'), q(bare(METRIC.storeArtifactBytes), 'artifact bytes')],
  ).overrideByQuery('B', [{ id: 'unit', value: UNIT.bytes }]);
}

function residentMemory() {
  return timeseries(
    { title: 'Resident memory', unit: UNIT.bytes, width: 6, description: `Resident set size of the exporter process (${PROCESS_METRIC.residentMemory}) and the V8 heap in use (${PROCESS_METRIC.heapUsed}).` },
    [q(bare(PROCESS_METRIC.residentMemory), 'resident'), q(bare(PROCESS_METRIC.heapUsed), 'heap used')],
  );
}

function cpu() {
  return timeseries(
    { title: 'CPU', unit: UNIT.ratio, width: 6, description: `CPU time of the exporter process per second (${PROCESS_METRIC.cpuSeconds}); 100% is one core. Parsing a 7 MB CSV shows as a short spike.` },
    [q(`rate(${bare(PROCESS_METRIC.cpuSeconds)}[$__rate_interval])`, 'cpu')],
  );
}

function eventLoopLag() {
  return timeseries(
    { title: 'Event loop lag (p99)', unit: UNIT.seconds, width: 6, description: `99th percentile of the Node.js event loop lag (${PROCESS_METRIC.eventLoopLagP99}); a long lag delays /metrics answers.` },
    [q(bare(PROCESS_METRIC.eventLoopLagP99), 'p99 lag')],
  );
}

function metricsScrapeDuration() {
  return timeseries(
    { title: 'Time Prometheus takes to scrape /metrics', unit: UNIT.seconds, width: 6, description: `scrape_duration_seconds of job ${EXPORTER_JOB}, recorded by Prometheus itself; the exporter renders from its store at scrape time.` },
    [q(bare('scrape_duration_seconds', { job: EXPORTER_JOB }), '{{instance}}')],
  );
}
