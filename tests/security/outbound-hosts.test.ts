/**
 * Hostile agency content cannot point the monitor anywhere: the service's fetcher only talks to
 * the hosts of the configured source URLs (plus `http.extraAllowedHosts`), checked on every
 * followed link and every redirect. The other "host" here is the same local server under the
 * name `localhost`, so a request that slipped through would show up in its hit counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AgencySite } from '../../src/demo/agency-site.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { listingHtml, testSource } from '../helpers/test-sources.js';
import { startService, TOKEN, type Running } from './harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Svc = Running & Awaited<ReturnType<typeof startService>>;

async function scrape(svc: Svc): Promise<Record<string, unknown>> {
  const res = await fetch(`${svc.base}/api/v1/sources/test-source/scrape`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

function expectNothingStored(svc: Svc): void {
  const store = svc.service.store;
  expect(store.db.prepare('SELECT (SELECT count(*) FROM artifacts) AS artifacts, (SELECT count(*) FROM vintages) AS vintages, (SELECT count(*) FROM captures) AS captures').get()).toEqual({ artifacts: 0, vintages: 0, captures: 0 });
  expect(store.state('test-source')).toMatchObject({ up: false, lastErrorKind: 'host_not_allowed', fileUrl: null, publishedOn: null });
}

describe('outbound requests through createService', () => {
  it('refuses a listing that links a file on another host with host_not_allowed, storing nothing', async () => {
    const site = new AgencySite();
    const origin = await site.listen();
    cleanups.push(() => site.close());
    const port = new URL(origin).port;
    site.set('/listing', { body: Buffer.from(listingHtml([{ href: `http://localhost:${port}/files/2025-04.csv`, posted: '2025-04-05' }])), contentType: 'text/html' });
    site.set('/files/2025-04.csv', { body: Buffer.from('period,value\n2025-03,7181\n'), contentType: 'text/csv' });
    const svc = await startService({ registry: [testSource(origin)], config: { apiToken: TOKEN, http: { maxRetries: 0 } } });
    cleanups.push(() => svc.close());

    const outcome = await scrape(svc);
    expect(outcome).toMatchObject({ source: 'test-source', ok: false, errorKind: 'host_not_allowed' });
    expect(outcome.message).toBe(`host localhost:${port} is not in allowedHosts`);
    expect(site.hits.get('/listing')).toBe(1);
    expect(site.hits.get('/files/2025-04.csv')).toBeUndefined();
    expectNothingStored(svc);
    const metrics = await (await fetch(`${svc.base}/metrics`)).text();
    expect(metrics).toMatch(/enforcement_source_up\{source="test-source"\} 0/);
  });

  it('refuses a redirect from an allowed host to another one', async () => {
    let server: TestServer | undefined;
    server = await startServer((req, res) => {
      if (req.url === '/listing') res.writeHead(200, { 'content-type': 'text/html' }).end(listingHtml([{ href: '/files/2025-04.csv', posted: '2025-04-05' }]));
      else if (req.url === '/files/2025-04.csv') res.writeHead(302, { location: server!.url('/files/elsewhere.csv', 'localhost') }).end();
      else res.writeHead(200, { 'content-type': 'text/csv' }).end('period,value\n2025-03,7181\n');
    });
    cleanups.push(() => server!.close());
    const svc = await startService({ registry: [testSource(`http://${server.host}`)], config: { apiToken: TOKEN, http: { maxRetries: 0 } } });
    cleanups.push(() => svc.close());

    expect(await scrape(svc)).toMatchObject({ ok: false, errorKind: 'host_not_allowed' });
    expect(server.requests.map((r) => r.path)).toEqual(['/listing', '/files/2025-04.csv']);
    expectNothingStored(svc);
  });
});
