import fs from 'node:fs';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { SOURCES } from '../../scrapers/index.js';
import type { CliFlags } from '../cli.js';

/** The config from file, environment and flags (flags win). */
export function configFromFlags(flags: CliFlags, env: NodeJS.ProcessEnv = process.env): Config {
  const file = flags.config ?? env.ENFORCEMENT_WATCH_CONFIG;
  const merged = { ...env };
  if (flags.port !== undefined) merged.PORT = flags.port;
  if (flags.host !== undefined) merged.HOST = flags.host;
  if (flags['data-dir'] !== undefined) merged.DATA_DIR = flags['data-dir'];
  return loadConfig({ file, env: merged, knownSources: SOURCES.map((s) => s.id) });
}

/** Exit status for an input file that cannot be read (sysexits EX_NOINPUT). */
export const EXIT_NO_INPUT = 66;

/** The bytes of a file named on the command line, or null after saying on stderr why not. */
export function readInputFile(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as Error).message}`);
    return null;
  }
}
