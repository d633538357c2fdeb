/**
 * Finding tables in agency workbooks by their title text, never by fixed cells: ICE moves
 * tables between rows, columns and sheets from one year to the next. A table is a title cell,
 * a header row just below it (a run of cells to the right of the title column) and data rows
 * below the header, labelled in the title column, down to the first blank label.
 */
import { LayoutError } from '../../src/core/errors.js';
import type { ParseIssue } from '../../src/core/types.js';
import type { Sheet, Workbook } from '../../src/xlsx/read-workbook.js';

/** Collapses runs of whitespace and trims: labels carry stray and doubled spaces. */
export const norm = (text: string): string => text.replace(/\s+/g, ' ').trim();

export interface TitleCell {
  readonly sheet: Sheet;
  readonly row: number;
  readonly col: number;
  readonly text: string;
  /** From `FY2025` or `EOFY2024` at the end of the title. */
  readonly fiscalYear: number;
}

/** Every text cell of a workbook, collected once so several titles can be looked up cheaply. */
export function textCells(wb: Workbook): { sheet: Sheet; row: number; col: number; text: string }[] {
  return wb.sheets().flatMap((sheet) =>
    sheet.findCells((v) => typeof v === 'string').map((h) => ({ sheet, row: h.row, col: h.col, text: norm(String(h.value)) })),
  );
}

/**
 * The title `<prefix>: FY2025` (or `EOFY2024`) with the highest fiscal year. When the same
 * title appears twice for that year, the first (workbook order) wins and an issue says so.
 * Throws `LayoutError` when no cell carries the title.
 */
export function findTitle(cells: ReturnType<typeof textCells>, prefix: string, issues: ParseIssue[]): TitleCell {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:\\s*(?:EO)?FY\\s*(\\d{4})$`, 'i');
  const hits = cells.flatMap((c) => {
    const m = pattern.exec(c.text);
    return m ? [{ ...c, fiscalYear: Number(m[1]) }] : [];
  });
  if (hits.length === 0) throw new LayoutError(`table "${prefix}: FY…" not found in the workbook`);
  const best = Math.max(...hits.map((h) => h.fiscalYear));
  const same = hits.filter((h) => h.fiscalYear === best);
  if (same.length > 1) {
    issues.push({ code: 'duplicate_table', message: `"${prefix}: FY${best}" appears ${same.length} times; using ${same[0]!.sheet.name.trim()} row ${same[0]!.row}` });
  }
  return same[0]!;
}

export interface Table {
  readonly title: TitleCell;
  readonly headerRow: number;
  /** Header cells of the table, left to right (normalised text). */
  readonly header: readonly { col: number; text: string }[];
  /** Data rows with their normalised label, top to bottom. */
  readonly rows: readonly { row: number; label: string }[];
}

// Neighbouring tables share header rows, separated by two or more empty columns.
const MAX_HEADER_GAP = 1;
// The header sits right below the title; allow a spacer row or two.
const MAX_TITLE_TO_HEADER = 3;

/** Reads the header and row labels of the table under a title. Throws `LayoutError` when there is no header. */
export function readTable(title: TitleCell): Table {
  const { sheet, col } = title;
  let headerRow = 0;
  for (let r = title.row + 1; r <= title.row + MAX_TITLE_TO_HEADER && !headerRow; r++) {
    if (typeof sheet.cell(r, col) === 'string') headerRow = r;
  }
  if (!headerRow) throw new LayoutError(`no header row under "${title.text}"`);
  const header: { col: number; text: string }[] = [];
  for (let c = col, gap = 0; gap <= MAX_HEADER_GAP; c++) {
    const v = sheet.cell(headerRow, c);
    if (v === null || v === '') gap++;
    else (header.push({ col: c, text: norm(String(v)) }), (gap = 0));
  }
  const rows: { row: number; label: string }[] = [];
  for (let r = headerRow + 1; ; r++) {
    const label = sheet.cell(r, col);
    if (typeof label !== 'string' || norm(label) === '') break;
    rows.push({ row: r, label: norm(label) });
  }
  return { title, headerRow, header, rows };
}

/** The column whose header matches; `LayoutError` naming the table when none does. */
export function columnOf(table: Table, header: RegExp, what: string): number {
  const hit = table.header.find((h) => header.test(h.text));
  if (!hit) throw new LayoutError(`no ${what} column in "${table.title.text}"`);
  return hit.col;
}

/** The data row whose label matches; `LayoutError` naming the table when none does. */
export function rowOf(table: Table, label: RegExp, what: string): number {
  const hit = table.rows.find((r) => label.test(r.label));
  if (!hit) throw new LayoutError(`no ${what} row in "${table.title.text}"`);
  return hit.row;
}

/**
 * A count or average read from a cell: a JS number, or text such as `1,234`. Anything else
 * records a `non_numeric` issue (a negative one `negative`) and gives null: the value is
 * not emitted, never guessed.
 */
export function numberAt(sheet: Sheet, row: number, col: number, what: string, issues: ParseIssue[]): number | null {
  const v = sheet.cell(row, col);
  // Text cells: plain digits or correctly grouped thousands only (`1,234`, not `0,5` or `12,3456`).
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*$/.test(v) ? Number(v.replace(/[,\s]/g, '')) : NaN;
  if (!Number.isFinite(n)) {
    issues.push({ code: 'non_numeric', message: `${what}: ${JSON.stringify(v)} is not a number (${sheet.name.trim()} row ${row})` });
    return null;
  }
  if (n < 0) {
    issues.push({ code: 'negative', message: `${what}: ${n} is negative (${sheet.name.trim()} row ${row})` });
    return null;
  }
  return n;
}
