import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createService } from '../app.js';
import { startDemoSite } from '../demo/replay-server.js';
import { SOURCES } from '../../scrapers/index.js';
import type { CliFlags } from '../cli.js';
import { configFromFlags } from './common.js';

/**
 * `serve`: scrape on schedule and serve `/metrics` and the API. With `--demo`, a local replay
 * server stands in for the agencies (the project's own fixture pages and files), every source
 * points at it, one cycle runs before the port opens, and the store goes to a fresh temporary
 * folder unless `--data-dir` is given — so demo data never mixes with real data.
 */
export async function runServe(flags: CliFlags): Promise<number> {
  const demo = flags.demo ? await startDemoSite() : undefined;
  const dataDir = flags['data-dir'] ?? (demo ? fs.mkdtempSync(path.join(os.tmpdir(), 'enforcement-watch-demo-')) : undefined);
  const config = configFromFlags({ ...flags, 'data-dir': dataDir });
  const service = createService({ config, registry: SOURCES, rebase: demo?.origin });
  if (demo) console.log(`demo: agency replay server at ${demo.origin}, data in ${config.dataDir}`);
  if (config.scheduler.runOnStart || demo) {
    const first = service.scheduler.runAll();
    if (demo) await first;
  }
  service.scheduler.start();
  const port = await service.listen(config.port, config.host);
  console.log(`enforcement-watch listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/metrics (${service.sources.length} sources)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await service.close();
  await demo?.close();
  return 0;
}
