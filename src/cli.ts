#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --optimize-for-size --max-semi-space-size=2
import { parseArgs } from 'node:util';
import { ConfigError, StoreError } from './core/errors.js';
import { runBackfill } from './cli/backfill.js';
import { runExport } from './cli/export.js';
import { runImport } from './cli/import.js';
import { runParse } from './cli/parse.js';
import { runScrape } from './cli/scrape.js';
import { runServe } from './cli/serve.js';
import { runSources } from './cli/sources.js';

const USAGE = `enforcement-watch — monitor for US immigration-enforcement statistics

Usage:
  enforcement-watch serve [--port N] [--host H] [--data-dir DIR] [--config FILE] [--demo]
  enforcement-watch scrape --once [--source ID] [--data-dir DIR] [--config FILE] [--demo]
  enforcement-watch sources [--json] [--config FILE]
  enforcement-watch parse <parser-id> <file> [--url URL]
  enforcement-watch export [--format csv|json] [--out FILE] [--all-vintages] [--source ID] [--series NAME] [--data-dir DIR]
  enforcement-watch export --bundle FILE.tar.gz [--all-vintages] [--source ID] [--series NAME] [--data-dir DIR]
  enforcement-watch backfill --out FILE.om [--data-dir DIR]
  enforcement-watch import <source-id> <file> [--url URL] [--published YYYY-MM-DD] [--data-dir DIR]

Environment: PORT, HOST, DATA_DIR, ENFORCEMENT_WATCH_CONFIG, ENFORCEMENT_WATCH_API_TOKEN,
ENFORCEMENT_WATCH_USER_AGENT, ENFORCEMENT_WATCH_MAX_UPLOAD_BYTES, ENFORCEMENT_WATCH_RATE_LIMIT_PER_MINUTE,
ENFORCEMENT_WATCH_RATE_LIMIT_BURST. Flags override the environment, which overrides the config file.`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  demo: { type: 'boolean' },
  once: { type: 'boolean' },
  source: { type: 'string' },
  json: { type: 'boolean' },
  url: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'all-vintages': { type: 'boolean' },
  bundle: { type: 'string' },
  series: { type: 'string' },
  published: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CliFlags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 64;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    console.log(USAGE);
    return command || parsed.values.help ? 0 : 64;
  }
  switch (command) {
    case 'serve':
      return runServe(parsed.values);
    case 'scrape':
      return runScrape(parsed.values);
    case 'sources':
      return runSources(parsed.values);
    case 'parse':
      return runParse(rest, parsed.values);
    case 'export':
      return runExport(parsed.values);
    case 'backfill':
      return runBackfill(parsed.values);
    case 'import':
      return runImport(rest, parsed.values);
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 64;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(`enforcement-watch: invalid configuration: ${err.message}`);
    else if (err instanceof StoreError) console.error(`enforcement-watch: ${err.message}`);
    else console.error(`enforcement-watch: ${(err as Error)?.stack ?? String(err)}`);
    process.exitCode = 1;
  },
);
