/**
 * Fetcher options with defaults filled in and checked once, at construction, so a bad value
 * fails at startup instead of as a strange timeout in the middle of a cycle.
 */
import { DEFAULT_FETCHER_OPTIONS } from './types.js';
import type { FetcherHooks, FetcherInit, FetcherOptions, SleepFn } from './types.js';
import { normalizeHosts } from './url-policy.js';

/** Real-timer sleep that rejects with `signal.reason` when aborted. */
export const realSleep: SleepFn = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

const POSITIVE: ReadonlyArray<keyof FetcherOptions> = [
  'connectTimeoutMs',
  'readTimeoutMs',
  'totalTimeoutMs',
  'maxBodyBytes',
];
const NON_NEGATIVE: ReadonlyArray<keyof FetcherOptions> = [
  'maxRetries',
  'retryBaseMs',
  'maxRetryDelayMs',
  'maxRedirects',
];

function checkNumber(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new RangeError(`Fetcher option ${name} must be a finite number >= ${min}, got ${String(value)}`);
  }
}

/** Merges defaults; throws RangeError naming the first bad option. */
export function resolveOptions(init: FetcherInit): { options: FetcherOptions; hooks: FetcherHooks } {
  const { sleep, random, now, ...rest } = init;
  const options: FetcherOptions = {
    ...DEFAULT_FETCHER_OPTIONS,
    ...stripUndefined(rest),
    allowedHosts: normalizeHosts(rest.allowedHosts),
  };
  for (const name of POSITIVE) checkNumber(name, options[name], 1);
  for (const name of NON_NEGATIVE) checkNumber(name, options[name], 0);
  if (options.allowedHosts.length === 0) throw new RangeError('Fetcher option allowedHosts is empty');
  const hooks: FetcherHooks = {
    sleep: sleep ?? realSleep,
    random: random ?? Math.random,
    now: now ?? Date.now,
  };
  return { options, hooks };
}

/** `{ a: undefined }` must not override a default when spread. */
function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
