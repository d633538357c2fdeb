/**
 * The long-running service's memory: the demo service (as `serve --demo`, listening, so the
 * parent can scrape `/metrics` as Prometheus would) runs `cycles` scrape cycles of every source
 * back to back and prints a JSON sample every `every` cycles: RSS as the process has it, then,
 * after a full GC, the live heap, plus the store's fetch log size and the time of a fresh
 * `/metrics` render. Then, unless `aging` is empty, it ages the store: the fetch log is filled
 * to what `days` of production polling would leave (each source's requests per cycle × its cron
 * rate) and the render is timed again.
 * Usage: `node --expose-gc footprint-child.js <cycles> <every> <data-dir> <aging days,…|->`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Exporter } from '../../src/metrics/exporter.js';
import { DB_FILE_NAME } from '../../src/store/database.js';
import { VERSION } from '../../src/version.js';
import { runsPerDay } from './cron-rate.js';
import { fetchesSince, lastFetchId, startDemoService, type DemoService } from './demo-service.js';
import { settle } from './proc-memory.js';

const emit = (o: object) => console.log(JSON.stringify(o));

function dbBytes(dir: string): number {
  return ['', '-wal'].reduce((a, ext) => a + (fs.existsSync(path.join(dir, DB_FILE_NAME + ext)) ? fs.statSync(path.join(dir, DB_FILE_NAME + ext)).size : 0), 0);
}

/** An exporter of its own (no process figures), so a timed render is never a cache hit left by a scrape. */
function probeExporter(d: DemoService): Exporter {
  const c = d.config;
  const settings = { removalsGoal: c.goals.removalsPerFiscalYear, goalOffPaceShare: c.goals.offPaceShare, defaultPaceThreshold: c.pace.defaultThreshold, paceThresholds: c.pace.thresholds };
  return new Exporter({ store: d.service.store, sources: d.service.sources, settings, version: VERSION, processMetrics: false });
}

async function timedRender(d: DemoService, probe: Exporter): Promise<number> {
  // A cycle of one source changes the store generation: the render below is a real one.
  await d.service.scheduler.run(d.service.sources[0]!);
  const t = performance.now();
  await probe.render();
  return performance.now() - t;
}

async function sample(d: DemoService, probe: Exporter, cycle: number): Promise<void> {
  const rss = process.memoryUsage().rss;
  await settle();
  const m = process.memoryUsage();
  const fetchRows = (d.service.store.db.prepare('SELECT count(*) AS n FROM fetches').get() as { n: number }).n;
  const renderMs = await timedRender(d, probe);
  emit({ event: 'sample', cycle, rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, fetchRows, dbBytes: dbBytes(d.dataDir), renderMs });
}

/** Fetch rows production polling adds per day: each source's requests in one more cycle × its cron runs per day. */
async function rowsPerDay(d: DemoService): Promise<number> {
  const before = lastFetchId(d.service);
  await d.service.scheduler.runAll();
  const per = new Map(fetchesSince(d.service, before).map((f) => [f.source, f.requests]));
  return d.service.sources.reduce((a, s) => a + (per.get(s.id) ?? 0) * runsPerDay(s.schedule), 0);
}

async function age(d: DemoService, probe: Exporter, days: number[], perDay: number): Promise<void> {
  const db = d.service.store.db;
  const last = lastFetchId(d.service);
  // Copies of the newest cycle's rows: the same sources, URLs and outcomes as real polling.
  const from = Math.max(0, last - d.service.sources.length * 2);
  const copy = db.prepare(
    `INSERT INTO fetches (source, url, final_url, started_at, duration_ms, http_status, outcome, etag, last_modified, bytes, sha256, error_kind, error_message)
     SELECT source, url, final_url, started_at, duration_ms, http_status, outcome, etag, last_modified, bytes, sha256, error_kind, error_message
     FROM fetches WHERE id > ? AND id <= ?`,
  );
  const count = () => (db.prepare('SELECT count(*) AS n FROM fetches').get() as { n: number }).n;
  for (const day of days) {
    const target = Math.round(perDay * day);
    db.transaction(() => {
      for (let n = count(); n < target; n += last - from) copy.run(from, last);
    })();
    const renders: number[] = [];
    for (let i = 0; i < 3; i++) renders.push(await timedRender(d, probe));
    emit({ event: 'aging', days: day, fetchRows: count(), renderMs: renders, rss: process.memoryUsage().rss, dbBytes: dbBytes(d.dataDir) });
  }
}

async function main(): Promise<void> {
  const [cyclesText, everyText, dataDir, agingText] = process.argv.slice(2) as [string, string, string, string];
  const cycles = Number(cyclesText);
  const every = Number(everyText);
  const d = await startDemoService(dataDir);
  const port = await d.service.listen(0, '127.0.0.1');
  emit({ event: 'listening', port });
  const probe = probeExporter(d);
  await d.service.scheduler.runAll();
  await sample(d, probe, 0);
  for (let i = 1; i <= cycles; i++) {
    await d.service.scheduler.runAll();
    if (i % every === 0) await sample(d, probe, i);
  }
  const perDay = await rowsPerDay(d);
  emit({ event: 'rate', fetchRowsPerDay: perDay, cyclesPerDay: Object.fromEntries(d.service.sources.map((s) => [s.id, runsPerDay(s.schedule)])) });
  if (agingText !== '-') {
    emit({ event: 'aging-start' });
    await age(d, probe, agingText.split(',').map(Number), perDay);
  }
  await d.close();
  emit({ event: 'done' });
}

await main();
