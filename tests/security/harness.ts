/**
 * Real servers for the security tests: `startApp` serves `createApp` over a store filled with
 * the export fixture's history; `startService` wires the whole service (`createService`) on a
 * temporary data folder, its sources pointing at a local agency site. `rawRequest` sends what
 * `fetch` will not (a declared body that never comes, chunked bodies, exact request paths).
 */
import type { Server } from 'node:http';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createService, type Service } from '../../src/app.js';
import { configSchema } from '../../src/config/schema.js';
import type { SourceDef } from '../../src/core/source.js';
import { Exporter } from '../../src/metrics/exporter.js';
import { createApp, type ServerDeps } from '../../src/server/http.js';
import { Store } from '../../src/store/store.js';
import { SOURCES } from '../../scrapers/index.js';
import { fillHistory, NOW } from '../export/history-fixture.js';
import { tempDir } from '../helpers/tmp.js';

export const TOKEN = 'test-token-0123456789abcdef';

export interface Running {
  readonly base: string;
  readonly port: number;
  close(): Promise<void>;
}

/** `createApp` over a store with the export fixture's history; `extra` overrides dependencies. */
export async function startApp(extra: Partial<ServerDeps> = {}): Promise<Running & { store: Store }> {
  const t = tempDir('ew-sec-');
  const store = Store.open(t.dir);
  fillHistory(store);
  const settings = { removalsGoal: 1_000_000, goalOffPaceShare: 0.8, defaultPaceThreshold: 0.4, paceThresholds: {} };
  const exporter = new Exporter({ store, sources: SOURCES, settings, version: '0.0.0-test', now: () => NOW, processMetrics: false });
  const app = createApp({ store, exporter, sources: SOURCES, now: () => NOW, version: '0.0.0-test', settings, ...extra });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      store.close();
      t.cleanup();
    },
  };
}

/** The whole service on a temporary data folder; `config` is merged into the config file's content. */
export async function startService(opts: { registry: readonly SourceDef[]; rebase?: string; config?: Record<string, unknown> }): Promise<Running & { service: Service }> {
  const t = tempDir('ew-sec-svc-');
  const config = configSchema.parse({ dataDir: t.dir, scheduler: { runOnStart: false, jitterSeconds: 0 }, ...opts.config });
  const service = createService({ config, registry: opts.registry, rebase: opts.rebase, onCycle: () => undefined });
  const port = await service.listen(0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    service,
    close: async () => {
      await service.close();
      t.cleanup();
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

/**
 * One request over a fresh connection, the path sent byte for byte. `body` chunks are written
 * in turn (chunked unless a content-length header is given); `holdBody` sends the headers and
 * then nothing, to see whether the server answers without waiting for the body.
 */
export function rawRequest(port: number, init: { method?: string; path: string; headers?: Record<string, string>; body?: (string | Buffer)[]; holdBody?: boolean }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: '127.0.0.1', port, method: init.method ?? 'GET', path: init.path, headers: init.headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
        req.destroy();
      });
      res.on('error', reject);
    });
    // The server may close while we still send (a refused body): the answer is what matters.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    if (init.holdBody) {
      req.flushHeaders();
      return;
    }
    for (const chunk of init.body ?? []) req.write(chunk);
    req.end();
  });
}
