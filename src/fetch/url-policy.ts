/**
 * Which URLs the fetcher may touch. The allow-list is checked on the first URL and on every
 * redirect target, so a compromised or misconfigured agency page cannot point the monitor at
 * an arbitrary host (or at a file: or internal URL).
 */
import { FetchError } from '../core/errors.js';

/** Statuses the fetcher follows; all are re-requested with GET (we never send a body). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

function notAllowed(message: string): FetchError {
  return new FetchError('host_not_allowed', message, false);
}

/** Lower-cased allow-list entries; URL host names are lower-cased by the URL parser. */
export function normalizeHosts(hosts: readonly string[]): readonly string[] {
  return hosts.map((h) => h.trim().toLowerCase());
}

/**
 * Throws `host_not_allowed` unless `url` is http(s) and its host is listed. An entry
 * matches the exact `host:port` (`127.0.0.1:8080`, for tests) or the bare host name
 * (`www.ice.gov`, any port).
 */
export function checkAllowed(url: URL, allowedHosts: readonly string[]): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw notAllowed(`scheme ${url.protocol} is not http(s): ${url.href}`);
  }
  if (!allowedHosts.includes(url.host) && !allowedHosts.includes(url.hostname)) {
    throw notAllowed(`host ${url.host} is not in allowedHosts`);
  }
}

/** Parses and checks the URL a caller asked for; an unparseable URL is not allowed either. */
export function initialUrl(raw: string, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw notAllowed(`not a valid URL: ${raw}`);
  }
  url.hash = ''; // fragments are never sent; drop them so loop detection compares equals
  checkAllowed(url, allowedHosts);
  return url;
}

export interface RedirectState {
  /** Every URL requested so far in this attempt (href, no fragment). */
  seen: Set<string>;
  /** Redirects already followed in this attempt. */
  hops: number;
  maxRedirects: number;
  allowedHosts: readonly string[];
}

/**
 * The next URL after a redirect from `from`, after the checks: too many hops, missing or
 * bad Location, a loop → `redirect`; a target outside the allow-list → `host_not_allowed`.
 * Records the target in `state.seen`.
 */
export function redirectTarget(from: URL, location: string | undefined, state: RedirectState): URL {
  if (state.hops >= state.maxRedirects) {
    throw new FetchError('redirect', `more than ${state.maxRedirects} redirects from ${from.href}`, false);
  }
  if (!location) throw new FetchError('redirect', `redirect without Location from ${from.href}`, false);
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new FetchError('redirect', `invalid redirect Location ${location}`, false);
  }
  target.hash = '';
  checkAllowed(target, state.allowedHosts);
  if (state.seen.has(target.href)) {
    throw new FetchError('redirect', `redirect loop back to ${target.href}`, false);
  }
  state.seen.add(target.href);
  return target;
}
