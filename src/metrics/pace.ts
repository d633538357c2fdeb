import { fiscalYearOf, isDayPeriod, isoDay, previousMonth } from '../core/periods.js';
import type { CurrentValue } from '../store/store.js';

/**
 * Pace and goal figures computed from the stored history. Pure functions: the exporter feeds
 * them the current values and the clock. Partial months are never compared with complete ones.
 */

export interface PaceFigure {
  readonly source: string;
  readonly series: string;
  /** Canonical labels JSON of the observation key. */
  readonly labels: string;
  readonly basis: 'previous_month' | 'trailing_3_month_mean';
  /** The newest complete month that was compared. */
  readonly period: string;
  readonly ratio: number;
}

export interface FytdFigure {
  readonly source: string;
  readonly series: string;
  readonly labels: string;
  readonly fiscalYear: number;
  readonly total: number;
}

type Group = { source: string; series: string; labels: string; months: Map<string, CurrentValue> };

function groupMonthly(values: readonly CurrentValue[]): Group[] {
  const groups = new Map<string, Group>();
  for (const v of values) {
    if (!/^\d{4}-\d{2}$/.test(v.period)) continue;
    const id = `${v.source}\u0000${v.series}\u0000${v.labels}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { source: v.source, series: v.series, labels: v.labels, months: new Map() }));
    g.months.set(v.period, v);
  }
  return [...groups.values()];
}

/** Month-over-month and trailing-three-month-mean ratios of the newest complete month of each series. */
export function paceFigures(values: readonly CurrentValue[]): PaceFigure[] {
  const out: PaceFigure[] = [];
  for (const g of groupMonthly(values)) {
    const complete = [...g.months.values()].filter((v) => !v.partial).map((v) => v.period).sort();
    const latest = complete.at(-1);
    if (!latest) continue;
    const value = g.months.get(latest)!.value;
    const base = { source: g.source, series: g.series, labels: g.labels, period: latest };
    const prev = [previousMonth(latest)];
    const trailing = [prev[0]!, previousMonth(prev[0]!), previousMonth(previousMonth(prev[0]!))];
    const prevMean = meanOfComplete(g, prev);
    const trailingMean = meanOfComplete(g, trailing);
    if (prevMean) out.push({ ...base, basis: 'previous_month', ratio: value / prevMean - 1 });
    if (trailingMean) out.push({ ...base, basis: 'trailing_3_month_mean', ratio: value / trailingMean - 1 });
  }
  return out;
}

/** Mean of the given months when all are present, complete and the mean is positive. */
function meanOfComplete(g: Group, months: readonly string[]): number | null {
  let sum = 0;
  for (const m of months) {
    const v = g.months.get(m);
    if (!v || v.partial) return null;
    sum += v.value;
  }
  const mean = sum / months.length;
  return mean > 0 ? mean : null;
}

/** Fiscal-year-to-date totals (partial current month included: it is "to date") for the newest FY of each series. */
export function fiscalYearToDate(values: readonly CurrentValue[]): FytdFigure[] {
  const out: FytdFigure[] = [];
  for (const g of groupMonthly(values)) {
    const periods = [...g.months.keys()].sort();
    const fy = fiscalYearOf(periods.at(-1)!);
    const total = periods.filter((p) => fiscalYearOf(p) === fy).reduce((s, p) => s + g.months.get(p)!.value, 0);
    out.push({ source: g.source, series: g.series, labels: g.labels, fiscalYear: fy, total });
  }
  return out;
}

export interface RemovalsPace {
  readonly source: string;
  readonly fiscalYear: number;
  readonly asOf: string;
  readonly removalsToDate: number;
  readonly currentDailyPace: number;
  readonly annualizedPace: number;
  readonly goalProgressRatio: number;
  /** Removals per day needed from the as-of date to reach the goal by 30 September; 0 once reached. */
  readonly requiredDailyPace: number;
}

const DAY_MS = 86_400_000;

/**
 * Goal tracking from the newest fiscal-year-to-date removals figure (`ice_removals_fytd`, a
 * point-in-time value at the data pull date). The pace is computed over the days elapsed in the
 * fiscal year up to and including the as-of date.
 */
export function removalsPace(values: readonly CurrentValue[], goal: number): RemovalsPace | null {
  const fytd = values.filter((v) => v.series === 'ice_removals_fytd' && isDayPeriod(v.period));
  const newest = fytd.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)).at(-1);
  if (!newest) return null;
  const fy = Number((JSON.parse(newest.labels) as { fiscal_year?: string }).fiscal_year ?? fiscalYearOf(newest.period));
  const start = Date.parse(`${isoDay(fy - 1, 10, 1)}T00:00:00Z`);
  const end = Date.parse(`${isoDay(fy, 9, 30)}T00:00:00Z`);
  const asOf = Date.parse(`${newest.period}T00:00:00Z`);
  const elapsedDays = Math.min(Math.max(1, (asOf - start) / DAY_MS + 1), (end - start) / DAY_MS + 1);
  const yearDays = (end - start) / DAY_MS + 1;
  const remainingDays = Math.max(0, (end - asOf) / DAY_MS);
  const daily = newest.value / elapsedDays;
  const remaining = Math.max(0, goal - newest.value);
  return {
    source: newest.source,
    fiscalYear: fy,
    asOf: newest.period,
    removalsToDate: newest.value,
    currentDailyPace: daily,
    annualizedPace: daily * yearDays,
    goalProgressRatio: newest.value / goal,
    requiredDailyPace: remaining === 0 ? 0 : remainingDays > 0 ? remaining / remainingDays : Infinity,
  };
}
