import { resolveSources } from '../config/resolve.js';
import { SOURCES } from '../../scrapers/index.js';
import type { CliFlags } from '../cli.js';
import { configFromFlags } from './common.js';

/** `sources`: the configured sources with their URLs, schedules and cadences. */
export function runSources(flags: CliFlags): number {
  const sources = resolveSources(SOURCES, configFromFlags(flags));
  if (flags.json) {
    const rows = sources.map((s) => ({ id: s.id, agency: s.agency, title: s.title, url: s.landingUrl, schedule: s.schedule, cadence: s.cadence, frozen: Boolean(s.frozen), parsers: [s.landing.id, s.follow?.parser.id].filter(Boolean) }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  for (const s of sources) {
    const days = (n: number) => `${+(n / 86_400).toFixed(2)}d`;
    const parsers = [s.landing.id, s.follow?.parser.id].filter(Boolean).join(' → ');
    console.log(`${s.id.padEnd(36)} ${s.agency.padEnd(9)} every ${days(s.cadence.expectedIntervalSeconds)} + ${days(s.cadence.graceSeconds)} grace${s.frozen ? ' (frozen)' : ''}`);
    console.log(`  ${s.landingUrl}  [${parsers}]  poll: ${s.schedule}`);
  }
  return 0;
}
