/**
 * The backfill end to end with the real tools: store history → `backfill --out F.om` →
 * `promtool tsdb create-blocks-from openmetrics` → a real `prometheus` on those blocks →
 * range and instant queries over past months return the stored values exactly. A missing
 * promtool or prometheus FAILS the suite (run `bash scripts/ensure-test-deps.sh`).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill } from '../../src/cli/backfill.js';
import { periodEndSeconds } from '../../src/core/periods.js';
import { Store } from '../../src/store/store.js';
import { unusedPort } from '../helpers/http-server.js';
import { tempDir } from '../helpers/tmp.js';
import { adpValue, fillHistory, swMonths } from '../export/history-fixture.js';

const t = tempDir('ew-backfill-');
let prometheus: ChildProcess | undefined;
let base = '';
let log = '';

async function tool(bin: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(bin, args, { cwd: t.dir, timeout: 120_000 });
    return stdout + stderr;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${bin} is not installed or not on PATH: run \`bash scripts/ensure-test-deps.sh\``);
    throw new Error(`${bin} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

async function startPrometheus(tsdb: string): Promise<void> {
  const port = await unusedPort();
  const config = path.join(t.dir, 'prometheus.yml');
  fs.writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
  const child = spawn('prometheus', [
    `--config.file=${config}`,
    `--storage.tsdb.path=${tsdb}`,
    // Backfilled months are years old: the default 15d retention would delete them at start.
    '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  prometheus = child;
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new Error('prometheus is not installed or not on PATH: run `bash scripts/ensure-test-deps.sh`') : err),
    );
    child.once('exit', (code) => reject(new Error(`prometheus exited with ${code}:\n${log}`)));
  });
  base = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`${base}/-/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`prometheus did not become ready:\n${log}`);
  })();
  await Promise.race([ready, failed]);
}

type Vector = { metric: Record<string, string>; value: [number, string] }[];
type Matrix = { metric: Record<string, string>; values: [number, string][] }[];

async function query<T>(endpoint: 'query' | 'query_range', params: Record<string, string | number>): Promise<T> {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${base}/api/v1/${endpoint}?${qs}`);
  const body = (await res.json()) as { status: string; data: { result: T }; error?: string };
  if (body.status !== 'success') throw new Error(`query failed: ${body.error}`);
  return body.data.result;
}

beforeAll(async () => {
  const dataDir = path.join(t.dir, 'data');
  const store = Store.open(dataDir);
  fillHistory(store);
  store.close();
  const om = path.join(t.dir, 'history.om');
  expect(runBackfill({ 'data-dir': dataDir, out: om } as Parameters<typeof runBackfill>[0])).toBe(0);
  const tsdb = path.join(t.dir, 'tsdb');
  fs.mkdirSync(tsdb);
  await tool('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', om, tsdb]);
  await startPrometheus(tsdb);
}, 120_000);

afterAll(async () => {
  const child = prometheus;
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  t.cleanup();
});

describe('backfill → promtool → prometheus', () => {
  it('answers a range query over past months with the exact monthly values at each period end', async () => {
    const months = [];
    for (let y = 2021, m = 10; `${y}-${String(m).padStart(2, '0')}` <= '2024-12'; m === 12 ? ((m = 1), y++) : m++) months.push(`${y}-${String(m).padStart(2, '0')}`);
    // Every period end is 23:59:59 of a day, so daily steps from the first one land on each of them.
    const result = await query<Matrix>('query_range', {
      query: 'enforcement_ice_average_daily_population{source="ice-detention-stats",arresting_agency="all"}',
      start: periodEndSeconds(months[0]!),
      end: periodEndSeconds(months.at(-1)!),
      step: 86_400,
    });
    expect(result).toHaveLength(1);
    expect(result[0]!.metric).toEqual({ __name__: 'enforcement_ice_average_daily_population', source: 'ice-detention-stats', arresting_agency: 'all' });
    expect(result[0]!.values).toEqual(months.map((p) => [periodEndSeconds(p), String(adpValue(p))]));
    expect(months.length).toBeGreaterThanOrEqual(39);
  });

  it('holds the raw monthly samples of several years, with the revised value for March 2025', async () => {
    const result = await query<Matrix>('query', {
      query: 'enforcement_cbp_encounters{source="cbp-southwest-csv",region="southwest_land_border",component="usbp"}[5y]',
      time: periodEndSeconds('2025-04'),
    });
    const expected = [...swMonths().map((m) => [m.period, m.usbp] as const), ['2025-03', 7_180] as const, ['2025-04', 8_383] as const];
    expect(result[0]!.values).toEqual(expected.map(([p, v]) => [periodEndSeconds(p), String(v)]));
  });

  it('answers instant queries at a past data date', async () => {
    const removals = await query<Vector>('query', { query: 'enforcement_ice_removals_fytd', time: periodEndSeconds('2025-01-06') });
    expect(removals).toEqual([{ metric: { __name__: 'enforcement_ice_removals_fytd', source: 'ice-detention-stats', fiscal_year: '2025' }, value: [periodEndSeconds('2025-01-06'), '76939'] }]);
    const detained = await query<Vector>('query', { query: 'sum(last_over_time(enforcement_ice_detained{arresting_agency="all"}[30d]))', time: Date.parse('2025-01-15T00:00:00Z') / 1000 });
    expect(detained[0]!.value[1]).toBe('39703');
  });
});
