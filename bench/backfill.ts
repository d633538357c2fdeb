/**
 * Benchmark 5, backfill: ten years of every exported series written as OpenMetrics by the
 * `backfill` command's own code, from a store generated with the label sets the demo sources
 * really produce (`lib/history-store.ts`). The file is then fed to
 * `promtool tsdb create-blocks-from openmetrics` (when installed), which both validates it and
 * shows what the rest of the backfill costs. No target was set: the numbers are for reference.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runJson } from './lib/child.js';
import { type Bench, type BenchContext, type BenchResult, table } from './lib/report.js';
import { bytes, int, mb, median, ms } from './lib/stats.js';

const exec = promisify(execFile);
const MONTHS = 120;
const RUNS = 3;

interface History {
  labelSets: number;
  sources: number;
  series: number;
  observations: number;
  captures: number;
  ms: number;
  dbBytes: number;
}
interface Backfill {
  ms: number;
  bytes: number;
  maxRss: number;
  summary: { samples: number; series: number; families: number } | null;
}

interface Promtool {
  readonly ms: number;
  readonly blocks: number;
}

/** `promtool tsdb create-blocks-from openmetrics [flags] file dir`, timed; null without promtool. */
async function promtool(file: string, dir: string, flags: string[] = []): Promise<Promtool | null> {
  try {
    await exec('promtool', ['--version']);
  } catch {
    return null;
  }
  fs.mkdirSync(dir);
  const t = performance.now();
  await exec('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', ...flags, file, dir], { maxBuffer: 1 << 24 });
  const blocks = fs.readdirSync(dir).filter((d) => /^[0-9A-Z]{26}$/.test(d)).length;
  return { ms: performance.now() - t, blocks };
}

/** The flag docs/backfill.md recommends for a long history (one block per year instead of per 2 h). */
const LONG_BLOCKS = '--max-block-duration=8760h';

function section(ctx: BenchContext, h: History, runs: Backfill[], prom: Promtool | null, promLong: Promtool | null): string {
  const s = runs[0]!.summary!;
  const t = median(runs.map((r) => r.ms));
  const rows = [
    ['Store', `${int(h.labelSets)} label sets of ${h.series} series from ${h.sources} sources; ${int(h.observations)} values in ${int(h.captures)} captures; ${bytes(h.dbBytes)} (written in ${ms(h.ms)})`],
    ['OpenMetrics written', `${int(s.samples)} samples in ${int(s.series)} series of ${s.families} families, ${bytes(runs[0]!.bytes)}`],
    ['Backfill time (median of ' + RUNS + ' fresh processes)', `**${ms(t)}** (${runs.map((r) => ms(r.ms)).join(', ')}), ${int(s.samples / (t / 1000))} samples/s`],
    ['Peak RSS of the process', mb(median(runs.map((r) => r.maxRss)))],
    ['promtool tsdb create-blocks-from openmetrics (default 2 h blocks)', prom ? `${ms(prom.ms)} → ${int(prom.blocks)} blocks (file accepted)` : 'promtool not installed'],
    [`… with \`${LONG_BLOCKS}\` (docs/backfill.md)`, promLong ? `${ms(promLong.ms)} → ${int(promLong.blocks)} blocks` : 'promtool not installed'],
  ];
  return `## Backfill of ten years to OpenMetrics

Measured ${ctx.date} on ${ctx.machineLine} (\`npm run bench -- backfill\`).

**Method.** The label sets are those the ${h.sources} demo sources store after one cycle (every
exported family with its real label combinations, plus the unexported CBP breakdowns, which the
backfill must skip). A store gets ${MONTHS} monthly captures per source (Sep 2016 – Aug 2026,
written through \`Store.commitCycle\` like scrapes): one value per month for monthly series, two a
month for the point-in-time ICE series, and ~5 % of each previous month's values revised (extra
vintages, of which only the current one is exported). Then \`runBackfill\` — the function behind
\`enforcement-watch backfill --out FILE.om\` — runs in ${RUNS} fresh processes (compiled JavaScript).

${table(['Backfill', 'Result'], rows)}

Ratio: the backfill writes ten years in ${ms(t)}; promtool needs ${prom ? `${(prom.ms / t).toFixed(1)}×` : 'n/a'} that to turn the
file into TSDB blocks with its default block duration (one block per distinct period end), and
${promLong ? `${(promLong.ms / t).toFixed(1)}×` : 'n/a'} with \`${LONG_BLOCKS}\`, as docs/backfill.md recommends for long histories.
No target was set for this benchmark.`;
}

export const backfillBench: Bench = {
  id: 'backfill',
  description: 'ten years of every exported series to OpenMetrics (backfill command)',
  async run(ctx): Promise<BenchResult> {
    const dataDir = path.join(ctx.tmp, 'history');
    const scratch = path.join(ctx.tmp, 'history-labels');
    ctx.log(`backfill: writing ${MONTHS} months of history`);
    const [h] = await runJson<History>(process.execPath, [ctx.compiled('bench/lib/backfill-child.ts'), 'history', dataDir, scratch, String(MONTHS)]);
    const runs: Backfill[] = [];
    for (let i = 0; i < RUNS; i++) {
      ctx.log(`backfill: run ${i + 1}/${RUNS}`);
      const out = path.join(ctx.tmp, `history-${i}.om`);
      const [r] = await runJson<Backfill>(process.execPath, [ctx.compiled('bench/lib/backfill-child.ts'), 'backfill', dataDir, out]);
      if (!r?.summary) throw new Error('backfill: no summary line from the command');
      runs.push(r);
    }
    ctx.log('backfill: promtool tsdb create-blocks-from openmetrics');
    const file = path.join(ctx.tmp, 'history-0.om');
    const prom = await promtool(file, path.join(ctx.tmp, 'blocks'));
    const promLong = await promtool(file, path.join(ctx.tmp, 'blocks-long'), [LONG_BLOCKS]);
    const t = median(runs.map((r) => r.ms));
    const s = runs[0]!.summary!;
    const summary = `${int(s.samples)} samples in ${int(s.series)} series (${bytes(runs[0]!.bytes)}) written in ${ms(t)}, peak RSS ${mb(median(runs.map((r) => r.maxRss)))}; promtool ${prom ? ms(prom.ms) : 'n/a'} (${promLong ? ms(promLong.ms) : 'n/a'} with ${LONG_BLOCKS}) — no target`;
    return { id: 'backfill', title: 'Backfill', summary, targets: [], markdown: section(ctx, h!, runs, prom, promLong) };
  },
};
