import { fiscalYearOf, isDayPeriod, isMonthPeriod } from '../core/periods.js';
import type { Labels } from '../core/types.js';
import type { CurrentValue } from '../store/store.js';
import type { ChartSeries, ChartSpec } from './charts.js';
import { formatNumber } from '../core/text.js';

/**
 * The three charts of the status page, built from current values: ICE removals in the fiscal
 * year to date against the straight-line pace to the goal, the ICE detained population, and
 * monthly encounters at the southwest border. Pure: values and settings in, chart specs out.
 */

export interface KeyChart extends ChartSpec {
  /** Rows for the data table shown with the chart: period then one value per data series. */
  readonly table: { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
  /** The source(s) the figures come from. */
  readonly sources: readonly string[];
}

export const KEY_SERIES = ['ice_removals_fytd', 'ice_detained', 'cbp_encounters'] as const;

const fmt = (n: number): string => formatNumber(n);
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const monthMs = (month: string): number => Date.parse(`${month}-15T00:00:00Z`);
const labelsOf = (v: CurrentValue): Labels => JSON.parse(v.labels) as Labels;

export function keyCharts(values: readonly CurrentValue[], goal: number): KeyChart[] {
  return [removalsChart(values, goal), detainedChart(values), encountersChart(values)];
}

/** Newest fiscal year of `ice_removals_fytd`, with the goal pace from 0 on 1 Oct to the goal on 30 Sep. */
function removalsChart(values: readonly CurrentValue[], goal: number): KeyChart {
  const fytd = values.filter((v) => v.series === 'ice_removals_fytd' && isDayPeriod(v.period));
  const fyOf = (v: CurrentValue) => Number(labelsOf(v).fiscal_year ?? fiscalYearOf(v.period));
  const fy = fytd.length ? Math.max(...fytd.map(fyOf)) : null;
  const base = { id: 'chart-removals', title: 'ICE removals in the fiscal year to date, against the goal pace' };
  if (fy === null) return { ...base, description: 'No removals figures stored yet.', series: [], table: { head: [], rows: [] }, sources: [] };
  const points = fytd.filter((v) => fyOf(v) === fy).sort((a, b) => (a.period < b.period ? -1 : 1));
  // As the exporter counts: the as-of day is included, so the pace line runs from 0 at the start
  // of 1 October to the goal at the end of 30 September, and each figure sits at the end of its day.
  const start = Date.UTC(fy - 1, 9, 1);
  const end = Date.UTC(fy, 9, 1);
  const endOfDay = (day: string) => dayMs(day) + 86_400_000;
  const paceAt = (t: number) => (goal * (t - start)) / (end - start);
  const last = points.at(-1)!;
  const onPace = paceAt(endOfDay(last.period));
  const series: ChartSeries[] = [
    { name: `Removals FY${fy} to date`, points: points.map((v) => ({ x: endOfDay(v.period), y: v.value })) },
    { name: `Straight-line pace to ${fmt(goal)} by 30 Sep ${fy}`, kind: 'ref', points: [{ x: start, y: 0 }, { x: end, y: goal }] },
  ];
  return {
    ...base,
    title: `ICE removals in fiscal year ${fy} to date, against the pace to ${fmt(goal)}`,
    description: `${fmt(last.value)} removals as of ${last.period}; the straight-line pace to the goal would be ${fmt(onPace)} by that date (${Math.round((last.value / onPace) * 100)}% of it).`,
    series,
    xDomain: [start, end],
    yMax: goal,
    table: { head: ['Data as of', 'Removals FYTD', 'Goal pace'], rows: points.map((v) => [v.period, fmt(v.value), fmt(paceAt(endOfDay(v.period)))]) },
    sources: [...new Set(points.map((v) => v.source))],
  };
}

const AGENCY_NAMES: Readonly<Record<string, string>> = { all: 'Total detained', ice: 'Arrested by ICE', cbp: 'Arrested by CBP' };

function detainedChart(values: readonly CurrentValue[]): KeyChart {
  const rows = values.filter((v) => v.series === 'ice_detained' && isDayPeriod(v.period));
  const groups = groupBy(rows, (v) => labelsOf(v).arresting_agency ?? 'all', ['all', 'ice', 'cbp']);
  const totals = groups.get('all') ?? [...groups.values()][0] ?? [];
  const last = totals.at(-1);
  const split = ['ice', 'cbp'].map((a) => groups.get(a)?.find((v) => v.period === last?.period)).filter((v): v is CurrentValue => Boolean(v));
  return {
    id: 'chart-detained',
    title: 'People in ICE detention',
    description: last
      ? `${fmt(last.value)} people in ICE detention on ${last.period}${split.length ? ` (${split.map((v) => `arrested by ${labelsOf(v).arresting_agency!.toUpperCase()}: ${fmt(v.value)}`).join(', ')})` : ''}.`
      : 'No detention figures stored yet.',
    series: [...groups].map(([k, vs]) => ({ name: AGENCY_NAMES[k] ?? k, points: vs.map((v) => ({ x: dayMs(v.period), y: v.value })) })),
    table: tableOf(groups, (k) => AGENCY_NAMES[k] ?? k, 'Data as of'),
    sources: [...new Set(rows.map((v) => v.source))],
  };
}

const COMPONENT_NAMES: Readonly<Record<string, string>> = { all: 'All CBP encounters', usbp: 'Border Patrol (USBP)', ofo: 'Field Operations (OFO)' };
/** The dedicated southwest file first; the nationwide file holds the same totals. */
const ENCOUNTER_SOURCES = ['cbp-southwest-csv', 'cbp-nationwide-csv'];

function encountersChart(values: readonly CurrentValue[]): KeyChart {
  const sw = values.filter((v) => v.series === 'cbp_encounters' && isMonthPeriod(v.period) && !v.partial && labelsOf(v).region === 'southwest_land_border');
  const sources = [...new Set(sw.map((v) => v.source))].sort((a, b) => rank(a) - rank(b));
  const source = sources[0];
  const recent = sw.filter((v) => v.source === source).filter((v, _, a) => v.period > shiftMonths(maxPeriod(a), -48));
  const groups = groupBy(recent, (v) => labelsOf(v).component ?? 'all', ['all', 'usbp', 'ofo']);
  const totals = groups.get('all') ?? [];
  const last = totals.at(-1);
  return {
    id: 'chart-encounters',
    title: 'Monthly encounters at the southwest land border',
    description: last
      ? `${fmt(last.value)} encounters at the southwest land border in ${last.period}${totals.length > 1 ? ` (${totals.at(-2)!.period}: ${fmt(totals.at(-2)!.value)})` : ''}.`
      : 'No southwest border encounter figures stored yet.',
    series: [...groups].map(([k, vs]) => ({ name: COMPONENT_NAMES[k] ?? k, points: vs.map((v) => ({ x: monthMs(v.period), y: v.value })) })),
    table: tableOf(groups, (k) => COMPONENT_NAMES[k] ?? k, 'Month'),
    sources: source ? [source] : [],
  };
}

const rank = (s: string): number => (ENCOUNTER_SOURCES.indexOf(s) + ENCOUNTER_SOURCES.length + 1) % (ENCOUNTER_SOURCES.length + 1);
const maxPeriod = (vs: readonly CurrentValue[]): string => vs.reduce((m, v) => (v.period > m ? v.period : m), '0000-01');

function shiftMonths(period: string, by: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** Groups by key in the preferred key order, each group sorted by period. */
function groupBy(values: readonly CurrentValue[], key: (v: CurrentValue) => string, order: readonly string[]): Map<string, CurrentValue[]> {
  const groups = new Map<string, CurrentValue[]>();
  for (const k of order) groups.set(k, []);
  for (const v of values) {
    const k = key(v);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(v);
  }
  for (const [k, vs] of groups) {
    if (vs.length === 0) groups.delete(k);
    else vs.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  }
  return groups;
}

function tableOf(groups: Map<string, CurrentValue[]>, name: (k: string) => string, periodHead: string): KeyChart['table'] {
  const keys = [...groups.keys()];
  const periods = [...new Set([...groups.values()].flat().map((v) => v.period))].sort().reverse();
  const at = new Map([...groups].flatMap(([k, vs]) => vs.map((v) => [`${k}\u0000${v.period}`, v.value] as const)));
  return {
    head: [periodHead, ...keys.map(name)],
    rows: periods.map((p) => [p, ...keys.map((k) => (at.has(`${k}\u0000${p}`) ? fmt(at.get(`${k}\u0000${p}`)!) : '–'))]),
  };
}
