import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../core/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export type Db = Database.Database;

export const DB_FILE_NAME = 'enforcement-watch.db';

/**
 * SQLite's page cache per connection, in KiB (SQLite's own default). better-sqlite3 builds
 * SQLite with 16 MiB instead, which a long-running service fills as the store grows and then
 * keeps resident: about 20 MB of RSS after a few weeks of polling (docs/benchmarks.md,
 * "Footprint"). The store's hot pages (source state, the newest observations) fit in far less,
 * and the kernel's file cache serves the rest.
 */
export const PAGE_CACHE_KIB = 2048;

/** Settings every connection to the store needs, read-write or read-only: lock wait and page cache. */
export function configureConnection(db: Db): void {
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
}

/**
 * Opens (creating when needed) the SQLite database in `dataDir`, in WAL mode, and applies
 * pending migrations. Fails with a {@link StoreError} that says what is wrong — an unwritable
 * folder, a file that is not a database, a database from a newer version — and never replaces
 * or truncates an existing file.
 */
export function openDatabase(dataDir: string): Db {
  const dir = path.resolve(dataDir);
  ensureWritableDir(dir);
  const file = path.join(dir, DB_FILE_NAME);
  let db: Db;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    configureConnection(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError(`database ${file} failed its integrity check: ${String(check)}`);
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  migrate(db, file);
  return db;
}

function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.R_OK);
  } catch (err) {
    throw new StoreError(`data directory ${dir} is not a writable folder: ${(err as Error).message}`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new StoreError(`data directory ${dir} is not a folder`);
}

function migrate(db: Db, file: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(`database ${file} has schema version ${current}, newer than this program (${SCHEMA_VERSION}); upgrade enforcement-watch`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
    })();
  }
}
