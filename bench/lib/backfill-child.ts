/**
 * Two jobs for the backfill benchmark, each in a fresh process (compiled JavaScript):
 * - `history <data-dir> <scratch-dir> <months>`: writes the ten-year store (`history-store.ts`)
 *   and prints its size;
 * - `backfill <data-dir> <out>`: runs the `backfill` command's own function (`runBackfill`, the
 *   code behind `enforcement-watch backfill --out`) and prints its time and peak RSS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runBackfill } from '../../src/cli/backfill.js';
import type { CliFlags } from '../../src/cli.js';
import { DB_FILE_NAME } from '../../src/store/database.js';
import { demoLabelSets, monthsEnding, writeHistory } from './history-store.js';

const LAST_MONTH = '2026-08';

async function history(dataDir: string, scratch: string, months: number): Promise<void> {
  const sets = await demoLabelSets(scratch);
  const t = performance.now();
  const written = writeHistory(dataDir, sets, monthsEnding(LAST_MONTH, months));
  const sources = new Set(sets.map((s) => s.source)).size;
  const series = new Set(sets.map((s) => s.series)).size;
  console.log(JSON.stringify({ labelSets: sets.length, sources, series, ...written, ms: performance.now() - t, dbBytes: fs.statSync(path.join(dataDir, DB_FILE_NAME)).size }));
}

/** Runs `fn` with stderr captured (the command reports its progress and summary there). */
function capturingStderr(fn: () => number): { code: number; stderr: string } {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: fn(), stderr };
  } finally {
    process.stderr.write = write;
  }
}

function backfill(dataDir: string, out: string): void {
  const t = performance.now();
  const { code, stderr } = capturingStderr(() => runBackfill({ out, 'data-dir': dataDir } as CliFlags));
  const ms = performance.now() - t;
  if (code !== 0) throw new Error(`backfill exited with ${code}: ${stderr}`);
  const m = /(\d+) samples in (\d+) series of (\d+) families/.exec(stderr);
  const summary = m ? { samples: Number(m[1]), series: Number(m[2]), families: Number(m[3]) } : null;
  console.log(JSON.stringify({ ms, bytes: fs.statSync(out).size, maxRss: process.resourceUsage().maxRSS * 1024, summary }));
}

const [job, ...args] = process.argv.slice(2);
if (job === 'history') await history(args[0]!, args[1]!, Number(args[2]));
else if (job === 'backfill') backfill(args[0]!, args[1]!);
else throw new Error(`unknown job ${job}`);
