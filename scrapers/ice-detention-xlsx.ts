/**
 * Parser `ice-detention-xlsx`: ICE detention statistics workbooks
 * (https://www.ice.gov/doclib/detention/FY25_detentionStats01162025.xlsx and siblings).
 * Tables are found by title text anywhere in the workbook (see `lib/ice-sheet-tables.ts`); the
 * data pull date comes from the `Data Source: ICE Integrated Decision Support (IIDS),
 * MM/DD/YYYY` line and dates every point-in-time figure.
 *
 * Emits `ice_detained{arresting_agency}` and `ice_removals_fytd{fiscal_year}` at the pull date,
 * and `ice_book_ins` / `ice_average_daily_population` per month up to the pull date's month
 * (that month `partial`). Issue codes: `total_mismatch`, `non_numeric`, `negative`,
 * `after_pull_date`, `pull_date_conflict`, `duplicate_table`.
 */
import { LayoutError, ValidationError } from '../src/core/errors.js';
import { fiscalYearOf, usDate } from '../src/core/periods.js';
import type { Observation, ParseInput, ParseIssue, ParseResult, ParserDef } from '../src/core/types.js';
import { readWorkbook } from '../src/xlsx/read-workbook.js';
import { parseIceFileName } from './lib/ice-file-names.js';
import { monthlyObservations, type MonthlySpec } from './lib/ice-monthly.js';
import { columnOf, findTitle, numberAt, readTable, rowOf, textCells, type TitleCell } from './lib/ice-sheet-tables.js';

type TextCells = ReturnType<typeof textCells>;

export const ICE_TITLES = {
  detained: 'ICE Currently Detained by Criminality and Arresting Agency',
  removals: 'ICE Removals',
  bookIns: 'ICE Initial Book-Ins by Arresting Agency and Month',
  adp: 'ICE Average Daily Population by Arresting Agency, Month and Criminality',
} as const;

const BOOK_INS: MonthlySpec = {
  series: 'ice_book_ins',
  rowLabels: { all: /^total$/i, cbp: /^cbp$/i, ice: /^ice$/i },
  totalHeader: /^total$/i,
  yearColumn: 'sum',
  tolerance: 0,
};

const ADP: MonthlySpec = {
  series: 'ice_average_daily_population',
  rowLabels: { all: /^average$/i, cbp: /^cbp average$/i, ice: /^ice average$/i },
  totalHeader: /^fy overall$/i,
  yearColumn: 'day-weighted',
  // Averages are stored with ~15 significant digits; parts and totals differ in the last one.
  tolerance: 0.01,
};

/**
 * The IIDS data pull date. Several distinct dates give the latest and a `pull_date_conflict`
 * issue. Throws `LayoutError` when no `Data Source: … MM/DD/YYYY` cell exists.
 */
function pullDate(cells: TextCells, issues: ParseIssue[]): string {
  const dates = new Set<string>();
  for (const c of cells) {
    const m = /^Data Source:.*?(\d{1,2}\/\d{1,2}\/\d{4})\D*$/i.exec(c.text);
    const day = m ? usDate(m[1]!) : null;
    if (day) dates.add(day);
  }
  const sorted = [...dates].sort();
  if (sorted.length === 0) throw new LayoutError('no "Data Source: … (IIDS), MM/DD/YYYY" data pull date in the workbook');
  if (sorted.length > 1) issues.push({ code: 'pull_date_conflict', message: `several data pull dates (${sorted.join(', ')}); using the latest` });
  return sorted.at(-1)!;
}

/**
 * Currently detained by arresting agency from the `Total` row, emitted only when ICE + CBP
 * equals the total and the criminality rows (when present) add up to the `Total` row.
 */
function detained(cells: TextCells, day: string, issues: ParseIssue[]): Observation[] {
  const table = readTable(findTitle(cells, ICE_TITLES.detained, issues));
  const sheet = table.title.sheet;
  const cols = { ice: columnOf(table, /^ice$/i, 'ICE'), cbp: columnOf(table, /^cbp$/i, 'CBP'), all: columnOf(table, /^total$/i, 'Total') };
  const totalRow = rowOf(table, /^total$/i, 'Total');
  const found: ParseIssue[] = [];
  const read = (row: number, agency: keyof typeof cols): number | null => numberAt(sheet, row, cols[agency], `currently detained ${agency}`, found);
  const total = { ice: read(totalRow, 'ice'), cbp: read(totalRow, 'cbp'), all: read(totalRow, 'all') };
  if (total.ice !== null && total.cbp !== null && total.all !== null && total.ice + total.cbp !== total.all) {
    found.push({ code: 'total_mismatch', message: `currently detained: ICE ${total.ice} + CBP ${total.cbp} ≠ Total ${total.all}` });
  }
  const parts = table.rows.filter((r) => r.row !== totalRow);
  for (const agency of ['ice', 'cbp', 'all'] as const) {
    if (parts.length === 0 || total[agency] === null) continue;
    const sum = parts.reduce((a, r) => a + (read(r.row, agency) ?? NaN), 0);
    if (Number.isFinite(sum) && sum !== total[agency]) {
      found.push({ code: 'total_mismatch', message: `currently detained ${agency}: criminality rows sum to ${sum}, Total row says ${total[agency]}` });
    }
  }
  issues.push(...found);
  if (found.length > 0) {
    issues.push({ code: 'total_mismatch', message: 'currently detained figures not emitted: the table does not add up' });
    return [];
  }
  return (['ice', 'cbp', 'all'] as const).map((agency) => ({
    series: 'ice_detained',
    labels: { arresting_agency: agency },
    period: day,
    value: total[agency]!,
  }));
}

/**
 * Fiscal-year-to-date removals: the value right of the `Total` label found in the title's
 * column a few rows below `ICE Removals: FY2025` (in the real files: title N27, value P29).
 */
function removals(cells: TextCells, day: string, issues: ParseIssue[]): Observation[] {
  const title: TitleCell = findTitle(cells, ICE_TITLES.removals, issues);
  const { sheet } = title;
  for (let r = title.row + 1; r <= title.row + 6; r++) {
    const label = sheet.cell(r, title.col);
    if (typeof label !== 'string' || label.trim().toLowerCase() !== 'total') continue;
    for (let c = title.col + 1; c <= title.col + 4; c++) {
      if (sheet.cell(r, c) === null) continue;
      const value = numberAt(sheet, r, c, 'FYTD removals', issues);
      if (value === null) return [];
      return [{ series: 'ice_removals_fytd', labels: { fiscal_year: String(title.fiscalYear) }, period: day, value }];
    }
    throw new LayoutError(`no value next to the Total label under "${title.text}"`);
  }
  throw new LayoutError(`no Total row under "${title.text}"`);
}

/**
 * Success: the four series above with `dataAsOf` = pull date and `publishedOn` = the date in
 * the file name (when the URL has one). Failure: `LayoutError` when the bytes are not a
 * workbook, a table or the pull date is missing; `ValidationError` when the workbook is
 * refused by the reader's limits or the pull date precedes the fiscal year of its tables.
 */
export function parseIceDetentionXlsx(input: ParseInput): ParseResult {
  const cells = textCells(readWorkbook(input.body));
  const issues: ParseIssue[] = [];
  const day = pullDate(cells, issues);
  const bookIns = readTable(findTitle(cells, ICE_TITLES.bookIns, issues));
  const adp = readTable(findTitle(cells, ICE_TITLES.adp, issues));
  const fy = Math.max(bookIns.title.fiscalYear, adp.title.fiscalYear);
  if (fiscalYearOf(day) < fy) throw new ValidationError(`data pull date ${day} precedes fiscal year ${fy} of the workbook's tables`);
  const observations = [
    ...detained(cells, day, issues),
    ...removals(cells, day, issues),
    ...monthlyObservations(bookIns, BOOK_INS, day, issues),
    ...monthlyObservations(adp, ADP, day, issues),
  ];
  const fileDate = parseIceFileName(input.url)?.fileDate;
  return {
    observations,
    issues,
    dataAsOf: day,
    ...(fileDate ? { publishedOn: fileDate } : {}),
    signals: { fiscalYear: String(fy), pullDate: day },
  };
}

export const iceDetentionXlsxParser: ParserDef = {
  id: 'ice-detention-xlsx',
  version: 1,
  description: 'ICE detention statistics workbook: currently detained, FYTD removals, monthly book-ins and average daily population.',
  format: 'xlsx',
  parse: parseIceDetentionXlsx,
};
