/**
 * `serve --demo` without the CLI: the demo agency site and a service wired to it exactly as
 * `src/cli/serve.ts` does (config from defaults and DATA_DIR, every source rebased onto the
 * demo origin), so a benchmark can drive cycles directly instead of waiting for cron.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SOURCES } from '../../scrapers/index.js';
import { createService, type Service } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { startDemoSite, type AgencySite } from '../../src/demo/replay-server.js';

export interface DemoService {
  readonly site: AgencySite;
  readonly service: Service;
  readonly config: Config;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startDemoService(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'enforcement-watch-bench-'))): Promise<DemoService> {
  const site = await startDemoSite();
  const config = loadConfig({ env: { DATA_DIR: dataDir }, knownSources: SOURCES.map((s) => s.id) });
  const service = createService({ config, registry: SOURCES, rebase: site.origin, onCycle: () => {} });
  return {
    site,
    service,
    config,
    dataDir,
    async close() {
      await service.close();
      await site.close();
    },
  };
}

/** Fetch rows logged so far (the highest id), to count what later cycles fetched. */
export function lastFetchId(service: Service): number {
  return (service.store.db.prepare('SELECT coalesce(max(id), 0) AS id FROM fetches').get() as { id: number }).id;
}

export interface FetchSummary {
  readonly source: string;
  readonly requests: number;
  readonly ok: number;
  readonly notModified: number;
  readonly errors: number;
  readonly bodyBytes: number;
}

/** Per source: requests, outcomes and body bytes logged after fetch row `afterId`. */
export function fetchesSince(service: Service, afterId: number): FetchSummary[] {
  return service.store.db
    .prepare(
      `SELECT source, count(*) AS requests, sum(outcome = 'ok') AS ok, sum(outcome = 'not_modified') AS notModified,
              sum(outcome = 'error') AS errors, coalesce(sum(bytes), 0) AS bodyBytes
       FROM fetches WHERE id > ? GROUP BY source ORDER BY source`,
    )
    .all(afterId) as FetchSummary[];
}
