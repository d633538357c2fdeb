import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../scrapers/index.js';
import { Exporter } from '../../src/metrics/exporter.js';
import { createApp } from '../../src/server/http.js';
import { sha256Hex } from '../../src/store/artifacts.js';
import { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { fillHistory, NOW, SW_CSV_URL_2 } from './history-fixture.js';

const t = tempDir();
let store: Store;
let server: Server;
let base: string;

beforeAll(async () => {
  store = Store.open(t.dir);
  fillHistory(store);
  const settings = { removalsGoal: 1_000_000, goalOffPaceShare: 0.8, defaultPaceThreshold: 0.4, paceThresholds: {} };
  const exporter = new Exporter({ store, sources: SOURCES, settings, version: '0.0.0-test', now: () => NOW, processMetrics: false });
  const app = createApp({ store, exporter, sources: SOURCES, now: () => NOW, version: '0.0.0-test' });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  store.close();
  t.cleanup();
});

const get = (path: string) => fetch(`${base}${path}`);
const csvRows = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((l) => l.split(','));

describe('GET /api/v1/snapshot', () => {
  it('serves the current vintages as an RFC 4180 CSV attachment with a BOM', async () => {
    const res = await get('/api/v1/snapshot?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="enforcement-watch-snapshot-2025-05-20.csv"');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = csvRows(text);
    expect(rows[0]![0]).toBe('source');
    const all = store.observations({});
    expect(rows).toHaveLength(all.length + 1);
  });

  it('gives each number its provenance and revision', async () => {
    const rows = csvRows(await (await get('/api/v1/snapshot?format=csv&source=cbp-southwest-csv&series=cbp_encounters')).text());
    const head = rows[0]!;
    const col = (r: string[], name: string) => r[head.indexOf(name)];
    const march = rows.find((r) => col(r, 'period') === '2025-03' && col(r, 'labels') === 'component=usbp;region=southwest_land_border')!;
    expect(col(march, 'value')).toBe('7180');
    expect(col(march, 'revised')).toBe('true');
    expect(col(march, 'earlier_value')).toBe('7181');
    expect(col(march, 'agency_url')).toBe(SW_CSV_URL_2);
    expect(col(march, 'published_on')).toBe('2025-05-05');
    expect(col(march, 'fetched_at')).toBe(new Date(NOW - 3_600_000).toISOString());
    expect(col(march, 'artifact_sha256')).toBe(sha256Hex(Buffer.from('Fiscal Year,Month (abbv),...,april vintage\r\n')));
    expect(col(march, 'parser')).toBe('cbp-encounters-csv@1');
    expect(col(march, 'unit')).toBe('people');
    const feb = rows.find((r) => col(r, 'period') === '2025-02' && col(r, 'labels') === 'component=usbp;region=southwest_land_border')!;
    expect([col(feb, 'revised'), col(feb, 'earlier_value')]).toEqual(['false', '']);
    expect(rows.slice(1).every((r) => col(r, 'source') === 'cbp-southwest-csv' && col(r, 'series') === 'cbp_encounters')).toBe(true);
  });

  it('adds the earlier vintages with all_vintages=1', async () => {
    const rows = csvRows(await (await get('/api/v1/snapshot?format=csv&all_vintages=1&series=cbp_encounters')).text());
    const head = rows[0]!;
    const march = rows.filter((r) => r[head.indexOf('period')] === '2025-03' && r[head.indexOf('labels')] === 'component=usbp;region=southwest_land_border');
    expect(march.map((r) => [r[head.indexOf('value')], r[head.indexOf('current')]])).toEqual([
      ['7181', 'false'],
      ['7180', 'true'],
    ]);
  });

  it('serves JSON with the same rows', async () => {
    const res = await get('/api/v1/snapshot?format=json&series=ice_removals_fytd');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="enforcement-watch-snapshot-2025-05-20.json"');
    const body = (await res.json()) as { count: number; allVintages: boolean; series: string; observations: { period: string; value: number; sha256: string; agencyUrl: string }[] };
    expect(body).toMatchObject({ count: 3, allVintages: false, series: 'ice_removals_fytd', generatedAt: new Date(NOW).toISOString() });
    expect(body.observations.map((o) => [o.period, o.value])).toEqual([
      ['2024-10-07', 12_000],
      ['2024-12-23', 69_546],
      ['2025-01-06', 76_939],
    ]);
    expect(body.observations[2]!.agencyUrl).toBe('https://www.ice.gov/doclib/detention/FY25_detentionStats01162025.xlsx');
  });

  it('serves an empty but valid snapshot when nothing matches', async () => {
    const body = (await (await get('/api/v1/snapshot?format=json&source=nobody')).json()) as { count: number; observations: unknown[] };
    expect(body).toMatchObject({ count: 0, observations: [] });
    const csv = await (await get('/api/v1/snapshot?format=csv&source=nobody')).text();
    expect(csvRows(csv)).toHaveLength(1);
  });

  it.each([
    ['format=xlsx', 'invalid query parameter "format"'],
    ['format=csv&all_vintages=yes', 'invalid query parameter "all_vintages"'],
    ['source=../etc', 'invalid query parameter "source"'],
    ['series=no_such_series', 'unknown series "no_such_series"'],
  ])('answers 400 with a JSON error for %s', async (query, error) => {
    const res = await get(`/api/v1/snapshot?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(await res.json()).toEqual({ error });
  });
});

describe('GET /api/v1/artifacts/:sha256', () => {
  it('serves the stored bytes with their original type as a sandboxed attachment', async () => {
    const body = Buffer.from('PK\x03\x04 workbook FY25_detentionStats01162025.xlsx', 'latin1');
    const sha = sha256Hex(body);
    const res = await get(`/api/v1/artifacts/${sha}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${sha}.xlsx"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body);
  });

  it('names a CSV artifact .csv', async () => {
    const sha = sha256Hex(Buffer.from('Fiscal Year,Month (abbv),...,april vintage\r\n'));
    const res = await get(`/api/v1/artifacts/${sha}`);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${sha}.csv"`);
  });

  it.each(['abc', 'A'.repeat(64), `${'a'.repeat(64)}.csv`, `${'a'.repeat(63)}g`, '..%2F..%2Fetc%2Fpasswd'])('answers 400 for the hash shape %j', async (id) => {
    const res = await get(`/api/v1/artifacts/${id}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/SHA-256/);
  });

  it('answers 404 for an unknown hash', async () => {
    const res = await get(`/api/v1/artifacts/${'0'.repeat(64)}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no stored artifact has that SHA-256' });
  });
});
