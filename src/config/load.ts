import fs from 'node:fs';
import cron from 'node-cron';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { SERIES } from '../core/series.js';
import { configSchema, type Config } from './schema.js';

/** Environment variables mapped onto config fields (applied before validation). */
const ENV_FIELDS: readonly { env: string; path: readonly string[]; number?: boolean }[] = [
  { env: 'PORT', path: ['port'], number: true },
  { env: 'HOST', path: ['host'] },
  { env: 'DATA_DIR', path: ['dataDir'] },
  { env: 'ENFORCEMENT_WATCH_API_TOKEN', path: ['apiToken'] },
  { env: 'ENFORCEMENT_WATCH_USER_AGENT', path: ['http', 'userAgent'] },
  { env: 'ENFORCEMENT_WATCH_MAX_UPLOAD_BYTES', path: ['server', 'maxUploadBytes'], number: true },
  { env: 'ENFORCEMENT_WATCH_RATE_LIMIT_PER_MINUTE', path: ['server', 'rateLimit', 'perMinute'], number: true },
  { env: 'ENFORCEMENT_WATCH_RATE_LIMIT_BURST', path: ['server', 'rateLimit', 'burst'], number: true },
];

/**
 * Reads the optional YAML file, applies environment variables, then validates. A bad file
 * throws a {@link ConfigError} naming the offending path (e.g. `sources.ice-detention-stats.graceHours`).
 */
export function loadConfig(opts: { file?: string; env?: NodeJS.ProcessEnv; knownSources: readonly string[] }): Config {
  const raw = opts.file ? readYaml(opts.file) : {};
  for (const f of ENV_FIELDS) {
    const v = (opts.env ?? process.env)[f.env];
    if (v !== undefined && v !== '') setPath(raw, f.path, f.number ? Number(v) : v);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw toConfigError(parsed.error);
  checkReferences(parsed.data, opts.knownSources);
  return parsed.data;
}

function readYaml(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError('(file)', `cannot read ${file}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new ConfigError('(file)', `${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError('(root)', 'expected a mapping');
  return doc as Record<string, unknown>;
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = obj;
  for (const key of path.slice(0, -1)) {
    if (typeof cur[key] !== 'object' || cur[key] === null) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path.at(-1)!] = value;
}

function toConfigError(error: z.ZodError): ConfigError {
  const issue = error.issues[0]!;
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path.map(String), ...(keys.length === 1 ? keys : [])].join('.') || '(root)';
  return new ConfigError(path, issue.message);
}

function checkReferences(config: Config, knownSources: readonly string[]): void {
  for (const [id, o] of Object.entries(config.sources)) {
    if (!knownSources.includes(id)) throw new ConfigError(`sources.${id}`, `unknown source; known: ${knownSources.join(', ')}`);
    if (o.schedule !== undefined && !cron.validate(o.schedule)) throw new ConfigError(`sources.${id}.schedule`, `invalid cron expression "${o.schedule}"`);
  }
  const series = SERIES.map((s) => s.name as string);
  for (const name of Object.keys(config.pace.thresholds)) {
    if (!series.includes(name)) throw new ConfigError(`pace.thresholds.${name}`, 'unknown series');
  }
}
