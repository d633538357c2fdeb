/**
 * Benchmark 2, parsing: a CBP nationwide-by-AOR CSV at the real file's size (~7 MB, generated
 * in the real layout by `lib/cbp-large-csv.ts`) and ICE detention workbooks (the demo one and a
 * large generated one). Every measurement runs in a fresh child process (`lib/parse-child.ts`)
 * so the memory peak is the parser's own: RSS high-water mark over a settled baseline.
 * Targets: the CSV parses in under 1 s with under 100 MB of extra memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { largeNationwideCsv, REAL_SIZE } from './lib/cbp-large-csv.js';
import { runJson } from './lib/child.js';
import { demoIceWorkbook, ICE_URL, largeIceWorkbook } from './lib/ice-large-workbook.js';
import { type Bench, type BenchContext, type BenchResult, table, targetLine, targetTable, type Target } from './lib/report.js';
import { bytes, int, mb, median, MiB, ms } from './lib/stats.js';

const CSV_URL = 'https://www.cbp.gov/sites/default/files/2026-09/nationwide-encounters-fy23-fy26-aug-aor.csv';
/** Fresh processes per input (the CSV, whose targets are checked, gets more), and warm re-runs in each. */
const CHILDREN = { csv: 5, xlsx: 3 };
const WARM = 3;
const FACILITIES = 2_000;

interface ChildOut {
  kind: string;
  coldMs: number;
  warmMs: number[];
  observations: number;
  issues: number;
  nationwide: [string, number][];
  resettable: boolean;
  baseRss: number;
  peakExtraRss: number;
  heapGrowthNoGc: number;
  retainedHeap: number;
}

interface Case {
  readonly name: string;
  readonly kind: 'csv-buffer' | 'csv-stream' | 'xlsx';
  readonly file: string;
  readonly url: string;
  readonly size: number;
  readonly note: string;
}

interface Measured {
  readonly c: Case;
  readonly cold: number;
  readonly warm: number;
  readonly peak: number;
  readonly peakMax: number;
  readonly heapNoGc: number;
  readonly retained: number;
  readonly observations: number;
  readonly issues: number;
  readonly first: ChildOut;
}

async function measure(ctx: BenchContext, c: Case): Promise<Measured> {
  const runs: ChildOut[] = [];
  const children = c.kind === 'xlsx' ? CHILDREN.xlsx : CHILDREN.csv;
  for (let i = 0; i < children; i++) {
    ctx.log(`parse: ${c.name}, process ${i + 1}/${children}`);
    const [out] = await runJson<ChildOut>(process.execPath, ['--expose-gc', ctx.compiled('bench/lib/parse-child.ts'), c.kind, c.file, c.url, String(WARM)]);
    runs.push(out!);
  }
  if (!runs[0]!.resettable) ctx.log('parse: /proc/self/clear_refs refused: peaks include start-up');
  return {
    c,
    cold: median(runs.map((r) => r.coldMs)),
    warm: median(runs.flatMap((r) => r.warmMs)),
    peak: median(runs.map((r) => r.peakExtraRss)),
    peakMax: Math.max(...runs.map((r) => r.peakExtraRss)),
    heapNoGc: median(runs.map((r) => r.heapGrowthNoGc)),
    retained: median(runs.map((r) => r.retainedHeap)),
    observations: runs[0]!.observations,
    issues: runs[0]!.issues,
    first: runs[0]!,
  };
}

function writeInputs(ctx: BenchContext): { cases: Case[]; csvRows: number; expected: Map<string, number>; xlsxCells: number } {
  const csv = largeNationwideCsv(REAL_SIZE);
  const csvFile = path.join(ctx.tmp, 'nationwide-encounters-fy23-fy26-aug-aor.csv');
  fs.writeFileSync(csvFile, csv.body);
  const demoXlsx = path.join(ctx.tmp, 'ice-demo.xlsx');
  fs.writeFileSync(demoXlsx, demoIceWorkbook());
  const large = largeIceWorkbook(FACILITIES);
  const largeXlsx = path.join(ctx.tmp, 'ice-large.xlsx');
  fs.writeFileSync(largeXlsx, large.body);
  const size = (f: string) => fs.statSync(f).size;
  const cases: Case[] = [
    { name: 'CBP CSV, whole body', kind: 'csv-buffer', file: csvFile, url: CSV_URL, size: size(csvFile), note: '`parseEncountersCsv`, as a scrape cycle calls it' },
    { name: 'CBP CSV, streamed', kind: 'csv-stream', file: csvFile, url: CSV_URL, size: size(csvFile), note: '`parseCsvStream` over a 64 KiB file stream' },
    { name: 'ICE workbook, demo', kind: 'xlsx', file: demoXlsx, url: ICE_URL, size: size(demoXlsx), note: 'FY25 01/16/2025 edition of the demo site' },
    { name: `ICE workbook, ${int(FACILITIES)} facilities`, kind: 'xlsx', file: largeXlsx, url: ICE_URL, size: size(largeXlsx), note: `${int(large.cells)} cells` },
  ];
  return { cases, csvRows: csv.rows, expected: csv.nationwideByMonth, xlsxCells: large.cells };
}

/** The parse must be right before its speed matters: every month's nationwide total as generated. */
function checkCsv(m: Measured, expected: Map<string, number>): string | null {
  if (m.issues !== 0) return `${m.issues} parse issues`;
  const got = new Map(m.first.nationwide);
  for (const [period, value] of expected) if (got.get(period) !== value) return `nationwide ${period}: got ${got.get(period)}, generated ${value}`;
  return null;
}

function section(ctx: BenchContext, results: Measured[], targets: Target[], csvRows: number, months: number): string {
  const rows = results.map((r) => [
    r.c.name, bytes(r.c.size), int(r.observations), ms(r.cold), ms(r.warm), mb(r.peak), mb(r.peakMax), mb(r.heapNoGc), mb(r.retained),
  ]);
  const csv = results[0]!;
  return `## Parsing

Measured ${ctx.date} on ${ctx.machineLine} (\`npm run bench -- parse\`).

**Inputs.** A CBP nationwide-by-AOR encounters CSV generated in the real layout at the real
file's size (\`bench/lib/cbp-large-csv.ts\`: the demo generator's header, CRLF, quoting and
sort order; per month a deterministic ${REAL_SIZE.keepPercent} % of every AOR × 4 demographics × 24 citizenships,
FY2023 – Aug 2026): ${bytes(csv.c.size)},
${int(csvRows)} rows. The ICE detention workbook of the demo site, and the same workbook with a
${int(FACILITIES)}-row facilities table added (about ten times a real year's facility count).
Every parse is checked (no issues; the CSV's ${months} monthly nationwide totals equal the generated ones).

**Method.** ${CHILDREN.csv} fresh \`node --expose-gc\` processes per CSV input and ${CHILDREN.xlsx} per workbook (compiled JavaScript, no
tsx). In each: load the input, full GC, reset the kernel's RSS high-water mark
(\`/proc/self/clear_refs\`), parse once (*cold*: what a service meets when an agency publishes),
read \`VmHWM\`; then ${WARM} more parses (*warm*). Times and peaks are medians over the processes.
*Peak extra RSS* is the high-water mark minus the settled baseline (the body itself is in the
baseline for the whole-body cases, as the fetcher already holds it); *heap growth* is
\`heapUsed\` right after the parse without GC (a lower bound of the heap peak); *retained* is
what stays after GC (0 = nothing leaks into the next cycle).

${table(['Input', 'Size', 'Observations', 'Cold', 'Warm', 'Peak extra RSS', 'max', 'Heap growth', 'Retained'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'])}

${targetTable(targets)}

Ratio to target: the CSV's cold parse takes ${(csv.cold / 1000 * 100).toFixed(0)} % of the 1 s budget and
${(csv.peak / (100 * MiB) * 100).toFixed(0)} % of the 100 MB one.`;
}

export const parseBench: Bench = {
  id: 'parse',
  description: 'CBP ~7 MB CSV and ICE workbooks: time and peak memory',
  async run(ctx): Promise<BenchResult> {
    const { cases, csvRows, expected } = writeInputs(ctx);
    const results: Measured[] = [];
    for (const c of cases) results.push(await measure(ctx, c));
    for (const r of results.filter((x) => x.c.kind !== 'xlsx')) {
      const problem = checkCsv(r, expected);
      if (problem) throw new Error(`parse: ${r.c.name} parsed wrongly: ${problem}`);
    }
    const [buffer, stream] = results as [Measured, Measured];
    const worst = (f: (m: Measured) => number) => Math.max(f(buffer), f(stream));
    const targets: Target[] = [
      { name: 'CBP CSV parse time (cold, whole body / streamed)', goal: '< 1 s', measured: `${ms(buffer.cold)} / ${ms(stream.cold)}`, met: worst((m) => m.cold) < 1000 },
      { name: 'CBP CSV peak extra memory (whole body / streamed)', goal: '< 100 MB', measured: `${mb(buffer.peak)} / ${mb(stream.peak)}`, met: worst((m) => m.peak) < 100 * MiB },
    ];
    const large = results[3]!;
    const summary = `CSV ${bytes(buffer.c.size)}: ${ms(buffer.cold)} cold / ${ms(buffer.warm)} warm, +${mb(buffer.peak)} RSS (streamed ${ms(stream.cold)}, +${mb(stream.peak)}); ICE demo ${ms(results[2]!.cold)}, large ${ms(large.cold)} +${mb(large.peak)} — ${targetLine(targets)}`;
    return { id: 'parse', title: 'Parsing', summary, targets, markdown: section(ctx, results, targets, csvRows, expected.size) };
  },
};
