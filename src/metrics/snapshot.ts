import { FETCH_ERROR_KINDS } from '../core/errors.js';
import { SERIES } from '../core/series.js';
import type { SourceDef } from '../core/source.js';
import type { CurrentValue, RevisionSummary, SourceState, Store } from '../store/store.js';
import { fiscalYearToDate, paceFigures, removalsPace, type FytdFigure, type PaceFigure, type RemovalsPace } from './pace.js';

export interface PaceSettings {
  readonly removalsGoal: number;
  readonly goalOffPaceShare: number;
  readonly defaultPaceThreshold: number;
  readonly paceThresholds: Readonly<Record<string, number>>;
}

/** Everything one `/metrics` render needs, read from the store in one go. */
export interface MetricsSnapshot {
  readonly now: number;
  readonly sources: readonly { def: SourceDef; state: SourceState }[];
  readonly errorCounts: ReadonlyMap<string, number>;
  readonly fetchStats: ReadonlyMap<string, { bytes: number; lastDurationMs: number | null; ok: number; notModified: number; error: number }>;
  /** Newest complete period per exported series key. */
  readonly latest: readonly CurrentValue[];
  readonly revisions: readonly RevisionSummary[];
  readonly pace: readonly PaceFigure[];
  readonly fytd: readonly FytdFigure[];
  readonly removals: RemovalsPace | null;
  readonly settings: PaceSettings;
  readonly sizes: { observations: number; vintages: number; artifactBytes: number };
}

const EXPORTED = SERIES.filter((s) => s.exported).map((s) => s.name);

export function takeSnapshot(store: Store, sources: readonly SourceDef[], settings: PaceSettings, now: number): MetricsSnapshot {
  const values = store.currentValues(EXPORTED);
  const errorCounts = new Map<string, number>();
  for (const e of store.errorCounts()) errorCounts.set(`${e.source}\u0000${e.kind}`, e.count);
  return {
    now,
    sources: sources.map((def) => ({ def, state: store.state(def.id) })),
    errorCounts,
    fetchStats: fetchStats(store),
    latest: newestComplete(values),
    revisions: store.revisionSummaries(),
    pace: paceFigures(values),
    fytd: fiscalYearToDate(values),
    removals: removalsPace(values, settings.removalsGoal),
    settings,
    sizes: store.sizes(),
  };
}

/** Per key, the newest period that is not partial (a month in progress would look like a collapse). */
function newestComplete(values: readonly CurrentValue[]): CurrentValue[] {
  const best = new Map<string, CurrentValue>();
  for (const v of values) {
    if (v.partial) continue;
    const id = `${v.source}\u0000${v.series}\u0000${v.labels}`;
    const cur = best.get(id);
    if (!cur || v.period > cur.period) best.set(id, v);
  }
  return [...best.values()];
}

function fetchStats(store: Store): MetricsSnapshot['fetchStats'] {
  return new Map(store.fetchStats().map(({ source, ...stats }) => [source, stats]));
}

export { FETCH_ERROR_KINDS };
