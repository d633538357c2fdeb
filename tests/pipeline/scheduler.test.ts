import { afterEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/core/errors.js';
import type { FetchRequest, FetchResult } from '../../src/fetch/types.js';
import type { CycleOutcome, HttpFetcher } from '../../src/pipeline/run-cycle.js';
import { Scheduler } from '../../src/pipeline/scheduler.js';
import { Store } from '../../src/store/store.js';
import { testSource } from '../helpers/test-sources.js';
import { tempDir } from '../helpers/tmp.js';

/** A stand-in fetcher (unit test): answers 304 after `delayMs`, counting requests in flight. */
class SlowFetcher implements HttpFetcher {
  inFlight = 0;
  maxInFlight = 0;
  calls = 0;
  constructor(
    private readonly delayMs: number,
    private readonly retryAfterSeconds?: number,
  ) {}
  async fetch(req: FetchRequest): Promise<FetchResult> {
    this.calls++;
    if (this.retryAfterSeconds) throw new FetchError('http_429', 'HTTP 429 Too Many Requests', true, 429, this.retryAfterSeconds);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.inFlight--;
    return { outcome: 'not_modified', url: req.url, finalUrl: req.url, status: 304, etag: null, lastModified: null, durationMs: this.delayMs, attempts: 1 };
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(delayMs: number, schedule = '* * * * *', retryAfterSeconds?: number) {
  const t = tempDir();
  const store = Store.open(t.dir);
  const fetcher = new SlowFetcher(delayMs, retryAfterSeconds);
  const outcomes: CycleOutcome[] = [];
  const source = { ...testSource('http://127.0.0.1:9'), schedule, follow: undefined };
  const scheduler = new Scheduler({ store, fetcher, now: Date.now }, [source], { jitterSeconds: 0, onCycle: (o) => outcomes.push(o) });
  cleanups.push(t.cleanup, () => store.close(), () => scheduler.stop());
  return { scheduler, fetcher, outcomes, source };
}

describe('Scheduler', () => {
  it('joins a run of a source that is already running instead of starting another', async () => {
    const { scheduler, fetcher, source } = setup(200);
    const a = scheduler.run(source);
    const b = scheduler.run(source);
    expect(b).toBe(a);
    expect(scheduler.isRunning(source.id)).toBe(true);
    await Promise.all([a, b]);
    expect(fetcher.calls).toBe(1);
    expect(scheduler.isRunning(source.id)).toBe(false);
  });

  it('never overlaps cycles of one source when the schedule ticks faster than a cycle runs', async () => {
    const { scheduler, fetcher, outcomes } = setup(1500, '* * * * * *');
    scheduler.start();
    await new Promise((r) => setTimeout(r, 4200));
    await scheduler.stop();
    expect(fetcher.maxInFlight).toBe(1);
    expect(outcomes.length).toBeGreaterThanOrEqual(2);
    expect(outcomes.length).toBeLessThanOrEqual(3);
  });

  it('stop() waits for the running cycle to finish', async () => {
    const { scheduler, fetcher, source, outcomes } = setup(300);
    void scheduler.run(source);
    await scheduler.stop();
    expect(fetcher.inFlight).toBe(0);
    expect(outcomes).toHaveLength(1);
  });

  it('holds scheduled runs back for as long as the agency asked with Retry-After', async () => {
    const { scheduler, fetcher, outcomes } = setup(0, '* * * * * *', 3600);
    scheduler.start();
    await new Promise((r) => setTimeout(r, 3300));
    await scheduler.stop();
    expect(fetcher.calls).toBe(1);
    expect(outcomes).toEqual([expect.objectContaining({ ok: false, errorKind: 'http_429', retryAfterSeconds: 3600 })]);
  });
});
