/**
 * File names for stored agency artifacts (`<sha256>.<ext>`), shared by the bundle and the
 * artifact endpoint. The extension comes from the content type the agency sent, else from the
 * URL the artifact was captured from; `bin` when neither says. (Not from the bytes: the bundle
 * names files before reading them, and the same artifact must get the same name everywhere.)
 */

// A Map, not an object literal: a content type such as `constructor` must not find Object's prototype.
const BY_TYPE: ReadonlyMap<string, string> = new Map(Object.entries({
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/plain': 'txt',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-excel': 'xls',
  'application/zip': 'zip',
}));

const URL_EXTENSIONS = new Set(['html', 'htm', 'csv', 'txt', 'json', 'pdf', 'xlsx', 'xls', 'zip']);

/** The media type without parameters, lower-cased (`text/csv; charset=utf-8` → `text/csv`). */
export const mediaType = (contentType: string): string => contentType.split(';')[0]!.trim().toLowerCase();

export function artifactExtension(contentType: string, url: string | null): string {
  return BY_TYPE.get(mediaType(contentType)) ?? (url ? extensionOfUrl(url) : null) ?? 'bin';
}

function extensionOfUrl(url: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(pathname);
  const ext = m?.[1]?.toLowerCase();
  if (!ext || !URL_EXTENSIONS.has(ext)) return null;
  return ext === 'htm' ? 'html' : ext;
}

export const artifactFileName = (sha256: string, contentType: string, url: string | null): string =>
  `${sha256}.${artifactExtension(contentType, url)}`;

/** A content type safe to send back as a header: the stored one when well-formed, else octet-stream. */
export function safeContentType(contentType: string): string {
  return /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/.test(contentType.trim())
    ? contentType.trim()
    : 'application/octet-stream';
}
