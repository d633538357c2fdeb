/**
 * When to try again and how long to wait. Retries stay inside one fetch so a passing blip
 * (a 503 during a deploy, a reset connection) does not cost a whole source cycle; anything
 * that will not change by waiting (403, 404, a wrong content type) fails at once.
 */
import { FetchError } from '../core/errors.js';

export interface RetryPolicy {
  maxRetries: number;
  retryBaseMs: number;
  maxRetryDelayMs: number;
  random: () => number;
}

/**
 * Seconds a `Retry-After` header asks for: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unparseable; a date in the past means 0.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  // All three HTTP-date forms start with a day name; without this check Date.parse would
  // read '-5' or '2025' as a year.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * The error for a non-success status: 429 → `http_429` and 5xx → `http_5xx` (both retryable),
 * any other status → `http_4xx` (not retryable: asking again gets the same answer).
 */
export function statusError(status: number, url: URL, retryAfterSeconds?: number): FetchError {
  const after = retryAfterSeconds === undefined ? '' : ` (Retry-After ${retryAfterSeconds}s)`;
  const message = `HTTP ${status} from ${url.href}${after}`;
  if (status === 429) return new FetchError('http_429', message, true, status, retryAfterSeconds);
  if (status >= 500) return new FetchError('http_5xx', message, true, status, retryAfterSeconds);
  return new FetchError('http_4xx', message, false, status, retryAfterSeconds);
}

/**
 * Full-jitter exponential backoff: uniform in [0, min(cap, base·2^retryIndex)).
 * Jitter keeps several monitors (or sources on one host) from retrying in lockstep.
 */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxRetryDelayMs, policy.retryBaseMs * 2 ** retryIndex);
  return Math.floor(policy.random() * ceiling);
}

/**
 * How long to wait before retry number `retryIndex` (0 = first retry) after `err`, or
 * null to give up and rethrow. A server's Retry-After wins over our backoff; one longer than
 * `maxRetryDelayMs` means giving up now, and the caller learns when to come back from the
 * error's `retryAfterSeconds`.
 */
export function retryDelayMs(err: unknown, retryIndex: number, policy: RetryPolicy): number | null {
  if (!(err instanceof FetchError) || !err.retryable) return null;
  if (retryIndex >= policy.maxRetries) return null;
  if (err.retryAfterSeconds !== undefined) {
    const asked = err.retryAfterSeconds * 1000;
    return asked > policy.maxRetryDelayMs ? null : asked;
  }
  return backoffDelayMs(retryIndex, policy);
}
