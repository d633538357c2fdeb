/**
 * Builds small, valid XLSX workbooks in memory with fflate, so parser tests can
 * describe their fixtures as data instead of committing binary files.
 *
 * ```ts
 * const body = writeWorkbook([
 *   { name: 'Detention FY25 ', rows: [['Title'], ['Agency', 'Oct', 'Nov'], ['ICE', 1, 2]] },
 *   { name: 'Facilities FY25', cells: { N27: 'ICE Removals: FY2025', P29: 76939 } },
 * ]);
 * parser.parse({ body, url: 'https://example.test/FY25_detentionStats01162025.xlsx' });
 * ```
 *
 * - `rows[r][c]` lands in Excel row r+1, column c+1; `null` (or a missing entry) leaves the
 *   cell out. `cells` places values by A1 reference and wins over `rows` for the same cell.
 * - Strings go to `xl/sharedStrings.xml` (as Excel writes them) unless `strings: 'inline'`.
 * - Sheet names and strings are written verbatim (spaces kept, XML-escaped; a carriage return
 *   as Excel's `_x000D_`).
 * - {@link zipFiles} zips arbitrary parts, for hand-written or deliberately broken packages.
 */
import { zipSync, strToU8 } from 'fflate';

export type FixtureValue = string | number | null;

export interface FixtureSheet {
  readonly name: string;
  readonly rows?: readonly (readonly FixtureValue[])[];
  /** Values by A1 reference, e.g. `{ P29: 76939 }`. */
  readonly cells?: Readonly<Record<string, FixtureValue>>;
}

export interface WriteWorkbookOptions {
  /** `shared` (default, like Excel) or `inline` (`<is><t>` in the sheet). */
  readonly strings?: 'shared' | 'inline';
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function refToRowCol(ref: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad cell reference ${ref}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}

/** Row → column → value for one fixture sheet, 1-based. */
function gridOf(sheet: FixtureSheet): Map<number, Map<number, string | number>> {
  const grid = new Map<number, Map<number, string | number>>();
  const put = (row: number, col: number, value: FixtureValue): void => {
    if (value === null) return;
    if (!grid.has(row)) grid.set(row, new Map());
    grid.get(row)!.set(col, value);
  };
  (sheet.rows ?? []).forEach((values, r) => values.forEach((v, c) => put(r + 1, c + 1, v)));
  for (const [ref, value] of Object.entries(sheet.cells ?? {})) put(...refToRowCol(ref), value);
  return grid;
}

function sheetXml(grid: Map<number, Map<number, string | number>>, stringCell: (s: string) => string): string {
  const rows = [...grid.keys()].sort((a, b) => a - b).map((row) => {
    const cells = [...grid.get(row)!].sort((a, b) => a[0] - b[0]).map(([col, value]) => {
      const ref = `${columnLetters(col)}${row}`;
      return typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}"${stringCell(value)}</c>`;
    });
    return `<row r="${row}">${cells.join('')}</row>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`;
}

function textElement(s: string): string {
  const space = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : '';
  // XML parsers turn a literal CR into LF; Excel writes it as the OOXML escape _x000D_.
  return `<t${space}>${xmlEscape(s).replace(/\r/g, '_x000D_')}</t>`;
}

/** Builds an XLSX file (as a Buffer, like a fetched body) from fixture sheets. */
export function writeWorkbook(sheets: readonly FixtureSheet[], options: WriteWorkbookOptions = {}): Buffer {
  const shared: string[] = [];
  const index = new Map<string, number>();
  const stringCell =
    options.strings === 'inline'
      ? (s: string) => ` t="inlineStr"><is>${textElement(s)}</is>`
      : (s: string) => {
          if (!index.has(s)) index.set(s, shared.push(s) - 1);
          return ` t="s"><v>${index.get(s)}</v>`;
        };
  const files: Record<string, string> = {};
  sheets.forEach((sheet, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(gridOf(sheet), stringCell)));
  const sheetEntries = sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  files['xl/workbook.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheetEntries.join('')}</sheets></workbook>`;
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  files['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`;
  files['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si>${textElement(s)}</si>`).join('')}</sst>`;
  files['_rels/.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  files['[Content_Types].xml'] = contentTypes(sheets.length);
  return zipFiles(files);
}

function contentTypes(sheetCount: number): string {
  const overrides = Array.from(
    { length: sheetCount },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>${overrides.join('')}</Types>`;
}

/** A fixed entry time, so the same parts always give the same bytes (and the same SHA-256). */
const ZIP_MTIME = new Date('2000-01-01T00:00:00Z');

/** Zips parts as given (strings are UTF-8 encoded); `level` 0 stores them uncompressed. Deterministic. */
export function zipFiles(files: Readonly<Record<string, string | Uint8Array>>, level: 0 | 6 | 9 = 6): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) entries[name] = typeof content === 'string' ? strToU8(content) : content;
  return Buffer.from(zipSync(entries, { level, mtime: ZIP_MTIME }));
}
