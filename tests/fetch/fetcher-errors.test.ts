import type { ServerResponse } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/core/errors.js';
import { Fetcher } from '../../src/fetch/index.js';
import type { FetcherInit } from '../../src/fetch/index.js';
import { pause, serverPool, unusedPort } from '../helpers/http-server.js';

const pool = serverPool();
afterEach(() => pool.closeAll());

/** ms-scale timeouts and an instant, recording sleep so each test takes well under a second. */
function makeFetcher(allowedHost: string, overrides: Partial<FetcherInit> = {}) {
  const sleeps: number[] = [];
  const fetcher = new Fetcher({
    allowedHosts: [allowedHost],
    connectTimeoutMs: 500,
    readTimeoutMs: 150,
    totalTimeoutMs: 3000,
    maxRetries: 0,
    retryBaseMs: 100,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...overrides,
  });
  return { fetcher, sleeps };
}

/** Writes `chunk` every `everyMs` until the client goes away. */
function drip(res: ServerResponse, chunk: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (res.destroyed || res.writableEnded) return clearInterval(timer);
    res.write(chunk);
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

describe('Fetcher network failures', () => {
  it('reports refused (retryable, retried) when nothing listens on the port', async () => {
    const port = await unusedPort();
    const { fetcher, sleeps } = makeFetcher(`127.0.0.1:${port}`, { maxRetries: 2 });
    await expect(fetcher.fetch({ url: `http://127.0.0.1:${port}/`, expect: 'html' })).rejects.toMatchObject({
      kind: 'refused',
      retryable: true,
    });
    expect(sleeps).toHaveLength(2);
  });

  it('reports dns when the host name does not resolve', async () => {
    const { fetcher } = makeFetcher('nonexistent.invalid');
    await expect(fetcher.fetch({ url: 'http://nonexistent.invalid/', expect: 'html' })).rejects.toMatchObject({
      kind: 'dns',
    });
  });

  it('reports reset when the server hangs up before sending headers', async () => {
    const site = await pool.start((_req, res) => void res.socket?.destroy());
    const { fetcher } = makeFetcher(site.host);
    await expect(fetcher.fetch({ url: site.url(), expect: 'html' })).rejects.toMatchObject({
      kind: 'reset',
      retryable: true,
    });
  });

  it('reports reset when the connection is destroyed mid-body of a chunked response', async () => {
    const site = await pool.start(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body>partial');
      await pause(30);
      res.socket?.destroy();
    });
    const { fetcher } = makeFetcher(site.host);
    await expect(fetcher.fetch({ url: site.url(), expect: 'html' })).rejects.toMatchObject({ kind: 'reset' });
  });

  it('reports reset on a TCP RST mid-body even when Content-Length was declared', async () => {
    const site = await pool.start(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
      res.write('<html><body>partial');
      await pause(30);
      res.socket?.resetAndDestroy();
    });
    const { fetcher } = makeFetcher(site.host);
    await expect(fetcher.fetch({ url: site.url(), expect: 'html' })).rejects.toMatchObject({ kind: 'reset' });
  });

  it('reports truncated when the body ends cleanly before its Content-Length', async () => {
    const site = await pool.start(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '1000' });
      res.write('a,b\n1,2\n');
      await pause(30);
      res.socket?.end();
    });
    const { fetcher } = makeFetcher(site.host);
    await expect(fetcher.fetch({ url: site.url(), expect: 'csv' })).rejects.toMatchObject({
      kind: 'truncated',
      retryable: true,
    });
  });

  it('rejects with the abort reason, not a FetchError, when the caller aborts', async () => {
    const site = await pool.start(() => undefined); // never answers
    const { fetcher } = makeFetcher(site.host, { readTimeoutMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 30);
    const err = await fetcher.fetch({ url: site.url(), expect: 'html', signal: controller.signal }).catch((e) => e);
    expect(err).not.toBeInstanceOf(FetchError);
    expect((err as Error).message).toBe('shutting down');
  });
});

describe('Fetcher timeouts', () => {
  it('reports timeout when the connection (here the TLS handshake) does not complete in time', async () => {
    // A TCP server that accepts and then says nothing: an https client never finishes connecting.
    // resume() discards the ClientHello and lets the socket notice the client hanging up.
    const silent = net.createServer((socket) => void socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const { fetcher } = makeFetcher(`127.0.0.1:${port}`, { connectTimeoutMs: 100, readTimeoutMs: 5000 });
      const err = await fetcher.fetch({ url: `https://127.0.0.1:${port}/`, expect: 'html' }).catch((e) => e);
      expect(err).toMatchObject({ kind: 'timeout', retryable: true });
      expect((err as Error).message).toMatch(/no connection within 100 ms/);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reports timeout when no headers arrive within the read timeout', async () => {
    const site = await pool.start(() => undefined); // accepts, never answers
    const { fetcher } = makeFetcher(site.host);
    const started = Date.now();
    await expect(fetcher.fetch({ url: site.url(), expect: 'html' })).rejects.toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports timeout when the body stalls longer than the read timeout between chunks', async () => {
    const site = await pool.start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      drip(res, 'x', 400); // next chunk only after 400 ms > 150 ms read timeout
    });
    const { fetcher } = makeFetcher(site.host);
    await expect(fetcher.fetch({ url: site.url(), expect: 'html' })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('accepts a slow body whose chunks each arrive within the read timeout', async () => {
    const site = await pool.start(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (const part of ['<html>', '<body>', 'slow', '</body>', '</html>', '\n']) {
        res.write(part);
        await pause(200); // 6 × 200 ms in total: longer than the 1000 ms read timeout
      }
      res.end();
    });
    // Wide margins: each gap is a fifth of the timeout, so a loaded CI machine cannot flake it.
    const { fetcher } = makeFetcher(site.host, { readTimeoutMs: 1000, totalTimeoutMs: 10_000 });
    const result = await fetcher.fetch({ url: site.url(), expect: 'html' });
    expect(result.outcome === 'ok' && result.body.toString()).toBe('<html><body>slow</body></html>\n');
  });

  it('reports timeout when a steady drip outlasts the total timeout', async () => {
    const site = await pool.start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      drip(res, 'x', 30);
    });
    const { fetcher } = makeFetcher(site.host, { totalTimeoutMs: 300 });
    const started = Date.now();
    await expect(fetcher.fetch({ url: site.url(), expect: 'html' })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('Fetcher body cap', () => {
  it('reports too_large from a declared Content-Length over the cap without waiting for the body', async () => {
    const site = await pool.start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(10 * 1024 * 1024) });
      res.write('a'.repeat(1024)); // then stall: only the header can end this quickly
    });
    const { fetcher } = makeFetcher(site.host, { maxBodyBytes: 4096, readTimeoutMs: 5000 });
    const started = Date.now();
    await expect(fetcher.fetch({ url: site.url(), expect: 'csv' })).rejects.toMatchObject({
      kind: 'too_large',
      retryable: false,
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports too_large and closes the connection when a streamed body passes the cap', async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    const site = await pool.start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' }); // chunked, no Content-Length
      res.on('close', () => serverSawClose());
      drip(res, 'x'.repeat(512), 5);
    });
    const { fetcher } = makeFetcher(site.host, { maxBodyBytes: 2048 });
    await expect(fetcher.fetch({ url: site.url(), expect: 'csv' })).rejects.toMatchObject({ kind: 'too_large' });
    await closed; // the client hung up instead of reading on
  });

  it('applies a per-request maxBodyBytes over the fetcher default', async () => {
    const site = await pool.start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' }).end('x'.repeat(100));
    });
    const { fetcher } = makeFetcher(site.host);
    await expect(fetcher.fetch({ url: site.url(), expect: 'csv', maxBodyBytes: 50 })).rejects.toMatchObject({
      kind: 'too_large',
    });
    const ok = await fetcher.fetch({ url: site.url(), expect: 'csv', maxBodyBytes: 100 });
    expect(ok.outcome).toBe('ok');
  });
});
