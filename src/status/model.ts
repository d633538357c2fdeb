import type { SourceDef } from '../core/source.js';
import type { Exporter } from '../metrics/exporter.js';
import { METRIC } from '../metrics/names.js';
import { takeSnapshot, type PaceSettings } from '../metrics/snapshot.js';
import { sourcesView } from '../server/views.js';
import type { Store } from '../store/store.js';
import { activeConditions, type Condition } from './conditions.js';
import { KEY_SERIES, keyCharts, type KeyChart } from './key-series.js';

/** Everything the status page shows, read from the store at one moment. */
export interface StatusModel {
  readonly generatedAt: number;
  readonly version: string;
  readonly sources: ReturnType<typeof sourcesView>;
  readonly conditions: readonly Condition[];
  readonly charts: readonly KeyChart[];
  readonly settings: PaceSettings;
}

export interface StatusDeps {
  readonly store: Store;
  readonly sources: readonly SourceDef[];
  readonly version: string;
}

export function buildStatusModel(deps: StatusDeps, settings: PaceSettings, now: number): StatusModel {
  const snapshot = takeSnapshot(deps.store, deps.sources, settings, now);
  return {
    generatedAt: now,
    version: deps.version,
    sources: sourcesView(deps.store, deps.sources, now),
    conditions: activeConditions(snapshot),
    charts: keyCharts(deps.store.currentValues(KEY_SERIES), settings.removalsGoal),
    settings,
  };
}

/**
 * The goal and pace settings the exporter was built with, read back from its own gauges
 * (`enforcement_removals_goal`, `…_off_pace_share`, `enforcement_pace_shift_threshold_ratio`),
 * so the page and the alert rules compare against the same numbers without wiring the config
 * twice. Settings do not change while the process runs: read once.
 */
export async function settingsFromExporter(exporter: Exporter): Promise<PaceSettings> {
  const read = async (name: string) => (await exporter.registry.getSingleMetric(name)?.get())?.values ?? [];
  const goal = (await read(METRIC.removalsGoal))[0]?.value;
  const share = (await read(METRIC.removalsGoalOffPaceShare))[0]?.value;
  const thresholds: Record<string, number> = {};
  for (const v of await read(METRIC.paceShiftThreshold)) if (typeof v.labels.series === 'string') thresholds[v.labels.series] = v.value;
  const values = Object.values(thresholds);
  // Every exported monthly series has a threshold; the most common one is the default.
  const defaultThreshold = mode(values) ?? 0.4;
  return { removalsGoal: goal ?? 1_000_000, goalOffPaceShare: share ?? 0.8, defaultPaceThreshold: defaultThreshold, paceThresholds: thresholds };
}

function mode(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
