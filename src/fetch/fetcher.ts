/**
 * The polite fetcher: the only code in the project that does HTTP. Scrapers hand it a URL
 * and the format they expect; it returns the agency's bytes (or "not modified") or throws a
 * classified FetchError. It never logs: callers turn errors into metrics.
 *
 * Politeness: one request at a time per host, a descriptive User-Agent, conditional
 * requests, backoff with jitter, and Retry-After honoured.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { timeoutError } from './classify.js';
import { checkContentType, sniffBody } from './content-type.js';
import { decodeBody } from './decode.js';
import { requestHeaders } from './headers.js';
import { HostQueue } from './host-queue.js';
import type { HopOptions, HopResult } from './http-request.js';
import { requestOnce } from './http-request.js';
import { resolveOptions } from './options.js';
import type { RetryPolicy } from './retry.js';
import { retryDelayMs } from './retry.js';
import type {
  FetcherHooks,
  FetcherInit,
  FetcherOptions,
  FetchRequest,
  FetchResult,
  NotModifiedResult,
  OkResult,
} from './types.js';
import { initialUrl, redirectTarget } from './url-policy.js';
import type { RedirectState } from './url-policy.js';

type Measured = 'durationMs' | 'attempts';
/** One attempt's outcome, before the whole fetch's duration and attempt count are known. */
type AttemptResult = Omit<NotModifiedResult, Measured> | Omit<OkResult, Measured>;

export class Fetcher {
  /** Resolved options (defaults filled in, hosts lower-cased). */
  readonly options: Readonly<FetcherOptions>;
  private readonly hooks: FetcherHooks;
  private readonly policy: RetryPolicy;
  private readonly queue = new HostQueue();

  /** Throws RangeError when an option is out of range or `allowedHosts` is empty. */
  constructor(init: FetcherInit) {
    const { options, hooks } = resolveOptions(init);
    this.options = options;
    this.hooks = hooks;
    this.policy = { ...options, random: hooks.random };
  }

  /**
   * Fetches `req.url`. Success: `ok` with the decompressed body, its sha256 and validators,
   * or `not_modified` when the server accepted `req.validators` (no body read).
   * Failure: throws a FetchError once it is not retryable or retries are spent (the last
   * error is thrown as is); throws `signal.reason` when `req.signal` aborts.
   */
  async fetch(req: FetchRequest): Promise<FetchResult> {
    const started = performance.now();
    const url = initialUrl(req.url, this.options.allowedHosts);
    for (let retry = 0; ; retry++) {
      try {
        const result = await this.attempt(url, req);
        return { ...result, durationMs: Math.round(performance.now() - started), attempts: retry + 1 };
      } catch (err) {
        const delay = retryDelayMs(err, retry, this.policy);
        if (delay === null) throw err;
        await this.hooks.sleep(delay, req.signal);
      }
    }
  }

  /** One attempt: follows redirects, each hop in its host's queue slot, then checks the body. */
  private async attempt(url: URL, req: FetchRequest): Promise<AttemptResult> {
    const state: RedirectState = {
      seen: new Set([url.href]),
      hops: 0,
      maxRedirects: this.options.maxRedirects,
      allowedHosts: this.options.allowedHosts,
    };
    // The total budget starts with the first hop, not while queued behind other sources.
    const budget = { deadline: undefined as number | undefined };
    let current = url;
    for (;;) {
      const target = current;
      const hop = await this.queue.run(target.hostname, () => this.hop(target, req, budget), req.signal);
      if (hop.kind !== 'redirect') return this.complete(req, target, hop);
      current = redirectTarget(target, hop.location, state);
      state.hops += 1;
    }
  }

  private hop(url: URL, req: FetchRequest, budget: { deadline: number | undefined }): Promise<HopResult> {
    budget.deadline ??= performance.now() + this.options.totalTimeoutMs;
    const remaining = Math.floor(budget.deadline - performance.now());
    if (remaining <= 0) {
      return Promise.reject(timeoutError(`${url.host}: redirects used up ${this.options.totalTimeoutMs} ms`));
    }
    return requestOnce(url, this.hopOptions(req, remaining));
  }

  private hopOptions(req: FetchRequest, remainingMs: number): HopOptions {
    return {
      headers: requestHeaders(req, this.options),
      connectTimeoutMs: this.options.connectTimeoutMs,
      readTimeoutMs: this.options.readTimeoutMs,
      totalTimeoutMs: remainingMs,
      maxBodyBytes: this.maxBodyBytes(req),
      acceptResponse: (headers) => checkContentType(req.expect, headers['content-type']),
      now: this.hooks.now,
      signal: req.signal,
    };
  }

  private maxBodyBytes(req: FetchRequest): number {
    return req.maxBodyBytes ?? this.options.maxBodyBytes;
  }

  /** Turns the final hop into a result: decode (bounded), sniff, hash. Runs outside the host slot. */
  private async complete(
    req: FetchRequest,
    finalUrl: URL,
    hop: Exclude<HopResult, { kind: 'redirect' }>,
  ): Promise<AttemptResult> {
    const common = { url: req.url, finalUrl: finalUrl.href };
    if (hop.kind === 'not_modified') {
      // A 304 should repeat the validators; when it does not, the ones we sent still hold.
      const validators = responseValidators(hop.headers);
      return {
        ...common,
        outcome: 'not_modified',
        status: 304,
        etag: validators.etag ?? req.validators?.etag ?? null,
        lastModified: validators.lastModified ?? req.validators?.lastModified ?? null,
      };
    }
    const body = await decodeBody(hop.raw, hop.headers['content-encoding'], this.maxBodyBytes(req));
    sniffBody(req.expect, body);
    return {
      ...common,
      outcome: 'ok',
      status: hop.status,
      body,
      sha256: createHash('sha256').update(body).digest('hex'),
      contentType: hop.headers['content-type'] ?? '',
      ...nullableValidators(hop.headers),
    };
  }
}

function responseValidators(headers: IncomingHttpHeaders): { etag?: string; lastModified?: string } {
  return { etag: headers.etag, lastModified: headers['last-modified'] };
}

function nullableValidators(headers: IncomingHttpHeaders): { etag: string | null; lastModified: string | null } {
  const { etag, lastModified } = responseValidators(headers);
  return { etag: etag ?? null, lastModified: lastModified ?? null };
}
