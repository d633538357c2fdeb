import { afterEach, describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/fetch/index.js';
import type { FetcherInit } from '../../src/fetch/index.js';
import type { Handler } from '../helpers/http-server.js';
import { serverPool } from '../helpers/http-server.js';

const pool = serverPool();
afterEach(() => pool.closeAll());

const NOW = Date.parse('2025-05-09T12:00:00Z');

/** Instant recording sleep, jitter fixed at 0.5, a fixed clock for HTTP-date Retry-After. */
function makeFetcher(allowedHost: string, overrides: Partial<FetcherInit> = {}) {
  const sleeps: number[] = [];
  const fetcher = new Fetcher({
    allowedHosts: [allowedHost],
    connectTimeoutMs: 500,
    readTimeoutMs: 150,
    totalTimeoutMs: 3000,
    maxRetries: 3,
    retryBaseMs: 100,
    maxRetryDelayMs: 5000,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    now: () => NOW,
    ...overrides,
  });
  return { fetcher, sleeps };
}

/** Serves `failures` in order (one per request), then the page. */
function failThenServe(failures: Array<{ status: number; headers?: Record<string, string> }>): Handler {
  let calls = 0;
  return (_req, res) => {
    const failure = failures[calls++];
    if (failure) return void res.writeHead(failure.status, failure.headers).end('busy');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html>ok</html>');
  };
}

describe('Fetcher retries', () => {
  it('retries a 500 after a jittered backoff and then succeeds', async () => {
    const site = await pool.start(failThenServe([{ status: 500 }]));
    const { fetcher, sleeps } = makeFetcher(site.host);
    const result = await fetcher.fetch({ url: site.url(), expect: 'html' });
    expect(result).toMatchObject({ outcome: 'ok', status: 200, attempts: 2 });
    expect(site.requests).toHaveLength(2);
    expect(sleeps).toEqual([50]); // 0.5 × 100 ms
  });

  it('retries 503s with exponentially growing backoff ceilings', async () => {
    const site = await pool.start(failThenServe([{ status: 503 }, { status: 503 }]));
    const { fetcher, sleeps } = makeFetcher(site.host);
    const result = await fetcher.fetch({ url: site.url(), expect: 'html' });
    expect(result.attempts).toBe(3);
    expect(sleeps).toEqual([50, 100]); // 0.5 × 100, 0.5 × 200
  });

  it('gives up with http_5xx after maxRetries retries', async () => {
    const site = await pool.start((_req, res) => void res.writeHead(502).end());
    const { fetcher } = makeFetcher(site.host, { maxRetries: 2 });
    await expect(fetcher.fetch({ url: site.url(), expect: 'html' })).rejects.toMatchObject({
      kind: 'http_5xx',
      status: 502,
      retryable: true,
    });
    expect(site.requests).toHaveLength(3);
  });

  it('honours Retry-After in seconds on a 429, then succeeds', async () => {
    const site = await pool.start(failThenServe([{ status: 429, headers: { 'retry-after': '1' } }]));
    const { fetcher, sleeps } = makeFetcher(site.host);
    const result = await fetcher.fetch({ url: site.url(), expect: 'html' });
    expect(result).toMatchObject({ outcome: 'ok', attempts: 2 });
    expect(sleeps).toEqual([1000]);
  });

  it('honours Retry-After as an HTTP date on a 503', async () => {
    const at = new Date(NOW + 3000).toUTCString();
    const site = await pool.start(failThenServe([{ status: 503, headers: { 'retry-after': at } }]));
    const { fetcher, sleeps } = makeFetcher(site.host);
    await fetcher.fetch({ url: site.url(), expect: 'html' });
    expect(sleeps).toEqual([3000]);
  });

  it('gives up at once, retryable with retryAfterSeconds, when Retry-After exceeds maxRetryDelayMs', async () => {
    const site = await pool.start(failThenServe([{ status: 429, headers: { 'retry-after': '120' } }]));
    const { fetcher, sleeps } = makeFetcher(site.host);
    await expect(fetcher.fetch({ url: site.url(), expect: 'html' })).rejects.toMatchObject({
      kind: 'http_429',
      status: 429,
      retryable: true,
      retryAfterSeconds: 120,
    });
    expect(site.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each([403, 404, 410])('does not retry HTTP %i (http_4xx, not retryable)', async (status) => {
    const site = await pool.start((_req, res) => void res.writeHead(status).end());
    const { fetcher, sleeps } = makeFetcher(site.host);
    await expect(fetcher.fetch({ url: site.url(), expect: 'html' })).rejects.toMatchObject({
      kind: 'http_4xx',
      status,
      retryable: false,
    });
    expect(site.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries after a reset connection and a read timeout', async () => {
    let calls = 0;
    const site = await pool.start((_req, res) => {
      calls += 1;
      if (calls === 1) return void res.socket?.destroy();
      if (calls === 2) return; // never answers → read timeout
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>ok</html>');
    });
    const { fetcher, sleeps } = makeFetcher(site.host);
    const result = await fetcher.fetch({ url: site.url(), expect: 'html' });
    expect(result.attempts).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('does not retry a non-retryable failure such as a wrong content type', async () => {
    const site = await pool.start((_req, res) => void res.writeHead(200, { 'content-type': 'image/png' }).end());
    const { fetcher } = makeFetcher(site.host);
    await expect(fetcher.fetch({ url: site.url(), expect: 'html' })).rejects.toMatchObject({
      kind: 'bad_content_type',
    });
    expect(site.requests).toHaveLength(1);
  });

  it('stops sleeping and rejects when the caller aborts during backoff', async () => {
    const site = await pool.start((_req, res) => void res.writeHead(500).end());
    const controller = new AbortController();
    const { fetcher } = makeFetcher(site.host, {
      sleep: async () => controller.abort(new Error('cancelled during backoff')),
    });
    await expect(fetcher.fetch({ url: site.url(), expect: 'html', signal: controller.signal })).rejects.toThrow(
      'cancelled during backoff',
    );
    expect(site.requests).toHaveLength(1);
  });
});
