import { createService } from '../app.js';
import { startDemoSite } from '../demo/replay-server.js';
import { SOURCES } from '../../scrapers/index.js';
import type { CliFlags } from '../cli.js';
import { configFromFlags } from './common.js';

/** `scrape --once [--source ID]`: one cycle of every (or one) source; exit 1 when any failed. */
export async function runScrape(flags: CliFlags): Promise<number> {
  if (!flags.once) {
    console.error('scrape runs one cycle and needs --once (use `serve` for scheduled scraping)');
    return 64;
  }
  const demo = flags.demo ? await startDemoSite() : undefined;
  try {
    const config = configFromFlags(flags);
    const service = createService({ config, registry: SOURCES, rebase: demo?.origin });
    try {
      const targets = flags.source ? service.sources.filter((s) => s.id === flags.source) : service.sources;
      if (targets.length === 0) {
        console.error(`unknown or disabled source "${flags.source}"; sources: ${service.sources.map((s) => s.id).join(', ')}`);
        return 64;
      }
      const outcomes = await Promise.all(targets.map((s) => service.scheduler.run(s)));
      return outcomes.every((o) => o?.ok) ? 0 : 1;
    } finally {
      await service.close();
    }
  } finally {
    await demo?.close();
  }
}
