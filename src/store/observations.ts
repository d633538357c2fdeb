import type { Labels, Observation } from '../core/types.js';
import type { Db } from './database.js';

/** Labels as stored: JSON with sorted keys, so equal label sets are equal strings. */
export function canonicalLabels(labels: Labels): string {
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(labels).sort()) sorted[k] = labels[k]!;
  return JSON.stringify(sorted);
}

/** `region=southwest_land_border,component=all`: the human-readable form used in metric labels. */
export function labelsKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

export interface IngestCounts {
  inserted: number;
  unchanged: number;
  revised: number;
  /** Values that filled in a month that was partial before (not a revision). */
  completed: number;
  /** Vintages from an artifact published before the current one: kept as history only. */
  historical: number;
}

interface CurrentRow {
  key_id: number;
  vintage_id: number | null;
  value: number | null;
  partial: number | null;
  published_on: string | null;
}

/**
 * Records observations from one capture. Each (source, series, labels, period) key keeps every
 * distinct value it has had as a vintage; the newest becomes current. A changed value whose
 * earlier vintage was complete writes a revision row (the earlier value stays in history). A
 * partial month filling in is not a revision. Re-ingesting the same capture changes nothing but
 * `last_seen_at`. Runs inside the caller's transaction.
 */
export function ingestObservations(
  db: Db,
  source: string,
  captureId: number,
  publishedOn: string | null,
  observations: readonly Observation[],
  now: number,
): IngestCounts {
  const counts: IngestCounts = { inserted: 0, unchanged: 0, revised: 0, completed: 0, historical: 0 };
  const st = statements(db);
  for (const o of observations) {
    const labels = canonicalLabels(o.labels);
    st.insertKey.run(source, o.series, labels, o.period);
    const cur = st.current.get(source, o.series, labels, o.period) as CurrentRow;
    const partial = o.partial ? 1 : 0;
    if (cur.vintage_id !== null && cur.value === o.value && cur.partial === partial) {
      st.touch.run(now, cur.vintage_id);
      counts.unchanged++;
      continue;
    }
    const olderThanCurrent = cur.vintage_id !== null && publishedOn !== null && cur.published_on !== null && publishedOn < cur.published_on;
    const vintageId = Number(st.insertVintage.run(cur.key_id, o.value, partial, captureId, publishedOn, now, now).lastInsertRowid);
    if (olderThanCurrent) {
      counts.historical++;
      continue;
    }
    st.setCurrent.run(vintageId, cur.key_id);
    if (cur.vintage_id === null) counts.inserted++;
    else if (cur.partial === 1) counts.completed++;
    else {
      st.insertRevision.run(cur.key_id, cur.vintage_id, vintageId, cur.value, o.value, now);
      counts.revised++;
    }
  }
  return counts;
}

const cache = new WeakMap<Db, ReturnType<typeof prepare>>();
function statements(db: Db): ReturnType<typeof prepare> {
  let st = cache.get(db);
  if (!st) {
    st = prepare(db);
    cache.set(db, st);
  }
  return st;
}

function prepare(db: Db) {
  return {
    insertKey: db.prepare('INSERT OR IGNORE INTO series_keys (source, series, labels, period) VALUES (?, ?, ?, ?)'),
    current: db.prepare(`
      SELECT k.id AS key_id, v.id AS vintage_id, v.value, v.partial, v.published_on
      FROM series_keys k LEFT JOIN vintages v ON v.id = k.current_vintage_id
      WHERE k.source = ? AND k.series = ? AND k.labels = ? AND k.period = ?`),
    touch: db.prepare('UPDATE vintages SET last_seen_at = ? WHERE id = ?'),
    insertVintage: db.prepare(
      'INSERT INTO vintages (key_id, value, partial, capture_id, published_on, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    setCurrent: db.prepare('UPDATE series_keys SET current_vintage_id = ? WHERE id = ?'),
    insertRevision: db.prepare(
      'INSERT INTO revisions (key_id, old_vintage_id, new_vintage_id, old_value, new_value, detected_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };
}
