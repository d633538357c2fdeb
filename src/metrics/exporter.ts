import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { SourceDef } from '../core/source.js';
import type { Store } from '../store/store.js';
import { METRIC } from './names.js';
import { registerAnalysisFamilies, registerSeriesFamilies } from './series-families.js';
import { takeSnapshot, type MetricsSnapshot, type PaceSettings } from './snapshot.js';
import { registerSourceFamilies } from './source-families.js';

export interface ExporterOptions {
  readonly store: Store;
  readonly sources: readonly SourceDef[];
  readonly settings: PaceSettings;
  readonly version: string;
  readonly now?: () => number;
  /** Include Node.js process figures (off in golden-file tests, where they vary). */
  readonly processMetrics?: boolean;
  /** How long a rendered exposition may be reused while the store has not changed. */
  readonly cacheMs?: number;
}

/**
 * The Prometheus exporter: a non-global registry whose families read one snapshot of the store
 * at scrape time. The rendered text is cached until the store changes or `cacheMs` passes
 * (time-dependent figures such as the required daily pace move with the clock).
 */
export class Exporter {
  readonly registry = new Registry();
  readonly #opts: ExporterOptions;
  #snapshot: MetricsSnapshot | null = null;
  #cache: { generation: number; at: number; text: string; body: Buffer } | null = null;
  /** A render in progress: concurrent scrapes share it instead of each taking a snapshot. */
  #inflight: Promise<{ text: string; body: Buffer }> | null = null;

  constructor(opts: ExporterOptions) {
    this.#opts = opts;
    const snap = () => this.#snapshot ?? this.#take();
    registerSourceFamilies(this.registry, snap);
    registerSeriesFamilies(this.registry, snap);
    registerAnalysisFamilies(this.registry, snap);
    registerExporterFamilies(this.registry, opts, snap);
    if (opts.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'enforcement_watch_' });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text, from cache when the store has not changed. */
  async render(): Promise<string> {
    return (await this.#rendered()).text;
  }

  /** The exposition as bytes (cached with the text), for the HTTP fast path. */
  async renderBody(): Promise<Buffer> {
    return (await this.#rendered()).body;
  }

  /** The cached exposition bytes when still valid, else null (no render started). */
  cachedBody(): Buffer | null {
    return this.#fresh()?.body ?? null;
  }

  #fresh(): { text: string; body: Buffer } | null {
    const c = this.#cache;
    return c && c.generation === this.#opts.store.generation && this.#now() - c.at < (this.#opts.cacheMs ?? 5_000) ? c : null;
  }

  async #rendered(): Promise<{ text: string; body: Buffer }> {
    const fresh = this.#fresh();
    if (fresh) return fresh;
    const now = this.#now();
    const gen = this.#opts.store.generation;
    this.#inflight ??= this.#renderNow(gen, now).finally(() => (this.#inflight = null));
    return this.#inflight;
  }

  async #renderNow(generation: number, at: number): Promise<{ text: string; body: Buffer }> {
    this.#snapshot = this.#take();
    try {
      const text = await this.registry.metrics();
      this.#cache = { generation, at, text, body: Buffer.from(text) };
      return this.#cache;
    } finally {
      this.#snapshot = null;
    }
  }

  #now(): number {
    return (this.#opts.now ?? Date.now)();
  }

  #take(): MetricsSnapshot {
    return takeSnapshot(this.#opts.store, this.#opts.sources, this.#opts.settings, this.#now());
  }
}

function registerExporterFamilies(reg: Registry, opts: ExporterOptions, snap: () => MetricsSnapshot): void {
  new Gauge({
    name: METRIC.buildInfo,
    help: 'Version of enforcement-watch (always 1).',
    labelNames: ['version'],
    registers: [reg],
    collect() {
      this.reset();
      this.set({ version: opts.version }, 1);
    },
  });
  new Gauge({
    name: METRIC.storeObservations,
    help: 'Observation keys (source, series, labels, period) held in the store.',
    registers: [reg],
    collect() {
      this.set(snap().sizes.observations);
    },
  });
  new Gauge({
    name: METRIC.storeArtifactBytes,
    help: 'Compressed bytes of the raw agency artifacts kept in the store.',
    registers: [reg],
    collect() {
      this.set(snap().sizes.artifactBytes);
    },
  });
}
