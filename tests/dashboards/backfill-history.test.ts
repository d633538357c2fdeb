/**
 * The history path of the compose stack, end to end with the real pieces: the demo agency site
 * scraped once into a store (`scrape --once --demo`), `backfill --out F.om`, `promtool tsdb
 * create-blocks-from openmetrics`, then Prometheus 2.42 on those blocks with the retention
 * docker-compose.yml gives it. Every dashboard query that reads backfilled history must return
 * data over the backfilled years, and a month must show the value the store holds for it.
 * A missing binary FAILS the suite.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/prom-stack.js';
import { tempDir } from '../helpers/tmp.js';
import { loadGenerated, panelByTitle, queriesOf, ROOT } from './dashboard-json.js';

const tmp = tempDir('ew-dash-backfill-');
const OM = path.join(tmp.dir, 'history.om');
const TSDB = path.join(tmp.dir, 'tsdb');
/** The retention docker-compose.yml runs Prometheus with: backfilled years must survive it. */
const RETENTION = /--storage\.tsdb\.retention\.time=(\S+)/.exec(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'))![1]!;
/** Queries that read the backfilled series (history(): `instance=""`), with a one-day step. */
const HISTORY = loadGenerated()
  .flatMap(queriesOf)
  .filter((q) => q.expr.includes('instance=""'))
  .map((q) => ({ ...q, expr: q.expr.replace(/\$\{source\}|\$source\b/g, '.*').replace(/\$__interval\b/g, '1d') }));

let prometheus: ChildProcess | undefined;
let log = '';
let url = '';

async function tool(bin: string, args: readonly string[]): Promise<void> {
  try {
    await promisify(execFile)(bin, args, { timeout: 120_000 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${bin} is not installed or not on PATH: run \`bash scripts/ensure-test-deps.sh\``);
    throw new Error(`${bin} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

async function rangeQuery(expr: string, start: number, end: number, step: string) {
  const res = await fetch(`${url}/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${start}&end=${end}&step=${step}`);
  const body = (await res.json()) as { status: string; error?: string; data: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
  if (body.status !== 'success') throw new Error(`Prometheus: ${body.error}\n${expr}`);
  return body.data.result;
}

beforeAll(async () => {
  const data = path.join(tmp.dir, 'data');
  for (const args of [['scrape', '--once', '--demo', '--data-dir', data], ['backfill', '--out', OM, '--data-dir', data]]) {
    const r = runCli(args);
    if (r.code !== 0) throw new Error(`enforcement-watch ${args.join(' ')} exited ${r.code}:\n${r.stdout}${r.stderr}`);
  }
  await tool('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', OM, TSDB]);
  const config = path.join(tmp.dir, 'prometheus.yml');
  fs.writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const child = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${TSDB}`, `--storage.tsdb.retention.time=${RETENTION}`, `--web.listen-address=127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prometheus = child;
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new Error('prometheus is not installed or not on PATH: run `bash scripts/ensure-test-deps.sh`') : e));
    child.once('exit', (code) => reject(new Error(`prometheus exited with ${code}:\n${log.slice(-4000)}`)));
  });
  failed.catch(() => undefined);
  const ready = (async () => {
    for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      if (await fetch(`${url}/-/ready`).then((r) => r.ok, () => false)) return;
    }
    throw new Error(`prometheus not ready after 30 s:\n${log.slice(-4000)}`);
  })();
  await Promise.race([ready, failed]);
}, 120_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((r) => prometheus!.once('exit', r));
    prometheus.kill('SIGTERM');
    await exited;
  }
  tmp.cleanup();
});

/** Samples of one series in the OpenMetrics file: [unix seconds, value]. */
function omSamples(selector: string): [number, number][] {
  return fs
    .readFileSync(OM, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(`${selector} `))
    .map((l) => l.split(' ').slice(1).map(Number) as [number, number])
    .map(([v, ts]) => [ts, v]);
}

describe('dashboards over backfilled history (backfill → promtool → Prometheus)', () => {
  const start = Date.parse('2021-10-01T00:00:00Z') / 1000;
  const end = Date.parse('2026-01-01T00:00:00Z') / 1000;

  it('has history queries to check', () => {
    expect(HISTORY.length).toBeGreaterThanOrEqual(5);
  });

  it.each(HISTORY.map((q) => [q.key, q] as const))('%s returns backfilled data', async (_key, q) => {
    const result = await rangeQuery(q.expr, start, end, '1d');
    expect(result.reduce((n, s) => n + s.values.length, 0), q.expr).toBeGreaterThan(0);
    for (const s of result) expect(Object.keys(s.metric)).not.toContain('instance');
  });

  it('shows each month of southwest encounters at its own period end, with the stored value', async () => {
    const panel = panelByTitle(loadGenerated().find((d) => d.uid === 'ew-overview')!, 'Southwest border encounters by month (USBP and OFO)');
    const expr = panel.targets![0]!.expr!.replace(/\$source\b/g, '.*').replace(/\$__interval\b/g, '1d');
    const stored = omSamples('enforcement_cbp_encounters{source="cbp-southwest-csv",component="usbp",region="southwest_land_border"}');
    expect(stored.length).toBeGreaterThan(12);
    const result = await rangeQuery(expr, start, end, '1d');
    const usbp = result.find((s) => s.metric['component'] === 'usbp')!;
    const shown = new Map(usbp.values.map(([t, v]) => [t, Number(v)]));
    // With a one-day step each period-end sample shows at the first step after it, and only there.
    for (const [ts, value] of stored.filter(([ts]) => ts >= start && ts < end)) {
      const step = start + Math.ceil((ts - start) / 86_400) * 86_400;
      expect(shown.get(step), new Date(ts * 1000).toISOString()).toBe(value);
    }
    expect(usbp.values.length).toBe(stored.filter(([ts]) => ts >= start && ts < end).length);
  });
});
