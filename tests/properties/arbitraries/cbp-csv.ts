/**
 * Generated CBP encounters CSVs (nationwide by AOR and Southwest Land Border layouts): records
 * from the agency's vocabularies, sometimes a row the contract says to reject, and renderings
 * that mean the same file (row order, CRLF/LF, final newline, BOM, quoting, blank lines, header
 * case). The expected sums come from `cbp-csv-reference.ts`.
 */
import fc from 'fast-check';
import { prng } from './common.js';

export type CsvLayout = 'nationwide_aor' | 'southwest_sbo';

export const HEADERS: Readonly<Record<CsvLayout, readonly string[]>> = {
  nationwide_aor: ['Fiscal Year', 'Month Grouping', 'Month (abbv)', 'Component', 'Land Border Region', 'Area of Responsibility', 'AOR (Abbv)', 'Demographic', 'Citizenship', 'Title of Authority', 'Encounter Type', 'Encounter Count'],
  southwest_sbo: ['Fiscal Year', 'Month Grouping', 'Month (abbv)', 'Component', 'Demographic', 'Citizenship Grouping', 'Title of Authority', 'Encounter Type', 'Encounter Count'],
};

export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const COMPONENTS = ['U.S. Border Patrol', 'Office of Field Operations'];
const REGIONS = ['Southwest Land Border', 'Northern Land Border', 'Other'];
const AORS = [['Tucson Sector', 'TCA'], ['Yuma Sector', 'YUM'], ['Boston Field Office', 'Boston'], ['Miami Sector', 'MIP'], ['San Diego Field Office', 'San Diego']];
const DEMOGRAPHICS = ['Single Adults', 'FMUA', 'UAC', 'Accompanied Minors'];
const CITIZENSHIPS = ['MEXICO', 'GUATEMALA', 'CHINA, PEOPLES REPUBLIC OF', 'KOREA, REPUBLIC OF ("SOUTH")', "CÔTE D'IVOIRE", 'Other'];
const AUTHORITIES = ['Title 8', 'Title 42'];
const TYPES = ['Apprehensions', 'Inadmissibles', 'Expulsions'];

/** One generated CSV: its layout and records (header excluded), each a list of field texts. */
export interface CsvModel {
  readonly layout: CsvLayout;
  readonly rows: readonly (readonly string[])[];
}

const goodRow = (layout: CsvLayout): fc.Arbitrary<string[]> =>
  fc
    .record({
      fy: fc.integer({ min: 2020, max: 2027 }),
      fytd: fc.boolean(),
      month: fc.constantFrom(...MONTHS),
      component: fc.constantFrom(...COMPONENTS),
      region: fc.constantFrom(...REGIONS),
      aor: fc.constantFrom(...AORS),
      demographic: fc.constantFrom(...DEMOGRAPHICS),
      citizenship: fc.constantFrom(...CITIZENSHIPS),
      authority: fc.constantFrom(...AUTHORITIES),
      type: fc.constantFrom(...TYPES),
      count: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 999 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_000_000 }) }),
    })
    .map((r) => {
      const head = [r.fytd ? `${r.fy} (FYTD)` : String(r.fy), 'FYTD', r.month, r.component];
      const tail = [r.demographic, r.citizenship, r.authority, r.type, String(r.count)];
      return layout === 'nationwide_aor' ? [...head, r.region, r.aor[0]!, r.aor[1]!, ...tail] : [...head, ...tail];
    });

/** A row the contract says to reject: a bad count, month, component, region, fiscal year or column count. */
const badRow = (layout: CsvLayout): fc.Arbitrary<string[]> =>
  fc.tuple(goodRow(layout), fc.nat(), fc.constantFrom('count', 'count', 'count', 'month', 'component', 'region', 'fy', 'extra', 'missing')).map(([row, pick, what]) => {
    const r = [...row];
    const last = r.length - 1;
    switch (what) {
      case 'count':
        r[last] = ['n/a', '', '-5', '1.5', '1,234', '12a', '-0', '+3'][pick % 8]!;
        break;
      case 'month':
        r[2] = ['OKT', '', '13', 'Sept'][pick % 4]!;
        break;
      case 'component':
        r[3] = 'Air and Marine Operations';
        break;
      case 'region':
        if (layout === 'nationwide_aor') r[4] = 'Eastern Land Border';
        else r[last] = 'x';
        break;
      case 'fy':
        r[0] = ['FY22', '22', '2022 FYTD', ''][pick % 4]!;
        break;
      case 'extra':
        r.push('note');
        break;
      default:
        r.pop();
    }
    return r;
  });

export const csvModelArb = (opts: { bad?: boolean } = {}): fc.Arbitrary<CsvModel> =>
  fc.constantFrom<CsvLayout>('nationwide_aor', 'southwest_sbo').chain((layout) =>
    fc.record({
      layout: fc.constant(layout),
      rows: opts.bad
        ? fc.array(fc.oneof({ weight: 12, arbitrary: goodRow(layout) }, { weight: 1, arbitrary: badRow(layout) }), { minLength: 1, maxLength: 40 })
        : fc.array(goodRow(layout), { minLength: 1, maxLength: 40 }),
    }),
  );

// ---- Rendering --------------------------------------------------------------------------------

export interface CsvStyle {
  readonly seed: number;
  readonly eol: 'lf' | 'crlf' | 'mixed';
  readonly finalNewline: boolean;
  readonly bom: boolean;
  readonly quoting: 'minimal' | 'all' | 'random';
  readonly shuffle: boolean;
  readonly blankLines: boolean;
  readonly headerCase: 'as-is' | 'lower' | 'upper';
}

export const PLAIN_CSV: CsvStyle = { seed: 0, eol: 'lf', finalNewline: true, bom: false, quoting: 'minimal', shuffle: false, blankLines: false, headerCase: 'as-is' };

export const csvStyleArb: fc.Arbitrary<CsvStyle> = fc.record({
  seed: fc.integer(),
  eol: fc.constantFrom('lf', 'crlf', 'mixed'),
  finalNewline: fc.boolean(),
  bom: fc.boolean(),
  quoting: fc.constantFrom('minimal', 'all', 'random'),
  shuffle: fc.boolean(),
  blankLines: fc.boolean(),
  headerCase: fc.constantFrom('as-is', 'lower', 'upper'),
});

const mustQuote = (f: string): boolean => /[",\r\n]/.test(f);
const quoted = (f: string): string => `"${f.replace(/"/g, '""')}"`;

/** Writes header and rows as CSV text in the given style; `columns` (a permutation) reorders every record. */
export function renderCsv(m: CsvModel, style: CsvStyle, columns?: readonly number[]): string {
  const rnd = prng(style.seed);
  const header = HEADERS[m.layout].map((h) => (style.headerCase === 'lower' ? h.toLowerCase() : style.headerCase === 'upper' ? h.toUpperCase() : h));
  let rows = m.rows.map((r) => [...r]);
  if (style.shuffle) rows = rows.map((r) => [rnd(), r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  const field = (f: string): string => (mustQuote(f) || style.quoting === 'all' || (style.quoting === 'random' && rnd() < 0.4) ? quoted(f) : f);
  const record = (r: readonly string[]): string => (columns ? columns.map((i) => r[i] ?? '') : r).map(field).join(',');
  const lines = [record(header), ...rows.flatMap((r) => (style.blankLines && rnd() < 0.2 ? ['', record(r)] : [record(r)]))];
  const eol = (): string => (style.eol === 'lf' ? '\n' : style.eol === 'crlf' ? '\r\n' : rnd() < 0.5 ? '\n' : '\r\n');
  const body = lines.map((l, i) => (i < lines.length - 1 || style.finalNewline ? l + eol() : l)).join('');
  return (style.bom ? '\uFEFF' : '') + body;
}
