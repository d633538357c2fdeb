import { isDayPeriod, isMonthPeriod, periodEndSeconds } from '../core/periods.js';
import { SERIES, seriesMetricName, type SeriesDef, type SeriesName } from '../core/series.js';
import type { Labels } from '../core/types.js';
import type { HistoryPoint } from '../store/exports.js';

/**
 * The stored history as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`.
 *
 * Same families and labels as the live exporter (`enforcement_<series>{source,…}`, label
 * values as stored), one gauge sample per reference period stamped at the END of the period
 * (`periodEndSeconds`: 2025-03 → 2025-03-31T23:59:59Z, in seconds as OpenMetrics wants).
 * Only exported series, only complete (non-partial) current values, only periods of the
 * series' own kind. Families are sorted by name, series by label set, samples by time; the
 * text ends with `# EOF`.
 */

export const EXPORTED_SERIES: readonly SeriesName[] = SERIES.filter((s) => s.exported).map((s) => s.name);

export interface OpenMetricsSummary {
  readonly families: number;
  readonly series: number;
  readonly samples: number;
  /** Points left out: unknown or unexported series, or a period of the wrong kind. */
  readonly skipped: number;
}

type Family = { def: SeriesDef; series: Map<string, { ts: number; value: number }[]> };

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** `{source="…",k="v"}` with the stored labels in their canonical (sorted) order after `source`. */
export function labelSet(source: string, labels: Labels): string {
  const parts = [`source="${escapeLabel(source)}"`];
  for (const k of Object.keys(labels).sort()) parts.push(`${k}="${escapeLabel(labels[k]!)}"`);
  return `{${parts.join(',')}}`;
}

const kindMatches = (def: SeriesDef, period: string): boolean => (def.periodKind === 'month' ? isMonthPeriod(period) : isDayPeriod(period));

/** Groups points by family and series; input order does not matter. */
function group(points: Iterable<HistoryPoint>, onPoint?: () => void): { families: Map<string, Family>; skipped: number } {
  const exported = new Map(SERIES.filter((s) => s.exported).map((s) => [s.name as string, s as SeriesDef]));
  const families = new Map<string, Family>();
  let skipped = 0;
  for (const p of points) {
    onPoint?.();
    const def = exported.get(p.series);
    if (!def || !kindMatches(def, p.period) || !Number.isFinite(p.value)) {
      skipped++;
      continue;
    }
    const name = seriesMetricName(def.name as SeriesName);
    let fam = families.get(name);
    if (!fam) families.set(name, (fam = { def, series: new Map() }));
    const key = labelSet(p.source, JSON.parse(p.labels) as Labels);
    let samples = fam.series.get(key);
    if (!samples) fam.series.set(key, (samples = []));
    samples.push({ ts: periodEndSeconds(p.period), value: p.value });
  }
  return { families, skipped };
}

/**
 * Renders the points as OpenMetrics lines (each ending in `\n`), `# EOF` last. `onPoint` is
 * called once per input point (progress).
 */
export function* openMetricsLines(points: Iterable<HistoryPoint>, summary?: (s: OpenMetricsSummary) => void, onPoint?: () => void): Generator<string> {
  const { families, skipped } = group(points, onPoint);
  let series = 0;
  let samples = 0;
  for (const name of [...families.keys()].sort()) {
    const fam = families.get(name)!;
    yield `# HELP ${name} ${escapeHelp(`${fam.def.help} Unit: ${fam.def.unit}.`)}\n`;
    yield `# TYPE ${name} gauge\n`;
    for (const key of [...fam.series.keys()].sort()) {
      const points = fam.series.get(key)!.sort((a, b) => a.ts - b.ts);
      series++;
      let lines = '';
      for (let i = 0; i < points.length; i++) {
        // One sample per timestamp: a duplicate would be rejected by promtool.
        if (i > 0 && points[i]!.ts === points[i - 1]!.ts) continue;
        lines += `${name}${key} ${points[i]!.value} ${points[i]!.ts}\n`;
        samples++;
      }
      yield lines;
    }
  }
  yield '# EOF\n';
  summary?.({ families: families.size, series, samples, skipped });
}

/** The whole text at once (tests, small stores). */
export function renderOpenMetrics(points: Iterable<HistoryPoint>): string {
  return [...openMetricsLines(points)].join('');
}
