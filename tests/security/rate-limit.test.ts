import { afterEach, describe, expect, it } from 'vitest';
import type { ServerSettings } from '../../src/config/schema.js';
import { clientKey, TokenBucketLimiter } from '../../src/server/rate-limit.js';
import { startApp, type Running } from './harness.js';

describe('TokenBucketLimiter', () => {
  const clock = { now: 0 };
  const limiter = (perMinute: number, burst: number, maxClients?: number) => new TokenBucketLimiter({ perMinute, burst, maxClients, clock: () => clock.now });

  it('allows a burst, then refuses with the whole seconds until the next token', () => {
    clock.now = 0;
    const l = limiter(60, 3); // one token a second
    expect([1, 2, 3].map(() => l.take('a').allowed)).toEqual([true, true, true]);
    expect(l.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.now = 400;
    expect(l.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.now = 1_000;
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(false);
  });

  it('refills at the sustained rate up to the burst, never beyond', () => {
    clock.now = 0;
    const l = limiter(120, 5); // two tokens a second
    for (let i = 0; i < 5; i++) l.take('a');
    clock.now = 60_000 * 10; // idle ten minutes: still only 5
    expect(Array.from({ length: 6 }, () => l.take('a').allowed)).toEqual([true, true, true, true, true, false]);
    expect(l.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('says how long a slow rate makes a client wait', () => {
    clock.now = 0;
    const l = limiter(2, 1); // one token per 30 s
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('keeps one bucket per client', () => {
    clock.now = 0;
    const l = limiter(60, 1);
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(false);
    expect(l.take('b').allowed).toBe(true);
  });

  it('remembers at most maxClients, forgetting the least recently seen', () => {
    clock.now = 0;
    const l = limiter(60, 1, 3);
    for (const k of ['a', 'b', 'c']) l.take(k);
    l.take('a'); // a is now the most recent
    l.take('d'); // forgets b
    expect(l.size).toBe(3);
    expect(l.take('a').allowed).toBe(false);
    expect(l.take('b').allowed).toBe(true);
  });
});

describe('clientKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::ffff', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('keys %s as %s', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});

describe('rate limiting over HTTP', () => {
  let app: Running | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const limits = (rateLimit: ServerSettings['rateLimit'], trustProxy: ServerSettings['trustProxy'] = false): ServerSettings => ({ trustProxy, maxJsonBytes: 16 * 1024, maxUploadBytes: 1024, rateLimit });
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${app!.base}${path}`, { headers }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() }));

  it('answers 429 with Retry-After and a JSON error once the burst is spent', async () => {
    app = await startApp({ limits: limits({ enabled: true, perMinute: 6, burst: 3 }) });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get('/api/v1/sources')).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await get('/api/v1/observations?series=cbp_encounters');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(10);
    expect(JSON.parse(refused.body)).toEqual({ error: `too many requests: at most 6 per minute per client; retry in ${refused.retryAfter} s` });
  });

  it('never refuses /metrics, /healthz or the status page, even to a client that is refused on /api', async () => {
    app = await startApp({ limits: limits({ enabled: true, perMinute: 1, burst: 1 }) });
    expect((await get('/api/v1/sources')).status).toBe(200);
    expect((await get('/api/v1/sources')).status).toBe(429);
    for (let i = 0; i < 30; i++) {
      expect((await get('/metrics')).status).toBe(200);
      expect((await get('/healthz')).status).toBe(200);
    }
    expect((await get('/')).status).toBe(200);
    expect((await get('/api/v1/sources')).status).toBe(429);
  });

  it('ignores X-Forwarded-For unless a proxy is trusted, so a client cannot pick a fresh address', async () => {
    app = await startApp({ limits: limits({ enabled: true, perMinute: 1, burst: 1 }) });
    expect((await get('/api/v1/sources', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
    expect((await get('/api/v1/sources', { 'x-forwarded-for': '198.51.100.2' })).status).toBe(429);
  });

  it('limits each client behind a trusted proxy by its forwarded address', async () => {
    app = await startApp({ limits: limits({ enabled: true, perMinute: 1, burst: 1 }, 'loopback') });
    expect((await get('/api/v1/sources', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
    expect((await get('/api/v1/sources', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
    expect((await get('/api/v1/sources', { 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
  });

  it('can be turned off', async () => {
    app = await startApp({ limits: limits({ enabled: false, perMinute: 1, burst: 1 }) });
    for (let i = 0; i < 5; i++) expect((await get('/api/v1/sources')).status).toBe(200);
  });

  it('defaults to 120 a minute with a burst of 60', async () => {
    app = await startApp();
    const statuses = await Promise.all(Array.from({ length: 60 }, () => get(`/api/v1/artifacts/${'0'.repeat(64)}`).then((r) => r.status)));
    expect(statuses.every((s) => s === 404)).toBe(true);
    const more: number[] = [];
    for (let i = 0; i < 5; i++) more.push((await get(`/api/v1/artifacts/${'0'.repeat(64)}`)).status);
    expect(more).toContain(429);
  });
});
