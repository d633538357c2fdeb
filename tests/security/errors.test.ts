import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { rawRequest, startApp, type RawResponse, type Running } from './harness.js';

let app: Running;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.close());
afterEach(() => vi.restoreAllMocks());

/** A JSON error body: exactly `{"error": "..."}`, no stack, no file paths, no echo of the request. */
function expectJsonError(res: RawResponse, status: number, error: string | RegExp): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.headers['cache-control']).toBe('no-store');
  const body = JSON.parse(res.text) as { error: string };
  expect(Object.keys(body)).toEqual(['error']);
  if (typeof error === 'string') expect(body.error).toBe(error);
  else expect(body.error).toMatch(error);
  expect(res.text).not.toMatch(/\bat \S+ \(|node_modules|\.js:\d+|\/work\/|Error:/);
}

const LARGE_JSON = JSON.stringify({ pad: 'x'.repeat(20_000) });

describe('errors are JSON without stack traces', () => {
  it('for a malformed percent-encoding in a path parameter (express decodes it)', async () => {
    expectJsonError(await rawRequest(app.port, { path: '/api/v1/artifacts/%E0%A4%A' }), 400, 'malformed percent-encoding in the URL');
    expectJsonError(await rawRequest(app.port, { path: '/api/v1/artifacts/%zz' }), 400, 'malformed percent-encoding in the URL');
  });

  it('for a path that exists nowhere, even a malformed one', async () => {
    expectJsonError(await rawRequest(app.port, { path: '/%E0%A4%A/../x' }), 404, 'not found');
  });

  it('for a malformed JSON body, without quoting it back', async () => {
    const res = await rawRequest(app.port, { method: 'POST', path: '/api/v1/sources', headers: { 'content-type': 'application/json' }, body: ['{"secret-looking": <script>'] });
    expectJsonError(res, 400, 'malformed JSON body');
    expect(res.text).not.toContain('script');
  });

  it('for a JSON body over 16 KiB sent with its length: 413 at once, without reading the body', async () => {
    const res = await rawRequest(app.port, { method: 'POST', path: '/api/v1/sources', headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 ** 3) }, holdBody: true });
    expectJsonError(res, 413, 'request body larger than the limit of 16384 bytes');
    expect(res.headers.connection).toBe('close');
  });

  it('for a JSON body over 16 KiB sent chunked: 413 once the limit is crossed', async () => {
    const res = await rawRequest(app.port, { method: 'POST', path: '/api/v1/observations', headers: { 'content-type': 'application/json' }, body: [LARGE_JSON.slice(0, 10_000), LARGE_JSON.slice(10_000)] });
    expectJsonError(res, 413, 'request body larger than the limit of 16384 bytes');
  });

  it('for any other body over the limit, whatever its type', async () => {
    const res = await rawRequest(app.port, { method: 'POST', path: '/api/v1/sources', headers: { 'content-type': 'text/plain', 'content-length': String(17 * 1024) }, holdBody: true });
    expectJsonError(res, 413, /larger than the limit/);
  });

  it('for a small valid JSON body sent to a read-only route: 404, the body ignored', async () => {
    const res = await rawRequest(app.port, { method: 'POST', path: '/api/v1/sources', headers: { 'content-type': 'application/json' }, body: ['{"a":1}'] });
    expectJsonError(res, 404, 'not found');
  });

  it('for an unsupported charset in a JSON body', async () => {
    const res = await rawRequest(app.port, { method: 'POST', path: '/api/v1/sources', headers: { 'content-type': 'application/json; charset=klingon' }, body: ['{}'] });
    expectJsonError(res, 415, 'unsupported charset');
  });

  it('for a bug: a bare 500, the stack only in the server log', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((msg: unknown) => void logged.push(String(msg)));
    const broken = await startApp();
    try {
      broken.store.close(); // every query now throws inside the route
      expectJsonError(await rawRequest(broken.port, { path: '/api/v1/sources' }), 500, 'internal error');
      expect(logged.join('\n')).toMatch(/request failed: .*\n\s+at /);
    } finally {
      await broken.close().catch(() => undefined);
    }
  });
});
