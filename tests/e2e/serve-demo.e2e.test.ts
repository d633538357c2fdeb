import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../scrapers/index.js';
import { startServe } from '../helpers/cli.js';

let serve: Awaited<ReturnType<typeof startServe>>;

beforeAll(async () => {
  serve = await startServe(['--demo', '--port', '0', '--host', '127.0.0.1']);
});

afterAll(async () => {
  const code = await serve?.stop();
  expect(code).toBe(0);
});

const get = async (path: string) => {
  const res = await fetch(`${serve.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

describe('serve --demo', () => {
  it('serves the demo data on /metrics at once', async () => {
    const m = await get('/metrics');
    expect(m.status).toBe(200);
    expect(m.type).toMatch(/^text\/plain/);
    for (const s of SOURCES) expect(m.text).toContain(`enforcement_source_up{source="${s.id}"} 1`);
    expect(m.text).toContain('enforcement_ice_detained{source="ice-detention-stats",arresting_agency="all"} 39703');
    expect(m.text).toContain('enforcement_ice_removals_fytd{source="ice-detention-stats",fiscal_year="2025"} 76939');
    expect(m.text).toMatch(/enforcement_usbp_apprehensions\{source="cbp-nationwide-encounters-fy2025",(kind="total",region="southwest_land_border"|region="southwest_land_border",kind="total")\} 8386/);
    expect(m.text).toMatch(/enforcement_removals_required_daily_pace\{source="ice-detention-stats",fiscal_year="2025"\} \d/);
  });

  it('lists every source with its state on /api/v1/sources', async () => {
    const r = await get('/api/v1/sources');
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text) as { sources: { id: string; up: boolean; publishedOn: string | null; dataAsOf: string | null }[] };
    expect(body.sources.map((s) => s.id).sort()).toEqual(SOURCES.map((s) => s.id).sort());
    for (const s of body.sources) expect(s.up, s.id).toBe(true);
    expect(body.sources.find((s) => s.id === 'ice-detention-stats')).toMatchObject({ publishedOn: '2025-01-16', dataAsOf: '2025-01-06' });
  });

  it('returns history with provenance on /api/v1/observations', async () => {
    const r = await get('/api/v1/observations?series=ice_detained&source=ice-detention-stats');
    const body = JSON.parse(r.text) as { observations: { labels: Record<string, string>; period: string; value: number; sha256: string; url: string }[] };
    const all = body.observations.find((o) => o.labels.arresting_agency === 'all')!;
    expect(all).toMatchObject({ period: '2025-01-06', value: 39703 });
    expect(all.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(all.url).toMatch(/\/doclib\/detention\/FY25_detentionStats01162025\.xlsx$/);
  });

  it('answers errors as JSON without stack traces', async () => {
    const bad = await get('/api/v1/observations?from=yesterday');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toEqual({ error: 'invalid query parameter "from"' });
    const missing = await get('/nope');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toMatch(/at .*\.js/);
    expect((await get('/healthz')).status).toBe(200);
  });
});
