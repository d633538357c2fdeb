/**
 * ICE monthly tables by arresting agency (initial book-ins; average daily population):
 * header `Agency | Oct … Sep | Total` (or `FY Overall`), one row per agency. ICE fills months
 * not yet reached with 0, so the data pull date decides which months exist: later months are
 * absent, the pull date's own month is partial, earlier months are complete.
 */
import { LayoutError } from '../../src/core/errors.js';
import { fiscalMonthPeriod, fiscalYearOf, monthNumber } from '../../src/core/periods.js';
import type { Observation, ParseIssue } from '../../src/core/types.js';
import { columnOf, numberAt, rowOf, type Table } from './ice-sheet-tables.js';

export type Agency = 'ice' | 'cbp' | 'all';
const AGENCIES: readonly Agency[] = ['ice', 'cbp', 'all'];

export interface MonthlySpec {
  readonly series: 'ice_book_ins' | 'ice_average_daily_population';
  /** Row labels (normalised) of each agency row. */
  readonly rowLabels: Readonly<Record<Agency, RegExp>>;
  /** Header of the whole-year column. */
  readonly totalHeader: RegExp;
  /** `sum`: the year column is the sum of months; `day-weighted`: the mean over the year's days. */
  readonly yearColumn: 'sum' | 'day-weighted';
  /** Largest difference accepted between a figure and the figure recomputed from its parts. */
  readonly tolerance: number;
}

type MonthValues = Map<number, number | null>;

/** Month number (1..12) → column, from the header; `LayoutError` unless all twelve are there. */
function monthColumns(table: Table): Map<number, number> {
  const cols = new Map<number, number>();
  for (const h of table.header) {
    const m = /^[A-Za-z]+$/.test(h.text) ? monthNumber(h.text) : null;
    if (m !== null && !cols.has(m)) cols.set(m, h.col);
  }
  if (cols.size !== 12) throw new LayoutError(`"${table.title.text}" has ${cols.size} of the 12 month columns Oct … Sep`);
  return cols;
}

const FISCAL_ORDER = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Days in a `YYYY-MM` month, for the day-weighted yearly average. */
function daysIn(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Observations of one monthly table, validated: a row whose months do not add up to its year
 * column (sum tables, or any table once the year is complete) is dropped with a
 * `total_mismatch` issue; so is a month where ICE + CBP differs from the total row.
 */
export function monthlyObservations(table: Table, spec: MonthlySpec, pullDate: string, issues: ParseIssue[]): Observation[] {
  const fy = table.title.fiscalYear;
  const pullMonth = pullDate.slice(0, 7);
  const months = monthColumns(table);
  const yearCol = columnOf(table, spec.totalHeader, 'year total');
  const values = new Map<Agency, MonthValues>();
  for (const agency of AGENCIES) {
    const row = rowOf(table, spec.rowLabels[agency], `${agency.toUpperCase()} agency`);
    const what = (m: string): string => `${table.title.text} ${agency.toUpperCase()} ${m}`;
    const byMonth: MonthValues = new Map();
    for (const m of FISCAL_ORDER) byMonth.set(m, numberAt(table.title.sheet, row, months.get(m)!, what(String(m)), issues));
    const year = numberAt(table.title.sheet, row, yearCol, what('year'), issues);
    if (rowIsConsistent(byMonth, year, fy, pullMonth, spec, what('year'), issues)) values.set(agency, byMonth);
  }
  return FISCAL_ORDER.flatMap((m) => monthObservations(m, fy, pullMonth, values, spec, table.title.text, issues));
}

function rowIsConsistent(
  byMonth: MonthValues,
  year: number | null,
  fy: number,
  pullMonth: string,
  spec: MonthlySpec,
  what: string,
  issues: ParseIssue[],
): boolean {
  if ([...byMonth.values()].some((v) => v === null) || year === null) return false;
  let expected: number;
  if (spec.yearColumn === 'sum') {
    expected = [...byMonth.values()].reduce<number>((a, v) => a + v!, 0);
  } else {
    // A running year's average covers an unknown number of days of the current month.
    if (fiscalYearOf(pullMonth) <= fy) return true;
    const periods = FISCAL_ORDER.map((m) => [fiscalMonthPeriod(fy, m), byMonth.get(m)!] as const);
    const days = periods.reduce((a, [p]) => a + daysIn(p), 0);
    expected = periods.reduce((a, [p, v]) => a + v * daysIn(p), 0) / days;
  }
  if (Math.abs(expected - year) <= spec.tolerance) return true;
  issues.push({ code: 'total_mismatch', message: `${what}: months give ${round(expected)} but the table says ${year}; row not emitted` });
  return false;
}

function monthObservations(
  m: number,
  fy: number,
  pullMonth: string,
  values: ReadonlyMap<Agency, MonthValues>,
  spec: MonthlySpec,
  title: string,
  issues: ParseIssue[],
): Observation[] {
  const period = fiscalMonthPeriod(fy, m);
  if (period > pullMonth) {
    const stray = [...values.entries()].filter(([, v]) => (v.get(m) ?? 0) !== 0);
    if (stray.length > 0) issues.push({ code: 'after_pull_date', message: `${title}: ${period} has values after the data pull month ${pullMonth}; not emitted` });
    return [];
  }
  const [ice, cbp, all] = AGENCIES.map((a) => values.get(a)?.get(m) ?? null);
  if (ice != null && cbp != null && all != null && Math.abs(ice + cbp - all) > spec.tolerance) {
    issues.push({ code: 'total_mismatch', message: `${title} ${period}: ICE ${ice} + CBP ${cbp} ≠ total ${all}; month not emitted` });
    return [];
  }
  const partial = period === pullMonth;
  return AGENCIES.flatMap((agency) => {
    const value = values.get(agency)?.get(m);
    if (value == null) return [];
    return [{ series: spec.series, labels: { arresting_agency: agency }, period, value, ...(partial ? { partial: true } : {}) }];
  });
}

const round = (n: number): number => Math.round(n * 100) / 100;
