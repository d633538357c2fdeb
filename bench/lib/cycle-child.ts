/**
 * Scrape cycles when nothing changed at the agency, in a fresh process: the demo service does
 * one first cycle (everything new), then `rounds` rounds in which every source runs alone
 * (timed per source) and `rounds` runs of all sources together (`scheduler.runAll()`, timed as
 * a whole). Prints one JSON line with the fetch log summaries and the times.
 * Usage: `node cycle-child.js <rounds> <data-dir>`.
 */
import { fetchesSince, lastFetchId, startDemoService } from './demo-service.js';

/** `enforcement_source_fetch_body_bytes_total` per source, read from the exporter's text. */
function bodyBytesMetric(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^enforcement_source_fetch_body_bytes_total\{[^}]*source="([^"]+)"[^}]*\} (\S+)$/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 20);
  const demo = await startDemoService(process.argv[3]);
  const { service } = demo;
  const t0 = performance.now();
  const first = await service.scheduler.runAll();
  const firstMs = performance.now() - t0;
  if (first.some((o) => !o?.ok)) throw new Error(`first cycle failed: ${JSON.stringify(first.filter((o) => !o?.ok))}`);
  const firstFetches = fetchesSince(service, 0);
  const afterFirst = lastFetchId(service);
  const metricBefore = bodyBytesMetric(await service.exporter.render());
  const hitsBefore = [...demo.site.hits.values()].reduce((a, b) => a + b, 0);
  const perSource: Record<string, number[]> = {};
  const changed: string[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const s of service.sources) {
      const t = performance.now();
      const o = await service.scheduler.run(s);
      (perSource[s.id] ??= []).push(performance.now() - t);
      if (!o?.ok || o.changed) changed.push(`${s.id}: ${o?.ok ? 'changed' : o?.errorKind}`);
    }
  }
  const allMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    const outcomes = await service.scheduler.runAll();
    allMs.push(performance.now() - t);
    for (const o of outcomes) if (!o?.ok || o.changed) changed.push(`${o?.source}: ${o?.ok ? 'changed' : o?.errorKind}`);
  }
  // Past the exporter's 5 s cache is not needed: every cycle changed the store generation.
  const metricAfter = bodyBytesMetric(await service.exporter.render());
  const unchanged = fetchesSince(service, afterFirst);
  const requests = [...demo.site.hits.values()].reduce((a, b) => a + b, 0) - hitsBefore;
  console.log(JSON.stringify({ rounds, firstMs, firstFetches, unchanged, perSource, allMs, changed, metricBefore, metricAfter, requests, sources: service.sources.map((s) => s.id) }));
  await demo.close();
}

await main();
