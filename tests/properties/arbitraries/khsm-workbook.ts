/**
 * Generated DHS OHSS KHSM "CBP Encounters (USBP)" workbooks: the long-format sheets
 * `Monthly Count` (fiscal year, `01 October` … `12 September`, quantity) and `Monthly Region`
 * (plus a region column), values rounded to 10 as OHSS publishes them, the observations the
 * contract promises (computed here), and a builder with the spellings that mean the same sheet.
 */
import fc from 'fast-check';
import type { Observation } from '../../../src/core/types.js';
import type { FixtureValue } from '../../../src/xlsx/write-workbook.js';
import { pad2, thousands } from './common.js';
import { columnLetters } from './xlsx.js';

const FISCAL = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const NAMES = ['October', 'November', 'December', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September'];
export const khsmPeriod = (fy: number, fiscalMonth: number): string => {
  const m = FISCAL[fiscalMonth - 1]!;
  return `${m >= 10 ? fy - 1 : fy}-${pad2(m)}`;
};

export const REGIONS = ['Southwest Land Border', 'Northern Land Border', 'Coastal Border'];

export interface KhsmMonth {
  readonly fy: number;
  /** 1 = October … 12 = September. */
  readonly fiscalMonth: number;
  /** Null: the month has no row in Monthly Count. */
  readonly total: number | null;
  /** Region rows of the month (possibly none). */
  readonly regions: readonly { readonly region: string; readonly value: number }[];
}

export interface KhsmModel {
  readonly months: readonly KhsmMonth[];
  readonly regionSheet: boolean;
}

const rounded = fc.integer({ min: 0, max: 25_000 }).map((n) => n * 10);

export const khsmModelArb: fc.Arbitrary<KhsmModel> = fc
  .record({
    months: fc.uniqueArray(
      fc.record({
        fy: fc.integer({ min: 2000, max: 2030 }),
        fiscalMonth: fc.integer({ min: 1, max: 12 }),
        regions: fc.subarray(REGIONS).chain((rs) => fc.tuple(...rs.map((region) => rounded.map((value) => ({ region, value }))))),
        hasTotal: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        // The total may miss the rounded parts by up to 5 per value (each was rounded on its own).
        slack: fc.integer({ min: -1, max: 1 }),
        stray: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 50 }) }),
      }),
      { minLength: 1, maxLength: 14, selector: (m) => `${m.fy}-${m.fiscalMonth}` },
    ),
    regionSheet: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map(({ months, regionSheet }) => ({
    // A Monthly Region sheet always has rows in OHSS files (an empty one is a layout error).
    regionSheet: regionSheet && months.some((m) => m.regions.length > 0),
    months: months.map((m) => {
      const sum = m.regions.reduce((a, r) => a + r.value, 0);
      // `stray` (in tens) pushes the total beyond rounding: the regions of that month must then be dropped.
      const total = Math.max(0, sum + m.slack * 10 + m.stray * 100);
      return { fy: m.fy, fiscalMonth: m.fiscalMonth, total: m.hasTotal || m.regions.length === 0 ? total : null, regions: m.regions };
    }),
  }))
  .filter((m) => m.months.some((x) => x.total !== null));

/** Contract: every Monthly Count row; a month's region rows unless they miss the total by more than rounding allows. */
export function expectedKhsm(m: KhsmModel): { observations: Observation[]; issueCodes: string[]; dataAsOf: string; newestDataMonth: string } {
  const obs = (period: string, region: string, value: number): Observation => ({ series: 'ohss_usbp_encounters', labels: { region }, period, value });
  const observations: Observation[] = m.months.filter((x) => x.total !== null).map((x) => obs(khsmPeriod(x.fy, x.fiscalMonth), 'all', x.total!));
  const issueCodes: string[] = [];
  if (m.regionSheet) {
    for (const x of m.months) {
      if (x.regions.length === 0) continue;
      const sum = x.regions.reduce((a, r) => a + r.value, 0);
      if (x.total !== null && Math.abs(sum - x.total) > 5 * (x.regions.length + 1)) {
        issueCodes.push('total_mismatch');
        continue;
      }
      for (const r of x.regions) observations.push(obs(khsmPeriod(x.fy, x.fiscalMonth), r.region.toLowerCase().replace(/ /g, '_'), r.value));
    }
  } else issueCodes.push('missing_sheet');
  const newestDataMonth = m.months.filter((x) => x.total !== null).map((x) => khsmPeriod(x.fy, x.fiscalMonth)).sort().at(-1)!;
  const [y, mo] = newestDataMonth.split('-').map(Number) as [number, number];
  return { observations, issueCodes, dataAsOf: `${newestDataMonth}-${pad2(new Date(Date.UTC(y, mo, 0)).getUTCDate())}`, newestDataMonth };
}

// ---- Sheets -------------------------------------------------------------------------------------

export interface KhsmSpelling {
  readonly fyHeader: 'crlf' | 'space' | 'lf' | 'upper';
  readonly monthLabel: 'padded' | 'unpadded' | 'short';
  readonly shuffleSeed: number;
  /** Column order after Fiscal Year (Month, [Region,] Quantity in any order) and empty columns between. */
  readonly columnOrder: number;
  readonly gaps: readonly number[];
  readonly anchor: { readonly row: number; readonly col: number };
  readonly quantityAsText: boolean;
  readonly sheetName: 'plain' | 'spaces' | 'case';
  readonly extraSheets: boolean;
  readonly regionFirst: boolean;
  readonly strings: 'shared' | 'inline';
}

export const PLAIN_KHSM: KhsmSpelling = {
  fyHeader: 'crlf',
  monthLabel: 'padded',
  shuffleSeed: 0,
  columnOrder: 0,
  gaps: [0, 0, 0],
  anchor: { row: 1, col: 1 },
  quantityAsText: false,
  sheetName: 'plain',
  extraSheets: false,
  regionFirst: false,
  strings: 'shared',
};

export const khsmSpellingArb: fc.Arbitrary<KhsmSpelling> = fc.record({
  fyHeader: fc.constantFrom('crlf', 'space', 'lf', 'upper'),
  monthLabel: fc.constantFrom('padded', 'unpadded', 'short'),
  shuffleSeed: fc.nat(),
  columnOrder: fc.nat(),
  gaps: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
  anchor: fc.record({ row: fc.integer({ min: 1, max: 8 }), col: fc.integer({ min: 1, max: 6 }) }),
  quantityAsText: fc.boolean(),
  sheetName: fc.constantFrom('plain', 'spaces', 'case'),
  extraSheets: fc.boolean(),
  regionFirst: fc.boolean(),
  strings: fc.constantFrom('shared', 'inline'),
});

/** One long-format row before it is written: FY, month label, region (or null) and quantity. */
export type KhsmRowCells = [FixtureValue, FixtureValue, FixtureValue, FixtureValue];

export function monthLabel(fiscalMonth: number, s: KhsmSpelling): string {
  const name = NAMES[fiscalMonth - 1]!;
  return s.monthLabel === 'padded' ? `${pad2(fiscalMonth)} ${name}` : s.monthLabel === 'unpadded' ? `${fiscalMonth} ${name}` : `${pad2(fiscalMonth)} ${name.slice(0, 3)}`;
}

export function khsmRows(m: KhsmModel, s: KhsmSpelling): { count: KhsmRowCells[]; region: KhsmRowCells[] } {
  const count = m.months.filter((x) => x.total !== null).map((x): KhsmRowCells => [x.fy, monthLabel(x.fiscalMonth, s), null, x.total]);
  const region = m.months.flatMap((x) => x.regions.map((r): KhsmRowCells => [x.fy, monthLabel(x.fiscalMonth, s), r.region, r.value]));
  return { count, region };
}

const PERMUTATIONS = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

/** The cells of one long-format sheet: header at the anchor, then the rows (shuffled by the seed). */
export function khsmSheetCells(rows: readonly KhsmRowCells[], withRegion: boolean, s: KhsmSpelling): Record<string, FixtureValue> {
  const fyHeader = { crlf: 'Fiscal\r\nYear', space: 'Fiscal Year', lf: 'Fiscal\nYear', upper: 'FISCAL YEAR' }[s.fyHeader];
  // Columns after Fiscal Year: Month (1), Region (2), Quantity (3), in the spelling's order, with empty columns between.
  const others = withRegion ? PERMUTATIONS[s.columnOrder % 6]!.map((i) => [1, 2, 3][i]!) : s.columnOrder % 2 === 0 ? [1, 3] : [3, 1];
  const colOf = new Map<number, number>([[0, s.anchor.col]]);
  let c = s.anchor.col;
  others.forEach((field, i) => colOf.set(field, (c += 1 + s.gaps[i]!)));
  const header: Record<number, string> = { 0: fyHeader, 1: 'Month', 2: 'Region', 3: 'Quantity' };
  let order = rows.map((_, i) => i);
  if (s.shuffleSeed !== 0) {
    let seed = s.shuffleSeed >>> 0;
    order = order.map((i) => [(seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0), i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
  }
  const cells: Record<string, FixtureValue> = {};
  for (const [field, col] of colOf) cells[`${columnLetters(col)}${s.anchor.row}`] = header[field]!;
  order.forEach((i, k) => {
    const row = rows[i]!;
    for (const [field, col] of colOf) {
      let v = row[field]!;
      if (field === 3 && s.quantityAsText && typeof v === 'number' && Number.isInteger(v)) v = thousands(v);
      if (v !== null) cells[`${columnLetters(col)}${s.anchor.row + 1 + k}`] = v;
    }
  });
  return cells;
}

export function khsmSheetName(name: string, s: KhsmSpelling): string {
  return s.sheetName === 'spaces' ? ` ${name}  ` : s.sheetName === 'case' ? name.toUpperCase() : name;
}

/** All sheets of the workbook in the spelling: Monthly Count, Monthly Region (when present) and unrelated sheets. */
export function khsmSheets(m: KhsmModel, s: KhsmSpelling, rows = khsmRows(m, s)): { name: string; cells: Record<string, FixtureValue> }[] {
  const count = { name: khsmSheetName('Monthly Count', s), cells: khsmSheetCells(rows.count, false, s) };
  const region = m.regionSheet ? [{ name: khsmSheetName('Monthly Region', s), cells: khsmSheetCells(rows.region, true, s) }] : [];
  const extra: { name: string; cells: Record<string, FixtureValue> }[] = s.extraSheets
    ? [
        { name: 'Annual Count', cells: { A1: 'Fiscal\r\nYear', B1: 'Quantity', A2: 2025, B2: 105_660 } },
        { name: 'Monthly Count by Sector', cells: { A1: 'Fiscal Year', B1: 'Month', C1: 'Quantity', A2: 2025, B2: '01 October', C2: 999_990 } },
        { name: 'Notes', cells: { A1: 'Values are rounded to the nearest 10.' } },
      ]
    : [];
  const main = s.regionFirst ? [...region, count] : [count, ...region];
  return s.extraSheets ? [extra[0]!, ...main, ...extra.slice(1)] : main;
}
