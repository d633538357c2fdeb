import Database from 'better-sqlite3';
import { configureConnection, type Db } from './database.js';
import { toRecord, type ObservationRecord, type ObservationRow } from './queries.js';
import type { Store } from './store.js';

/**
 * Read paths for snapshots, bundles, backfill and the artifact endpoint. Kept apart from
 * `queries.ts` because exports page through the whole history: rows come in keyset pages (no
 * open iterator survives between pages, so a caller may await between them), and the revision
 * of a vintage is found through the `revisions_key` index instead of a per-row scan.
 */

export interface SnapshotQuery {
  readonly source?: string;
  readonly series?: string;
  /** Every vintage (history) instead of the current value of each key. */
  readonly allVintages?: boolean;
}

/** Position after the last row of a page: the ORDER BY columns of that row. */
export type SnapshotCursor = readonly [source: string, series: string, labels: string, period: string, vintageId: number];

export interface SnapshotPage {
  readonly rows: ObservationRecord[];
  /** Null when this was the last page. */
  readonly next: SnapshotCursor | null;
}


function whereOf(q: SnapshotQuery): { join: string; where: string[]; args: string[] } {
  const where: string[] = [];
  const args: string[] = [];
  if (q.source) (where.push('k.source = ?'), args.push(q.source));
  if (q.series) (where.push('k.series = ?'), args.push(q.series));
  const join = q.allVintages ? 'JOIN vintages v ON v.key_id = k.id' : 'JOIN vintages v ON v.id = k.current_vintage_id';
  return { join, where, args };
}

/** How many rows {@link snapshotPages} will give for the query. */
export function countSnapshotRows(db: Db, q: SnapshotQuery): number {
  const { join, where, args } = whereOf(q);
  const sql = `SELECT count(*) AS n FROM series_keys k ${join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return (db.prepare(sql).get(...args) as { n: number }).n;
}

/** One page of observations with provenance, ordered by source, series, labels, period, vintage. */
export function snapshotPage(db: Db, q: SnapshotQuery, after: SnapshotCursor | null, limit: number): SnapshotPage {
  const { join, where, args } = whereOf(q);
  const params: (string | number)[] = [...args];
  if (after) (where.push('(k.source, k.series, k.labels, k.period, v.id) > (?, ?, ?, ?, ?)'), params.push(...after));
  const sql = `
    SELECT k.source, k.series, k.labels, k.period, v.id AS vintage_id, v.value, v.partial,
           (v.id = k.current_vintage_id) AS current, c.url, c.sha256, c.published_on, c.first_fetched_at,
           v.first_seen_at, v.last_seen_at, c.parser_id, c.parser_version, r.old_value AS revised_from
    FROM series_keys k ${join}
      JOIN captures c ON c.id = v.capture_id
      LEFT JOIN revisions r ON r.key_id = k.id AND r.new_vintage_id = v.id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY k.source, k.series, k.labels, k.period, v.id
    LIMIT ?`;
  const rows = db.prepare(sql).all(...params, limit) as (ObservationRow & { vintage_id: number })[];
  const last = rows.at(-1);
  const next: SnapshotCursor | null = rows.length === limit && last ? [last.source, last.series, last.labels, last.period, last.vintage_id] : null;
  return { rows: rows.map(toRecord), next };
}

/** Every page of the query in turn. Pages are read one at a time, so the caller may await between them. */
export function* snapshotPages(db: Db, q: SnapshotQuery, pageSize = 5000): Generator<ObservationRecord[]> {
  let cursor: SnapshotCursor | null = null;
  do {
    const page = snapshotPage(db, q, cursor, pageSize);
    if (page.rows.length) yield page.rows;
    cursor = page.next;
  } while (cursor);
}


/** What is known about a stored artifact without reading its body. */
export interface ArtifactMeta {
  readonly sha256: string;
  readonly bytes: number;
  readonly contentType: string;
  /** The first URL it was captured from (its file name hints at the format). */
  readonly url: string | null;
}

export function artifactMeta(db: Db, sha256: string): ArtifactMeta | undefined {
  const row = db
    .prepare(
      `SELECT a.sha256, a.bytes, a.content_type,
              (SELECT c.url FROM captures c WHERE c.sha256 = a.sha256 ORDER BY c.id LIMIT 1) AS url
       FROM artifacts a WHERE a.sha256 = ?`,
    )
    .get(sha256) as { sha256: string; bytes: number; content_type: string; url: string | null } | undefined;
  return row ? { sha256: row.sha256, bytes: row.bytes, contentType: row.content_type, url: row.url } : undefined;
}

/** One current value of an exported series, for the OpenMetrics backfill. */
export interface HistoryPoint {
  readonly source: string;
  readonly series: string;
  /** Canonical labels JSON (sorted keys), as stored. */
  readonly labels: string;
  readonly period: string;
  readonly value: number;
}

/** How many complete current values the series hold. */
export function countHistory(db: Db, series: readonly string[]): number {
  if (series.length === 0) return 0;
  return (
    db
      .prepare(
        `SELECT count(*) AS n FROM series_keys k JOIN vintages v ON v.id = k.current_vintage_id
         WHERE v.partial = 0 AND k.series IN (${series.map(() => '?').join(',')})`,
      )
      .get(...series) as { n: number }
  ).n;
}

/**
 * Current, complete values of the given series ordered by series, source, labels and period
 * (so each time series comes contiguous and in time order: periods of one kind sort by date).
 * Synchronous iteration: do not touch the connection until it is exhausted.
 */
export function* iterateHistory(db: Db, series: readonly string[]): Generator<HistoryPoint> {
  if (series.length === 0) return;
  yield* db
    .prepare(
      `SELECT k.source, k.series, k.labels, k.period, v.value
       FROM series_keys k JOIN vintages v ON v.id = k.current_vintage_id
       WHERE v.partial = 0 AND k.series IN (${series.map(() => '?').join(',')})
       ORDER BY k.series, k.source, k.labels, k.period`,
    )
    .iterate(...series) as IterableIterator<HistoryPoint>;
}

/**
 * Runs `fn` on a second, read-only connection inside one read transaction: a consistent view
 * of the store (WAL snapshot isolation) that scrapes committing meanwhile neither block nor
 * change, even when `fn` awaits between pages. The connection is closed afterwards.
 */
export async function withReadSnapshot<T>(store: Store, fn: (db: Db) => Promise<T> | T): Promise<T> {
  const db = new Database(store.db.name, { readonly: true, fileMustExist: true });
  try {
    configureConnection(db);
    db.exec('BEGIN');
    // The snapshot starts at the first read, not at BEGIN.
    db.prepare('SELECT count(*) FROM series_keys').get();
    try {
      return await fn(db);
    } finally {
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
}
