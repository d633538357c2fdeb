/**
 * The markup of a generated CBP Nationwide Encounters page: every variant CBP has used for the
 * USBP apprehensions table (plain `td` or `td.text-align-center`, values wrapped in
 * `<strong>`/`<em>`/`<span>`, `&nbsp;` padding, `Oct-24` / `June-25` / `Sept-25` headers, label
 * case, thousands separators, region block order), all meaning the same table, and the page
 * around it.
 */
import fc from 'fast-check';
import { LONG_MONTHS, longDay, pad2, prng, SHORT_MONTHS, thousands } from './common.js';
import { ABSENT, REGION_LABEL, REGIONS, type CellValue, type Region, type TableModel } from './cbp-table.js';
import { blk, cel, inl, page, slot, type HDoc, type HEl, type HNode } from './html.js';

const SUB_LABEL = { at_large: 'At Large', at_entry: 'At Entry' } as const;

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

const SHORT = SHORT_MONTHS;
const LONG = LONG_MONTHS;
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
