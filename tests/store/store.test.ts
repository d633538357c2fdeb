import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import type { Observation } from '../../src/core/types.js';
import { DB_FILE_NAME, PAGE_CACHE_KIB } from '../../src/store/database.js';
import { withReadSnapshot } from '../../src/store/exports.js';
import { emptyState, Store, type CaptureInput } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function openTemp(): { store: Store; dir: string } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const store = Store.open(t.dir);
  cleanups.unshift(() => store.close());
  return { store, dir: t.dir };
}

const obs = (period: string, value: number, partial = false): Observation => ({
  series: 'cbp_encounters',
  labels: { region: 'southwest_land_border', component: 'usbp' },
  period,
  value,
  ...(partial ? { partial } : {}),
});

function capture(body: string, observations: Observation[], publishedOn: string | null = '2025-04-14'): CaptureInput {
  return { url: 'https://www.cbp.gov/x.csv', body: Buffer.from(body), contentType: 'text/csv', parserId: 'test', parserVersion: 1, publishedOn, dataAsOf: null, observations };
}

function commit(store: Store, cap: CaptureInput, now = 1_000) {
  return store.commitCycle({ source: 's', now, fetches: [], captures: [cap], validators: [], state: { ...emptyState('s'), up: true } });
}

describe('Store', () => {
  it('holds SQLite\'s page cache to PAGE_CACHE_KIB on its own and its read-snapshot connections', async () => {
    // better-sqlite3 builds SQLite with a 16 MiB default, which a long-running service fills and keeps.
    const { store } = openTemp();
    expect(store.db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
    expect(await withReadSnapshot(store, (db) => db.pragma('cache_size', { simple: true }))).toBe(-PAGE_CACHE_KIB);
    expect(PAGE_CACHE_KIB).toBeLessThanOrEqual(4096);
  });

  it('re-ingesting the same artifact changes nothing but last-seen times', () => {
    const { store } = openTemp();
    const cap = capture('a', [obs('2025-03', 7181), obs('2025-04', 8383)]);
    expect(commit(store, cap).inserted).toBe(2);
    const again = commit(store, cap, 2_000);
    expect(again).toMatchObject({ inserted: 0, unchanged: 2, revised: 0 });
    const rows = store.observations({ allVintages: true });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.lastSeenAt).toBe(2_000);
    expect(store.sizes().vintages).toBe(2);
  });

  it('keeps the earlier value and writes a revision row when a later artifact changes a month', () => {
    const { store } = openTemp();
    commit(store, capture('april release', [obs('2025-03', 7181)], '2025-04-14'));
    const counts = commit(store, capture('august csv', [obs('2025-03', 7180)], '2025-09-04'), 2_000);
    expect(counts.revised).toBe(1);
    const current = store.observations({ series: 'cbp_encounters' });
    expect(current.map((r) => [r.value, r.revisedFrom])).toEqual([[7180, 7181]]);
    const all = store.observations({ allVintages: true });
    expect(all.map((r) => [r.value, r.current])).toEqual([
      [7181, false],
      [7180, true],
    ]);
    expect(store.revisionSummaries()).toEqual([
      expect.objectContaining({ source: 's', series: 'cbp_encounters', count: 1, lastOld: 7181, lastNew: 7180, lastPeriod: '2025-03' }),
    ]);
  });

  it('does not count a partial month filling in as a revision', () => {
    const { store } = openTemp();
    commit(store, capture('a', [obs('2025-01', 5000, true)]));
    const counts = commit(store, capture('b', [obs('2025-01', 9000)]), 2_000);
    expect(counts).toMatchObject({ completed: 1, revised: 0 });
    expect(store.revisionSummaries()).toEqual([]);
  });

  it('keeps a vintage from an older publication as history without making it current', () => {
    const { store } = openTemp();
    commit(store, capture('new', [obs('2025-03', 7179)], '2025-11-14'));
    const counts = commit(store, capture('old', [obs('2025-03', 7181)], '2025-04-14'), 2_000);
    expect(counts).toMatchObject({ historical: 1, revised: 0 });
    expect(store.observations({}).map((r) => r.value)).toEqual([7179]);
    expect(store.observations({ allVintages: true })).toHaveLength(2);
  });

  it('stores each distinct artifact once, compressed, and returns the original bytes', () => {
    const { store } = openTemp();
    const body = 'x'.repeat(100_000);
    commit(store, capture(body, [obs('2025-03', 1)]));
    commit(store, { ...capture(body, [obs('2025-03', 1)]), url: 'https://www.cbp.gov/y.csv' });
    const [row] = store.observations({});
    const art = store.artifact(row!.sha256)!;
    expect(art.body.toString()).toBe(body);
    expect(store.sizes().artifactBytes).toBeLessThan(2_000);
    expect((store.db.prepare('SELECT count(*) AS n FROM artifacts').get() as { n: number }).n).toBe(1);
  });

  it('keeps everything across a restart', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const a = Store.open(t.dir);
    commit(a, capture('a', [obs('2025-03', 7181)]));
    a.close();
    const b = Store.open(t.dir);
    expect(b.observations({}).map((r) => r.value)).toEqual([7181]);
    expect(b.state('s').up).toBe(true);
    b.close();
  });

  it('rolls back the whole cycle when any part fails', () => {
    const { store } = openTemp();
    commit(store, capture('a', [obs('2025-03', 7181)]));
    const bad = capture('b', [obs('2025-03', 7180), { ...obs('2025-04', Number.NaN), value: null as unknown as number }]);
    expect(() => commit(store, bad, 2_000)).toThrow();
    expect(store.observations({}).map((r) => r.value)).toEqual([7181]);
    expect(store.revisionSummaries()).toEqual([]);
  });

  it('refuses a data directory that is a file, with a clear message', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = path.join(t.dir, 'not-a-dir');
    fs.writeFileSync(file, 'x');
    expect(() => Store.open(file)).toThrow(StoreError);
    expect(() => Store.open(file)).toThrow(/not a writable folder/);
  });

  it('refuses a corrupt database file and leaves it untouched', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = path.join(t.dir, DB_FILE_NAME);
    fs.writeFileSync(file, 'this is not an sqlite database, just some text that is long enough to matter');
    const before = fs.readFileSync(file);
    expect(() => Store.open(t.dir)).toThrow(/cannot open database/);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('refuses a database written by a newer version', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    Store.open(t.dir).close();
    const db = new Database(path.join(t.dir, DB_FILE_NAME));
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)').run();
    db.close();
    expect(() => Store.open(t.dir)).toThrow(/newer than this program/);
  });
});
