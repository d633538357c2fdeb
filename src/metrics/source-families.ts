import { Counter, Gauge, type Registry } from 'prom-client';
import { FETCH_ERROR_KINDS } from '../core/errors.js';
import { METRIC } from './names.js';
import type { MetricsSnapshot } from './snapshot.js';

const CACHED = 'Cached from the last scrape of the agency.';
const S = ['source'] as const;

type Snap = () => MetricsSnapshot;

/** A gauge whose value per source is read from the snapshot at scrape time; null omits the series. */
function perSource(reg: Registry, snap: Snap, name: string, help: string, value: (e: MetricsSnapshot['sources'][number]) => number | null): void {
  new Gauge({
    name,
    help,
    labelNames: S,
    registers: [reg],
    collect() {
      this.reset();
      for (const e of snap().sources) {
        const v = value(e);
        if (v !== null) this.set({ source: e.def.id }, v);
      }
    },
  });
}

const secs = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
const daySecs = (day: string | null): number | null => (day === null ? null : Date.parse(`${day}T23:59:59Z`) / 1000);

/** Freshness, health and error families: one series per source, always present for every source. */
export function registerSourceFamilies(reg: Registry, snap: Snap): void {
  perSource(reg, snap, METRIC.sourceUp, 'Whether the last cycle of the source fetched and parsed (1) or failed (0).', (e) => (e.state.up ? 1 : 0));
  perSource(reg, snap, METRIC.sourceLastAttempt, 'When the last cycle of the source started (Unix seconds).', (e) => secs(e.state.lastAttemptAt));
  perSource(reg, snap, METRIC.sourceLastSuccess, 'When a cycle of the source last fetched and parsed (Unix seconds).', (e) => secs(e.state.lastSuccessAt));
  perSource(reg, snap, METRIC.sourceLastChange, 'When the fetched content of the source last changed (Unix seconds).', (e) => secs(e.state.lastChangeAt));
  perSource(reg, snap, METRIC.sourceLastPublished, `The agency's own publication time of the newest artifact (posted date, file date or Last-Modified; first-seen time only when nothing better exists). ${CACHED}`, (e) => secs(e.state.publishedAt));
  perSource(reg, snap, METRIC.sourceDataAsOf, `End of the newest reference period the source covers (Unix seconds). ${CACHED}`, (e) => daySecs(e.state.dataAsOf));
  perSource(reg, snap, METRIC.sourceDataAsOfStalled, 'Whether the newest content change of the source did not advance its data as-of date (1) or did (0).', (e) => (e.state.dataAsOfStalled ? 1 : 0));
  perSource(reg, snap, METRIC.sourceExpectedInterval, 'Configured publication cadence of the source (seconds).', (e) => e.def.cadence.expectedIntervalSeconds);
  perSource(reg, snap, METRIC.sourceGrace, 'Configured grace after the expected publication before the source counts as late (seconds).', (e) => e.def.cadence.graceSeconds);
  perSource(reg, snap, METRIC.sourceNextExpected, 'When the next publication of the source is expected: last publication plus cadence (Unix seconds).', (e) =>
    e.state.publishedAt === null ? null : e.state.publishedAt / 1000 + e.def.cadence.expectedIntervalSeconds,
  );
  perSource(reg, snap, METRIC.sourceParseIssues, 'Issues (rejected rows or values) reported by the last parse of the source.', (e) => e.state.issues.length);
  perSource(reg, snap, METRIC.sourceFetchDuration, 'Wall time of the last HTTP fetch of the source, retries included (seconds).', (e) => {
    const ms = snap().fetchStats.get(e.def.id)?.lastDurationMs;
    return ms === undefined || ms === null ? null : ms / 1000;
  });
  registerInfo(reg, snap);
  registerErrorFamilies(reg, snap);
  registerFetchCounters(reg, snap);
}

function registerInfo(reg: Registry, snap: Snap): void {
  new Gauge({
    name: METRIC.sourceInfo,
    help: 'Static facts about each source (always 1): agency, title, agency page URL, whether it is known to be frozen.',
    labelNames: ['source', 'agency', 'title', 'url', 'frozen'] as const,
    registers: [reg],
    collect() {
      this.reset();
      for (const { def } of snap().sources) {
        this.set({ source: def.id, agency: def.agency, title: def.title, url: def.landingUrl, frozen: String(Boolean(def.frozen)) }, 1);
      }
    },
  });
  new Gauge({
    name: METRIC.sourceLastErrorInfo,
    help: 'The classified error of the last cycle (1) while the source is down; absent while it is up.',
    labelNames: ['source', 'kind'] as const,
    registers: [reg],
    collect() {
      this.reset();
      for (const { def, state } of snap().sources) {
        if (state.up === false && state.lastErrorKind) this.set({ source: def.id, kind: state.lastErrorKind }, 1);
      }
    },
  });
}

function registerErrorFamilies(reg: Registry, snap: Snap): void {
  new Counter({
    name: METRIC.sourceFetchErrors,
    help: 'Failed fetches of the source by classified kind (kept across restarts in the store).',
    labelNames: ['source', 'kind'] as const,
    registers: [reg],
    collect() {
      this.reset();
      const s = snap();
      for (const { def } of s.sources) {
        for (const kind of FETCH_ERROR_KINDS) this.inc({ source: def.id, kind }, s.errorCounts.get(`${def.id}\u0000${kind}`) ?? 0);
      }
    },
  });
  new Counter({
    name: METRIC.sourceParseErrors,
    help: 'Cycles of the source whose page or file did not match the parser (layout or validation errors).',
    labelNames: S,
    registers: [reg],
    collect() {
      this.reset();
      const s = snap();
      for (const { def } of s.sources) {
        const n = (s.errorCounts.get(`${def.id}\u0000layout`) ?? 0) + (s.errorCounts.get(`${def.id}\u0000validation`) ?? 0);
        this.inc({ source: def.id }, n);
      }
    },
  });
}

function registerFetchCounters(reg: Registry, snap: Snap): void {
  new Counter({
    name: METRIC.sourceFetches,
    help: 'HTTP fetches made for the source by outcome (ok, not_modified, error).',
    labelNames: ['source', 'outcome'] as const,
    registers: [reg],
    collect() {
      this.reset();
      const s = snap();
      for (const { def } of s.sources) {
        const f = s.fetchStats.get(def.id);
        this.inc({ source: def.id, outcome: 'ok' }, f?.ok ?? 0);
        this.inc({ source: def.id, outcome: 'not_modified' }, f?.notModified ?? 0);
        this.inc({ source: def.id, outcome: 'error' }, f?.error ?? 0);
      }
    },
  });
  new Counter({
    name: METRIC.sourceFetchBytes,
    help: 'Body bytes downloaded for the source (conditional requests that return 304 cost none).',
    labelNames: S,
    registers: [reg],
    collect() {
      this.reset();
      const s = snap();
      for (const { def } of s.sources) this.inc({ source: def.id }, s.fetchStats.get(def.id)?.bytes ?? 0);
    },
  });
}
