/**
 * One worksheet as a sparse grid, and the scanner that builds it from sheet XML.
 * Rows and columns are 1-based, as Excel numbers them (row 1, column 1 = `A1`).
 */
import { LayoutError } from '../core/errors.js';
import { decodeEntities, decodeOoxmlEscapes, stringItemText } from './xml.js';

/** What a cell holds: text, a number (dates stay Excel serial numbers), or nothing. */
export type CellValue = string | number | null;

/** A non-empty cell found by a search. */
export interface CellHit {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  /** A1-style reference, e.g. `P29`. */
  readonly ref: string;
  readonly value: string | number;
}

export interface SheetRow {
  readonly row: number;
  /** Non-empty cells of the row by column number, in ascending column order. */
  readonly cells: ReadonlyMap<number, string | number>;
}

/** `A` → 1, `P` → 16, `AA` → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 16 → `P`, 27 → `AA`. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `P29` → { row: 29, col: 16 }, or null when the text is not an A1 reference. */
export function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  return m ? { row: Number(m[2]), col: columnNumber(m[1]!) } : null;
}

/** A read-only sparse grid of one worksheet. */
export class Sheet {
  private sortedRows: SheetRow[] | null = null;

  constructor(
    /** The sheet name exactly as in `workbook.xml`, stray spaces included. */
    readonly name: string,
    private readonly grid: ReadonlyMap<number, ReadonlyMap<number, string | number>>,
  ) {}

  /** The value at (row, col), 1-based; null for an empty or absent cell. */
  cell(row: number, col: number): CellValue {
    return this.grid.get(row)?.get(col) ?? null;
  }

  /** The value at an A1 reference such as `P29`. */
  at(ref: string): CellValue {
    const p = parseRef(ref);
    return p ? this.cell(p.row, p.col) : null;
  }

  /** Rows that hold at least one value, top to bottom. */
  rows(): IterableIterator<SheetRow> {
    this.sortedRows ??= [...this.grid.keys()]
      .sort((a, b) => a - b)
      .map((row) => {
        const cells = this.grid.get(row)!;
        return { row, cells: new Map([...cells].sort((a, b) => a[0] - b[0])) };
      });
    return this.sortedRows[Symbol.iterator]();
  }

  /** Every non-empty cell for which the predicate holds, row by row, left to right. */
  findCells(predicate: (value: string | number, row: number, col: number) => boolean): CellHit[] {
    const hits: CellHit[] = [];
    for (const { row, cells } of this.rows()) {
      for (const [col, value] of cells) {
        if (predicate(value, row, col)) hits.push({ sheet: this.name, row, col, ref: `${columnLetters(col)}${row}`, value });
      }
    }
    return hits;
  }
}

/** Counts every `<c>` element scanned so the caller can enforce a workbook-wide cell limit. */
export type CellCounter = (added: number) => void;

const REF_ATTR = /(?:^|\s)r\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d{1,7})["']/;
const TYPE_ATTR = /(?:^|\s)t\s*=\s*["'](\w+)["']/;
const CELL_OR_ROW = /<row\b([^>]*)>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

/**
 * Builds a {@link Sheet} from worksheet XML. Handles self-closing cells, attributes in any
 * order, rows and cells without `r` (then they follow the previous one), and every cell type
 * (`s`, `str`, `inlineStr`, `n`, `b` → `TRUE`/`FALSE`, `e` → the error text, `d` → the ISO text).
 */
export function parseSheetXml(name: string, xml: string, sharedStrings: readonly string[], count: CellCounter): Sheet {
  const grid = new Map<number, Map<number, string | number>>();
  const body = sheetDataOf(xml);
  let row = 0;
  let col = 0;
  // Count first, so an oversized sheet is refused before any grid is built.
  count(countCellTags(body));
  for (const m of body.matchAll(CELL_OR_ROW)) {
    if (m[1] !== undefined) {
      const r = /(?:^|\s)r\s*=\s*["'](\d+)["']/.exec(m[1]);
      row = r ? Number(r[1]) : row + 1;
      col = 0;
      continue;
    }
    // Targeted lookups instead of a full attribute parse: a sheet can hold millions of cells.
    const attrText = m[2] ?? '';
    const pos = REF_ATTR.exec(attrText);
    if (pos) {
      row = Number(pos[2]);
      col = columnNumber(pos[1]!);
    } else col += 1;
    if (m[3] === undefined) continue;
    const value = cellValue(TYPE_ATTR.exec(attrText)?.[1] ?? 'n', m[3], sharedStrings, name);
    if (value === null) continue;
    let cells = grid.get(row);
    if (!cells) grid.set(row, (cells = new Map()));
    cells.set(col, value);
  }
  return new Sheet(name, grid);
}

/** Number of `<c>` elements (`<c `, `<c>` or `<c/>`), found without a regex. */
function countCellTags(xml: string): number {
  let n = 0;
  for (let at = xml.indexOf('<c'); at >= 0; at = xml.indexOf('<c', at + 2)) {
    const next = xml.charCodeAt(at + 2);
    // space, tab, CR, LF, '>' or '/'
    if (next === 32 || next === 9 || next === 13 || next === 10 || next === 62 || next === 47) n++;
  }
  return n;
}

function sheetDataOf(xml: string): string {
  const start = xml.indexOf('<sheetData');
  if (start < 0) return '';
  const end = xml.indexOf('</sheetData>', start);
  return end < 0 ? xml.slice(start) : xml.slice(start, end);
}

function cellValue(type: string, inner: string, sharedStrings: readonly string[], sheet: string): string | number | null {
  if (type === 'inlineStr') {
    const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner);
    return is ? stringItemText(is[1] ?? '') : null;
  }
  const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner);
  if (!v) return null;
  const raw = v[1] ?? '';
  switch (type) {
    case 's': {
      const text = sharedStrings[Number(raw)];
      if (text === undefined) throw new LayoutError(`XLSX sheet ${sheet.trim()} refers to missing shared string ${raw}`);
      return text;
    }
    case 'str':
    case 'e':
    case 'd':
      return decodeOoxmlEscapes(decodeEntities(raw));
    case 'b':
      return raw.trim() === '1' ? 'TRUE' : 'FALSE';
    default: {
      if (raw.trim() === '') return null;
      const n = Number(raw);
      return Number.isFinite(n) ? n : decodeEntities(raw);
    }
  }
}
