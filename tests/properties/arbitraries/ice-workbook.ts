/**
 * Generated ICE detention-statistics workbooks: a model of the four tables the parser reads
 * (currently detained by criminality and agency, FYTD removals, monthly initial book-ins and
 * average daily population by agency) and the IIDS data pull date, the observations the
 * contract promises for it (computed here), and a builder that places the tables as ICE does
 * (the real FY25 cells) or anywhere else: other rows, columns and sheets, with decoy tables.
 */
import fc from 'fast-check';
import type { Observation } from '../../../src/core/types.js';
import type { FixtureValue } from '../../../src/xlsx/write-workbook.js';
import { pad2 } from './common.js';
import { placeBlocks, stackLayout, type Block, type Placement } from './xlsx.js';

export const MONTH_HEADERS = ['Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep'];
const FISCAL = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9];
export const fiscalPeriod = (fy: number, m: number): string => `${m >= 10 ? fy - 1 : fy}-${pad2(m)}`;
const daysIn = (period: string): number => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

export interface IceModel {
  readonly fy: number;
  /** `EOFY2024` titles (the year-end edition) instead of `FY2024`. */
  readonly eofy: boolean;
  /** `YYYY-MM-DD`; within the fiscal year, or after it for a complete year. */
  readonly pullDate: string;
  /** Criminality rows (Convicted, Pending, Other) per agency. */
  readonly detained: { readonly ice: readonly number[]; readonly cbp: readonly number[] };
  readonly removals: number;
  /** Per fiscal month (Oct … Sep); months after the pull month hold 0, as ICE writes them. */
  readonly bookIns: { readonly ice: readonly number[]; readonly cbp: readonly number[] };
  readonly adp: { readonly ice: readonly number[]; readonly cbp: readonly number[] };
  /** FY Overall of a running year (not checked by the contract); a complete year's is computed. */
  readonly adpYear: { readonly ice: number; readonly cbp: number; readonly all: number };
}

const count = fc.integer({ min: 0, max: 40_000 });
const average = fc.oneof(fc.integer({ min: 0, max: 4_000_000 }).map((n) => n / 100), fc.tuple(fc.integer({ min: 0, max: 900_000 }), fc.integer({ min: 28, max: 31 })).map(([a, d]) => a / d));

/** Months (fiscal order index 0–11) that are on or before the pull month. */
export function monthsReached(fy: number, pullDate: string): number {
  return FISCAL.filter((m) => fiscalPeriod(fy, m) <= pullDate.slice(0, 7)).length;
}

export const iceModelArb: fc.Arbitrary<IceModel> = fc
  .record({ fy: fc.integer({ min: 2019, max: 2030 }), complete: fc.boolean(), dayOffset: fc.integer({ min: 0, max: 364 }), eofy: fc.boolean() })
  .chain(({ fy, complete, dayOffset, eofy }) => {
    const start = complete ? Date.UTC(fy, 9, 1) : Date.UTC(fy - 1, 9, 1);
    const pullDate = new Date(start + (complete ? dayOffset % 92 : dayOffset) * 86_400_000).toISOString().slice(0, 10);
    const reached = monthsReached(fy, pullDate);
    const monthly = <T,>(arb: fc.Arbitrary<T>, zero: T): fc.Arbitrary<T[]> => fc.array(arb, { minLength: reached, maxLength: reached }).map((v) => [...v, ...Array<T>(12 - reached).fill(zero)]);
    return fc.record({
      fy: fc.constant(fy),
      eofy: fc.constant(complete && eofy),
      pullDate: fc.constant(pullDate),
      detained: fc.record({ ice: fc.array(count, { minLength: 3, maxLength: 3 }), cbp: fc.array(count, { minLength: 3, maxLength: 3 }) }),
      removals: fc.integer({ min: 0, max: 400_000 }),
      bookIns: fc.record({ ice: monthly(count, 0), cbp: monthly(count, 0) }),
      adp: fc.record({ ice: monthly(average, 0), cbp: monthly(average, 0) }),
      adpYear: fc.record({ ice: average, cbp: average, all: average }),
    });
  });

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** The FY Overall ICE writes for a complete year: the day-weighted mean of the months. */
function dayWeighted(fy: number, months: readonly number[]): number {
  const periods = FISCAL.map((m) => fiscalPeriod(fy, m));
  const days = periods.reduce((a, p) => a + daysIn(p), 0);
  return periods.reduce((a, p, i) => a + months[i]! * daysIn(p), 0) / days;
}

const adpAll = (m: IceModel): number[] => m.adp.ice.map((v, i) => v + m.adp.cbp[i]!);
const complete = (m: IceModel): boolean => m.pullDate > `${m.fy}-09-30`;

/** The contract for a model: every figure at the pull date, every month up to the pull month (that one partial). */
export function expectedIce(m: IceModel): { observations: Observation[]; dataAsOf: string; signals: Record<string, string> } {
  const day = m.pullDate;
  const ice = sum(m.detained.ice);
  const cbp = sum(m.detained.cbp);
  const observations: Observation[] = [
    ...(['ice', 'cbp', 'all'] as const).map((a) => ({ series: 'ice_detained', labels: { arresting_agency: a }, period: day, value: { ice, cbp, all: ice + cbp }[a] })),
    { series: 'ice_removals_fytd', labels: { fiscal_year: String(m.fy) }, period: day, value: m.removals },
  ];
  const pullMonth = day.slice(0, 7);
  const monthly = (series: string, values: Record<'ice' | 'cbp' | 'all', readonly number[]>): void =>
    FISCAL.forEach((mo, i) => {
      const period = fiscalPeriod(m.fy, mo);
      if (period > pullMonth) return;
      for (const a of ['ice', 'cbp', 'all'] as const) {
        observations.push({ series, labels: { arresting_agency: a }, period, value: values[a][i]!, ...(period === pullMonth ? { partial: true } : {}) });
      }
    });
  monthly('ice_book_ins', { ...m.bookIns, all: m.bookIns.ice.map((v, i) => v + m.bookIns.cbp[i]!) });
  monthly('ice_average_daily_population', { ...m.adp, all: adpAll(m) });
  return { observations, dataAsOf: day, signals: { fiscalYear: String(m.fy), pullDate: day } };
}

// ---- Tables as blocks --------------------------------------------------------------------------

export const TITLES = {
  detained: 'ICE Currently Detained by Criminality and Arresting Agency',
  removals: 'ICE Removals',
  bookIns: 'ICE Initial Book-Ins by Arresting Agency and Month',
  adp: 'ICE Average Daily Population by Arresting Agency, Month and Criminality',
} as const;

export interface IceSpelling {
  /** `Title: FY2025`, `Title : FY 2025`, upper-case title, doubled spaces. */
  readonly title: 'plain' | 'spaced' | 'upper' | 'doubled';
  /** CBP columns before ICE in the detained table, and agency rows reordered. */
  readonly swapAgencies: boolean;
  /** Stray spaces around row labels, as in the real files (`ICE  `, `Average `). */
  readonly paddedLabels: boolean;
  readonly fullMonthNames: boolean;
  readonly pullDateText: 'plain' | 'trailing';
}

export const PLAIN_ICE: IceSpelling = { title: 'plain', swapAgencies: false, paddedLabels: false, fullMonthNames: false, pullDateText: 'plain' };
export const iceSpellingArb: fc.Arbitrary<IceSpelling> = fc.record({
  title: fc.constantFrom('plain', 'spaced', 'upper', 'doubled'),
  swapAgencies: fc.boolean(),
  paddedLabels: fc.boolean(),
  fullMonthNames: fc.boolean(),
  pullDateText: fc.constantFrom('plain', 'trailing'),
});

const FULL = ['October', 'November', 'December', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September'];

export function titleText(prefix: string, m: Pick<IceModel, 'fy' | 'eofy'>, s: IceSpelling, fy = m.fy): string {
  const tag = `${m.eofy ? 'EO' : ''}FY${fy}`;
  switch (s.title) {
    case 'spaced':
      return `${prefix} : ${m.eofy ? 'EO' : ''}FY ${fy}`;
    case 'upper':
      return `${prefix}: ${tag}`.toUpperCase();
    case 'doubled':
      return `${prefix.replace(/ /g, '  ')}:  ${tag} `;
    default:
      return `${prefix}: ${tag}`;
  }
}

export interface IceBlocks {
  readonly detained: Block;
  readonly bookIns: Block;
  readonly removals: Block;
  readonly adp: Block;
  readonly pullDate: Block;
}

/** The four tables and the pull-date line as blocks of cells, in the layout ICE uses. */
export function iceBlocks(m: IceModel, s: IceSpelling, fy = m.fy): IceBlocks {
  const label = (t: string): string => (s.paddedLabels ? `${t}  ` : t);
  const ice = sum(m.detained.ice);
  const cbp = sum(m.detained.cbp);
  const crim = ['Convicted Criminal', 'Pending Criminal Charges', 'Other Immigration Violator'];
  const pct = (a: number, b: number): number => (a + b === 0 ? 0 : a / (a + b));
  const detainedRow = (name: string, i: number, c: number): FixtureValue[] =>
    s.swapAgencies ? [label(name), c, pct(c, i), i, pct(i, c), i + c] : [label(name), i, pct(i, c), c, pct(c, i), i + c];
  const detained: Block = [
    [titleText(TITLES.detained, m, s, fy)],
    s.swapAgencies ? ['Criminality', 'CBP', 'Percent CBP', 'ICE', 'Percent ICE', 'Total'] : ['Criminality', 'ICE', 'Percent ICE', 'CBP', 'Percent CBP', 'Total'],
    detainedRow('Total', ice, cbp),
    ...crim.map((name, k) => detainedRow(name, m.detained.ice[k]!, m.detained.cbp[k]!)),
  ];
  const months = s.fullMonthNames ? FULL : MONTH_HEADERS;
  const biAll = m.bookIns.ice.map((v, i) => v + m.bookIns.cbp[i]!);
  const biRows: FixtureValue[][] = [
    [label('Total'), ...biAll, sum(biAll)],
    [label('CBP'), ...m.bookIns.cbp, sum(m.bookIns.cbp)],
    [label('ICE'), ...m.bookIns.ice, sum(m.bookIns.ice)],
  ];
  const bookIns: Block = [[titleText(TITLES.bookIns, m, s, fy)], ['Agency', ...months, 'Total'], ...(s.swapAgencies ? [...biRows].reverse() : biRows)];
  const removals: Block = [[titleText(TITLES.removals, m, s, fy)], ['Removals', null, 'Total'], [label('Total'), null, m.removals], ['Removals with a FAMU Identifier', null, Math.floor(m.removals / 7)]];
  const all = adpAll(m);
  const full = complete(m);
  const year = { ice: full ? dayWeighted(m.fy, m.adp.ice) : m.adpYear.ice, cbp: full ? dayWeighted(m.fy, m.adp.cbp) : m.adpYear.cbp, all: full ? dayWeighted(m.fy, all) : m.adpYear.all };
  const crimRow = (k: number): FixtureValue[] => [crim[k]!, ...Array(12).fill(1), 1];
  const adpBlocks: Record<'cbp' | 'ice' | 'all', FixtureValue[][]> = {
    cbp: [[label('CBP Average'), ...m.adp.cbp, year.cbp], crimRow(0), crimRow(1), crimRow(2)],
    ice: [[label('ICE Average'), ...m.adp.ice, year.ice], crimRow(0), crimRow(1), crimRow(2)],
    all: [[label('Average'), ...all, year.all], crimRow(0), crimRow(1), crimRow(2)],
  };
  const order = s.swapAgencies ? (['all', 'ice', 'cbp'] as const) : (['cbp', 'ice', 'all'] as const);
  const adp: Block = [[titleText(TITLES.adp, m, s, fy)], ['Agency', ...months, 'FY Overall'], ...order.flatMap((a) => adpBlocks[a])];
  const [y, mo, d] = m.pullDate.split('-');
  const pullDate: Block = [[`Data Source: ICE Integrated Decision Support (IIDS), ${mo}/${d}/${y}${s.pullDateText === 'trailing' ? ' ' : ''}`]];
  return { detained, bookIns, removals, adp, pullDate };
}

export const BASE_SHEETS = ['Header', 'ATD FY25 YTD', 'Detention FY25', ' ICLOS and Detainees', 'Facilities FY25'];

/** The real FY25 positions: detained A18, book-ins I18, removals N27, ADP A89 (Detention), pull date A6 (Facilities). */
export const REAL_LAYOUT: Record<keyof IceBlocks, Placement> = {
  detained: { sheet: 2, row: 18, col: 1 },
  bookIns: { sheet: 2, row: 18, col: 9 },
  removals: { sheet: 2, row: 27, col: 14 },
  adp: { sheet: 2, row: 89, col: 1 },
  pullDate: { sheet: 4, row: 6, col: 1 },
};

const BLOCK_ORDER: readonly (keyof IceBlocks)[] = ['detained', 'bookIns', 'removals', 'adp', 'pullDate'];

/** Unrelated content ICE workbooks carry: other tables with numbers, the ATD and facilities data. */
function filler(m: IceModel): { sheet: number; block: Block }[] {
  return [
    { sheet: 0, block: [['ICE Detention Statistics']] },
    { sheet: 1, block: [['ICE ALTERNATIVES TO DETENTION DATA, FY25'], ['Technology', 'Count'], ['SmartLINK', 152_000], ['Total', 183_000]] },
    { sheet: 2, block: [[`ICE Initial Book-Ins by Criminality: ${m.eofy ? 'EO' : ''}FY${m.fy}`], ['Facility Type', 'Convicted Criminal', 'Total'], ['Total', 19_427, 73_262]] },
    { sheet: 2, block: [[`ICE Average Length of Stay by Arresting Agency, Month and Criminality: FY${m.fy}`], ['Agency', ...MONTH_HEADERS, 'FY Overall'], ['CBP Average', ...Array(12).fill(10.5), 11.4]] },
    { sheet: 3, block: [['ICLOS'], ['Total', 42]] },
    { sheet: 4, block: [['ICE FACILITIES DATA'], ['Name', 'City', 'Zip', 'FY25 ALOS'], ['ADAMS COUNTY DET CENTER', 'NATCHEZ', 39_120, 30.58]] },
  ];
}

export interface IceLayout {
  /** Null: the real FY25 positions. Otherwise a placement choice per block (stacked, see `stackLayout`). */
  readonly choice: readonly { sheet: number; gap: number; col: number }[] | null;
  /** Extra sheets the blocks may move to (beyond the five of the real file). */
  readonly extraSheets: number;
  /** Last year's four tables (with other numbers) on a sheet of their own. */
  readonly lastYear: boolean;
}

export const REAL_ICE_LAYOUT: IceLayout = { choice: null, extraSheets: 0, lastYear: false };

/** Sheets (name + cells) of a workbook for the model, or of the given blocks (possibly damaged). */
export function iceSheets(m: IceModel, s: IceSpelling, layout: IceLayout, blocks: IceBlocks = iceBlocks(m, s)): { name: string; cells: Record<string, FixtureValue> }[] {
  const names = [...BASE_SHEETS, ...Array.from({ length: layout.extraSheets }, (_, i) => `Moved ${i + 1}`)];
  const tables = BLOCK_ORDER.map((k) => blocks[k]);
  const fill = filler(m);
  let placed: { block: Block; at: Placement }[];
  if (layout.choice === null) {
    placed = [
      ...BLOCK_ORDER.map((k) => ({ block: blocks[k], at: REAL_LAYOUT[k] })),
      ...fill.map((f, i) => ({ block: f.block, at: { sheet: f.sheet, row: [1, 4, 27, 106, 1, 8][i]!, col: 1 } })),
    ];
  } else {
    const all = [...tables, ...fill.map((f) => f.block)];
    const choice = [...layout.choice, ...fill.map((f) => ({ sheet: f.sheet, gap: 1, col: 0 }))];
    const at = stackLayout(all, choice, names.length);
    placed = all.map((block, i) => ({ block, at: at[i]! }));
  }
  const sheets = placeBlocks(names.length, placed).map((cells, i) => ({ name: names[i]!, cells }));
  if (layout.lastYear) {
    const old = iceBlocks({ ...m, removals: m.removals + 1_000, eofy: false }, s, m.fy - 1);
    const at = stackLayout([old.detained, old.bookIns, old.removals, old.adp], [{ sheet: 0, gap: 2, col: 0 }], 1);
    sheets.push({ name: `Detention FY${String(m.fy - 1).slice(2)}`, cells: placeBlocks(1, [old.detained, old.bookIns, old.removals, old.adp].map((block, i) => ({ block, at: at[i]! })))[0]! });
  }
  return sheets;
}

export const iceLayoutArb: fc.Arbitrary<IceLayout> = fc.record({
  choice: fc.option(fc.array(fc.record({ sheet: fc.nat(), gap: fc.integer({ min: 1, max: 6 }), col: fc.integer({ min: 0, max: 8 }) }), { minLength: 5, maxLength: 5 }), { freq: 4 }),
  extraSheets: fc.integer({ min: 0, max: 2 }),
  lastYear: fc.boolean(),
});
