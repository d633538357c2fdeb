/**
 * The catalog of observation series: the one place their names, label names, units and help
 * texts are declared. Parsers emit only these series; the exporter builds one Prometheus family
 * `enforcement_<name>` per exported series (plus `enforcement_<name>_period_end_timestamp_seconds`);
 * dashboards and alert rules import the names from here.
 */

export interface SeriesDef {
  readonly name: string;
  readonly help: string;
  /** Label names carried by observations (the exporter adds `source`). */
  readonly labelNames: readonly string[];
  /** Monthly flow (`month`) or a point-in-time figure at the data as-of date (`day`). */
  readonly periodKind: 'month' | 'day';
  readonly unit: 'people' | 'removals' | 'people_per_day';
  /** False for fine breakdowns kept in the store and the JSON API but not exported (cardinality). */
  readonly exported: boolean;
}

const series = <const N extends string>(def: SeriesDef & { name: N }) => def;

export const SERIES = [
  series({
    name: 'usbp_apprehensions',
    help: 'U.S. Border Patrol apprehensions in a month, from the static table on the CBP Nationwide Encounters page.',
    labelNames: ['region', 'kind'],
    periodKind: 'month',
    unit: 'people',
    exported: true,
  }),
  series({
    name: 'cbp_encounters',
    help: 'CBP encounters in a month (sum of every row of the CBP encounters CSV for that month and group).',
    labelNames: ['region', 'component'],
    periodKind: 'month',
    unit: 'people',
    exported: true,
  }),
  series({
    name: 'cbp_encounters_by_aor',
    help: 'CBP encounters in a month by area of responsibility (sector or field office).',
    labelNames: ['region', 'component', 'aor'],
    periodKind: 'month',
    unit: 'people',
    exported: false,
  }),
  series({
    name: 'cbp_encounters_by_category',
    help: 'CBP encounters in a month by demographic, citizenship, title of authority and encounter type.',
    labelNames: ['region', 'component', 'demographic', 'citizenship', 'authority', 'encounter_type'],
    periodKind: 'month',
    unit: 'people',
    exported: false,
  }),
  series({
    name: 'cbp_release_figure',
    help: 'A headline figure stated in the prose of a CBP monthly-update press release.',
    labelNames: ['figure'],
    periodKind: 'month',
    unit: 'people',
    exported: true,
  }),
  series({
    name: 'ice_detained',
    help: 'People in ICE detention at the data pull date, by arresting agency (ICE detention statistics workbook).',
    labelNames: ['arresting_agency'],
    periodKind: 'day',
    unit: 'people',
    exported: true,
  }),
  series({
    name: 'ice_removals_fytd',
    help: 'ICE removals in the fiscal year to date at the data pull date (ICE detention statistics workbook).',
    labelNames: ['fiscal_year'],
    periodKind: 'day',
    unit: 'removals',
    exported: true,
  }),
  series({
    name: 'ice_book_ins',
    help: 'ICE initial book-ins into detention in a month, by arresting agency (ICE detention statistics workbook).',
    labelNames: ['arresting_agency'],
    periodKind: 'month',
    unit: 'people',
    exported: true,
  }),
  series({
    name: 'ice_average_daily_population',
    help: 'Average daily ICE detention population in a month, by arresting agency (ICE detention statistics workbook).',
    labelNames: ['arresting_agency'],
    periodKind: 'month',
    unit: 'people',
    exported: true,
  }),
  series({
    name: 'ohss_usbp_encounters',
    help: 'USBP encounters in a month from the DHS OHSS Key Homeland Security Metric workbook (rounded to 10 by OHSS).',
    labelNames: ['region'],
    periodKind: 'month',
    unit: 'people',
    exported: true,
  }),
] as const satisfies readonly SeriesDef[];

export type SeriesName = (typeof SERIES)[number]['name'];

const BY_NAME: ReadonlyMap<string, SeriesDef> = new Map(SERIES.map((s) => [s.name, s]));

export function seriesDef(name: string): SeriesDef | undefined {
  return BY_NAME.get(name);
}

/** The Prometheus family name of a series. */
export function seriesMetricName(name: SeriesName): string {
  return `enforcement_${name}`;
}
