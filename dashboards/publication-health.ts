import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { METRIC } from '../src/metrics/names.js';
import type { PublicationStatus } from '../src/server/views.js';
import { ALERT_THRESHOLDS } from './lib/alert-thresholds.js';
import { alertList, column, q, refId, stat, stateTimeline, steps, table, timeseries, UNIT, withThresholdLines } from './lib/common.js';
import { publications, revisions, silences } from './lib/annotations.js';
import {
  CADENCE_DAYS,
  DATA_AS_OF_LAG_DAYS,
  DAYS_PAST_DEADLINE,
  DAYS_SINCE_PUBLICATION,
  GRACE_DAYS,
  PUBLICATION_STATUS,
  sourcesInStatus,
  STALLED_MAPPINGS,
  STATUS_MAPPINGS,
  UP_MAPPINGS,
} from './lib/freshness.js';
import { STATUS_DISPLAY } from './lib/labels.js';
import { composeDashboard } from './lib/layout.js';
import { millis, sel } from './lib/promql.js';

/**
 * Publication health: is each agency publishing on its cadence, has one gone silent, and is our
 * own scraper reading it? Our failures are shown apart from the agency's silence throughout.
 */
export function publicationHealth(): Dashboard {
  return composeDashboard(
    {
      uid: 'ew-publication-health',
      title: 'Enforcement watch: publication health',
      description: 'Per source: days since the last publication against its cadence, status (on time / due / overdue / silent), our last good read, the data as-of lag, and the active alerts.',
      from: 'now-180d',
      annotations: [publications(), revisions(), silences()],
    },
    [
      { row: 'Where each source stands', panels: [statusCounts(), statusTable(), activeAlerts(), statusTimeline()] },
      { row: 'Against the deadline', panels: [daysPastDeadline(), dataAsOfLag()] },
    ],
  );
}

const STATUS_NOTE =
  'Status: our scraper failing (enforcement_source_up = 0) comes first, so our outage never reads as the agency\'s silence; otherwise due after the cadence, overdue after cadence + grace, silent after three cadences + grace — the definition of publicationStatus (src/server/views.ts).';

function statusCounts() {
  const shown: PublicationStatus[] = ['on_time', 'due', 'overdue', 'silent', 'scraper_failing', 'unknown'];
  const panel = stat(
    { title: 'Sources by status', unit: UNIT.count, width: 24, height: 4, description: `How many of the selected sources are in each publication status. ${STATUS_NOTE}` },
    shown.map((s) => q(sourcesInStatus(s), STATUS_DISPLAY[s].text)),
  );
  shown.forEach((s, i) => panel.overrideByQuery(refId(i), [{ id: 'color', value: { mode: 'fixed', fixedColor: STATUS_DISPLAY[s].color } }]));
  return panel;
}

/** One row per source: the expression with the source's title, agency, page URL and frozen flag joined in. */
const perSource = (expr: string): string =>
  `max by (source, agency, title, url, frozen) ((${expr}) * on(source) group_left(agency, title, url, frozen) ${sel(METRIC.sourceInfo)})`;

function statusTable() {
  const columns: [string, string][] = [
    ['Status', PUBLICATION_STATUS],
    ['Days since publication', DAYS_SINCE_PUBLICATION],
    ['Cadence (days)', CADENCE_DAYS],
    ['Grace (days)', GRACE_DAYS],
    ['Days past cadence + grace', DAYS_PAST_DEADLINE],
    ['Last published', millis(sel(METRIC.sourceLastPublished))],
    ['Our last good read', millis(sel(METRIC.sourceLastSuccess))],
    ['Our scraper', sel(METRIC.sourceUp)],
    ['Data as of', millis(sel(METRIC.sourceDataAsOf))],
    ['Data as-of lag (days)', DATA_AS_OF_LAG_DAYS],
    ['As-of date', sel(METRIC.sourceDataAsOfStalled)],
  ];
  let panel = table(
    {
      title: 'Publication status by source',
      unit: UNIT.none,
      height: 11,
      description: `One row per source. Publication times are the agency's own (posted date, file date or Last-Modified). "Days past cadence + grace" is PublicationOverdue's value (red above ${ALERT_THRESHOLDS.publicationOverdueDays}); the alert also needs a good read after the deadline and a source not marked frozen. "As-of date" says whether the newest change moved the data as-of date (DataAsOfStalled). ${STATUS_NOTE}`,
    },
    columns.map(([, expr]) => q(perSource(expr))),
    columns.map(([name]) => name),
    { rename: { source: 'Source', agency: 'Agency', title: 'Publication', frozen: 'Known frozen' }, hide: ['url'] },
  );
  panel = column(panel, 'Publication', UNIT.none, { link: { title: 'Agency page', url: '${__data.fields.url}' } });
  panel = column(panel, 'Status', UNIT.none, { mappings: STATUS_MAPPINGS });
  for (const name of ['Days since publication', 'Cadence (days)', 'Grace (days)', 'Data as-of lag (days)']) panel = column(panel, name, UNIT.days);
  panel = column(panel, 'Days past cadence + grace', UNIT.days, { thresholds: steps('green', [ALERT_THRESHOLDS.publicationOverdueDays, 'red']) });
  for (const name of ['Last published', 'Our last good read']) panel = column(panel, name, UNIT.dateTime);
  panel = column(panel, 'Data as of', UNIT.day);
  panel = column(panel, 'Our scraper', UNIT.none, { mappings: UP_MAPPINGS });
  return column(panel, 'As-of date', UNIT.none, { mappings: STALLED_MAPPINGS });
}

function activeAlerts() {
  return alertList({
    title: 'Active alerts',
    unit: UNIT.none,
    width: 8,
    height: 10,
    description: 'Firing and pending alerts of the Prometheus rules (alerts/*.rules.yml; runbooks in docs/alerts.md), the Watchdog left out. Pages: ScrapeFailing, ParserBroken, PublicationOverdue, ExporterDown; newsroom: DataRevised, PaceShift, RemovalsGoalOffPace, DataAsOfStalled.',
  });
}

function statusTimeline() {
  return stateTimeline(
    { title: 'Publication status over time', unit: UNIT.none, width: 16, height: 10, description: `The publication status of each source over time; a red band is a source silent for months. ${STATUS_NOTE}` },
    [q(PUBLICATION_STATUS, '{{source}}')],
    STATUS_MAPPINGS,
  );
}

function daysPastDeadline() {
  return withThresholdLines(
    timeseries(
      {
        title: 'Days past cadence + grace',
        unit: UNIT.days,
        description: `time() − last published − (cadence + grace), in days, per source: PublicationOverdue's value. Above ${ALERT_THRESHOLDS.publicationOverdueDays} (the red line) the agency is overdue; the alert then waits for a good read after the deadline and skips frozen sources.`,
      },
      [q(DAYS_PAST_DEADLINE, '{{source}}')],
    ),
    steps('transparent', [ALERT_THRESHOLDS.publicationOverdueDays, 'red']),
  );
}

function dataAsOfLag() {
  return timeseries(
    {
      title: 'Data as-of lag',
      unit: UNIT.days,
      description: `Days between now and the end of the newest reference period each source covers (${METRIC.sourceDataAsOf}): how old the newest data is, whatever its publication date. Monthly data is normally one to two months old.`,
    },
    [q(DATA_AS_OF_LAG_DAYS, '{{source}}')],
  );
}
