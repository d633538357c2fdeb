import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/core/errors.js';
import { backoffDelayMs, parseRetryAfter, retryDelayMs, statusError } from '../../src/fetch/retry.js';
import type { RetryPolicy } from '../../src/fetch/retry.js';

const NOW = Date.parse('2025-10-24T15:00:00Z');
const policy = (random = 0.5): RetryPolicy => ({ maxRetries: 3, retryBaseMs: 1000, maxRetryDelayMs: 60_000, random: () => random });

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('turns an HTTP date into whole seconds from now, never negative', () => {
    expect(parseRetryAfter(new Date(NOW + 2500).toUTCString(), NOW)).toBe(2); // HTTP dates have 1 s resolution
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90);
    expect(parseRetryAfter(new Date(NOW - 90_000).toUTCString(), NOW)).toBe(0);
  });

  it('returns undefined when absent or unparseable', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
  });
});

describe('statusError', () => {
  const url = new URL('https://www.ice.gov/detain/detention-management');

  it('classifies 429 and 5xx as retryable, other 4xx as not', () => {
    expect(statusError(429, url, 30)).toMatchObject({ kind: 'http_429', retryable: true, status: 429, retryAfterSeconds: 30 });
    expect(statusError(503, url)).toMatchObject({ kind: 'http_5xx', retryable: true, status: 503 });
    expect(statusError(403, url)).toMatchObject({ kind: 'http_4xx', retryable: false, status: 403 });
    expect(statusError(404, url).message).toContain(url.href);
  });
});

describe('backoffDelayMs', () => {
  it('draws uniformly below base·2^n (full jitter)', () => {
    expect(backoffDelayMs(0, policy(0))).toBe(0);
    expect(backoffDelayMs(0, policy(0.999))).toBe(999);
    expect(backoffDelayMs(3, policy(0.5))).toBe(4000);
  });

  it('never exceeds maxRetryDelayMs', () => {
    expect(backoffDelayMs(20, policy(0.999))).toBeLessThan(60_000);
  });
});

describe('retryDelayMs', () => {
  const reset = new FetchError('reset', 'x', true);

  it('backs off for a retryable error while retries remain', () => {
    expect(retryDelayMs(reset, 0, policy())).toBe(500);
    expect(retryDelayMs(reset, 2, policy())).toBe(2000);
    expect(retryDelayMs(reset, 3, policy())).toBeNull();
  });

  it('never retries non-retryable FetchErrors or other errors', () => {
    expect(retryDelayMs(new FetchError('http_4xx', '404', false, 404), 0, policy())).toBeNull();
    expect(retryDelayMs(new Error('boom'), 0, policy())).toBeNull();
  });

  it('waits exactly Retry-After when the server sent one, and gives up when it is too long', () => {
    expect(retryDelayMs(new FetchError('http_429', 'x', true, 429, 7), 0, policy())).toBe(7000);
    expect(retryDelayMs(new FetchError('http_5xx', 'x', true, 503, 61), 0, policy())).toBeNull();
  });
});
