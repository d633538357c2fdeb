import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Exporter } from '../../src/metrics/exporter.js';
import { emptyState, Store } from '../../src/store/store.js';
import { testSource } from '../helpers/test-sources.js';
import { tempDir } from '../helpers/tmp.js';

const GOLDEN = path.resolve(import.meta.dirname, '../golden/metrics.txt');
const NOW = Date.parse('2025-05-20T00:00:00Z');
const t = tempDir();
let store: Store;
let exporter: Exporter;

const cbp = (period: string, value: number) => ({ series: 'cbp_encounters', labels: { region: 'southwest_land_border', component: 'all' }, period, value });

beforeAll(() => {
  store = Store.open(t.dir);
  const up = testSource('https://www.cbp.gov', 'cbp-test');
  const down = { ...testSource('https://www.ice.gov', 'ice-test'), agency: 'ICE' as const, title: 'ICE test' };
  const cap = (body: string, publishedOn: string, observations: ReturnType<typeof cbp>[]) => ({
    url: 'https://www.cbp.gov/x.csv', body: Buffer.from(body), contentType: 'text/csv', parserId: 'test-csv', parserVersion: 1, publishedOn, dataAsOf: null, observations,
  });
  const state = { ...emptyState('cbp-test'), up: true, lastAttemptAt: NOW - 60_000, lastSuccessAt: NOW - 59_000, lastChangeAt: NOW - 59_000, publishedOn: '2025-05-05', publishedAt: Date.parse('2025-05-05T00:00:00Z'), dataAsOf: '2025-04-30' };
  store.commitCycle({ source: 'cbp-test', now: NOW - 86_400_000, fetches: [], validators: [], state, captures: [cap('v1', '2025-04-05', [cbp('2025-01', 29_101), cbp('2025-02', 11_709), cbp('2025-03', 11_017)])] });
  store.commitCycle({ source: 'cbp-test', now: NOW - 59_000, fetches: [], validators: [], state, captures: [cap('v2', '2025-05-05', [cbp('2025-02', 11_709), cbp('2025-03', 11_012), cbp('2025-04', 12_035)])] });
  store.commitCycle({
    source: 'ice-test', now: NOW - 1000, fetches: [], captures: [], validators: [], errorKind: 'timeout',
    state: { ...emptyState('ice-test'), up: false, lastAttemptAt: NOW - 1000, lastErrorKind: 'timeout', lastErrorMessage: 'no headers within 30000 ms', lastErrorAt: NOW - 1000 },
  });
  exporter = new Exporter({
    store,
    sources: [up, down],
    settings: { removalsGoal: 1_000_000, goalOffPaceShare: 0.8, defaultPaceThreshold: 0.4, paceThresholds: { cbp_encounters: 0.3 } },
    version: '0.0.0-test',
    now: () => NOW,
    processMetrics: false,
  });
});

afterAll(() => {
  store.close();
  t.cleanup();
});

describe('Exporter', () => {
  it('renders the exposition exactly as the golden file', async () => {
    const text = await exporter.render();
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, text);
    expect(text).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });

  it('holds the newest period with its end, and the revision with old and new values', async () => {
    const text = await exporter.render();
    expect(text).toContain('enforcement_cbp_encounters{source="cbp-test",component="all",region="southwest_land_border"} 12035');
    expect(text).toContain('enforcement_cbp_encounters_period_end_timestamp_seconds{source="cbp-test",component="all",region="southwest_land_border"} 1746057599');
    expect(text).toContain('enforcement_revisions_total{source="cbp-test",series="cbp_encounters"} 1');
    expect(text).toContain('enforcement_revision_last_old_value{source="cbp-test",series="cbp_encounters"} 11017');
    expect(text).toContain('enforcement_revision_last_new_value{source="cbp-test",series="cbp_encounters"} 11012');
  });

  it('keeps a failing source present with up 0 and its error kind, and no invented timestamps', async () => {
    const text = await exporter.render();
    expect(text).toContain('enforcement_source_up{source="ice-test"} 0');
    expect(text).toContain('enforcement_source_last_error_info{source="ice-test",kind="timeout"} 1');
    expect(text).toContain('enforcement_source_fetch_errors_total{source="ice-test",kind="timeout"} 1');
    expect(text).not.toMatch(/enforcement_source_last_published_timestamp_seconds\{source="ice-test"\}/);
  });

  it('passes promtool check metrics', async () => {
    const text = await exporter.render();
    const child = promisify(execFile)('promtool', ['check', 'metrics']);
    child.child.stdin!.end(text);
    const { stdout, stderr } = await child.catch((e: { stdout: string; stderr: string; code: number }) => {
      throw new Error(`promtool check metrics failed (${e.code}): ${e.stdout}${e.stderr}`);
    });
    expect(`${stdout}${stderr}`.trim()).toBe('');
  });
});
