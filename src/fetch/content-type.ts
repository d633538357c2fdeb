/**
 * What each expected format may look like on the wire. Agencies label files loosely
 * (octet-stream, force-download, the old Excel type for CSVs) so the allow-lists are wide,
 * and the body is sniffed as well because they also serve HTML error pages with status 200.
 */
import { FetchError } from '../core/errors.js';
import type { ExpectedFormat } from './types.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ALLOWED_TYPES: Readonly<Record<ExpectedFormat, readonly string[]>> = {
  html: ['text/html', 'application/xhtml+xml'],
  csv: [
    'text/csv',
    'application/csv',
    'text/plain',
    'application/octet-stream',
    'application/vnd.ms-excel',
    'application/force-download',
  ],
  xlsx: [
    XLSX_TYPE,
    'application/octet-stream',
    'application/zip',
    'application/vnd.ms-excel',
    'application/force-download',
  ],
};

const ACCEPT: Readonly<Record<ExpectedFormat, string>> = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  csv: 'text/csv,application/csv;q=0.9,text/plain;q=0.8,application/octet-stream;q=0.5,*/*;q=0.1',
  xlsx: `${XLSX_TYPE},application/octet-stream;q=0.5,*/*;q=0.1`,
};

/** Local file header of a ZIP archive; every XLSX is one. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const HTML_OPENINGS = ['<!doctype', '<html', '<head', '<body'];
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The Accept header to send for a format. */
export function acceptHeader(format: ExpectedFormat): string {
  return ACCEPT[format];
}

/** Lower-cased media type without parameters: `Text/CSV; charset=utf-8` → `text/csv`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Throws `bad_content_type` unless the Content-Type header is allowed for the format.
 * A missing header is refused too: we would otherwise store whatever a proxy returned.
 */
export function checkContentType(format: ExpectedFormat, contentType: string | undefined): void {
  const type = mediaType(contentType);
  if (ALLOWED_TYPES[format].includes(type)) return;
  const shown = type === '' ? 'no Content-Type' : `Content-Type ${type}`;
  throw new FetchError('bad_content_type', `expected ${format}, got ${shown}`, false);
}

/**
 * Throws `bad_content_type` when the bytes contradict the format: an XLSX that is not a
 * ZIP, or a CSV that is really an HTML page (agencies' error pages come with status 200).
 */
export function sniffBody(format: ExpectedFormat, body: Buffer): void {
  if (format === 'xlsx' && !body.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new FetchError('bad_content_type', 'expected xlsx, body is not a ZIP archive', false);
  }
  if (format === 'csv' && looksLikeHtml(body)) {
    throw new FetchError('bad_content_type', 'expected csv, body is an HTML page', false);
  }
}

/** True when the first non-blank bytes (after an optional UTF-8 BOM) open an HTML document. */
export function looksLikeHtml(body: Buffer): boolean {
  const start = body.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  // 1 KiB of leading blank lines is plenty; error pages start with the doctype.
  const head = body.subarray(start, start + 1024).toString('latin1').trimStart().toLowerCase();
  return HTML_OPENINGS.some((opening) => head.startsWith(opening));
}
