import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CSP, SECURITY_HEADERS } from '../../src/server/security.js';
import { STATUS_CSP } from '../../src/server/status-routes.js';
import { sha256Hex } from '../../src/store/artifacts.js';
import { startApp, type Running } from './harness.js';

let app: Running;
beforeAll(async () => {
  app = await startApp({ limits: { trustProxy: false, maxJsonBytes: 16 * 1024, maxUploadBytes: 1024, rateLimit: { enabled: true, perMinute: 60, burst: 40 } } });
});
afterAll(() => app.close());

const ARTIFACT = sha256Hex(Buffer.from('Fiscal Year,Month (abbv),...,april vintage\r\n'));

/** Every kind of response the server gives: data, downloads, metrics, the page, and errors. */
const RESPONSES: [string, string, number][] = [
  ['JSON API', '/api/v1/sources', 200],
  ['CSV snapshot', '/api/v1/snapshot?format=csv', 200],
  ['artifact', `/api/v1/artifacts/${ARTIFACT}`, 200],
  ['metrics', '/metrics', 200],
  ['health', '/healthz', 200],
  ['status page', '/', 200],
  ['stylesheet', '/status.css', 200],
  ['favicon', '/favicon.ico', 204],
  ['unknown path', '/wp-admin/setup.php', 404],
  ['bad query', '/api/v1/observations?from=yesterday', 400],
  ['bad artifact name', '/api/v1/artifacts/..%2F..%2Fetc%2Fpasswd', 400],
];

describe('security headers', () => {
  it.each(RESPONSES)('are on every response: %s', async (_name, path, status) => {
    const res = await fetch(`${app.base}${path}`);
    expect(res.status).toBe(status);
    await res.arrayBuffer();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('permissions-policy')).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^default-src 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src|\*/);
  });

  it('give JSON, metrics and errors a CSP that loads nothing and forbids framing', async () => {
    for (const path of ['/api/v1/sources', '/metrics', '/nope']) {
      expect((await fetch(`${app.base}${path}`)).headers.get('content-security-policy'), path).toBe(DEFAULT_CSP);
    }
    expect(DEFAULT_CSP).toContain("frame-ancestors 'none'");
  });

  it('give the status page its own strict CSP: our stylesheet only, no script, no framing', async () => {
    const res = await fetch(`${app.base}/`);
    expect(res.headers.get('content-security-policy')).toBe(STATUS_CSP);
    expect(STATUS_CSP.split('; ').sort()).toEqual(["base-uri 'none'", "default-src 'none'", "form-action 'none'", "frame-ancestors 'none'", "img-src 'self'", "style-src 'self'"]);
  });

  it('sandbox a stored agency file so its HTML could never run on our origin', async () => {
    const res = await fetch(`${app.base}/api/v1/artifacts/${ARTIFACT}`);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('are also on refusals by the rate limiter', async () => {
    let res: Response | undefined;
    for (let i = 0; i < 45; i++) {
      res = await fetch(`${app.base}/api/v1/artifacts/${'0'.repeat(64)}`);
      await res.arrayBuffer();
      if (res.status === 429) break;
    }
    expect(res!.status).toBe(429);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res!.headers.get(name), name).toBe(value);
  });
});
