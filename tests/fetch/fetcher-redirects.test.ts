import { afterEach, describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/fetch/index.js';
import type { Handler, TestServer } from '../helpers/http-server.js';
import { serverPool } from '../helpers/http-server.js';

const pool = serverPool();
afterEach(() => pool.closeAll());

const PAGE = '<html><body>listing</body></html>';

/** `routes` maps a path to a redirect Location; any other path serves PAGE. */
function redirecting(routes: Record<string, string>, status = 302): Handler {
  return (req, res) => {
    const location = routes[req.url ?? ''];
    if (location !== undefined) return void res.writeHead(status, { location }).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  };
}

function fetcherFor(site: TestServer, maxRedirects = 5): Fetcher {
  return new Fetcher({ allowedHosts: [site.host], maxRedirects, maxRetries: 0, readTimeoutMs: 500 });
}

describe('Fetcher redirects', () => {
  it.each([301, 302, 303, 307, 308])('follows a %i and reports the final URL', async (status) => {
    const site = await pool.start(redirecting({ '/old': '/new' }, status));
    const result = await fetcherFor(site).fetch({ url: site.url('/old'), expect: 'html' });
    expect(result).toMatchObject({ outcome: 'ok', url: site.url('/old'), finalUrl: site.url('/new') });
    expect(site.requests.map((r) => r.path)).toEqual(['/old', '/new']);
  });

  it('follows an absolute Location on an allowed host', async () => {
    const site = await pool.start(redirecting({}));
    const hop = await pool.start(redirecting({ '/': site.url('/doc') }));
    const fetcher = new Fetcher({ allowedHosts: [hop.host, site.host], maxRetries: 0 });
    const result = await fetcher.fetch({ url: hop.url('/'), expect: 'html' });
    expect(result.finalUrl).toBe(site.url('/doc'));
  });

  it('reports redirect on a loop', async () => {
    const site = await pool.start(redirecting({ '/a': '/b', '/b': '/a' }));
    await expect(fetcherFor(site).fetch({ url: site.url('/a'), expect: 'html' })).rejects.toMatchObject({
      kind: 'redirect',
      retryable: false,
    });
    expect(site.requests).toHaveLength(2);
  });

  it('follows exactly maxRedirects redirects and reports redirect on one more', async () => {
    const site = await pool.start(redirecting({ '/1': '/2', '/2': '/3', '/3': '/4' }));
    const ok = await fetcherFor(site, 3).fetch({ url: site.url('/1'), expect: 'html' });
    expect(ok.finalUrl).toBe(site.url('/4'));
    await expect(fetcherFor(site, 2).fetch({ url: site.url('/1'), expect: 'html' })).rejects.toMatchObject({
      kind: 'redirect',
    });
  });

  it('reports host_not_allowed for a redirect to a host outside the allow-list, without requesting it', async () => {
    const other = await pool.start(redirecting({}));
    const site = await pool.start(redirecting({ '/': other.url('/', 'localhost') }));
    await expect(fetcherFor(site).fetch({ url: site.url('/'), expect: 'html' })).rejects.toMatchObject({
      kind: 'host_not_allowed',
      retryable: false,
    });
    expect(other.requests).toHaveLength(0);
  });

  it('reports host_not_allowed for a redirect to a non-http scheme', async () => {
    const site = await pool.start(redirecting({ '/': 'file:///etc/passwd' }));
    await expect(fetcherFor(site).fetch({ url: site.url('/'), expect: 'html' })).rejects.toMatchObject({
      kind: 'host_not_allowed',
    });
  });

  it('reports host_not_allowed for a first URL outside the allow-list, without a request', async () => {
    const site = await pool.start(redirecting({}));
    const fetcher = new Fetcher({ allowedHosts: ['www.ice.gov'], maxRetries: 0 });
    await expect(fetcher.fetch({ url: site.url('/'), expect: 'html' })).rejects.toMatchObject({
      kind: 'host_not_allowed',
    });
    expect(site.requests).toHaveLength(0);
  });

  it('reports redirect for a 3xx without a Location', async () => {
    const site = await pool.start((_req, res) => void res.writeHead(302).end());
    await expect(fetcherFor(site).fetch({ url: site.url('/'), expect: 'html' })).rejects.toMatchObject({
      kind: 'redirect',
    });
  });
});
