/**
 * Benchmark 3, a scrape cycle when nothing changed at the agency: body bytes downloaded and
 * time, per demo source and in sum. The demo agency site sends ETag and Last-Modified like the
 * real sites, so after the first cycle every request should be conditional and answered 304.
 * Bytes come from the store's `fetches` log and are cross-checked with the exporter's
 * `enforcement_source_fetch_body_bytes_total`. Target: 0 bytes per unchanged cycle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runJson } from './lib/child.js';
import type { FetchSummary } from './lib/demo-service.js';
import { type Bench, type BenchContext, type BenchResult, table, targetLine, targetTable, type Target } from './lib/report.js';
import { bytes, int, median, ms, sum } from './lib/stats.js';

const ROUNDS = 20;

interface ChildOut {
  rounds: number;
  firstMs: number;
  firstFetches: FetchSummary[];
  unchanged: FetchSummary[];
  perSource: Record<string, number[]>;
  allMs: number[];
  changed: string[];
  metricBefore: Record<string, number>;
  metricAfter: Record<string, number>;
  requests: number;
  sources: string[];
}

function section(ctx: BenchContext, o: ChildOut, targets: Target[]): string {
  const first = new Map(o.firstFetches.map((f) => [f.source, f]));
  const later = new Map(o.unchanged.map((f) => [f.source, f]));
  const rows = o.sources.map((id) => {
    const f = first.get(id);
    const u = later.get(id);
    const cycles = o.rounds * 2;
    return [
      `\`${id}\``,
      `${f?.requests ?? 0} / ${bytes(f?.bodyBytes ?? 0)}`,
      `${((u?.requests ?? 0) / cycles).toFixed(0)}`,
      `${int(u?.notModified ?? 0)} of ${int(u?.requests ?? 0)}`,
      bytes((u?.bodyBytes ?? 0) / cycles),
      ms(median(o.perSource[id] ?? [])),
    ];
  });
  const medians = o.sources.map((id) => median(o.perSource[id] ?? []));
  const firstBytes = sum(o.firstFetches.map((f) => f.bodyBytes));
  rows.push([
    '**all sources**',
    `${sum(o.firstFetches.map((f) => f.requests))} / ${bytes(firstBytes)}`,
    `${(sum(o.unchanged.map((f) => f.requests)) / (o.rounds * 2)).toFixed(0)}`,
    `${int(sum(o.unchanged.map((f) => f.notModified)))} of ${int(sum(o.unchanged.map((f) => f.requests)))}`,
    bytes(sum(o.unchanged.map((f) => f.bodyBytes)) / (o.rounds * 2)),
    `${ms(sum(medians))} one by one; ${ms(median(o.allMs))} together`,
  ]);
  return `## Scrape cycle when nothing changed

Measured ${ctx.date} on ${ctx.machineLine} (\`npm run bench -- cycle\`).

**Method.** A fresh process runs the demo service (the demo agency site and \`createService\` as in
\`serve --demo\`, compiled JavaScript). The first cycle of every source downloads and parses
everything (${ms(o.firstMs)}, ${bytes(firstBytes)}). Then, with nothing changed at the "agency",
${o.rounds} rounds run each source on its own (timed per source), and ${o.rounds} more run all
sources together (\`scheduler.runAll()\`, sources in parallel, one request at a time per host).
Bytes are the response bodies logged in the store's \`fetches\` table over those ${o.rounds * 2}
cycles per source, divided by ${o.rounds * 2}; the exporter's \`enforcement_source_fetch_body_bytes_total\`
rose by the same amount (${bytes(sum(Object.values(o.metricAfter)) - sum(Object.values(o.metricBefore)))} in all). The demo site
answered ${int(o.requests)} requests in those cycles.

${table(['Source', 'First cycle: requests / bytes', 'Requests per cycle', '304 Not Modified', 'Bytes per unchanged cycle', 'Time per unchanged cycle (median)'], rows, ['l', 'r', 'r', 'r', 'r', 'r'])}

Every unchanged cycle is conditional end to end: the landing page and the followed file are
requested with the stored \`If-None-Match\`/\`If-Modified-Since\`, answered 304, and nothing is
parsed or stored except the fetch log and the source state. Ratio: an unchanged cycle downloads
${bytes(sum(o.unchanged.map((f) => f.bodyBytes)) / (o.rounds * 2))} where the first one downloaded ${bytes(firstBytes)}.

${targetTable(targets)}`;
}

export const cycleBench: Bench = {
  id: 'cycle',
  description: 'scrape cycles when nothing changed: bytes downloaded and time per demo source',
  async run(ctx): Promise<BenchResult> {
    const dataDir = fs.mkdtempSync(path.join(ctx.tmp, 'cycle-'));
    ctx.log(`cycle: first cycle, then ${ROUNDS * 2} unchanged cycles per source`);
    const [o] = await runJson<ChildOut>(process.execPath, [ctx.compiled('bench/lib/cycle-child.ts'), String(ROUNDS), dataDir]);
    if (!o) throw new Error('cycle: the child printed no result');
    if (o.changed.length > 0) throw new Error(`cycle: cycles that should have been unchanged: ${o.changed.slice(0, 5).join('; ')}`);
    const total = sum(o.unchanged.map((f) => f.bodyBytes));
    const withBytes = o.unchanged.filter((f) => f.bodyBytes > 0).map((f) => f.source);
    const medians = o.sources.map((id) => median(o.perSource[id] ?? []));
    const targets: Target[] = [
      {
        name: 'Body bytes per unchanged cycle, every demo source',
        goal: '0 B',
        measured: withBytes.length === 0 ? `0 B in all ${o.sources.length} sources` : `${bytes(total / (o.rounds * 2))} (${withBytes.join(', ')})`,
        met: total === 0,
      },
    ];
    const summary = `unchanged cycle: ${bytes(total / (o.rounds * 2))} downloaded (first cycle ${bytes(sum(o.firstFetches.map((f) => f.bodyBytes)))}), ${ms(sum(medians))} for the ${o.sources.length} sources one by one, ${ms(median(o.allMs))} together — ${targetLine(targets)}`;
    return { id: 'cycle', title: 'Scrape cycle, nothing changed', summary, targets, markdown: section(ctx, o, targets) };
  },
};
