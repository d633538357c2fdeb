import { isIPv6 } from 'node:net';
import type { RequestHandler } from 'express';
import { HttpError } from './http-error.js';

export interface TokenBucketOptions {
  /** Sustained rate: tokens added per minute. */
  readonly perMinute: number;
  /** Bucket size: requests a client may make at once after being idle. */
  readonly burst: number;
  /**
   * Clients remembered at most; past it the least recently seen is forgotten (and starts
   * again with a full bucket), so a flood of addresses cannot grow memory without bound.
   */
  readonly maxClients?: number;
  /** Milliseconds from a monotonic clock (tests pass their own). */
  readonly clock?: () => number;
}

export type Take = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * One token bucket per client key: each request takes a token, tokens come back at
 * `perMinute / 60` per second up to `burst`. Refill is computed on access, no timers.
 */
export class TokenBucketLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #perMs: number;
  readonly #burst: number;
  readonly #maxClients: number;
  readonly #clock: () => number;

  constructor(opts: TokenBucketOptions) {
    if (!(opts.perMinute > 0) || !(opts.burst >= 1)) throw new RangeError('rate limit: perMinute must be > 0 and burst >= 1');
    this.#perMs = opts.perMinute / 60_000;
    this.#burst = opts.burst;
    this.#maxClients = opts.maxClients ?? 10_000;
    this.#clock = opts.clock ?? (() => performance.now());
  }

  /** Takes one token for `key`, or says how many whole seconds until one is available. */
  take(key: string): Take {
    const now = this.#clock();
    const prev = this.#buckets.get(key);
    const tokens = prev ? Math.min(this.#burst, prev.tokens + Math.max(0, now - prev.at) * this.#perMs) : this.#burst;
    // Delete then set: the Map's order is then least recently seen first.
    this.#buckets.delete(key);
    const allowed = tokens >= 1;
    this.#buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    if (this.#buckets.size > this.#maxClients) this.#buckets.delete(this.#buckets.keys().next().value!);
    if (allowed) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.#perMs / 1000)) };
  }

  /** Clients currently remembered. */
  get size(): number {
    return this.#buckets.size;
  }
}

/**
 * The key a client is limited by: its IPv4 address, or the /64 prefix of its IPv6 address
 * (one subscriber usually holds a whole /64, so single addresses would be free to rotate).
 */
export function clientKey(ip: string): string {
  const bare = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (mapped) return mapped[1]!;
  if (!isIPv6(bare)) return bare;
  return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight hextets of a valid IPv6 address, `::` and a trailing dotted IPv4 expanded. */
function expandIPv6(ip: string): string[] {
  const withHex = ip.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a: string, b: string, c: string, d: string) => {
    const hex = (x: string, y: string) => ((Number(x) << 8) | Number(y)).toString(16);
    return `${hex(a, b)}:${hex(c, d)}`;
  });
  const [head = '', tail] = withHex.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((h) => h.toLowerCase().replace(/^0+(?=.)/, ''));
}

export interface RateLimitOptions extends TokenBucketOptions {
  readonly enabled: boolean;
}

/**
 * Express middleware answering 429 with `Retry-After` once a client's bucket is empty.
 * Mount it only where refusing is acceptable: `/metrics` and `/healthz` stay unlimited so
 * Prometheus and the container health check are never refused.
 */
export function rateLimit(opts: RateLimitOptions): RequestHandler {
  if (!opts.enabled) return (_req, _res, next) => next();
  const limiter = new TokenBucketLimiter(opts);
  return (req, _res, next) => {
    const r = limiter.take(clientKey(req.ip ?? req.socket.remoteAddress ?? ''));
    if (r.allowed) {
      next();
      return;
    }
    const s = r.retryAfterSeconds;
    next(new HttpError(429, `too many requests: at most ${opts.perMinute} per minute per client; retry in ${s} s`, { 'Retry-After': String(s) }));
  };
}
