import cron, { type ScheduledTask } from 'node-cron';
import type { SourceDef } from '../core/source.js';
import { runCycle, type CycleDeps, type CycleOutcome } from './run-cycle.js';

export interface SchedulerOptions {
  readonly jitterSeconds: number;
  /** Called after every cycle (logging, tests). */
  readonly onCycle?: (outcome: CycleOutcome) => void;
  /** Called when a cycle throws something unexpected (a bug, or the store failing). */
  readonly onError?: (source: string, err: unknown) => void;
}

/**
 * Runs each source on its cron schedule with a small random delay, never two cycles of the same
 * source at once (a run that is still going when the next tick comes is skipped, not queued).
 */
export class Scheduler {
  readonly #running = new Map<string, Promise<CycleOutcome | undefined>>();
  readonly #tasks: ScheduledTask[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Per source, no scheduled run before this time (ms): the agency's Retry-After. */
  readonly #notBefore = new Map<string, number>();
  #stopped = false;

  constructor(
    private readonly deps: CycleDeps,
    private readonly sources: readonly SourceDef[],
    private readonly opts: SchedulerOptions,
  ) {}

  /** Starts the cron tasks. */
  start(): void {
    for (const s of this.sources) {
      this.#tasks.push(cron.schedule(s.schedule, () => this.#afterJitter(s), { name: s.id, noOverlap: false }));
    }
  }

  /**
   * Runs one cycle of a source now unless one is already running (then waits for that one).
   * An explicit run is not held back by a Retry-After; scheduled ticks are.
   */
  run(source: SourceDef): Promise<CycleOutcome | undefined> {
    const current = this.#running.get(source.id);
    if (current) return current;
    const p = runCycle(this.deps, source)
      .then((o) => {
        if (o.retryAfterSeconds) this.#notBefore.set(source.id, this.deps.now() + o.retryAfterSeconds * 1000);
        else if (o.ok) this.#notBefore.delete(source.id);
        this.opts.onCycle?.(o);
        return o;
      })
      .catch((err: unknown) => {
        this.opts.onError?.(source.id, err);
        return undefined;
      })
      .finally(() => this.#running.delete(source.id));
    this.#running.set(source.id, p);
    return p;
  }

  /** One cycle of every source, sources in parallel (the fetcher keeps one request per host). */
  runAll(): Promise<(CycleOutcome | undefined)[]> {
    return Promise.all(this.sources.map((s) => this.run(s)));
  }

  isRunning(sourceId: string): boolean {
    return this.#running.has(sourceId);
  }

  /** Stops scheduling and waits for running cycles to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const t of this.#tasks) await t.stop();
    for (const t of this.#timers) clearTimeout(t);
    await Promise.all(this.#running.values());
  }

  /** A cron tick: skipped while a run is going or while the agency asked us to wait (Retry-After). */
  #afterJitter(source: SourceDef): void {
    if (this.#stopped || this.#running.has(source.id)) return;
    if ((this.#notBefore.get(source.id) ?? 0) > this.deps.now()) return;
    const delay = Math.random() * this.opts.jitterSeconds * 1000;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#stopped) void this.run(source);
    }, delay);
    this.#timers.add(timer);
  }
}
