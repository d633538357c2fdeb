import http, { type Server } from 'node:http';
import { allowedHosts, resolveSources } from './config/resolve.js';
import type { Config } from './config/schema.js';
import type { SourceDef } from './core/source.js';
import { Fetcher } from './fetch/index.js';
import { Exporter } from './metrics/exporter.js';
import type { HttpFetcher } from './pipeline/run-cycle.js';
import { Scheduler, type SchedulerOptions } from './pipeline/scheduler.js';
import { createApp } from './server/http.js';
import { withMetricsFastPath } from './server/metrics-fast-path.js';
import { Store } from './store/store.js';
import { VERSION } from './version.js';

export interface Service {
  readonly store: Store;
  readonly sources: readonly SourceDef[];
  readonly scheduler: Scheduler;
  readonly exporter: Exporter;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  readonly config: Config;
  readonly registry: readonly SourceDef[];
  /** Serve every source from this origin instead of the agencies (demo mode, tests). */
  readonly rebase?: string;
  readonly now?: () => number;
  readonly fetcher?: HttpFetcher;
  readonly onCycle?: SchedulerOptions['onCycle'];
}

/** Wires store, fetcher, scheduler, exporter and HTTP server from a validated config. */
export function createService(opts: ServiceOptions): Service {
  const { config } = opts;
  const now = opts.now ?? Date.now;
  const sources = resolveSources(opts.registry, config, opts.rebase);
  const store = Store.open(config.dataDir);
  const fetcher = opts.fetcher ?? new Fetcher({ ...config.http, ...userAgents(config), allowedHosts: allowedHosts(sources, config) });
  const scheduler = new Scheduler({ store, fetcher, now }, sources, {
    jitterSeconds: config.scheduler.jitterSeconds,
    onCycle: opts.onCycle ?? logCycle,
    onError: (source, err) => console.error(`enforcement-watch: cycle of ${source} crashed: ${(err as Error)?.stack ?? String(err)}`),
  });
  const settings = {
    removalsGoal: config.goals.removalsPerFiscalYear,
    goalOffPaceShare: config.goals.offPaceShare,
    defaultPaceThreshold: config.pace.defaultThreshold,
    paceThresholds: config.pace.thresholds,
  };
  const exporter = new Exporter({ store, sources, settings, version: VERSION, now });
  const app = createApp({ store, exporter, sources, now, version: VERSION, settings, limits: config.server, apiToken: config.apiToken, scheduler });
  let server: Server | undefined;
  return {
    store,
    sources,
    scheduler,
    exporter,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server = http.createServer(withMetricsFastPath(exporter, app));
        server.on('clientError', answerMalformedRequest);
        server.once('error', reject);
        server.listen(port, host, () => resolve((server!.address() as { port: number }).port));
      }),
    async close() {
      await scheduler.stop();
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
      store.close();
    },
  };
}

/**
 * A request Node cannot parse (broken request line or headers) gets a JSON 400 like every other
 * error, instead of Node's bare answer; a socket already gone is just closed.
 */
function answerMalformedRequest(err: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const body = '{"error":"malformed HTTP request"}';
  socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${body.length}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`);
}

function userAgents(config: Config): { userAgent?: string; browserUserAgent?: string } {
  const out: { userAgent?: string; browserUserAgent?: string } = {};
  if (config.http.userAgent) out.userAgent = config.http.userAgent;
  if (config.http.browserUserAgent) out.browserUserAgent = config.http.browserUserAgent;
  return out;
}

/** One plain line per cycle on stdout (failures on stderr). */
export function logCycle(o: { source: string; ok: boolean; errorKind?: string; message?: string; changed: boolean; counts: { inserted: number; revised: number } }): void {
  const when = new Date().toISOString();
  if (o.ok) console.log(`${when} ${o.source}: ok${o.changed ? `, changed (+${o.counts.inserted} values, ${o.counts.revised} revised)` : ', unchanged'}`);
  else console.error(`${when} ${o.source}: ${o.errorKind}: ${o.message}`);
}
