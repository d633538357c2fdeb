import type { Labels } from '../core/types.js';
import type { Db } from './database.js';

/** One stored value with its provenance, as served by the API and exports. */
export interface ObservationRecord {
  readonly source: string;
  readonly series: string;
  readonly labels: Labels;
  readonly period: string;
  readonly value: number;
  readonly partial: boolean;
  readonly current: boolean;
  readonly url: string;
  readonly sha256: string;
  readonly publishedOn: string | null;
  readonly fetchedAt: number;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
  readonly parserId: string;
  readonly parserVersion: number;
  /** The value this vintage replaced, when it was a revision. */
  readonly revisedFrom: number | null;
}

export interface ObservationQuery {
  readonly series?: string;
  readonly source?: string;
  /** Inclusive period bounds, compared as strings (`2024-10` ≤ `2024-10-07` ≤ `2024-11`). */
  readonly from?: string;
  readonly to?: string;
  readonly allVintages?: boolean;
  readonly limit?: number;
}

/** A row of the observation-with-provenance queries (here and in `exports.ts`). */
export interface ObservationRow {
  source: string;
  series: string;
  labels: string;
  period: string;
  value: number;
  partial: number;
  current: number;
  url: string;
  sha256: string;
  published_on: string | null;
  first_fetched_at: number;
  first_seen_at: number;
  last_seen_at: number;
  parser_id: string;
  parser_version: number;
  revised_from: number | null;
}

/** Observations with provenance, current vintage only unless `allVintages`. Ordered by key and vintage. */
export function queryObservations(db: Db, q: ObservationQuery): ObservationRecord[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (!q.allVintages) where.push('v.id = k.current_vintage_id');
  if (q.series) (where.push('k.series = ?'), args.push(q.series));
  if (q.source) (where.push('k.source = ?'), args.push(q.source));
  if (q.from) (where.push('k.period >= ?'), args.push(q.from));
  if (q.to) (where.push("k.period <= ? || '~'"), args.push(q.to));
  const sql = `
    SELECT k.source, k.series, k.labels, k.period, v.value, v.partial,
           (v.id = k.current_vintage_id) AS current, c.url, c.sha256, c.published_on, c.first_fetched_at,
           v.first_seen_at, v.last_seen_at, c.parser_id, c.parser_version,
           r.old_value AS revised_from
    FROM series_keys k JOIN vintages v ON v.key_id = k.id JOIN captures c ON c.id = v.capture_id
      LEFT JOIN revisions r ON r.key_id = k.id AND r.new_vintage_id = v.id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY k.source, k.series, k.labels, k.period, v.id
    ${q.limit ? `LIMIT ${Math.floor(q.limit)}` : ''}`;
  return (db.prepare(sql).all(...args) as ObservationRow[]).map(toRecord);
}

export function toRecord(r: ObservationRow): ObservationRecord {
  return {
    source: r.source,
    series: r.series,
    labels: JSON.parse(r.labels) as Labels,
    period: r.period,
    value: r.value,
    partial: r.partial === 1,
    current: r.current === 1,
    url: r.url,
    sha256: r.sha256,
    publishedOn: r.published_on,
    fetchedAt: r.first_fetched_at,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    parserId: r.parser_id,
    parserVersion: r.parser_version,
    revisedFrom: r.revised_from,
  };
}

/** Current values of the given series (no provenance): the exporter's and pace figures' input. */
export interface CurrentValue {
  readonly source: string;
  readonly series: string;
  readonly labels: string;
  readonly period: string;
  readonly value: number;
  readonly partial: boolean;
}

export function currentValues(db: Db, series: readonly string[]): CurrentValue[] {
  if (series.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT k.source, k.series, k.labels, k.period, v.value, v.partial
       FROM series_keys k JOIN vintages v ON v.id = k.current_vintage_id
       WHERE k.series IN (${series.map(() => '?').join(',')})
       ORDER BY k.source, k.series, k.labels, k.period`,
    )
    .all(...series) as { source: string; series: string; labels: string; period: string; value: number; partial: number }[];
  return rows.map((r) => ({ ...r, partial: r.partial === 1 }));
}

export interface RevisionSummary {
  readonly source: string;
  readonly series: string;
  readonly count: number;
  readonly lastAt: number;
  readonly lastOld: number;
  readonly lastNew: number;
  readonly lastPeriod: string;
  readonly lastLabels: Labels;
}

/** Per (source, series): how many revisions, and the newest one. */
export function revisionSummaries(db: Db): RevisionSummary[] {
  const rows = db
    .prepare(
      `SELECT k.source, k.series, count(*) AS count, max(r.id) AS last_id
       FROM revisions r JOIN series_keys k ON k.id = r.key_id GROUP BY k.source, k.series ORDER BY k.source, k.series`,
    )
    .all() as { source: string; series: string; count: number; last_id: number }[];
  const last = db.prepare(
    'SELECT r.detected_at, r.old_value, r.new_value, k.period, k.labels FROM revisions r JOIN series_keys k ON k.id = r.key_id WHERE r.id = ?',
  );
  return rows.map((r) => {
    const l = last.get(r.last_id) as { detected_at: number; old_value: number; new_value: number; period: string; labels: string };
    return {
      source: r.source,
      series: r.series,
      count: r.count,
      lastAt: l.detected_at,
      lastOld: l.old_value,
      lastNew: l.new_value,
      lastPeriod: l.period,
      lastLabels: JSON.parse(l.labels) as Labels,
    };
  });
}
