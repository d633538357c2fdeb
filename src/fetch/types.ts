/**
 * Public types of the polite fetcher (the only module in the project that does HTTP).
 * Kept apart from the implementation so scrapers and the pipeline can import the shapes
 * without pulling in node:http.
 */

/** What the caller expects to receive; decides the Accept header, allowed types and sniffing. */
export type ExpectedFormat = 'html' | 'csv' | 'xlsx';

/** Validators saved from an earlier successful fetch, sent back as conditional headers. */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchRequest {
  url: string;
  expect: ExpectedFormat;
  /** Validators from the previous successful fetch of this URL. */
  validators?: Validators;
  /** Send the browser-like User-Agent (cbp.gov rejects clients without one). */
  browserUserAgent?: boolean;
  /** Per-request override of the body cap. */
  maxBodyBytes?: number;
  /** Aborting rejects the fetch with `signal.reason` (not a FetchError) and is never retried. */
  signal?: AbortSignal;
}

/** The server confirmed our validators: nothing changed, no body was read. */
export interface NotModifiedResult {
  outcome: 'not_modified';
  url: string;
  finalUrl: string;
  status: 304;
  etag: string | null;
  lastModified: string | null;
  durationMs: number;
  attempts: number;
}

/** A body that passed the status, size, content-type and sniffing checks. */
export interface OkResult {
  outcome: 'ok';
  url: string;
  finalUrl: string;
  status: number;
  /** Decompressed body. */
  body: Buffer;
  /** Hex SHA-256 of `body` (the agency's own bytes, after Content-Encoding is removed). */
  sha256: string;
  /** Media type as sent by the server (parameters included), '' when absent. */
  contentType: string;
  etag: string | null;
  lastModified: string | null;
  /** Wall time of the whole fetch, backoff sleeps included. */
  durationMs: number;
  /** HTTP attempts made, 1 when the first one succeeded (redirect hops do not count). */
  attempts: number;
}

export type FetchResult = NotModifiedResult | OkResult;

export interface FetcherOptions {
  /** Descriptive UA with a contact URL, sent by default. */
  userAgent: string;
  /** Browser-like UA for sites that require it (cbp.gov). */
  browserUserAgent: string;
  /** Exact host names (or host:port); every request and every redirect target must match one. */
  allowedHosts: readonly string[];
  /** DNS + TCP (+ TLS) connect budget. */
  connectTimeoutMs: number;
  /** Longest silence while waiting for headers and between body chunks. */
  readTimeoutMs: number;
  /** Budget for one attempt including its redirect hops (backoff sleeps are not counted). */
  totalTimeoutMs: number;
  /** Cap on the raw and on the decompressed body. */
  maxBodyBytes: number;
  /** Retries after the first attempt, for retryable errors only. */
  maxRetries: number;
  /** Base of the exponential backoff with full jitter. */
  retryBaseMs: number;
  /** Cap on any single wait; a longer Retry-After makes the fetcher give up instead. */
  maxRetryDelayMs: number;
  maxRedirects: number;
}

/** Sleeps `ms`; rejects with `signal.reason` when the signal aborts. */
export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Injection points for tests; production uses real timers, Math.random and Date.now. */
export interface FetcherHooks {
  sleep: SleepFn;
  /** Uniform in [0, 1); drives the backoff jitter. */
  random: () => number;
  /** Wall clock in epoch ms; only used to turn an HTTP-date Retry-After into seconds. */
  now: () => number;
}

/** What the Fetcher constructor takes: everything but `allowedHosts` has a default. */
export type FetcherInit = Partial<FetcherOptions> &
  Pick<FetcherOptions, 'allowedHosts'> &
  Partial<FetcherHooks>;

export const DEFAULT_USER_AGENT =
  'enforcement-watch/0.1 (+https://github.com/enforcement-watch/enforcement-watch)';

export const DEFAULT_BROWSER_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/126.0.0.0 Safari/537.36';

export const DEFAULT_FETCHER_OPTIONS: Omit<FetcherOptions, 'allowedHosts'> = {
  userAgent: DEFAULT_USER_AGENT,
  browserUserAgent: DEFAULT_BROWSER_USER_AGENT,
  connectTimeoutMs: 10_000,
  readTimeoutMs: 30_000,
  totalTimeoutMs: 120_000,
  maxBodyBytes: 32 * 1024 * 1024,
  maxRetries: 3,
  retryBaseMs: 1000,
  maxRetryDelayMs: 60_000,
  maxRedirects: 5,
};
