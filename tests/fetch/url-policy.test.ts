import { describe, expect, it } from 'vitest';
import { checkAllowed, initialUrl, redirectTarget } from '../../src/fetch/url-policy.js';
import type { RedirectState } from '../../src/fetch/url-policy.js';

const notAllowed = expect.objectContaining({ kind: 'host_not_allowed', retryable: false });
const redirect = expect.objectContaining({ kind: 'redirect', retryable: false });

describe('checkAllowed', () => {
  it('matches a bare host name on any port, and host:port exactly', () => {
    expect(() => checkAllowed(new URL('https://www.ice.gov/doclib/x.xlsx'), ['www.ice.gov'])).not.toThrow();
    expect(() => checkAllowed(new URL('http://www.ice.gov:8080/'), ['www.ice.gov'])).not.toThrow();
    expect(() => checkAllowed(new URL('http://127.0.0.1:9000/'), ['127.0.0.1:9000'])).not.toThrow();
    expect(() => checkAllowed(new URL('http://127.0.0.1:9001/'), ['127.0.0.1:9000'])).toThrow(notAllowed);
  });

  it('refuses sub-domains, look-alikes and non-http schemes', () => {
    expect(() => checkAllowed(new URL('https://evil.www.ice.gov/'), ['www.ice.gov'])).toThrow(notAllowed);
    expect(() => checkAllowed(new URL('https://www.ice.gov.evil.com/'), ['www.ice.gov'])).toThrow(notAllowed);
    expect(() => checkAllowed(new URL('ftp://www.ice.gov/'), ['www.ice.gov'])).toThrow(notAllowed);
  });
});

describe('initialUrl', () => {
  it('refuses a string that is not a URL', () => {
    expect(() => initialUrl('www.ice.gov/statistics', ['www.ice.gov'])).toThrow(notAllowed);
  });

  it('drops the fragment', () => {
    expect(initialUrl('https://www.ice.gov/statistics#arrests', ['www.ice.gov']).href).toBe('https://www.ice.gov/statistics');
  });
});

describe('redirectTarget', () => {
  const from = new URL('https://www.cbp.gov/newsroom/stats');
  const state = (hops = 0): RedirectState => ({
    seen: new Set([from.href]),
    hops,
    maxRedirects: 2,
    allowedHosts: ['www.cbp.gov'],
  });

  it('resolves a relative Location against the current URL and records it', () => {
    const s = state();
    expect(redirectTarget(from, 'nationwide-encounters', s).href).toBe('https://www.cbp.gov/newsroom/nationwide-encounters');
    expect(s.seen.size).toBe(2);
  });

  it('reports redirect for a loop, a missing Location and too many hops', () => {
    expect(() => redirectTarget(from, from.href + '#top', state())).toThrow(redirect);
    expect(() => redirectTarget(from, undefined, state())).toThrow(redirect);
    expect(() => redirectTarget(from, '/next', state(2))).toThrow(redirect);
  });

  it('reports host_not_allowed for a target off the allow-list', () => {
    expect(() => redirectTarget(from, 'https://cbp.gov/', state())).toThrow(notAllowed);
  });
});
