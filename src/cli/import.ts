import path from 'node:path';
import { commitImport, importParser, prepareImport, type PreparedImport } from '../backfill/import-file.js';
import { LayoutError, ValidationError } from '../core/errors.js';
import { isDayPeriod } from '../core/periods.js';
import { Store } from '../store/store.js';
import { SOURCES, sourceById } from '../../scrapers/index.js';
import type { CliFlags } from '../cli.js';
import { configFromFlags, EXIT_NO_INPUT, readInputFile } from './common.js';
import { progress } from './progress.js';

/**
 * `import <source-id> <file> [--url URL] [--published YYYY-MM-DD]`: stores a file downloaded
 * by hand as if the source had fetched it (see `importFile`). Exit 0 on success; 2 with the
 * parser's one-line reason when the file does not match the layout (nothing is stored); 64 for
 * usage errors; 66 when the file cannot be read.
 *
 * Without `--url` the file is recorded as `file:///<file name>` (the name only: a local path
 * would leak into every export). Give the agency's URL so exports cite it and a later scrape
 * of the same file is recognised.
 */
export function runImport(args: string[], flags: CliFlags, now: () => number = Date.now): number {
  const [sourceId, file] = args;
  const ids = SOURCES.map((s) => s.id).join(', ');
  if (!sourceId || !file) {
    console.error(`usage: import <source-id> <file> [--url URL] [--published YYYY-MM-DD]; sources: ${ids}`);
    return 64;
  }
  const source = sourceById(sourceId);
  if (!source) {
    console.error(`unknown source "${sourceId}"; sources: ${ids}`);
    return 64;
  }
  if (flags.published !== undefined && !isDayPeriod(flags.published)) {
    console.error(`--published must be a date YYYY-MM-DD, not "${flags.published}"`);
    return 64;
  }
  const url = flags.url ?? `file:///${encodeURIComponent(path.basename(file))}`;
  if (!URL.canParse(url)) {
    console.error(`--url must be an absolute URL, not "${url}"`);
    return 64;
  }
  const bar = progress(`import ${sourceId}`, 3, { unit: 'steps' });
  const body = readInputFile(file);
  if (!body) return EXIT_NO_INPUT;
  bar.update(1);
  let prepared: PreparedImport;
  try {
    prepared = prepareImport({ source, body, url, publishedOn: flags.published });
  } catch (err) {
    if (err instanceof LayoutError || err instanceof ValidationError) {
      bar.done('failed: the file does not match the layout; nothing stored');
      console.error(`${importParser(source).id}: ${err.message.split('\n')[0]}`);
      return 2;
    }
    throw err;
  }
  bar.update(2);
  const store = Store.open(configFromFlags(flags).dataDir);
  try {
    const r = commitImport(store, prepared, now());
    bar.update(3);
    bar.done(
      `${r.observations} values from ${path.basename(file)} (parser ${r.parser.id}@${r.parser.version}, sha256 ${r.sha256.slice(0, 12)}…): ` +
        `${r.counts.inserted} new, ${r.counts.revised} revised, ${r.counts.completed} completed, ${r.counts.unchanged} unchanged, ${r.counts.historical} historical; ` +
        `published ${r.publishedOn ?? 'unknown'}${r.advanced.publication ? ' (newest)' : ''}, data as of ${r.dataAsOf ?? 'unknown'}${r.advanced.data ? ' (newest)' : ''}` +
        (r.issues.length ? `; ${r.issues.length} issues: ${r.issues.slice(0, 3).map((i) => i.code).join(', ')}` : ''),
    );
    return 0;
  } finally {
    store.close();
  }
}
