/**
 * A bounded ZIP reader for XLSX packages. It reads the central directory first and refuses
 * an archive before inflating anything when its declared contents are unsafe (too many
 * entries, too many bytes, an absurd compression ratio), then inflates single entries on
 * demand with a running byte count, so a header that lies about sizes cannot blow up memory.
 *
 * Errors: `LayoutError` when the bytes are not a usable ZIP (not an XLSX at all: an HTML error
 * page, a truncated download, ZIP64, an unsupported compression method); `ValidationError` when
 * the archive is a ZIP but breaks a resource limit (a zip bomb or an oversized workbook).
 */
import { Inflate } from 'fflate';
import { LayoutError, ValidationError } from '../core/errors.js';

/** Resource limits checked before and during inflation. */
export interface ZipLimits {
  /** Most entries the central directory may list. */
  readonly maxEntries: number;
  /** Most bytes all entries may declare when uncompressed, together. */
  readonly maxTotalUncompressedBytes: number;
  /** Highest uncompressed/compressed ratio accepted for an entry larger than `ratioCheckMinBytes`. */
  readonly maxCompressionRatio: number;
  /** Small entries may compress extremely well (a sheet of blanks); only large ones are ratio-checked. */
  readonly ratioCheckMinBytes: number;
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_BYTES = 22;
// The EOCD record may be followed by a comment of at most 65,535 bytes.
const EOCD_SEARCH_BYTES = EOCD_MIN_BYTES + 0xffff;
// Small compressed pushes bound how far one push can overshoot the declared size.
const INFLATE_CHUNK_BYTES = 8 * 1024;

const utf8 = new TextDecoder('utf-8');

/** A one-line description of what the body looks like instead, for the error message. */
function sniff(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the body is empty';
  const head = utf8.decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'the body looks like an HTML page';
  if (head.startsWith('<')) return 'the body looks like XML or HTML';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return 'the body is an OLE compound file (legacy .xls or an encrypted workbook)';
  return 'no ZIP end-of-central-directory record';
}

function findEndOfCentralDirectory(view: DataView, bytes: Uint8Array): number {
  const stop = Math.max(0, bytes.length - EOCD_SEARCH_BYTES);
  for (let at = bytes.length - EOCD_MIN_BYTES; at >= stop; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw new LayoutError(`not an XLSX workbook: ${sniff(bytes)}`);
}

/**
 * Lists the entries of a ZIP archive from its central directory and checks the limits.
 * Nothing is inflated. Throws as described in the module comment.
 */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  if (bytes.length < EOCD_MIN_BYTES) throw new LayoutError(`not an XLSX workbook: ${sniff(bytes)}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view, bytes);
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new LayoutError('not an XLSX workbook: ZIP64 archives are not supported');
  if (count === 0) throw new LayoutError('not an XLSX workbook: the ZIP archive is empty');
  if (count > limits.maxEntries) {
    throw new ValidationError(`XLSX refused: ${count} ZIP entries exceed the limit of ${limits.maxEntries}`);
  }
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new LayoutError('not an XLSX workbook: the ZIP central directory is truncated or corrupt');
    }
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    entries.push({
      name: utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at = next;
  }
  checkDeclaredSizes(entries, limits);
  return entries;
}

function checkDeclaredSizes(entries: readonly ZipEntry[], limits: ZipLimits): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > limits.ratioCheckMinBytes && ratio > limits.maxCompressionRatio) {
      throw new ValidationError(
        `XLSX refused: entry ${e.name} inflates ${Math.round(ratio)}:1 (limit ${limits.maxCompressionRatio}:1), a likely zip bomb`,
      );
    }
  }
  if (total > limits.maxTotalUncompressedBytes) {
    throw new ValidationError(
      `XLSX refused: entries declare ${total} uncompressed bytes, over the limit of ${limits.maxTotalUncompressedBytes}`,
    );
  }
}

/** The compressed bytes of an entry, located through its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) {
    throw new LayoutError(`not an XLSX workbook: ZIP entry ${entry.name} has no local header`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new LayoutError(`not an XLSX workbook: ZIP entry ${entry.name} is truncated`);
  return bytes.subarray(start, end);
}

/**
 * Inflates one entry, refusing (ValidationError) as soon as the output passes the size its
 * header declared: the declared sizes were what the limits were checked against.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.length !== entry.uncompressedSize) throw new LayoutError(`not an XLSX workbook: stored entry ${entry.name} has the wrong size`);
    return data;
  }
  if (entry.method !== 8) throw new LayoutError(`not an XLSX workbook: entry ${entry.name} uses unsupported compression method ${entry.method}`);
  const out = new Uint8Array(entry.uncompressedSize);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > out.length) {
      throw new ValidationError(`XLSX refused: entry ${entry.name} inflates beyond its declared ${entry.uncompressedSize} bytes`);
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < data.length || at === 0; at += INFLATE_CHUNK_BYTES) {
      const end = Math.min(data.length, at + INFLATE_CHUNK_BYTES);
      inflater.push(data.subarray(at, end), end >= data.length);
    }
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new LayoutError(`not an XLSX workbook: ZIP entry ${entry.name} is corrupt (${(err as Error).message})`);
  }
  if (written !== out.length) throw new LayoutError(`not an XLSX workbook: ZIP entry ${entry.name} is shorter than declared`);
  return out;
}
