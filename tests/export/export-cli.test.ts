import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/export.js';
import { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { fillHistory, NOW } from './history-fixture.js';

const run = promisify(execFile);
const data = tempDir();
const out = tempDir();

beforeAll(() => {
  const store = Store.open(data.dir);
  fillHistory(store);
  store.close();
});

afterAll(() => {
  data.cleanup();
  out.cleanup();
});

async function sh(bin: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await run(bin, args, { cwd })).stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${bin} is not installed; the bundle test needs GNU tar and coreutils`);
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

const flags = (extra: Record<string, unknown>) => ({ 'data-dir': data.dir, ...extra }) as Parameters<typeof runExport>[0];

describe('export command', () => {
  it('writes the CSV snapshot to --out', async () => {
    const file = path.join(out.dir, 'snap.csv');
    expect(await runExport(flags({ format: 'csv', out: file }), () => NOW)).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFsource,series,labels,period,value,unit,')).toBe(true);
    const store = Store.open(data.dir);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(store.observations({}).length + 1);
    store.close();
    expect(fs.readdirSync(out.dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('writes every vintage as JSON with --all-vintages', async () => {
    const file = path.join(out.dir, 'snap.json');
    expect(await runExport(flags({ format: 'json', out: file, 'all-vintages': true }), () => NOW)).toBe(0);
    const body = JSON.parse(fs.readFileSync(file, 'utf8')) as { count: number; allVintages: boolean; observations: { current: boolean }[] };
    expect(body.allVintages).toBe(true);
    expect(body.observations).toHaveLength(body.count);
    expect(body.observations.some((o) => !o.current)).toBe(true);
  });

  it('refuses an output it cannot create before doing any work (exit 73)', async () => {
    const missing = path.join(out.dir, 'no-such-folder', 'x.csv');
    expect(await runExport(flags({ out: missing }))).toBe(73);
    expect(await runExport(flags({ bundle: path.join(out.dir, 'no-such-folder', 'x.tar.gz') }))).toBe(73);
    expect(await runExport(flags({ out: out.dir }))).toBe(73);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });

  it('refuses an unknown format or series with a usage error', async () => {
    expect(await runExport(flags({ format: 'xlsx' }))).toBe(64);
    expect(await runExport(flags({ series: 'nope' }))).toBe(64);
  });
});

describe('export --bundle', () => {
  it('bundles CSV, JSON, the cited agency files, README and a manifest that sha256sum -c verifies', async () => {
    const file = path.join(out.dir, 'evidence.tar.gz');
    expect(await runExport(flags({ bundle: file }), () => NOW)).toBe(0);
    const x = path.join(out.dir, 'x');
    fs.mkdirSync(x);
    await sh('tar', ['-xzf', file, '-C', x], out.dir);
    const root = path.join(x, 'enforcement-watch-snapshot-2025-05-20');
    const check = await sh('sha256sum', ['-c', 'MANIFEST.sha256'], root);
    expect(check).not.toMatch(/FAILED/);

    const store = Store.open(data.dir);
    const cited = [...new Set(store.observations({}).map((r) => r.sha256))].sort();
    const artifacts = fs.readdirSync(path.join(root, 'artifacts')).sort();
    expect(artifacts.map((f) => f.split('.')[0])).toEqual(cited);
    for (const f of artifacts) expect(fs.readFileSync(path.join(root, 'artifacts', f))).toEqual(store.artifact(f.split('.')[0]!)!.body);
    expect(artifacts.filter((f) => f.endsWith('.csv'))).toHaveLength(2);
    expect(artifacts.filter((f) => f.endsWith('.xlsx'))).toHaveLength(3);
    const rows = store.observations({}).length;
    store.close();

    expect(fs.readdirSync(root).sort()).toEqual(['MANIFEST.sha256', 'README.txt', 'artifacts', 'enforcement-watch-snapshot-2025-05-20.csv', 'enforcement-watch-snapshot-2025-05-20.json']);
    expect(check.trim().split('\n')).toHaveLength(3 + cited.length);
    const csv = fs.readFileSync(path.join(root, 'enforcement-watch-snapshot-2025-05-20.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFsource,series,labels,period,value,unit,partial,current,revised,earlier_value,agency_url,published_on,fetched_at,artifact_sha256,parser');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(rows + 1);
    const json = JSON.parse(fs.readFileSync(path.join(root, 'enforcement-watch-snapshot-2025-05-20.json'), 'utf8')) as { count: number };
    expect(json.count).toBe(rows);
    expect(fs.readFileSync(path.join(root, 'README.txt'), 'utf8')).toMatch(/sha256sum -c MANIFEST\.sha256/);
  });
});
