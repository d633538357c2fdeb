import { describe, expect, it } from 'vitest';
import { DEFAULT_FETCHER_OPTIONS, DEFAULT_USER_AGENT, Fetcher } from '../../src/fetch/index.js';
import { realSleep } from '../../src/fetch/options.js';

describe('Fetcher options', () => {
  it('fills in the documented defaults and lower-cases hosts', () => {
    const fetcher = new Fetcher({ allowedHosts: ['WWW.ICE.GOV'], readTimeoutMs: undefined });
    expect(fetcher.options).toEqual({ ...DEFAULT_FETCHER_OPTIONS, allowedHosts: ['www.ice.gov'] });
    expect(fetcher.options).toMatchObject({
      userAgent: DEFAULT_USER_AGENT,
      connectTimeoutMs: 10_000,
      readTimeoutMs: 30_000,
      totalTimeoutMs: 120_000,
      maxBodyBytes: 32 * 1024 * 1024,
      maxRetries: 3,
      retryBaseMs: 1000,
      maxRetryDelayMs: 60_000,
      maxRedirects: 5,
    });
  });

  it('refuses out-of-range values and an empty allow-list, naming the option', () => {
    expect(() => new Fetcher({ allowedHosts: ['a'], readTimeoutMs: 0 })).toThrow(/readTimeoutMs/);
    expect(() => new Fetcher({ allowedHosts: ['a'], maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => new Fetcher({ allowedHosts: ['a'], maxBodyBytes: Number.NaN })).toThrow(/maxBodyBytes/);
    expect(() => new Fetcher({ allowedHosts: [] })).toThrow(/allowedHosts/);
  });
});

describe('realSleep', () => {
  it('waits with real timers and rejects with the reason when aborted', async () => {
    const started = Date.now();
    await realSleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const controller = new AbortController();
    const sleeping = realSleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});
