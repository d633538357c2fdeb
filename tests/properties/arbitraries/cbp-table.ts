/**
 * Generated CBP Nationwide Encounters tables: a model of the USBP apprehensions table (months,
 * three region blocks of Total / At Large / At Entry, each cell a count, "not reported", or a
 * bad value) and the observations and issues the parser contract promises for it, computed
 * here from the model, never by the parser. The markup lives in `cbp-table-markup.ts`.
 */
import fc from 'fast-check';
import type { Observation } from '../../../src/core/types.js';
import { dayArb, lastDay, periodOf } from './common.js';

export type Region = 'nationwide' | 'southwest_land_border' | 'northern_land_border';
export type Kind = 'total' | 'at_large' | 'at_entry';
export const REGIONS: readonly Region[] = ['nationwide', 'southwest_land_border', 'northern_land_border'];
export const KINDS: readonly Kind[] = ['total', 'at_large', 'at_entry'];
export const REGION_LABEL: Readonly<Record<Region, string>> = {
  nationwide: 'Nationwide Total Apprehensions',
  southwest_land_border: 'Southwest Border Total Apprehensions',
  northern_land_border: 'Northern Border Total Apprehensions',
};

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


/** Consecutive months: a start month (2015-01 … 2034-12) and a count (1 … 12). */
export const monthsArb: fc.Arbitrary<string[]> = fc
  .tuple(fc.integer({ min: 2015 * 12, max: 2034 * 12 + 11 }), fc.integer({ min: 1, max: 12 }))
  .map(([start, n]) => Array.from({ length: n }, (_, i) => periodOf(Math.floor((start + i) / 12), ((start + i) % 12) + 1)));

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
