import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, Fetcher } from '../../src/fetch/index.js';
import type { Handler, TestServer } from '../helpers/http-server.js';
import { pause, serverPool } from '../helpers/http-server.js';

const pool = serverPool();
afterEach(() => pool.closeAll());

const ETAG = '"detention-fy25-0116"';
const LAST_MODIFIED = 'Thu, 16 Jan 2025 22:10:00 GMT';

function htmlPage(): Handler {
  return (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
}

function fetcherFor(...sites: TestServer[]): Fetcher {
  return new Fetcher({ allowedHosts: sites.map((s) => s.host), maxRetries: 0, readTimeoutMs: 1000 });
}

describe('Fetcher request headers', () => {
  it('sends the descriptive User-Agent with a contact URL by default', async () => {
    const site = await pool.start(htmlPage());
    await fetcherFor(site).fetch({ url: site.url(), expect: 'html' });
    const headers = site.requests[0]!.headers;
    expect(headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(headers['user-agent']).toMatch(/^enforcement-watch\/\S+ \(\+https:\/\/\S+\)$/);
    expect(headers.accept).toMatch(/^text\/html/);
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers['if-none-match']).toBeUndefined();
    expect(headers['if-modified-since']).toBeUndefined();
  });

  it('sends a browser-like User-Agent when the request asks for it', async () => {
    const site = await pool.start(htmlPage());
    await fetcherFor(site).fetch({ url: site.url(), expect: 'html', browserUserAgent: true });
    expect(site.requests[0]!.headers['user-agent']).toMatch(/^Mozilla\/5\.0 .*Chrome\/\d+/);
  });

  it('sends an Accept header naming the expected format', async () => {
    const site = await pool.start((_req, res) => void res.writeHead(404).end());
    const fetcher = fetcherFor(site);
    await fetcher.fetch({ url: site.url('/a.csv'), expect: 'csv' }).catch(() => undefined);
    await fetcher.fetch({ url: site.url('/a.xlsx'), expect: 'xlsx' }).catch(() => undefined);
    expect(site.requests[0]!.headers.accept).toMatch(/^text\/csv/);
    expect(site.requests[1]!.headers.accept).toMatch(/^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
  });
});

describe('Fetcher conditional requests', () => {
  /** Answers 304 (with `headers`) when the validator matches, else a full page. */
  function conditional(headers: Record<string, string>): Handler {
    return (req, res) => {
      const matches = req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED;
      if (matches) return void res.writeHead(304, headers).end();
      res.writeHead(200, { 'content-type': 'text/html', ...headers }).end('<html>new</html>');
    };
  }

  it('returns not_modified with no body when the server accepts If-None-Match', async () => {
    const site = await pool.start(conditional({ etag: ETAG }));
    const result = await fetcherFor(site).fetch({ url: site.url(), expect: 'html', validators: { etag: ETAG } });
    expect(site.requests[0]!.headers['if-none-match']).toBe(ETAG);
    expect(result).toMatchObject({ outcome: 'not_modified', status: 304, etag: ETAG, lastModified: null, attempts: 1 });
    expect(result).not.toHaveProperty('body');
  });

  it('returns not_modified when the server accepts If-Modified-Since, keeping the validator sent', async () => {
    const site = await pool.start(conditional({})); // a 304 that repeats no validator
    const validators = { etag: null, lastModified: LAST_MODIFIED };
    const result = await fetcherFor(site).fetch({ url: site.url(), expect: 'html', validators });
    expect(site.requests[0]!.headers['if-modified-since']).toBe(LAST_MODIFIED);
    expect(site.requests[0]!.headers['if-none-match']).toBeUndefined();
    expect(result).toMatchObject({ outcome: 'not_modified', lastModified: LAST_MODIFIED, etag: null });
    expect(result).not.toHaveProperty('body');
  });

  it('returns the new body and validators when the validators are stale', async () => {
    const site = await pool.start(conditional({ etag: '"new"' }));
    const result = await fetcherFor(site).fetch({ url: site.url(), expect: 'html', validators: { etag: '"old"' } });
    expect(result).toMatchObject({ outcome: 'ok', etag: '"new"' });
  });
});

describe('Fetcher per-host queue', () => {
  /** A slow page that records the most requests it ever had in flight at once. */
  async function slowSite(): Promise<{ site: TestServer; maxInFlight: () => number }> {
    let inFlight = 0;
    let max = 0;
    const site = await pool.start(async (_req, res) => {
      max = Math.max(max, ++inFlight);
      await pause(100);
      inFlight -= 1;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    });
    return { site, maxInFlight: () => max };
  }

  it('never has two requests in flight to the same host', async () => {
    const { site, maxInFlight } = await slowSite();
    const fetcher = fetcherFor(site);
    const results = await Promise.all([1, 2, 3].map(() => fetcher.fetch({ url: site.url(), expect: 'html' })));
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok', 'ok']);
    expect(site.requests).toHaveLength(3);
    expect(maxInFlight()).toBe(1);
  });

  it('lets requests to different hosts overlap (127.0.0.1 and localhost)', async () => {
    const { site, maxInFlight } = await slowSite();
    const fetcher = new Fetcher({ allowedHosts: [site.host, `localhost:${site.port}`], maxRetries: 0 });
    await Promise.all([
      fetcher.fetch({ url: site.url('/', '127.0.0.1'), expect: 'html' }),
      fetcher.fetch({ url: site.url('/', 'localhost'), expect: 'html' }),
    ]);
    expect(maxInFlight()).toBe(2);
  });

  it('lets a queued request leave the queue when its caller aborts', async () => {
    const { site } = await slowSite();
    const fetcher = fetcherFor(site);
    const first = fetcher.fetch({ url: site.url(), expect: 'html' });
    const controller = new AbortController();
    const second = fetcher.fetch({ url: site.url(), expect: 'html', signal: controller.signal });
    controller.abort(new Error('not needed'));
    await expect(second).rejects.toThrow('not needed');
    await expect(first).resolves.toMatchObject({ outcome: 'ok' });
    expect(site.requests).toHaveLength(1);
  });
});
