/**
 * RFC 4180 CSV for spreadsheets, safe to open in Excel, LibreOffice and Google Sheets.
 *
 * - Records end in CRLF (the last one too); a field is quoted when it holds a comma, a double
 *   quote, CR or LF, and double quotes inside are doubled.
 * - UTF-8 with a byte-order mark ({@link UTF8_BOM}) at the start of the file: without it Excel
 *   on Windows reads the file as the local ANSI code page and garbles non-ASCII label values.
 *   pandas, R's readr, LibreOffice and Python's `csv` with `encoding="utf-8-sig"` skip it.
 * - Formula injection (CWE-1236): a text cell that starts with `=`, `+`, `-`, `@`, tab or CR
 *   would be evaluated as a formula by spreadsheet programs, so it is prefixed with `'`
 *   ({@link neutralise}). Text here can come from agency files (label values such as a
 *   citizenship name) and must never run as a formula on a journalist's machine.
 * - Numeric cells are different: they are rendered by {@link numberCell} from a finite JS
 *   number, so they can only ever be `-?digits[.digits][e±digits]`, which no spreadsheet reads
 *   as a formula. Prefixing `-7` with `'` would turn a negative number into text and break sums,
 *   so numeric columns are typed and never neutralised — the type, not the first character,
 *   decides.
 */

/** The UTF-8 byte-order mark written at the start of every CSV file. */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Prefixes `'` to text a spreadsheet would take for a formula; other text is returned as is. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, quoted when RFC 4180 requires it. Does not neutralise (see {@link textCell}). */
export function quoteField(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** A text cell: neutralised against formula injection, then quoted. Null is an empty cell. */
export function textCell(text: string | null): string {
  return text === null ? '' : quoteField(neutralise(text));
}

/** A numeric cell from a finite number (negative numbers stay numbers). Null is an empty cell. */
export function numberCell(value: number | null): string {
  if (value === null) return '';
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(value);
}

/** A boolean cell: `true` or `false`. */
export function booleanCell(value: boolean): string {
  return value ? 'true' : 'false';
}

/** One CSV record of already-rendered cells, CRLF-terminated. */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.join(',')}\r\n`;
}
