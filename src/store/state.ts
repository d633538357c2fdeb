import type { ErrorKind } from '../core/errors.js';
import type { ParseIssue } from '../core/types.js';
import type { Db } from './database.js';

/** What we know about one source's freshness, as kept in `source_state`. */
export interface SourceState {
  readonly source: string;
  /** null before the first cycle. */
  readonly up: boolean | null;
  readonly lastAttemptAt: number | null;
  readonly lastSuccessAt: number | null;
  readonly lastChangeAt: number | null;
  /** The agency's publication date (`YYYY-MM-DD`) of the newest artifact, when it states one. */
  readonly publishedOn: string | null;
  /** Unix ms of the publication: the agency's date, else HTTP Last-Modified, else when we first saw it. */
  readonly publishedAt: number | null;
  readonly dataAsOf: string | null;
  readonly dataAsOfStalled: boolean;
  readonly lastErrorKind: ErrorKind | null;
  readonly lastErrorMessage: string | null;
  readonly lastErrorAt: number | null;
  readonly landingSha256: string | null;
  readonly fileUrl: string | null;
  readonly fileSha256: string | null;
  readonly issues: ParseIssue[];
  readonly signals: Record<string, string>;
}

interface StateRow {
  source: string;
  up: number | null;
  last_attempt_at: number | null;
  last_success_at: number | null;
  last_change_at: number | null;
  published_on: string | null;
  published_at: number | null;
  data_as_of: string | null;
  data_as_of_stalled: number;
  last_error_kind: string | null;
  last_error_message: string | null;
  last_error_at: number | null;
  landing_sha256: string | null;
  file_url: string | null;
  file_sha256: string | null;
  issues: string;
  signals: string;
}

function fromRow(r: StateRow): SourceState {
  return {
    source: r.source,
    up: r.up === null ? null : r.up === 1,
    lastAttemptAt: r.last_attempt_at,
    lastSuccessAt: r.last_success_at,
    lastChangeAt: r.last_change_at,
    publishedOn: r.published_on,
    publishedAt: r.published_at,
    dataAsOf: r.data_as_of,
    dataAsOfStalled: r.data_as_of_stalled === 1,
    lastErrorKind: r.last_error_kind as ErrorKind | null,
    lastErrorMessage: r.last_error_message,
    lastErrorAt: r.last_error_at,
    landingSha256: r.landing_sha256,
    fileUrl: r.file_url,
    fileSha256: r.file_sha256,
    issues: JSON.parse(r.issues) as ParseIssue[],
    signals: JSON.parse(r.signals) as Record<string, string>,
  };
}

export function emptyState(source: string): SourceState {
  return {
    source,
    up: null,
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastChangeAt: null,
    publishedOn: null,
    publishedAt: null,
    dataAsOf: null,
    dataAsOfStalled: false,
    lastErrorKind: null,
    lastErrorMessage: null,
    lastErrorAt: null,
    landingSha256: null,
    fileUrl: null,
    fileSha256: null,
    issues: [],
    signals: {},
  };
}

export function readState(db: Db, source: string): SourceState {
  const row = db.prepare('SELECT * FROM source_state WHERE source = ?').get(source) as StateRow | undefined;
  return row ? fromRow(row) : emptyState(source);
}

export function readAllStates(db: Db): SourceState[] {
  return (db.prepare('SELECT * FROM source_state ORDER BY source').all() as StateRow[]).map(fromRow);
}

/** Replaces the state row of `s.source` (within the caller's transaction). */
export function writeState(db: Db, s: SourceState): void {
  db.prepare(
    `INSERT OR REPLACE INTO source_state (source, up, last_attempt_at, last_success_at, last_change_at, published_on,
       published_at, data_as_of, data_as_of_stalled, last_error_kind, last_error_message, last_error_at,
       landing_sha256, file_url, file_sha256, issues, signals)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.source,
    s.up === null ? null : s.up ? 1 : 0,
    s.lastAttemptAt,
    s.lastSuccessAt,
    s.lastChangeAt,
    s.publishedOn,
    s.publishedAt,
    s.dataAsOf,
    s.dataAsOfStalled ? 1 : 0,
    s.lastErrorKind,
    s.lastErrorMessage,
    s.lastErrorAt,
    s.landingSha256,
    s.fileUrl,
    s.fileSha256,
    JSON.stringify(s.issues),
    JSON.stringify(s.signals),
  );
}

export function incrementErrorCount(db: Db, source: string, kind: ErrorKind): void {
  db.prepare(
    'INSERT INTO error_counts (source, kind, count) VALUES (?, ?, 1) ON CONFLICT (source, kind) DO UPDATE SET count = count + 1',
  ).run(source, kind);
}

export function readErrorCounts(db: Db): { source: string; kind: string; count: number }[] {
  return db.prepare('SELECT source, kind, count FROM error_counts ORDER BY source, kind').all() as {
    source: string;
    kind: string;
    count: number;
  }[];
}

export interface Validators {
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly sha256: string | null;
}

export function readValidators(db: Db, url: string): Validators | undefined {
  const r = db.prepare('SELECT etag, last_modified, sha256 FROM validators WHERE url = ?').get(url) as
    | { etag: string | null; last_modified: string | null; sha256: string | null }
    | undefined;
  return r ? { etag: r.etag, lastModified: r.last_modified, sha256: r.sha256 } : undefined;
}

export function writeValidators(db: Db, url: string, v: Validators, now: number): void {
  db.prepare('INSERT OR REPLACE INTO validators (url, etag, last_modified, sha256, updated_at) VALUES (?, ?, ?, ?, ?)').run(
    url,
    v.etag,
    v.lastModified,
    v.sha256,
    now,
  );
}
