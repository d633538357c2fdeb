/**
 * A small, bounded XLSX reader on fflate. Enough of SpreadsheetML to read the tables agencies
 * publish: sheet names, shared strings (rich text runs concatenated), and cell values. No
 * styles, formulas (cached values are read), dates (left as Excel serial numbers) or merges.
 *
 * ```ts
 * const wb = readWorkbook(body);                  // Workbook; sheets parse on first access
 * wb.sheetNames;                                  // raw names, e.g. [' ICLOS and Detainees', …]
 * const s = wb.sheet('Detention FY25');           // exact name, or undefined
 * s.cell(29, 16); s.at('P29');                    // string | number | null, 1-based
 * for (const { row, cells } of s.rows()) …        // non-empty rows, cells by column
 * wb.findCells((v) => v === 'Total');             // [{ sheet, row, col, ref, value }]
 * ```
 *
 * Limits (see {@link XlsxLimits}) are enforced before anything is inflated where the ZIP
 * directory allows it, and while scanning cells otherwise. Errors:
 * - `LayoutError('not an XLSX workbook: …')` — the bytes are not a ZIP, the ZIP is empty or
 *   corrupt, or it has no workbook part (e.g. an HTML error page served with a 200).
 * - `ValidationError('XLSX refused: …')` — a ZIP that breaks a resource limit: too many
 *   entries, too many declared bytes, an absurd compression ratio (zip bomb), an entry that
 *   inflates past its declared size, or too many cells.
 */
import { LayoutError, ValidationError } from '../core/errors.js';
import { inflateEntry, readZipDirectory, type ZipEntry, type ZipLimits } from './zip.js';
import { attrByLocalName, startTags, stringItemText } from './xml.js';
import { parseSheetXml, Sheet, type CellHit } from './sheet.js';

export { Sheet, columnLetters, columnNumber, parseRef } from './sheet.js';
export type { CellHit, CellValue, SheetRow } from './sheet.js';

export interface XlsxLimits extends ZipLimits {
  /** Most `<c>` elements scanned over all sheets read from one workbook. */
  readonly maxCells: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = Object.freeze({
  maxEntries: 1_000,
  maxTotalUncompressedBytes: 64 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioCheckMinBytes: 1024 * 1024,
  maxCells: 2_000_000,
});

/** A workbook whose sheets are parsed on first access (the cell limit counts sheets read). */
export interface Workbook {
  /** Sheet names in workbook order, exactly as written (stray spaces kept). */
  readonly sheetNames: readonly string[];
  /** The sheet with exactly this name, or undefined. */
  sheet(name: string): Sheet | undefined;
  /** Every sheet, in workbook order (parses them all). */
  sheets(): Sheet[];
  /** Non-empty cells matching the predicate in every sheet, sheet by sheet. */
  findCells(predicate: (value: string | number, row: number, col: number, sheet: string) => boolean): CellHit[];
}

const utf8 = new TextDecoder('utf-8');
const REL_TYPE_SUFFIX = { officeDocument: '/officeDocument', sharedStrings: '/sharedStrings', worksheet: '/worksheet' };

/** A sheet as declared in `workbook.xml`, with its part path when it is a worksheet. */
interface DeclaredSheet {
  readonly name: string;
  readonly path: string | undefined;
}

/** The package parts we read, inflated on demand (each at most once per call). */
type PartReader = (path: string) => string | undefined;

/** Sheet declarations and shared strings of the package: the parts every sheet needs. */
function readWorkbookParts(part: PartReader): { declared: DeclaredSheet[]; sharedStrings: string[] } {
  const workbookPath = officeDocumentPath(part('_rels/.rels'));
  const workbookXml = part(workbookPath);
  if (workbookXml === undefined) throw new LayoutError(`not an XLSX workbook: no ${workbookPath} in the ZIP archive`);
  const rels = relationships(part(relsPathOf(workbookPath)), workbookPath);
  const sharedPath = [...rels.values()].find((r) => r.type.endsWith(REL_TYPE_SUFFIX.sharedStrings))?.target;
  const declared = startTags(workbookXml, 'sheet').map((attrs) => {
    const rel = rels.get(attrByLocalName(attrs, 'id') ?? '');
    // Chartsheets and dialog sheets have no cells; they keep their name and read as empty.
    const isWorksheet = rel !== undefined && rel.type.endsWith(REL_TYPE_SUFFIX.worksheet);
    return { name: attrs.get('name') ?? '', path: isWorksheet ? rel.target : undefined };
  });
  return { declared, sharedStrings: parseSharedStrings(part(sharedPath ?? 'xl/sharedStrings.xml')) };
}

/**
 * Opens an XLSX workbook held in memory. Throws `LayoutError` or `ValidationError` as
 * described in the module comment; never returns a partial workbook.
 */
export function readWorkbook(bytes: Uint8Array, limits: Partial<XlsxLimits> = {}): Workbook {
  const lim: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, ...limits };
  const entries = new Map(readZipDirectory(bytes, lim).map((e) => [e.name, e]));
  const part: PartReader = (path) => {
    const entry: ZipEntry | undefined = entries.get(path);
    return entry ? utf8.decode(inflateEntry(bytes, entry)) : undefined;
  };
  const { declared, sharedStrings } = readWorkbookParts(part);
  let cells = 0;
  const count = (added: number): void => {
    cells += added;
    if (cells > lim.maxCells) throw new ValidationError(`XLSX refused: more than ${lim.maxCells} cells`);
  };
  const cache = new Map<number, Sheet>();
  const load = (index: number): Sheet => {
    const { name, path } = declared[index]!;
    let sheet = cache.get(index);
    if (!sheet) cache.set(index, (sheet = parseSheetXml(name, (path && part(path)) ?? '', sharedStrings, count)));
    return sheet;
  };
  const sheets = (): Sheet[] => declared.map((_, i) => load(i));
  return {
    sheetNames: declared.map((d) => d.name),
    sheet: (name) => {
      const i = declared.findIndex((d) => d.name === name);
      return i < 0 ? undefined : load(i);
    },
    sheets,
    findCells: (predicate) => sheets().flatMap((s) => s.findCells((v, r, c) => predicate(v, r, c, s.name))),
  };
}

interface Relationship {
  readonly type: string;
  readonly target: string;
}

function officeDocumentPath(rootRels: string | undefined): string {
  if (rootRels === undefined) return 'xl/workbook.xml';
  const rel = [...relationships(rootRels, '').values()].find((r) => r.type.endsWith(REL_TYPE_SUFFIX.officeDocument));
  return rel?.target ?? 'xl/workbook.xml';
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** Relationships by id, with targets resolved to ZIP entry names relative to the source part. */
function relationships(xml: string | undefined, sourcePart: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  if (xml === undefined) return out;
  const baseDir = sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1);
  for (const attrs of startTags(xml, 'Relationship')) {
    const id = attrs.get('Id');
    const target = attrs.get('Target');
    if (id === undefined || target === undefined || attrs.get('TargetMode') === 'External') continue;
    out.set(id, { type: attrs.get('Type') ?? '', target: resolvePartPath(baseDir, target) });
  }
  return out;
}

function resolvePartPath(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : baseDir + target).split('/');
  const resolved: string[] = [];
  for (const p of parts) {
    if (p === '..') resolved.pop();
    else if (p !== '.' && p !== '') resolved.push(p);
  }
  return resolved.join('/');
}

function parseSharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  return [...xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) => stringItemText(m[1] ?? ''));
}
