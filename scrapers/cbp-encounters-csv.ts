/**
 * Parser `cbp-encounters-csv`: the CBP encounters CSVs linked from the Public Data Portal
 * listings, in both layouts (detected by the header):
 * - nationwide by Area of Responsibility (`nationwide-encounters-fy23-fy26-aug-aor.csv`, ~7 MB);
 * - Southwest Land Border (`sbo-encounters-fy22-fy25-aug.csv`), every row in the SW region.
 *
 * A month's figure is the sum of every row of that month, so the file is read as a stream of
 * lines into running sums (memory grows with the number of groups, not of rows). A bad row
 * makes every sum of its month untrustworthy: the whole month is withheld, never published with
 * a missing part.
 */
import { LayoutError, ValidationError } from '../src/core/errors.js';
import { fiscalMonthPeriod, fiscalYearOf, lastDayOfMonth } from '../src/core/periods.js';
import type { Observation, ParseInput, ParseIssue, ParseResult, ParserDef } from '../src/core/types.js';
import { checkRow, fiscalYear, KEY_SEP, LAYOUTS, monthOf, LineSplitter, splitRecord, type Layout } from './lib/cbp-csv.js';

/** Row issues kept in full; past this a bad file would bloat the result, so they are only counted. */
const MAX_ROW_ISSUES = 50;
const CHUNK_BYTES = 64 * 1024;

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Everything the aggregator keeps: running sums and the bad-row bookkeeping, never the rows. */
interface Sums {
  readonly layout: Layout;
  readonly rows: number;
  readonly newestPeriod: string;
  readonly totals: ReadonlyMap<string, number>;
  readonly byAor: ReadonlyMap<string, number>;
  readonly byCategory: ReadonlyMap<string, number>;
  readonly rowIssues: readonly ParseIssue[];
  readonly suppressedIssues: number;
  /** Withheld scopes → bad rows: `FY:YYYY-MM`, `FY:*` (month unreadable) or `*` (fiscal year unreadable). */
  readonly withheld: ReadonlyMap<string, number>;
}

/**
 * Streams one CBP encounters CSV into monthly sums. Feed it with {@link push} in any chunking
 * and call {@link end} once. Memory holds only the running sums and the current line.
 */
export class EncountersCsvAggregator {
  private readonly splitter = new LineSplitter((text, lineNo) => this.line(text, lineNo));
  private layout: Layout | null = null;
  private rows = 0;
  private newestPeriod = '';
  private readonly totals = new Map<string, number>();
  private readonly byAor = new Map<string, number>();
  private readonly byCategory = new Map<string, number>();
  private readonly rowIssues: ParseIssue[] = [];
  private suppressedIssues = 0;
  private readonly withheld = new Map<string, number>();

  /** @param url where the file came from; named in layout errors. */
  constructor(private readonly url: string) {}

  /** Feeds the next bytes. Throws `LayoutError` as soon as the header shows this is not a known CBP CSV. */
  push(chunk: Buffer): void {
    this.splitter.push(chunk);
  }

  /** Finishes the file; see {@link parseEncountersCsv} for the result contract. */
  end(): ParseResult {
    this.splitter.end();
    if (!this.layout) throw this.layoutError('empty file');
    if (this.rows === 0 && this.withheld.size === 0) throw this.layoutError('CSV header but no data rows');
    const { layout, rows, newestPeriod, totals, byAor, byCategory, rowIssues, suppressedIssues, withheld } = this;
    return buildResult({ layout, rows, newestPeriod, totals, byAor, byCategory, rowIssues, suppressedIssues, withheld });
  }

  private layoutError(reason: string): LayoutError {
    return new LayoutError(`${reason} (${this.url})`);
  }

  private line(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    if (!this.layout) {
      this.layout = this.header(text);
      return;
    }
    const fields = splitRecord(text);
    const row = fields ? checkRow(fields, this.layout) : { code: 'bad_quoting', reason: 'unbalanced quotes' };
    if ('code' in row) return this.reject(fields ?? text.split(','), lineNo, row.code, row.reason);
    this.rows++;
    this.seePeriod(row.period);
    add(this.totals, [row.period, row.region, row.component].join(KEY_SEP), row.count);
    if (row.aor !== null) add(this.byAor, [row.period, row.region, row.component, row.aor].join(KEY_SEP), row.count);
    add(this.byCategory, [row.period, row.region, row.component, row.category].join(KEY_SEP), row.count);
  }

  private seePeriod(period: string): void {
    if (period > this.newestPeriod) this.newestPeriod = period;
  }

  private header(line: string): Layout {
    const text = line.replace(/^\uFEFF/, '').trim();
    if (text.startsWith('<')) throw this.layoutError('an HTML page was served instead of the CSV');
    const normalised = (splitRecord(text) ?? []).map((f) => f.trim()).join(',').toLowerCase();
    const layout = LAYOUTS.get(normalised);
    if (!layout) throw this.layoutError(`unrecognised CSV header "${text.slice(0, 300)}"`);
    return layout;
  }

  /** Records a bad row and withholds its month (or, when the month is unreadable, its year or everything). */
  private reject(fields: string[], line: number, code: string, reason: string): void {
    // Fiscal Year and Month are the 1st and 3rd fields in both layouts.
    const fy = fiscalYear(fields[0]);
    const month = monthOf(fields[2]);
    const period = fy !== null && month !== null ? fiscalMonthPeriod(fy, month) : null;
    if (period) this.seePeriod(period);
    const scope = fy === null ? '*' : `${fy}:${period ?? '*'}`;
    this.withheld.set(scope, (this.withheld.get(scope) ?? 0) + 1);
    if (this.rowIssues.length >= MAX_ROW_ISSUES) {
      this.suppressedIssues++;
      return;
    }
    this.rowIssues.push({ code, message: `line ${line}: ${reason}; ${describeScope(scope)} withheld` });
  }
}

function describeScope(scope: string): string {
  if (scope === '*') return 'every month';
  const [fy, period] = scope.split(':') as [string, string];
  return period === '*' ? `every month of FY${fy}` : `month ${period}`;
}

function isWithheld(withheld: ReadonlyMap<string, number>, period: string): boolean {
  const fy = fiscalYearOf(period);
  return withheld.has('*') || withheld.has(`${fy}:*`) || withheld.has(`${fy}:${period}`);
}

/** `cbp_encounters` for each region and component plus the `all`/`nationwide` roll-ups. */
function encounterTotals(totals: ReadonlyMap<string, number>, nationwide: boolean): Observation[] {
  const sums = new Map<string, number>();
  for (const [key, value] of totals) {
    const [period, region, component] = key.split(KEY_SEP) as [string, string, string];
    const regions = nationwide ? [region, 'nationwide'] : [region];
    for (const r of regions) for (const c of [component, 'all']) add(sums, [period, r, c].join(KEY_SEP), value);
  }
  return [...sums].map(([key, value]) => {
    const [period, region, component] = key.split(KEY_SEP) as [string, string, string];
    return { series: 'cbp_encounters', labels: { region, component }, period, value };
  });
}

function breakdowns(state: Sums): Observation[] {
  const out: Observation[] = [];
  for (const [key, value] of state.byAor) {
    const [period, region, component, aor] = key.split(KEY_SEP) as [string, string, string, string];
    out.push({ series: 'cbp_encounters_by_aor', labels: { region, component, aor }, period, value });
  }
  for (const [key, value] of state.byCategory) {
    const [period = '', region = '', component = '', demographic = '', citizenship = '', authority = '', type = ''] = key.split(KEY_SEP);
    const labels = { region, component, demographic, citizenship, authority, encounter_type: type };
    out.push({ series: 'cbp_encounters_by_category', labels, period, value });
  }
  return out;
}

/**
 * Sorted by series, period and label values. The key is built once per observation, not once
 * per comparison: on the ~7 MB nationwide file (~28,000 observations) building it inside the
 * comparator took about 40 % of the whole parse (bench/parse.ts).
 */
function sortObservations(list: readonly Observation[]): Observation[] {
  return list
    .map((o) => ({ o, key: [o.series, o.period, ...Object.values(o.labels)].join(KEY_SEP) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((k) => k.o);
}

function buildResult(state: Sums): ParseResult {
  const all = [...encounterTotals(state.totals, state.layout.name === 'nationwide_aor'), ...breakdowns(state)];
  const observations = sortObservations(state.withheld.size === 0 ? all : all.filter((o) => !isWithheld(state.withheld, o.period)));
  const issues = [...state.rowIssues];
  if (state.suppressedIssues > 0) issues.push({ code: 'issues_truncated', message: `${state.suppressedIssues} more bad rows not listed` });
  for (const [scope, n] of state.withheld) {
    issues.push({ code: 'month_withheld', message: `${describeScope(scope)} not emitted: ${n} bad row(s) would leave its sums incomplete` });
  }
  if (observations.length === 0) throw new ValidationError(`every month of the file has bad rows (${issues[0]?.message ?? ''})`);
  return {
    observations,
    issues,
    dataAsOf: lastDayOfMonth(state.newestPeriod),
    signals: { layout: state.layout.name, rows: String(state.rows) },
  };
}

/**
 * Parses a whole CBP encounters CSV held in memory, feeding the streaming aggregator 64 KiB at
 * a time.
 *
 * Success: `cbp_encounters{region: nationwide|southwest_land_border|northern_land_border|other,
 * component: usbp|ofo|all}` per month (a group appears only when the file has rows for it;
 * `nationwide` only from the nationwide file), `cbp_encounters_by_aor` (nationwide file) and
 * `cbp_encounters_by_category` at the rows' own region and component; `dataAsOf` = last day
 * of the newest month in the file; `signals.layout` and `signals.rows`.
 * Partial failure: a bad row is an issue with its line number (`column_count`, `bad_quoting`,
 * `unknown_fiscal_year`, `unknown_month`, `unknown_component`, `unknown_region`, `negative`,
 * `non_numeric`) and its whole month is withheld (`month_withheld`).
 * Failure: `LayoutError` for an empty file, a header-only file, an unknown header or an HTML
 * page; `ValidationError` when bad rows leave no month to emit.
 */
export function parseEncountersCsv(input: ParseInput): ParseResult {
  const aggregator = new EncountersCsvAggregator(input.url);
  for (let offset = 0; offset < input.body.length; offset += CHUNK_BYTES) {
    aggregator.push(input.body.subarray(offset, offset + CHUNK_BYTES));
  }
  return aggregator.end();
}

/** Same contract as {@link parseEncountersCsv}, for a body read as a stream (e.g. an HTTP response). */
export async function parseCsvStream(readable: AsyncIterable<Buffer>, url: string): Promise<ParseResult> {
  const aggregator = new EncountersCsvAggregator(url);
  for await (const chunk of readable) aggregator.push(chunk);
  return aggregator.end();
}

export const cbpEncountersCsv: ParserDef = {
  id: 'cbp-encounters-csv',
  version: 1,
  description: 'CBP encounters by month, region, component, AOR and category from the nationwide-by-AOR or Southwest Land Border CSV',
  format: 'csv',
  parse: parseEncountersCsv,
};
