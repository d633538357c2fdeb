/**
 * One parsing measurement in a fresh process (run with --expose-gc): loads the input, settles
 * the heap, resets the RSS high-water mark, parses once (cold: a new file in a long-running
 * service meets a parser that has not run for weeks), then `warm` more times. Prints one JSON
 * line. Usage: `node --expose-gc parse-child.js <csv-buffer|csv-stream|xlsx> <file> <url> <warm>`.
 *
 * - `csv-buffer`: `parseEncountersCsv` over the whole body, as a scrape cycle does (the fetcher
 *   already holds the body, so the baseline includes it).
 * - `csv-stream`: `parseCsvStream` over a 64 KiB file stream (the baseline excludes the file).
 * - `xlsx`: `parseIceDetentionXlsx` over the body.
 */
import fs from 'node:fs';
import { parseCsvStream, parseEncountersCsv } from '../../scrapers/cbp-encounters-csv.js';
import { parseIceDetentionXlsx } from '../../scrapers/ice-detention-xlsx.js';
import type { ParseResult } from '../../src/core/types.js';
import { procMemory, resetPeak, settle } from './proc-memory.js';

type Kind = 'csv-buffer' | 'csv-stream' | 'xlsx';

function parser(kind: Kind, file: string, url: string): () => Promise<ParseResult> | ParseResult {
  if (kind === 'csv-stream') return () => parseCsvStream(fs.createReadStream(file, { highWaterMark: 64 * 1024 }), url);
  const body = fs.readFileSync(file);
  if (kind === 'csv-buffer') return () => parseEncountersCsv({ body, url });
  return () => parseIceDetentionXlsx({ body, url });
}

async function main(): Promise<void> {
  const [kind, file, url, warmText] = process.argv.slice(2) as [Kind, string, string, string];
  const parse = parser(kind, file, url);
  await settle();
  const resettable = resetPeak();
  const base = procMemory();
  const heapBase = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let result: ParseResult | null = await parse();
  const coldMs = performance.now() - t0;
  const peak = procMemory().hwm;
  const heapAfter = process.memoryUsage().heapUsed;
  const { observations, issues } = { observations: result.observations.length, issues: result.issues.length };
  const nationwide = result.observations
    .filter((o) => o.series === 'cbp_encounters' && o.labels.region === 'nationwide' && o.labels.component === 'all')
    .map((o) => [o.period, o.value]);
  result = null;
  await settle();
  const retained = process.memoryUsage().heapUsed - heapBase;
  const warmMs: number[] = [];
  for (let i = 0; i < Number(warmText); i++) {
    const t = performance.now();
    await parse();
    warmMs.push(performance.now() - t);
  }
  const out = {
    kind, coldMs, warmMs, observations, issues, nationwide, resettable,
    baseRss: base.rss, peakExtraRss: peak - base.rss, heapGrowthNoGc: heapAfter - heapBase, retainedHeap: retained,
  };
  console.log(JSON.stringify(out));
}

await main();
