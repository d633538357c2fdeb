import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LayoutError, ValidationError } from '../core/errors.js';
import { PARSERS, parserById } from '../../scrapers/index.js';
import type { CliFlags } from '../cli.js';
import { EXIT_NO_INPUT, readInputFile } from './common.js';

/**
 * `parse <parser-id> <file>`: runs one parser on a local file and prints its result as JSON
 * (exit 0), or a one-line reason on stderr and exit 2 when the file does not match the layout.
 */
export function runParse(args: string[], flags: CliFlags): number {
  const [id, file] = args;
  if (!id || !file) {
    console.error(`usage: parse <parser-id> <file> [--url URL]; parsers: ${PARSERS.map((p) => p.id).join(', ')}`);
    return 64;
  }
  const parser = parserById(id);
  if (!parser) {
    console.error(`unknown parser "${id}"; parsers: ${PARSERS.map((p) => p.id).join(', ')}`);
    return 64;
  }
  const body = readInputFile(file);
  if (!body) return EXIT_NO_INPUT;
  try {
    const r = parser.parse({ body, url: flags.url ?? pathToFileURL(path.resolve(file)).href });
    const out = {
      observations: r.observations.map((o) => ({ series: o.series, labels: o.labels, period: o.period, value: o.value, ...(o.partial ? { partial: true } : {}) })),
      issues: r.issues,
      ...(r.publications ? { publications: r.publications } : {}),
      ...(r.publishedOn ? { publishedOn: r.publishedOn } : {}),
      ...(r.dataAsOf ? { dataAsOf: r.dataAsOf } : {}),
      ...(r.signals ? { signals: r.signals } : {}),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof LayoutError || err instanceof ValidationError) {
      console.error(`${id}: ${err.message.split('\n')[0]}`);
      return 2;
    }
    throw err;
  }
}
