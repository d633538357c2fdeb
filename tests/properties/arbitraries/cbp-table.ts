/**
 * Generated CBP Nationwide Encounters pages: a model of the USBP apprehensions table (months,
 * three region blocks of Total / At Large / At Entry, each cell a count, "not reported", or a
 * bad value), the observations and issues the parser contract promises for it (computed here,
 * from the model, not by the parser), and a renderer into the cbp.gov page layout with every
 * markup variant CBP has used (plain `td` or `td.text-align-center`, values wrapped in
 * `<strong>`/`<em>`/`<span>`, `&nbsp;` padding, `Oct-24` / `June-25` / `Sept-25` headers).
 */
import fc from 'fast-check';
import type { Observation } from '../../../src/core/types.js';
import { blk, cel, inl, page, prng, slot, type HDoc, type HEl, type HNode } from './html.js';

export type Region = 'nationwide' | 'southwest_land_border' | 'northern_land_border';
export type Kind = 'total' | 'at_large' | 'at_entry';
export const REGIONS: readonly Region[] = ['nationwide', 'southwest_land_border', 'northern_land_border'];
export const KINDS: readonly Kind[] = ['total', 'at_large', 'at_entry'];
export const REGION_LABEL: Readonly<Record<Region, string>> = {
  nationwide: 'Nationwide Total Apprehensions',
  southwest_land_border: 'Southwest Border Total Apprehensions',
  northern_land_border: 'Northern Border Total Apprehensions',
};
const SUB_LABEL: Readonly<Record<Exclude<Kind, 'total'>, string>> = { at_large: 'At Large', at_entry: 'At Entry' };

/** One cell as CBP means it: a count, "not reported yet", or text that is not a count. */
export type CellValue =
  | { readonly t: 'num'; readonly n: number }
  | { readonly t: 'absent' }
  | { readonly t: 'bad'; readonly text: string; readonly code: 'non_numeric' | 'negative' };

export interface TableModel {
  /** `YYYY-MM`, consecutive, in column order. */
  readonly months: readonly string[];
  /** values[region][monthIndex][kind] */
  readonly values: Readonly<Record<Region, readonly Readonly<Record<Kind, CellValue>>[]>>;
  /** The "Last Modified" date, `YYYY-MM-DD`, or null when the block is missing. */
  readonly lastModified: string | null;
  /** Tableau workbook name and the month it encodes (null month: a name without a month code). */
  readonly workbook: { readonly name: string; readonly month: string | null } | null;
}

export const NON_NUMERIC = ['n/a', 'N/A', '12a', '1,23', '1.5', '(D)', '12 345', 'x', '1,2345', '+5', '0x10', '1,000,00'];
export const NEGATIVE = ['-12', '\u22121,234', '- 5', '-0'];
export const ABSENT = ['-', '', '\u2013', '\u2014', '\u2012', '\u2015'];

const count = fc.integer({ min: 0, max: 250_000 });
const num = (n: number): CellValue => ({ t: 'num', n });
const badArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...NON_NUMERIC).map((text) => ({ t: 'bad' as const, text, code: 'non_numeric' as const })),
  fc.constantFrom(...NEGATIVE).map((text) => ({ t: 'bad' as const, text, code: 'negative' as const })),
);

/** A region+month: mostly a consistent triple, sometimes unreported, inconsistent, bad or partial. */
const triple: fc.Arbitrary<Record<Kind, CellValue>> = fc.oneof(
  { weight: 14, arbitrary: fc.tuple(count, count).map(([l, e]) => ({ total: num(l + e), at_large: num(l), at_entry: num(e) })) },
  { weight: 2, arbitrary: fc.constant({ total: { t: 'absent' }, at_large: { t: 'absent' }, at_entry: { t: 'absent' } } as Record<Kind, CellValue>) },
  {
    weight: 1,
    arbitrary: fc.tuple(count, count, fc.integer({ min: 1, max: 500 })).map(([l, e, d]) => ({ total: num(l + e + d), at_large: num(l), at_entry: num(e) })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(count, count, fc.constantFrom(...KINDS), badArb).map(([l, e, k, bad]) => ({ total: num(l + e), at_large: num(l), at_entry: num(e), [k]: bad })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(count, count, fc.subarray([...KINDS], { minLength: 1, maxLength: 2 }))
      .map(([l, e, ks]) => ({ total: num(l + e), at_large: num(l), at_entry: num(e), ...Object.fromEntries(ks.map((k) => [k, { t: 'absent' }])) }) as Record<Kind, CellValue>),
  },
);

const pad2 = (n: number): string => String(n).padStart(2, '0');
export const periodOf = (year: number, month: number): string => `${year}-${pad2(month)}`;

/** Consecutive months: a start month (2015-01 … 2034-12) and a count (1 … 12). */
export const monthsArb: fc.Arbitrary<string[]> = fc
  .tuple(fc.integer({ min: 2015 * 12, max: 2034 * 12 + 11 }), fc.integer({ min: 1, max: 12 }))
  .map(([start, n]) => Array.from({ length: n }, (_, i) => periodOf(Math.floor((start + i) / 12), ((start + i) % 12) + 1)));

/** A real calendar day `YYYY-MM-DD` between 2015 and 2034. */
export const dayArb: fc.Arbitrary<string> = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2034-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const MONTH_CODES: readonly (readonly string[])[] = [['JAN'], ['FEB'], ['MAR'], ['APR'], ['MAY'], ['JUN', 'JUNE'], ['JUL', 'JULY'], ['AUG'], ['SEP', 'SEPT'], ['OCT'], ['NOV'], ['DEC']];

/** A Tableau workbook named with a month code (`…AUGFY26`), and the month it stands for. */
export const workbookArb = (prefix: string): fc.Arbitrary<{ name: string; month: string | null }> =>
  fc.oneof(
    { weight: 4, arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2016, max: 2034 }), fc.nat(), fc.boolean())
      .map(([m, fy, pick, fourDigit]) => {
        const codes = MONTH_CODES[m - 1]!;
        const code = codes[pick % codes.length]!;
        // Fiscal year FY runs October FY-1 … September FY.
        const month = periodOf(m >= 10 ? fy - 1 : fy, m);
        return { name: `${prefix}${code}FY${fourDigit ? fy : String(fy % 100).padStart(2, '0')}`, month };
      }) },
    { weight: 1, arbitrary: fc.constantFrom(prefix, `${prefix}Dashboard`, `${prefix}AUGFY`, `${prefix}FY26`).map((name) => ({ name, month: null })) },
  );

export const tableModelArb: fc.Arbitrary<TableModel> = monthsArb.chain((months) =>
  fc.record({
    months: fc.constant(months),
    values: fc.record({
      nationwide: fc.array(triple, { minLength: months.length, maxLength: months.length }),
      southwest_land_border: fc.array(triple, { minLength: months.length, maxLength: months.length }),
      northern_land_border: fc.array(triple, { minLength: months.length, maxLength: months.length }),
    }),
    lastModified: fc.option(dayArb, { freq: 6 }),
    workbook: fc.option(workbookArb('CBPNationwideEncounters'), { freq: 2 }),
  }),
);

// ---- What the contract promises for a model --------------------------------------------------

export interface ExpectedTable {
  readonly observations: Observation[];
  /** Issue code with the `Region label YYYY-MM` its message must name. */
  readonly issues: { code: string; where: string }[];
  readonly publishedOn?: string;
  readonly dataAsOf?: string;
  readonly signals?: Record<string, string>;
}

function lastDay(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/**
 * The contract, written out: a region+month is emitted (all three values) only when the three
 * cells are counts and total = At Large + At Entry; a bad cell is one issue each; some cells
 * unreported is `incomplete`; all unreported is nothing at all.
 */
export function expectedTable(m: TableModel): ExpectedTable {
  const observations: Observation[] = [];
  const issues: { code: string; where: string }[] = [];
  for (const region of REGIONS) {
    m.months.forEach((period, i) => {
      const cells = m.values[region][i]!;
      const where = `${REGION_LABEL[region]} ${period}`;
      const bad = KINDS.filter((k) => cells[k].t === 'bad');
      if (bad.length > 0) return bad.forEach((k) => issues.push({ code: (cells[k] as { code: string }).code, where }));
      const nums = KINDS.map((k) => cells[k]).filter((c): c is { t: 'num'; n: number } => c.t === 'num');
      if (nums.length === 0) return;
      if (nums.length < 3) return issues.push({ code: 'incomplete', where });
      const [total, l, e] = nums.map((c) => c.n) as [number, number, number];
      if (total !== l + e) return issues.push({ code: 'total_mismatch', where });
      KINDS.forEach((kind, j) => observations.push({ series: 'usbp_apprehensions', labels: { region, kind }, period, value: [total, l, e][j]! }));
    });
  }
  if (m.lastModified === null) issues.push({ code: 'published_date_missing', where: '' });
  const newest = observations.map((o) => o.period).sort().at(-1);
  return {
    observations,
    issues,
    ...(m.lastModified ? { publishedOn: m.lastModified } : {}),
    ...(newest ? { dataAsOf: lastDay(newest) } : {}),
    ...(m.workbook?.month ? { signals: { workbook: m.workbook.name, reportingMonth: m.workbook.month } } : {}),
  };
}

// ---- Markup variants (all mean the same table) -----------------------------------------------

export interface TableVariant {
  readonly seed: number;
  readonly thead: boolean;
  readonly tbody: boolean;
  readonly headerCellTag: 'th' | 'td';
  readonly labelCellTag: 'th' | 'td';
  readonly labelWrap: 'none' | 'strong' | 'em' | 'strong-span' | 'mixed';
  readonly valueWrap: 'none' | 'strong' | 'em-span' | 'mixed';
  readonly nbspPad: boolean;
  readonly cellClass: boolean;
  readonly labelCase: 'title' | 'upper' | 'lower' | 'padded';
  readonly thousands: 'always' | 'never' | 'mixed';
  readonly headerSpelling: 'short' | 'mixed';
  readonly absentSpelling: 'dash' | 'mixed';
  /** Order of the three region blocks in the table. */
  readonly regionOrder: readonly Region[];
  readonly lastModifiedSpelling: 'short' | 'long';
}

export const PLAIN_TABLE: TableVariant = {
  seed: 1,
  thead: true,
  tbody: true,
  headerCellTag: 'th',
  labelCellTag: 'th',
  labelWrap: 'none',
  valueWrap: 'none',
  nbspPad: false,
  cellClass: false,
  labelCase: 'title',
  thousands: 'always',
  headerSpelling: 'short',
  absentSpelling: 'dash',
  regionOrder: REGIONS,
  lastModifiedSpelling: 'short',
};

export const tableVariantArb: fc.Arbitrary<TableVariant> = fc.record({
  seed: fc.integer(),
  thead: fc.boolean(),
  tbody: fc.boolean(),
  headerCellTag: fc.constantFrom('th', 'td'),
  labelCellTag: fc.constantFrom('th', 'td'),
  labelWrap: fc.constantFrom('none', 'strong', 'em', 'strong-span', 'mixed'),
  valueWrap: fc.constantFrom('none', 'strong', 'em-span', 'mixed'),
  nbspPad: fc.boolean(),
  cellClass: fc.boolean(),
  labelCase: fc.constantFrom('title', 'upper', 'lower', 'padded'),
  thousands: fc.constantFrom('always', 'never', 'mixed'),
  headerSpelling: fc.constantFrom('short', 'mixed'),
  absentSpelling: fc.constantFrom('dash', 'mixed'),
  regionOrder: fc.shuffledSubarray([...REGIONS], { minLength: 3, maxLength: 3 }),
  lastModifiedSpelling: fc.constantFrom('short', 'long'),
});

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CBP_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/** Header spellings CBP used (`Oct-24`, `June-25`, `Sept-25`) and others the parser accepts. */
function monthHeader(period: string, spelling: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const yy = pad2(y % 100);
  switch (spelling % 7) {
    case 0:
      return `${SHORT[m - 1]}-${yy}`;
    case 1:
      return `${CBP_SHORT[m - 1]}-${yy}`;
    case 2:
      return `${LONG[m - 1]} ${y}`;
    case 3:
      return `${SHORT[m - 1]}. ${y}`;
    case 4:
      return `${SHORT[m - 1]!.toUpperCase()}-${yy}`;
    case 5:
      return `${LONG[m - 1]}-${yy}`;
    default:
      return `${SHORT[m - 1]} - ${yy}`;
  }
}

export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `2025-11-14` → `Nov 14, 2025` (Drupal) or `November 14, 2025`. */
export function longDay(day: string, long: boolean): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${(long ? LONG : SHORT)[m - 1]} ${d}, ${y}`;
}

/** The table as rows of cell texts: one header row, then the region blocks. */
export interface TableText {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function tableText(m: TableModel, v: TableVariant): TableText {
  const rnd = prng(v.seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const label = (text: string): string => {
    switch (v.labelCase) {
      case 'upper':
        return text.toUpperCase();
      case 'lower':
        return text.toLowerCase();
      case 'padded':
        return ` ${text} `;
      default:
        return text;
    }
  };
  const cell = (c: CellValue): string => {
    if (c.t === 'bad') return c.text;
    if (c.t === 'absent') return v.absentSpelling === 'dash' ? '-' : pick(ABSENT);
    const sep = v.thousands === 'always' || (v.thousands === 'mixed' && rnd() < 0.5);
    return sep ? thousands(c.n) : String(c.n);
  };
  const header = ['Monthly Totals', ...m.months.map((p) => monthHeader(p, v.headerSpelling === 'short' ? 0 : Math.floor(rnd() * 7)))];
  const rows: string[][] = [];
  for (const region of v.regionOrder) {
    const vals = m.values[region];
    rows.push([label(REGION_LABEL[region]), ...vals.map((t) => cell(t.total))]);
    for (const k of ['at_large', 'at_entry'] as const) rows.push([label(SUB_LABEL[k]), ...vals.map((t) => cell(t[k]))]);
  }
  return { header, rows };
}

/** Wraps a cell text the way the given variant does. */
function wrapped(text: string, how: string, cls: string | null): HNode[] {
  switch (how) {
    case 'strong':
      return [inl('strong', {}, text)];
    case 'em':
      return [inl('em', {}, text)];
    case 'strong-span':
      return [inl('strong', {}, inl('span', cls ? { class: cls } : {}, text))];
    case 'em-span':
      return [inl('em', {}, inl('span', { class: 'cbp-blue' }, text))];
    default:
      return [{ kind: 'text', text }];
  }
}

export function tableElement(t: TableText, v: TableVariant): HEl {
  const rnd = prng(v.seed ^ 0x5bd1e995);
  const how = (mode: string, options: readonly string[]): string => (mode === 'mixed' ? options[Math.floor(rnd() * options.length)]! : mode);
  const headRow = blk('tr', {}, ...t.header.map((h, i) => cel(v.headerCellTag, i === 0 ? { scope: 'col' } : { scope: 'col' }, ...wrapped(h, how(v.labelWrap, ['none', 'strong', 'strong-span']), 'cbp-blue'))));
  const bodyRows = t.rows.map((r) =>
    blk(
      'tr',
      {},
      cel(v.labelCellTag, v.labelCellTag === 'th' ? { scope: 'row' } : {}, ...wrapped(r[0] ?? '', how(v.labelWrap, ['none', 'strong', 'em', 'strong-span']), null)),
      ...r.slice(1).map((text) => {
        const padded = v.nbspPad ? `\u00a0${text}\u00a0` : text;
        return cel('td', v.cellClass ? { class: 'text-align-center' } : {}, ...wrapped(padded, how(v.valueWrap, ['none', 'strong', 'em-span']), null));
      }),
    ),
  );
  const head = v.thead ? [blk('thead', {}, headRow)] : [headRow];
  const rows = v.thead ? bodyRows : [...head, ...bodyRows];
  const body = v.tbody ? [blk('tbody', {}, ...rows)] : rows;
  return blk('table', { class: 'usa-table--striped usa-table' }, ...(v.thead ? [...head, ...body] : body));
}

/** The cbp.gov Nationwide Encounters page around a table (or without one, when `table` is null). */
export function encountersPage(m: TableModel, v: TableVariant, table: HEl | null): HDoc {
  const iframe = m.workbook
    ? [blk('div', { class: 'tableauPlaceholder' }, inl('iframe', { class: 'tableauViz', src: `\nhttps://publicstats.cbp.gov/t/PublicFacing/views/${m.workbook.name}/Encounters?%3Aembed=y&%3AshowVizHome=no`, title: 'Nationwide Encounters' }))]
    : [];
  return page('Nationwide Encounters | U.S. Customs and Border Protection', [
    blk('header', {}, blk('nav', {}, cel('a', { href: '/newsroom/stats' }, 'Stats'), cel('a', { href: '/newsroom/media-releases/all' }, 'Newsroom'))),
    slot(
      'main',
      { class: 'usa-section', id: 'main-content' },
      slot(
        'div',
        { class: 'region region-content' },
        cel('h1', { id: 'page-title', class: 'page-title' }, inl('span', { class: 'field field--name-title' }, 'Nationwide Encounters')),
        blk(
          'article',
          {},
          slot(
            'div',
            { class: 'clearfix text-formatted field field--name-body' },
            cel('p', {}, 'Encounter data includes U.S. Border Patrol (USBP) Title 8 Apprehensions, Office of Field Operations (OFO) Title 8 Inadmissibles, and Title 42 Expulsions.'),
            cel('h2', { class: 'usa-prose' }, 'U.S. Border Patrol At Large and U.S. Border Patrol at Entry Apprehensions'),
            ...(table ? [blk('div', { class: 'usa-table-container' }, table)] : []),
            cel('p', {}, inl('strong', {}, 'At Entry:'), ' Refers to an alien who has entered the United States without admission.'),
            ...iframe,
          ),
        ),
        ...(m.lastModified
          ? [blk('div', { class: 'margin-top-8 margin-bottom-0' }, cel('span', { class: 'text-bold' }, `Last Modified: ${longDay(m.lastModified, v.lastModifiedSpelling === 'long')}`))]
          : []),
      ),
    ),
    blk('footer', {}, cel('p', {}, 'U.S. Customs and Border Protection')),
  ]);
}
