import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/fetch/index.js';
import type { ExpectedFormat, FetchResult } from '../../src/fetch/index.js';
import { serverPool } from '../helpers/http-server.js';
import type { TestServer } from '../helpers/http-server.js';

const pool = serverPool();
afterEach(() => pool.closeAll());

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HTML_ERROR_PAGE = '\r\n  <!DOCTYPE html><html><body>Access Denied</body></html>';

/** A site that answers every request with one fixed response. */
function serve(body: Buffer | string, headers: Record<string, string>): Promise<TestServer> {
  return pool.start((_req, res) => void res.writeHead(200, headers).end(body));
}

function fetchFrom(site: TestServer, expect: ExpectedFormat, maxBodyBytes = 1024 * 1024): Promise<FetchResult> {
  const fetcher = new Fetcher({ allowedHosts: [site.host], readTimeoutMs: 500, maxRetries: 0, maxBodyBytes });
  return fetcher.fetch({ url: site.url('/file'), expect });
}

function okBody(result: FetchResult): Buffer {
  if (result.outcome !== 'ok') throw new Error(`expected ok, got ${result.outcome}`);
  return result.body;
}

describe('Fetcher content checks', () => {
  it('returns the body, its sha256, content type and validators for an accepted page', async () => {
    const html = '<html><body>Nationwide Encounters</body></html>';
    const site = await serve(html, {
      'content-type': 'text/html; charset=utf-8',
      etag: '"v1"',
      'last-modified': 'Thu, 16 Jan 2025 20:00:00 GMT',
    });
    const result = await fetchFrom(site, 'html');
    expect(result).toMatchObject({
      outcome: 'ok',
      url: site.url('/file'),
      finalUrl: site.url('/file'),
      status: 200,
      contentType: 'text/html; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Thu, 16 Jan 2025 20:00:00 GMT',
      sha256: createHash('sha256').update(html).digest('hex'),
      attempts: 1,
    });
    expect(okBody(result).toString()).toBe(html);
  });

  it('accepts an xlsx that starts with the ZIP signature', async () => {
    const xlsx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100)]);
    const site = await serve(xlsx, { 'content-type': XLSX_TYPE });
    expect(okBody(await fetchFrom(site, 'xlsx')).equals(xlsx)).toBe(true);
  });

  it.each([
    ['csv', 'text/html'],
    ['html', 'application/json'],
    ['xlsx', 'text/csv'],
  ] as const)('refuses %s served as %s (bad_content_type)', async (format, type) => {
    const site = await serve('PK\x03\x04 a,b', { 'content-type': type });
    await expect(fetchFrom(site, format)).rejects.toMatchObject({ kind: 'bad_content_type', retryable: false });
  });

  it('refuses a response without a Content-Type', async () => {
    const site = await pool.start((_req, res) => {
      res.removeHeader('content-type');
      res.end('a,b\n');
    });
    await expect(fetchFrom(site, 'csv')).rejects.toMatchObject({ kind: 'bad_content_type' });
  });

  it('refuses an HTML error page served with status 200 where a csv was expected', async () => {
    const site = await serve(HTML_ERROR_PAGE, { 'content-type': 'text/plain' });
    await expect(fetchFrom(site, 'csv')).rejects.toMatchObject({ kind: 'bad_content_type' });
  });

  it('refuses an HTML error page served with status 200 where an xlsx was expected', async () => {
    const site = await serve(HTML_ERROR_PAGE, { 'content-type': 'application/octet-stream' });
    await expect(fetchFrom(site, 'xlsx')).rejects.toMatchObject({ kind: 'bad_content_type' });
  });

  it('refuses a wrong content type before reading the body', async () => {
    const site = await pool.start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>'); // and never finish
    });
    const fetcher = new Fetcher({ allowedHosts: [site.host], readTimeoutMs: 5000, maxRetries: 0 });
    const started = Date.now();
    await expect(fetcher.fetch({ url: site.url(), expect: 'csv' })).rejects.toMatchObject({
      kind: 'bad_content_type',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('Fetcher decompression', () => {
  const csv = Buffer.from('Fiscal Year,Month,Encounter Count\n2025,MAR,7180\n'.repeat(50));

  it.each([
    ['gzip', zlib.gzipSync(csv)],
    ['deflate', zlib.deflateSync(csv)],
    ['deflate', zlib.deflateRawSync(csv)], // raw deflate, as some servers send it
    ['br', zlib.brotliCompressSync(csv)],
  ] as const)('decodes a %s body and hashes the decoded bytes', async (encoding, encoded) => {
    const site = await serve(encoded, { 'content-type': 'text/csv', 'content-encoding': encoding });
    const result = await fetchFrom(site, 'csv');
    expect(okBody(result).equals(csv)).toBe(true);
    expect(result.outcome === 'ok' && result.sha256).toBe(createHash('sha256').update(csv).digest('hex'));
    expect(site.requests[0]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('reports too_large for a gzip bomb whose decoded size passes the cap', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024)); // ~20 KB on the wire
    const site = await serve(bomb, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    await expect(fetchFrom(site, 'csv', 1024 * 1024)).rejects.toMatchObject({ kind: 'too_large' });
  });

  it('reports decode for corrupt gzip data', async () => {
    const site = await serve('definitely not gzip', { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    await expect(fetchFrom(site, 'csv')).rejects.toMatchObject({ kind: 'decode', retryable: false });
  });

  it('reports decode for an unsupported content coding', async () => {
    const site = await serve('abc', { 'content-type': 'text/csv', 'content-encoding': 'compress' });
    await expect(fetchFrom(site, 'csv')).rejects.toMatchObject({ kind: 'decode' });
  });
});
