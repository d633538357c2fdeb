/**
 * The fetch module's public surface. Everything that does HTTP in the project goes through
 * {@link Fetcher}; the helpers below are exported for callers that need the same rules
 * (e.g. showing the allow-list check in a config validator) without a request.
 */
export { Fetcher } from './fetcher.js';
export { acceptHeader, checkContentType, looksLikeHtml, sniffBody } from './content-type.js';
export { HostQueue } from './host-queue.js';
export { backoffDelayMs, parseRetryAfter, retryDelayMs } from './retry.js';
export { checkAllowed } from './url-policy.js';
export { realSleep } from './options.js';
export {
  DEFAULT_BROWSER_USER_AGENT,
  DEFAULT_FETCHER_OPTIONS,
  DEFAULT_USER_AGENT,
} from './types.js';
export type {
  ExpectedFormat,
  FetcherHooks,
  FetcherInit,
  FetcherOptions,
  FetchRequest,
  FetchResult,
  NotModifiedResult,
  OkResult,
  SleepFn,
  Validators,
} from './types.js';
