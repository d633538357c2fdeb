import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../scrapers/index.js';
import { startDemoSite, type AgencySite } from '../../src/demo/replay-server.js';
import type { CycleOutcome } from '../../src/pipeline/run-cycle.js';
import { sha256Hex } from '../../src/store/artifacts.js';
import type { Store } from '../../src/store/store.js';
import { rawRequest, startApp, startService, TOKEN, type Running } from './harness.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const AUGUST = fs.readFileSync(path.join(FIXTURES, 'cbp/sbo-encounters-vintage-2025-08.csv'));
const AUGUST_URL = 'https://www.cbp.gov/sites/default/files/2025-09/sbo-encounters-fy22-fy25-aug.csv';
const NOT_A_CSV = fs.readFileSync(path.join(FIXTURES, 'cbp/access-denied.html'));
const UPLOAD_CAP = 64 * 1024;
const auth = { authorization: `Bearer ${TOKEN}` };

let demo: AgencySite;
beforeAll(async () => {
  demo = await startDemoSite();
});
afterAll(() => demo.close());

type Post = { status: number; headers: Headers; body: Record<string, unknown> };
const post = async (base: string, p: string, init: { headers?: Record<string, string>; body?: Buffer } = {}): Promise<Post> => {
  const res = await fetch(`${base}${p}`, { method: 'POST', headers: init.headers, body: init.body ? new Uint8Array(init.body) : undefined });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
};

/** Everything an import or scrape could have written. */
const footprint = (store: Store, source: string) => ({
  rows: store.db.prepare('SELECT (SELECT count(*) FROM artifacts) + (SELECT count(*) FROM vintages) + (SELECT count(*) FROM captures) AS n').get(),
  state: store.state(source),
});

describe('mutating endpoints without a configured token', () => {
  let svc: Running;
  beforeAll(async () => {
    svc = await startService({ registry: SOURCES, rebase: demo.origin });
  });
  afterAll(() => svc.close());

  it.each(['/api/v1/sources/cbp-southwest-csv/scrape', '/api/v1/sources/cbp-southwest-csv/import'])('do not exist: POST %s is a 404 like any unknown path', async (p) => {
    const hits = [...demo.hits.values()].reduce((a, b) => a + b, 0);
    const res = await post(svc.base, p, { headers: { authorization: 'Bearer anything-at-all-123456' }, body: AUGUST });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not found' });
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect([...demo.hits.values()].reduce((a, b) => a + b, 0)).toBe(hits);
  });
});

describe('mutating endpoints with a token', () => {
  let svc: Running & Awaited<ReturnType<typeof startService>>;
  beforeAll(async () => {
    svc = await startService({ registry: SOURCES, rebase: demo.origin, config: { apiToken: TOKEN, server: { maxUploadBytes: UPLOAD_CAP } } });
  });
  afterAll(() => svc.close());
  const store = () => svc.service.store;

  it.each([
    ['no Authorization header', {}, 'this endpoint needs Authorization: Bearer <token>', 'Bearer realm="enforcement-watch"'],
    ['another scheme', { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }, 'this endpoint needs Authorization: Bearer <token>', 'Bearer realm="enforcement-watch"'],
    ['a wrong token of the same length', { authorization: `Bearer ${TOKEN.slice(0, -1)}X` }, 'invalid token', 'Bearer realm="enforcement-watch", error="invalid_token"'],
    ['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, 16)}` }, 'invalid token', 'Bearer realm="enforcement-watch", error="invalid_token"'],
    ['the token with a suffix', { authorization: `Bearer ${TOKEN}0` }, 'invalid token', 'Bearer realm="enforcement-watch", error="invalid_token"'],
  ])('answer 401 with WWW-Authenticate for %s, and do nothing', async (_name, headers, error, challenge) => {
    const before = footprint(store(), 'cbp-southwest-csv');
    for (const p of ['scrape', 'import']) {
      const res = await post(svc.base, `/api/v1/sources/cbp-southwest-csv/${p}`, { headers, body: AUGUST });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error });
      expect(res.headers.get('www-authenticate')).toBe(challenge);
    }
    expect(footprint(store(), 'cbp-southwest-csv')).toEqual(before);
  });

  it('answer 404 for a source that is not configured, with a valid token', async () => {
    const res = await post(svc.base, '/api/v1/sources/no-such-source/scrape', { headers: auth });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'no configured source "no-such-source"' });
  });

  it('scrape: runs one cycle of the source against its (local) agency site and answers the outcome', async () => {
    const res = await post(svc.base, '/api/v1/sources/ice-detention-stats/scrape', { headers: { authorization: `bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'ice-detention-stats', ok: true, changed: true, joinedRunningCycle: false });
    expect((res.body.counts as { inserted: number }).inserted).toBeGreaterThan(0);
    expect(store().state('ice-detention-stats')).toMatchObject({ up: true });
    expect(store().observations({ source: 'ice-detention-stats' }).length).toBe((res.body.counts as { inserted: number }).inserted);
  });

  it('import: stores an uploaded file exactly like the import command, with the URL and date given', async () => {
    const res = await post(svc.base, `/api/v1/sources/cbp-southwest-csv/import?url=${encodeURIComponent(AUGUST_URL)}&published=2025-09-04`, { headers: { ...auth, 'content-type': 'text/csv' }, body: AUGUST });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'cbp-southwest-csv', url: AUGUST_URL, parser: 'cbp-encounters-csv@1', sha256: sha256Hex(AUGUST), publishedOn: '2025-09-04', advanced: { publication: true, data: true } });
    expect(store().artifact(sha256Hex(AUGUST))?.body).toEqual(AUGUST);
    expect(store().state('cbp-southwest-csv')).toMatchObject({ publishedOn: '2025-09-04', fileUrl: AUGUST_URL, fileSha256: sha256Hex(AUGUST), up: null });
    const [march] = store().observations({ series: 'cbp_encounters', source: 'cbp-southwest-csv' }).filter((r) => r.period === '2025-03' && r.labels.component === 'usbp' && r.labels.region === 'southwest_land_border');
    expect(march).toMatchObject({ value: 7_180, url: AUGUST_URL, publishedOn: '2025-09-04' });
  });

  it('import: refuses a file of the wrong layout with 422 and the parser\'s reason, storing nothing', async () => {
    const before = footprint(store(), 'cbp-southwest-csv');
    const res = await post(svc.base, '/api/v1/sources/cbp-southwest-csv/import', { headers: auth, body: NOT_A_CSV });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'the file does not match the layout; nothing stored', parser: 'cbp-encounters-csv', kind: expect.stringMatching(/^(layout|validation)$/) });
    expect(res.body.reason).toEqual(expect.any(String));
    expect(res.body.reason).not.toMatch(/\n|\bat \S+ \(/);
    expect(store().artifact(sha256Hex(NOT_A_CSV))).toBeUndefined();
    expect(footprint(store(), 'cbp-southwest-csv')).toEqual(before);
  });

  const BAD_URL = 'url must be the absolute http(s) URL the file was published at';
  it.each([
    ['a javascript: URL', 'url=javascript:alert(1)', BAD_URL],
    ['a file: URL', 'url=file:///etc/passwd', BAD_URL],
    ['a relative URL', 'url=/relative.csv', BAD_URL],
    ['a URL over 2048 characters', `url=https://x/${'a'.repeat(2100)}`, BAD_URL],
    ['a US-style date', 'published=09/04/2025', 'published must be a date YYYY-MM-DD'],
    ['a date with trailing junk', 'published=2025-02-28x', 'published must be a date YYYY-MM-DD'],
    ['two dates', 'published=2025-02-28&published=2025-03-01', 'published must be a date YYYY-MM-DD'],
  ])('import: refuses %s with 400 before reading the body', async (_name, query, error) => {
    const res = await rawRequest(svc.port, { method: 'POST', path: `/api/v1/sources/cbp-southwest-csv/import?${query}`, headers: { ...auth, 'content-length': '1000' }, holdBody: true });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ error });
  });

  it('import: refuses an empty body', async () => {
    const res = await post(svc.base, '/api/v1/sources/cbp-southwest-csv/import', { headers: auth, body: Buffer.alloc(0) });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'send the file as the request body' });
  });

  it('import: refuses a declared size over the cap at once with 413, without reading the body', async () => {
    const res = await rawRequest(svc.port, { method: 'POST', path: '/api/v1/sources/cbp-southwest-csv/import', headers: { ...auth, 'content-length': String(UPLOAD_CAP + 1) }, holdBody: true });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual({ error: `request body larger than the limit of ${UPLOAD_CAP} bytes` });
  });

  it('import: refuses a chunked upload with 413 once it passes the cap, storing nothing', async () => {
    const before = footprint(store(), 'cbp-southwest-csv');
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const res = await rawRequest(svc.port, { method: 'POST', path: '/api/v1/sources/cbp-southwest-csv/import', headers: auth, body: [chunk, chunk, chunk, chunk, chunk] });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual({ error: `request body larger than the limit of ${UPLOAD_CAP} bytes` });
    expect(footprint(store(), 'cbp-southwest-csv')).toEqual(before);
  });

  it('import: refuses a compressed upload (the cap is on the bytes we hold)', async () => {
    const res = await post(svc.base, '/api/v1/sources/cbp-southwest-csv/import', { headers: { ...auth, 'content-encoding': 'gzip' }, body: gzipSync(AUGUST) });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ error: 'Content-Encoding is not supported; send the body uncompressed' });
  });
});

describe('mutating endpoints and the scheduler', () => {
  const outcome: CycleOutcome = { source: 'cbp-southwest-csv', ok: false, errorKind: 'http_5xx', message: 'HTTP 503', changed: false, counts: { inserted: 0, unchanged: 0, revised: 0, completed: 0, historical: 0 } };

  it('scrape: joins a cycle already running and answers its outcome, even a failed one', async () => {
    const app = await startApp({ apiToken: TOKEN, scheduler: { isRunning: () => true, run: async () => outcome } });
    try {
      const res = await post(app.base, '/api/v1/sources/cbp-southwest-csv/scrape', { headers: auth });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...outcome, joinedRunningCycle: true });
    } finally {
      await app.close();
    }
  });

  it('scrape: answers 500 without details when the cycle crashed', async () => {
    const app = await startApp({ apiToken: TOKEN, scheduler: { isRunning: () => false, run: async () => undefined } });
    try {
      const res = await post(app.base, '/api/v1/sources/cbp-southwest-csv/scrape', { headers: auth });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: 'the cycle of cbp-southwest-csv failed unexpectedly; see the server log' });
    } finally {
      await app.close();
    }
  });

  it('import: answers 409 with Retry-After while a cycle of the source runs (it would undo the import\'s dates)', async () => {
    const app = await startApp({ apiToken: TOKEN, scheduler: { isRunning: () => true, run: async () => outcome } });
    try {
      const before = footprint(app.store, 'cbp-southwest-csv');
      const res = await post(app.base, '/api/v1/sources/cbp-southwest-csv/import', { headers: auth, body: AUGUST });
      expect(res.status).toBe(409);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(footprint(app.store, 'cbp-southwest-csv')).toEqual(before);
    } finally {
      await app.close();
    }
  });

  it('are absent with a token but no scheduler (read-only app)', async () => {
    const app = await startApp({ apiToken: TOKEN });
    try {
      expect((await post(app.base, '/api/v1/sources/cbp-southwest-csv/scrape', { headers: auth })).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
