import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type Service } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { AgencySite } from '../../src/demo/agency-site.js';
import { listingHtml, testSource } from '../helpers/test-sources.js';
import { tempDir } from '../helpers/tmp.js';

const t = tempDir();
let site: AgencySite;
let service: Service;
let base: string;

beforeAll(async () => {
  site = new AgencySite();
  await site.listen();
  site.set('/listing', { body: Buffer.from(listingHtml([{ href: '/f.csv', posted: '2025-04-05' }])), contentType: 'text/html' });
  site.set('/f.csv', { body: Buffer.from('period,value\n2025-03,7181\n'), contentType: 'text/csv' });
  const config = loadConfig({ env: { DATA_DIR: t.dir }, knownSources: [] });
  service = createService({ config, registry: [testSource(site.origin)] });
  await service.scheduler.runAll();
  base = `http://127.0.0.1:${await service.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await service.close();
  await site.close();
  t.cleanup();
});

describe('GET /metrics (fast path in front of express)', () => {
  it('serves the exposition with its content type, length and the security headers', async () => {
    const res = await fetch(`${base}/metrics`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(text).toContain('enforcement_cbp_encounters{source="test-source",component="all",region="southwest_land_border"} 7181');
  });

  it('answers HEAD without a body and accepts a query string', async () => {
    const head = await fetch(`${base}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${base}/metrics?name[]=up`)).status).toBe(200);
  });

  it('leaves every other path to the app', async () => {
    expect((await fetch(`${base}/metricsx`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('shares one render among concurrent scrapes after the store changed', async () => {
    await service.scheduler.runAll();
    const bodies = await Promise.all(Array.from({ length: 16 }, () => service.exporter.renderBody()));
    expect(new Set(bodies).size).toBe(1);
  });
});

describe('a request Node cannot parse', () => {
  it('gets a JSON 400, not a bare answer or a stack trace', async () => {
    const net = await import('node:net');
    const { port } = new URL(base);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET /metrics HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toMatch(/Content-Type: application\/json/);
    expect(reply.endsWith('{"error":"malformed HTTP request"}')).toBe(true);
  });
});
