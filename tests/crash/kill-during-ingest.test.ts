/**
 * Crash safety: a child process (tests/helpers/crash-ingest.ts) ingests into a Store through the
 * real `runCycle` — large synthetic rounds that revise every value, interleaved with the real
 * registry's sources against the demo site — and is killed with SIGKILL at random points, many
 * times. After every kill the store must be sound as the next run will find it:
 *
 * - `PRAGMA integrity_check` is ok, `PRAGMA foreign_key_check` is empty, and the schema migration
 *   is all or nothing;
 * - no vintage without its capture, no capture without its artifact, no artifact without a
 *   capture, every current vintage belongs to its key, every revision to its vintages;
 * - every artifact's stored bytes gunzip to its length and SHA-256 (each checked once, plus a
 *   random sample re-checked after every kill);
 * - `source_state` agrees with the captures: every hash it names was captured by that source,
 *   validators name stored artifacts, and the synthetic source's round (`signals.round`) is
 *   exactly the round of every current value, with one vintage per round and one revision per
 *   round after the first for every key (each round committed exactly once, never half);
 * - a round the child reported committed (`done r`) survives the kill (WAL, synchronous=NORMAL
 *   is durable against a process crash), and the store never holds a round that was not started.
 *
 * A final run that is not killed must then complete: three more rounds, every registry source up,
 * and current values equal to those of a clean reference ingestion of the same demo site.
 *
 * The kill loop is bounded by time and count; `EW_FAULT_REPORT=1` prints how many kills landed
 * where (mid-round, inside `commitCycle`, before the store was open) and how far ingestion got.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/config/resolve.js';
import { configSchema } from '../../src/config/schema.js';
import { startDemoSite, type AgencySite } from '../../src/demo/replay-server.js';
import { Fetcher } from '../../src/fetch/index.js';
import { runCycle } from '../../src/pipeline/run-cycle.js';
import { sha256Hex } from '../../src/store/artifacts.js';
import { DB_FILE_NAME } from '../../src/store/database.js';
import { Store } from '../../src/store/store.js';
import { SOURCES } from '../../scrapers/index.js';
import { SYNTHETIC_KEYS, SYNTHETIC_ORIGIN, SYNTHETIC_SOURCE, syntheticKey, syntheticValue } from '../helpers/crash-ingest.js';
import { REPO } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const CHILD = path.join(REPO, 'tests/helpers/crash-ingest.ts');
/** Kill-loop bounds: stop at whichever comes first. */
const MAX_KILLS = 45;
const KILL_PHASE_MS = 28_000;
/** Fewer kills than this means the machine was too slow for the test to prove anything. */
const MIN_KILLS = 10;
/** A kill lands uniformly within this long after `go` (start-up, recovery, cycles, commits). */
const MAX_KILL_DELAY_MS = 1_000;
const BOOT_TIMEOUT_MS = 30_000;
/** Children booting ahead of the one being killed. */
const PREBOOT = 2;
/** One child in this many also runs the real registry against the demo site (its start-up costs 3× more CPU). */
const DEMO_EVERY = 4;
const FINAL_RUN_TIMEOUT_MS = 45_000;

type Db = Database.Database;

/** One child process and what it printed. */
class IngestChild {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly proc: ChildProcessWithoutNullStreams;
  private stderr = '';
  private waiters: (() => void)[] = [];

  constructor(dataDir: string, until: number, demoOrigin: string | undefined) {
    const args = ['--import', 'tsx', CHILD, '--data-dir', dataDir, '--until', String(until), ...(demoOrigin ? ['--demo', demoOrigin] : [])];
    this.proc = spawn(process.execPath, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    let partial = '';
    this.proc.stdout.on('data', (d: Buffer) => {
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop()!;
      this.lines.push(...parts);
      for (const w of this.waiters.splice(0)) w();
    });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.stdin.on('error', () => {}); // a killed child closes its stdin under us
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.waiters.splice(0).forEach((w) => w()));
  }

  get output(): string {
    return `${this.lines.join('\n')}\n${this.stderr}`;
  }

  /** Resolves with the first line starting with `prefix`; rejects on exit or timeout. */
  async waitFor(prefix: string, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.find((l) => l.startsWith(prefix));
      if (line !== undefined) return line;
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) throw new Error(`child exited before "${prefix}":\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`no "${prefix}" from the child within ${timeoutMs} ms:\n${this.output}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  go(): void {
    this.proc.stdin.write('go\n');
  }

  /** SIGKILL, then wait for the process to be gone. Fails if it had died on its own. */
  async kill(): Promise<void> {
    if (this.proc.exitCode !== null) throw new Error(`child exited on its own (code ${this.proc.exitCode}) before the kill:\n${this.output}`);
    this.proc.kill('SIGKILL');
    await this.exited;
  }

  /** Rounds the child announced: the last started and the last reported committed. */
  rounds(): { ready: number | null; started: number; done: number } {
    const last = (word: string) => Math.max(0, ...this.lines.filter((l) => l.startsWith(`${word} `)).map((l) => Number(l.split(' ')[1])));
    const ready = this.lines.find((l) => l.startsWith('ready '));
    return { ready: ready ? Number(ready.split(' ')[1]) : null, started: last('start'), done: last('done') };
  }
}

// ---- checks on the store as a killed child left it ------------------------------------------

const count = (db: Db, sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;

/** Structural soundness: integrity, foreign keys and the joins every read path relies on. */
function checkStructure(db: Db): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const orphans: Record<string, string> = {
    'vintage without capture': 'SELECT count(*) AS n FROM vintages v LEFT JOIN captures c ON c.id = v.capture_id WHERE c.id IS NULL',
    'vintage without key': 'SELECT count(*) AS n FROM vintages v LEFT JOIN series_keys k ON k.id = v.key_id WHERE k.id IS NULL',
    'vintage from another source': 'SELECT count(*) AS n FROM vintages v JOIN series_keys k ON k.id = v.key_id JOIN captures c ON c.id = v.capture_id WHERE c.source <> k.source',
    'capture without artifact': 'SELECT count(*) AS n FROM captures c LEFT JOIN artifacts a ON a.sha256 = c.sha256 WHERE a.sha256 IS NULL',
    'artifact without capture': 'SELECT count(*) AS n FROM artifacts a WHERE NOT EXISTS (SELECT 1 FROM captures c WHERE c.sha256 = a.sha256)',
    'key without current vintage': 'SELECT count(*) AS n FROM series_keys k LEFT JOIN vintages v ON v.id = k.current_vintage_id WHERE v.id IS NULL',
    'current vintage of another key': 'SELECT count(*) AS n FROM series_keys k JOIN vintages v ON v.id = k.current_vintage_id WHERE v.key_id <> k.id',
    'revision with a missing vintage': `SELECT count(*) AS n FROM revisions r LEFT JOIN vintages o ON o.id = r.old_vintage_id LEFT JOIN vintages w ON w.id = r.new_vintage_id
      WHERE o.id IS NULL OR w.id IS NULL OR o.key_id <> r.key_id OR w.key_id <> r.key_id`,
    'validator naming no artifact': 'SELECT count(*) AS n FROM validators v LEFT JOIN artifacts a ON a.sha256 = v.sha256 WHERE v.sha256 IS NOT NULL AND a.sha256 IS NULL',
  };
  for (const [what, sql] of Object.entries(orphans)) expect(count(db, sql), what).toBe(0);
}

/** Gunzips and hashes every artifact not verified yet, and re-verifies a few old ones. */
function checkArtifacts(db: Db, verified: Set<string>): void {
  const all = (db.prepare('SELECT sha256 FROM artifacts').all() as { sha256: string }[]).map((r) => r.sha256);
  const old = all.filter((sha) => verified.has(sha));
  const sample = [...all.filter((sha) => !verified.has(sha)), ...Array.from({ length: Math.min(3, old.length) }, () => old[Math.floor(Math.random() * old.length)]!)];
  const get = db.prepare('SELECT bytes, encoding, data FROM artifacts WHERE sha256 = ?');
  for (const sha of sample) {
    const row = get.get(sha) as { bytes: number; encoding: string; data: Buffer };
    const body = row.encoding === 'gzip' ? gunzipSync(row.data) : row.data;
    expect(sha256Hex(body), `artifact ${sha} matches its hash`).toBe(sha);
    expect(body.length).toBe(row.bytes);
    verified.add(sha);
  }
}

interface StateRow {
  source: string;
  up: number | null;
  last_error_kind: string | null;
  landing_sha256: string | null;
  file_url: string | null;
  file_sha256: string | null;
  signals: string;
}

/** `source_state` names only what was captured; the synthetic round matches the stored values exactly. */
function checkStates(db: Db): number {
  const states = db.prepare('SELECT source, up, last_error_kind, landing_sha256, file_url, file_sha256, signals FROM source_state').all() as StateRow[];
  for (const s of states) {
    expect(s, 'no cycle failed: a kill never shows as a source error').toMatchObject({ up: 1, last_error_kind: null });
    if (s.landing_sha256) expect(count(db, 'SELECT count(*) AS n FROM captures WHERE source = ? AND sha256 = ?', s.source, s.landing_sha256), `${s.source} landing`).toBe(1);
    if (s.file_sha256) expect(count(db, 'SELECT count(*) AS n FROM captures WHERE source = ? AND url = ? AND sha256 = ?', s.source, s.file_url, s.file_sha256), `${s.source} file`).toBe(1);
  }
  const synthetic = states.find((s) => s.source === SYNTHETIC_SOURCE);
  const round = synthetic ? Number((JSON.parse(synthetic.signals) as { round?: string }).round) : 0;
  const files = count(db, "SELECT count(*) AS n FROM captures WHERE source = ? AND url LIKE '%/round-%'", SYNTHETIC_SOURCE);
  expect(files, 'one file capture per committed round').toBe(round);
  const vintages = count(db, 'SELECT count(*) AS n FROM vintages v JOIN series_keys k ON k.id = v.key_id WHERE k.source = ?', SYNTHETIC_SOURCE);
  const revisions = count(db, 'SELECT count(*) AS n FROM revisions r JOIN series_keys k ON k.id = r.key_id WHERE k.source = ?', SYNTHETIC_SOURCE);
  expect({ vintages, revisions }).toEqual({ vintages: SYNTHETIC_KEYS * round, revisions: SYNTHETIC_KEYS * Math.max(0, round - 1) });
  if (round > 0) {
    expect(synthetic!.file_url).toBe(`${SYNTHETIC_ORIGIN}/round-${round}.csv`);
    expect(wrongSyntheticValues(db, round), `every current value is round ${round}'s`).toEqual([]);
  }
  return round;
}

/** Current synthetic values that are not round `round`'s (the first few), plus missing keys. */
function wrongSyntheticValues(db: Db, round: number): string[] {
  const rows = db
    .prepare('SELECT k.labels, k.period, v.value FROM series_keys k JOIN vintages v ON v.id = k.current_vintage_id WHERE k.source = ?')
    .all(SYNTHETIC_SOURCE) as { labels: string; period: string; value: number }[];
  const current = new Map(rows.map((r) => [`${(JSON.parse(r.labels) as { region: string }).region}/${r.period}`, r.value]));
  const wrong: string[] = [];
  if (current.size !== SYNTHETIC_KEYS) wrong.push(`${current.size} keys, expected ${SYNTHETIC_KEYS}`);
  for (let i = 0; i < SYNTHETIC_KEYS && wrong.length < 5; i++) {
    const key = `${syntheticKey(i).labels.region}/${syntheticKey(i).period}`;
    if (current.get(key) !== syntheticValue(i, round)) wrong.push(`${key} = ${current.get(key)}, expected ${syntheticValue(i, round)}`);
  }
  return wrong;
}

/**
 * Every check, on the files exactly as the child left them. Read-only, so nothing is
 * checkpointed: the next child still has to recover the hot WAL itself. Returns the stored round.
 */
function checkStore(dataDir: string, verified: Set<string>): number {
  const file = path.join(dataDir, DB_FILE_NAME);
  if (!fs.existsSync(file)) return 0; // killed before the database was created
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    if (!tables.includes('source_state')) {
      // Killed during the first migration: it must have left nothing behind.
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      if (tables.includes('schema_migrations')) expect(count(db, 'SELECT count(*) AS n FROM schema_migrations')).toBe(0);
      return 0;
    }
    checkStructure(db);
    checkArtifacts(db, verified);
    return checkStates(db);
  } finally {
    db.close();
  }
}

// ---- the test ----------------------------------------------------------------------------------

let site: AgencySite;
let work: { dir: string; cleanup: () => void };
const stats = { kills: 0, midRound: 0, inCommit: 0, beforeReady: 0, rounds: 0, verifyMs: 0, bootWaitMs: 0 };

beforeAll(async () => {
  if (!fs.existsSync(CHILD)) throw new Error(`${CHILD} is missing`);
  site = await startDemoSite();
  work = tempDir('ew-crash-');
});

afterAll(async () => {
  if (process.env.EW_FAULT_REPORT) console.log('crash test:', JSON.stringify(stats));
  await site?.close();
  work?.cleanup();
});

/** Current values of every registry source after one clean ingestion of the demo site. */
async function referenceValues(): Promise<Map<string, number>> {
  const ref = tempDir('ew-crash-ref-');
  const store = Store.open(ref.dir);
  try {
    const fetcher = new Fetcher({ allowedHosts: [new URL(site.origin).host], maxRetries: 0 });
    for (const source of resolveSources(SOURCES, configSchema.parse({ dataDir: ref.dir }), site.origin)) {
      expect(await runCycle({ store, fetcher, now: Date.now }, source)).toMatchObject({ ok: true });
    }
    return registryValues(store.db);
  } finally {
    store.close();
    ref.cleanup();
  }
}

function registryValues(db: Db): Map<string, number> {
  const rows = db
    .prepare('SELECT k.source, k.series, k.labels, k.period, v.value FROM series_keys k JOIN vintages v ON v.id = k.current_vintage_id WHERE k.source <> ?')
    .all(SYNTHETIC_SOURCE) as { source: string; series: string; labels: string; period: string; value: number }[];
  return new Map(rows.map((r) => [`${r.source} ${r.series} ${r.labels} ${r.period}`, r.value]));
}

/**
 * Children boot ahead (tsx and the registry take seconds on a busy machine) and wait for `go`;
 * each is killed at a random moment after it and the store checked before the next one starts.
 * Returns the round the store holds at the end.
 */
async function killRepeatedly(verified: Set<string>): Promise<number> {
  const deadline = Date.now() + KILL_PHASE_MS;
  let spawned = 0;
  const spawnNext = () => new IngestChild(work.dir, 1_000_000, spawned++ % DEMO_EVERY === 1 ? site.origin : undefined);
  const booting = Array.from({ length: PREBOOT }, spawnNext);
  let round = 0;
  try {
    while (stats.kills < MAX_KILLS && Date.now() < deadline) {
      const child = booting.shift()!;
      booting.push(spawnNext());
      const waitStart = performance.now();
      await child.waitFor('loaded', BOOT_TIMEOUT_MS);
      stats.bootWaitMs += performance.now() - waitStart;
      child.go();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * MAX_KILL_DELAY_MS));
      await child.kill();
      stats.kills++;
      const started = performance.now();
      const stored = checkStore(work.dir, verified);
      stats.verifyMs += performance.now() - started;
      expectRoundsConsistent(child, round, stored);
      round = stored;
    }
  } finally {
    await Promise.all(booting.map((c) => c.kill().catch(() => {})));
  }
  return round;
}

/** What the killed child said against what the store holds (`before`: the round it started from). */
function expectRoundsConsistent(child: IngestChild, before: number, stored: number): void {
  const said = child.rounds();
  if (said.ready === null) stats.beforeReady++;
  else {
    expect(said.ready, 'the child resumed from the stored round').toBe(before);
    if (said.started > said.done) stats.midRound++;
    if (child.lines.at(-1)?.startsWith('commit ')) stats.inCommit++;
  }
  expect(stored, 'a round reported committed survived the kill').toBeGreaterThanOrEqual(Math.max(before, said.done));
  expect(stored, 'no round beyond the one started').toBeLessThanOrEqual(Math.max(before, said.started));
}

/** One run that is not killed: three more rounds and every registry source, to the end. */
async function finishIngestion(until: number): Promise<void> {
  const final = new IngestChild(work.dir, until, site.origin);
  await final.waitFor('loaded', BOOT_TIMEOUT_MS);
  final.go();
  const timer = setTimeout(() => void final.kill().catch(() => {}), FINAL_RUN_TIMEOUT_MS);
  const exit = await final.exited.finally(() => clearTimeout(timer));
  expect(exit, final.output).toEqual({ code: 0, signal: null });
  expect(final.lines).toContain(`finished ${until}`);
}

describe('ingestion killed with SIGKILL at random points', () => {
  it('leaves a consistent store after every kill, and the next run completes the ingestion', async () => {
    const verified = new Set<string>();
    const round = await killRepeatedly(verified);
    stats.rounds = round;
    expect(stats.kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(stats.midRound, 'kills landed in the middle of rounds').toBeGreaterThan(0);
    expect(stats.inCommit, 'kills landed inside Store.commitCycle').toBeGreaterThan(0);
    expect(round, 'rounds were committed between kills').toBeGreaterThan(0);

    await finishIngestion(round + 3);
    expect(checkStore(work.dir, verified)).toBe(round + 3);
    const db = new Database(path.join(work.dir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
    try {
      const up = db.prepare('SELECT source FROM source_state WHERE up = 1 ORDER BY source').all() as { source: string }[];
      expect(up.map((s) => s.source)).toEqual([...SOURCES.map((s) => s.id), SYNTHETIC_SOURCE].sort());
      expect(registryValues(db), 'the registry sources hold what a clean ingestion gives').toEqual(await referenceValues());
    } finally {
      db.close();
    }
  }, 120_000);
});
