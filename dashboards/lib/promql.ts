import { PERIOD_END_SUFFIX } from '../../src/metrics/names.js';
import { seriesMetricName, type SeriesName } from '../../src/core/series.js';

/**
 * PromQL building blocks shared by every dashboard. Metric names come from `src/metrics/names.ts`
 * (`METRIC`) and `src/core/series.ts` (`seriesMetricName`); this module only adds selectors.
 */

/** Label matchers as an object: `{ region: 'southwest_land_border' }` → `region="southwest_land_border"`. */
export type Matchers = Readonly<Record<string, string>>;

/** The dashboard variable every per-source selector is filtered by (multi-value, "All" = `.*`). */
export const SOURCE_MATCHER = 'source=~"$source"';

const OPERATORS = ['=~', '!~', '!='] as const;
const matcherText = (m: Matchers): string[] =>
  Object.entries(m).map(([k, v]) => (OPERATORS.some((op) => v.startsWith(op)) ? `${k}${v.slice(0, 2)}"${v.slice(2)}"` : `${k}="${v}"`));

/**
 * A selector of a per-source family filtered by `$source`, plus optional matchers. A value that
 * starts with `=~`, `!~` or `!=` keeps that operator: `{ arresting_agency: '!=all' }`.
 */
export function sel(metric: string, matchers: Matchers = {}): string {
  return `${metric}{${[SOURCE_MATCHER, ...matcherText(matchers)].join(',')}}`;
}

/** A selector without the `$source` filter, for families that carry no `source` label. */
export function bare(metric: string, matchers: Matchers = {}): string {
  const m = matcherText(matchers);
  return m.length === 0 ? metric : `${metric}{${m.join(',')}}`;
}

/** The family of an exported observation series (`enforcement_<series>`). */
export const seriesMetric = (name: SeriesName): string => seriesMetricName(name);

/** The family holding the end of the period `enforcement_<series>` currently exports. */
export const periodEndMetric = (name: SeriesName): string => `${seriesMetricName(name)}${PERIOD_END_SUFFIX}`;

/** Unix seconds → milliseconds, which Grafana's date units expect. */
export const millis = (expr: string): string => `(${expr}) * 1000`;

/** Seconds → days, the unit the publication alerts speak in. */
export const days = (expr: string): string => `(${expr}) / 86400`;

/** Seconds since a Unix-seconds timestamp. */
export const ageOf = (expr: string): string => `(time() - ${expr})`;

/** Counter increase per panel interval (`$__rate_interval` adapts to the scrape interval). */
export const increase = (expr: string): string => `increase(${expr}[$__rate_interval])`;

/**
 * An observation series over time, from both places it lives in Prometheus:
 * - the history backfilled from the store (`backfill` command + `promtool tsdb
 *   create-blocks-from openmetrics`): one sample per reference period, stamped at the end of
 *   the period, without `job`/`instance` labels; `last_over_time(…[$__interval])` makes each
 *   sparse sample show at the step after it;
 * - the live exporter (scraped, with `instance`): the newest complete period, from the time
 *   Prometheus first scraped it.
 * Backfilled history wins where both exist; `job`/`instance` are dropped so the two join up.
 */
export function history(name: SeriesName, matchers: Matchers = {}): string {
  const metric = seriesMetricName(name);
  const backfilled = `max without (job, instance) (last_over_time(${sel(metric, { ...matchers, instance: '' })}[$__interval]))`;
  const live = `max without (job, instance) (${sel(metric, { ...matchers, instance: '!=' })})`;
  return `${backfilled}\nor\n${live}`;
}
