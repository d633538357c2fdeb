/**
 * `npm run bench [-- <id>…]`: runs the benchmarks (all, or the ones named), prints one summary
 * line per benchmark with its targets met or missed, and writes their sections into
 * docs/benchmarks.md (a full run also rewrites the run summary with the machine description).
 * Exit code 1 when a benchmark could not run; a missed target is a result, not a failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { backfillBench } from './backfill.js';
import { cycleBench } from './cycle.js';
import { footprintBench } from './footprint.js';
import { writeSections } from './lib/docs.js';
import { describeMachine, machineLine } from './lib/machine.js';
import { buildMirror } from './lib/mirror.js';
import type { Bench, BenchContext, BenchResult } from './lib/report.js';
import { summarySection } from './lib/summary.js';
import { metricsBench } from './metrics.js';
import { parseBench } from './parse.js';

/** In the order they run and appear in the docs. */
const BENCHES: readonly Bench[] = [metricsBench, parseBench, cycleBench, footprintBench, backfillBench];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = path.join(ROOT, 'docs', 'benchmarks.md');

function usage(): string {
  return `usage: npm run bench [-- <benchmark>…]\n\n${BENCHES.map((b) => `  ${b.id.padEnd(10)} ${b.description}`).join('\n')}`;
}

function selected(args: readonly string[]): Bench[] | null {
  if (args.some((a) => a === '-h' || a === '--help')) return null;
  const unknown = args.filter((a) => !BENCHES.some((b) => b.id === a));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}\n\n${usage()}`);
  return args.length === 0 ? [...BENCHES] : BENCHES.filter((b) => args.includes(b.id));
}

async function main(): Promise<number> {
  const benches = selected(process.argv.slice(2));
  if (!benches) {
    console.log(usage());
    return 0;
  }
  const started = Date.now();
  const loadBefore = os.loadavg();
  const machine = describeMachine();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enforcement-watch-bench-'));
  const log = (m: string) => process.stderr.write(`  · ${m}\n`);
  try {
    log('compiling src/, scrapers/ and bench/ to JavaScript');
    const mirror = await buildMirror(ROOT, path.join(tmp, 'js'));
    const ctx: BenchContext = { root: ROOT, tmp, compiled: mirror.compiled, log, machineLine: machineLine(machine), date: machine.date };
    const results: BenchResult[] = [];
    let failed = 0;
    for (const b of benches) {
      log(`${b.id}: ${b.description}`);
      const t = Date.now();
      try {
        const r = await b.run(ctx);
        results.push(r);
        console.log(`${r.id}: ${r.summary} [${((Date.now() - t) / 1000).toFixed(0)} s]`);
      } catch (err) {
        failed++;
        console.error(`${b.id}: could not run: ${(err as Error).stack ?? String(err)}`);
      }
    }
    const all = results.flatMap((r) => r.targets);
    console.log(`targets: ${all.filter((t) => t.met).length} met, ${all.filter((t) => !t.met).length} missed (${all.filter((t) => !t.met).map((t) => t.name).join('; ') || 'none'})`);
    const sections = results.map((r) => ({ id: r.id, markdown: r.markdown }));
    if (benches.length === BENCHES.length && failed === 0) {
      const totalS = (Date.now() - started) / 1000;
      sections.unshift({ id: 'summary', markdown: summarySection({ machine, results, totalS, loadBefore, loadAfter: os.loadavg() }) });
    }
    writeSections(DOCS, sections);
    console.log(`wrote the ${sections.map((s) => s.id).join(', ')} section(s) into ${path.relative(process.cwd(), DOCS)}`);
    return failed === 0 ? 0 : 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exitCode = 1;
  },
);
