/**
 * Child process for the crash-safety test (`tests/crash/*.test.ts`), run with
 * `node --import tsx tests/helpers/crash-ingest.ts --data-dir DIR --until N [--demo URL]`.
 * The test kills it with SIGKILL at random points and checks the store after each kill.
 *
 * It opens a Store in DIR and ingests, through the real `runCycle` and `Store.commitCycle`:
 * - the synthetic source {@link SYNTHETIC_SOURCE}: a listing followed to a ~60 KB CSV of
 *   {@link SYNTHETIC_KEYS} values, new every round, every value changed (so each round writes a
 *   listing and a file capture, 1,200 vintages and 1,200 revisions in one transaction). Round r
 *   is deterministic: value of key i is {@link syntheticValue}(i, r), the file's `signals.round`
 *   is r, so the state row says which round the stored values belong to;
 * - with `--demo URL`: one real registry source per round, rebased onto the demo site at URL
 *   (startDemoSite in the test process), round robin, and every one of them once more before
 *   exiting. The registry (parsers, cheerio) is loaded only then: it costs a second of start-up
 *   and the kill loop wants many short-lived children.
 *
 * Start-up (tsx, modules, the registry) is slow on a busy machine, so the child first loads
 * everything, prints `loaded` and waits for a `go` line on stdin before it touches the store:
 * the test boots the next child while the current one runs and is killed.
 *
 * It resumes where the store says it stopped (`signals.round` of the synthetic source) and stops
 * after round N. Output, one line each: `loaded`, `ready <round>`, `start <r>`, `done <r>` (the
 * round is committed), `demo <source id>`, `commit <source id>` … `committed` around every
 * `Store.commitCycle` (stdout to a pipe is synchronous, so the line is out before the
 * transaction starts), `finished <round>`. Exit 0 on success, 1 on any failed cycle.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LayoutError } from '../../src/core/errors.js';
import type { SourceDef } from '../../src/core/source.js';
import type { Observation, ParserDef } from '../../src/core/types.js';
import type { FetchRequest, FetchResult } from '../../src/fetch/types.js';
import { runCycle, type CycleDeps, type HttpFetcher } from '../../src/pipeline/run-cycle.js';
import { Store } from '../../src/store/store.js';
import { listingHtml, listingParser } from './test-sources.js';

export const SYNTHETIC_SOURCE = 'crash-synthetic';
export const SYNTHETIC_ORIGIN = 'http://synthetic.invalid';
/** 50 regions × 24 months: a commit of ~6,000 statements, big enough for kills to land inside. */
export const SYNTHETIC_KEYS = 1_200;
const MONTHS = Array.from({ length: 24 }, (_, m) => `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);

/** The value key `i` holds after round `r`: different in every round, so every round revises it. */
export const syntheticValue = (i: number, r: number): number => i * 10_000 + r;

/** Labels and period of key `i` (`region` r000…r049, 24 months each). */
export function syntheticKey(i: number): { labels: { region: string; component: string }; period: string } {
  return { labels: { region: `r${String(Math.floor(i / MONTHS.length)).padStart(3, '0')}`, component: 'all' }, period: MONTHS[i % MONTHS.length]! };
}

/** Round r's CSV: a header naming the round, one row per key, and incompressible padding. */
function syntheticCsv(r: number): Buffer {
  const rows = [`crash-round,${r}`];
  for (let i = 0; i < SYNTHETIC_KEYS; i++) {
    const k = syntheticKey(i);
    rows.push(`${k.labels.region},${k.period},${syntheticValue(i, r)}`);
  }
  // Deterministic noise (same bytes when a killed round is redone) that gzip cannot shrink.
  for (let line = 0; line < 400; line++) rows.push(`#${createHash('sha256').update(`${r}:${line}`).digest('base64')}${createHash('sha256').update(`${line}:${r}`).digest('hex')}`);
  return Buffer.from(`${rows.join('\n')}\n`);
}

const syntheticCsvParser: ParserDef = {
  id: 'crash-synthetic-csv',
  version: 1,
  description: 'crash test: region,period,value rows of one round',
  format: 'csv',
  parse({ body }) {
    const lines = body.toString('utf8').split('\n');
    const head = /^crash-round,(\d+)$/.exec(lines[0] ?? '');
    if (!head) throw new LayoutError('not a crash-round file');
    const observations: Observation[] = [];
    for (const line of lines.slice(1)) {
      if (line === '' || line.startsWith('#')) continue;
      const [region, period, value] = line.split(',');
      observations.push({ series: 'cbp_encounters', labels: { region: region!, component: 'all' }, period: period!, value: Number(value) });
    }
    return { observations, issues: [], signals: { round: head[1]! } };
  },
};

const syntheticSource: SourceDef = {
  id: SYNTHETIC_SOURCE,
  agency: 'CBP',
  title: 'Crash test: synthetic rounds',
  landingUrl: `${SYNTHETIC_ORIGIN}/listing`,
  schedule: '* * * * *',
  cadence: { expectedIntervalSeconds: 86_400, graceSeconds: 86_400 },
  landing: listingParser,
  follow: { parser: syntheticCsvParser },
};

/** Serves round `r` of the synthetic agency from memory (the real Fetcher is not the subject here). */
function syntheticFetcher(r: number): HttpFetcher {
  const posted = new Date(Date.UTC(2020, 0, 1) + r * 86_400_000).toISOString().slice(0, 10);
  return {
    async fetch(req: FetchRequest): Promise<FetchResult> {
      const { pathname } = new URL(req.url);
      const listing = pathname === '/listing';
      const body = listing ? Buffer.from(listingHtml([{ href: `/round-${r}.csv`, posted }])) : syntheticCsv(Number(/^\/round-(\d+)\.csv$/.exec(pathname)?.[1]));
      const sha256 = createHash('sha256').update(body).digest('hex');
      const contentType = listing ? 'text/html' : 'text/csv';
      return { outcome: 'ok', url: req.url, finalUrl: req.url, status: 200, body, sha256, contentType, etag: null, lastModified: null, durationMs: 0, attempts: 1 };
    },
  };
}

/** The real registry's sources, every one pointed at the demo site, and a real Fetcher for it. */
async function demoRegistry(dataDir: string, origin: string): Promise<{ sources: SourceDef[]; fetcher: HttpFetcher }> {
  const [{ SOURCES }, { resolveSources }, { configSchema }, { Fetcher }] = await Promise.all([
    import('../../scrapers/index.js'),
    import('../../src/config/resolve.js'),
    import('../../src/config/schema.js'),
    import('../../src/fetch/index.js'),
  ]);
  const fetcher = new Fetcher({ allowedHosts: [new URL(origin).host], maxRetries: 0, connectTimeoutMs: 5_000, readTimeoutMs: 10_000 });
  return { sources: resolveSources(SOURCES, configSchema.parse({ dataDir }), origin), fetcher };
}

/** Resolves when stdin brings a `go` line (or closes). */
function goSignal(): Promise<void> {
  return new Promise((resolve) => {
    let text = '';
    const done = (): void => {
      process.stdin.off('data', onData);
      process.stdin.destroy();
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (/^go$/m.test(text)) done();
    };
    process.stdin.on('data', onData);
    process.stdin.once('end', done);
  });
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Marks the span of every transaction so the test knows which kills landed inside a commit. */
function announceCommits(store: Store): void {
  const commit = store.commitCycle.bind(store);
  store.commitCycle = (c) => {
    say(`commit ${c.source}`);
    const counts = commit(c);
    say('committed');
    return counts;
  };
}

function mustSucceed(out: { ok: boolean; source: string; errorKind?: string; message?: string }): void {
  if (!out.ok) throw new Error(`cycle of ${out.source} failed: ${out.errorKind}: ${out.message}`);
}

/** Synthetic rounds from the stored one up to `until`, a registry source after each, then every one. */
async function ingest(store: Store, until: number, demo: { sources: SourceDef[]; deps: CycleDeps } | undefined): Promise<number> {
  let round = Number(store.state(SYNTHETIC_SOURCE).signals.round ?? 0);
  say(`ready ${round}`);
  for (let turn = 0; round < until; turn++) {
    const r = round + 1;
    say(`start ${r}`);
    mustSucceed(await runCycle({ store, fetcher: syntheticFetcher(r), now: Date.now }, syntheticSource));
    say(`done ${r}`);
    round = r;
    if (!demo) continue;
    const source = demo.sources[turn % demo.sources.length]!;
    say(`demo ${source.id}`);
    mustSucceed(await runCycle(demo.deps, source));
  }
  for (const source of demo?.sources ?? []) mustSucceed(await runCycle(demo!.deps, source));
  return round;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, demo: { type: 'string' }, until: { type: 'string' } } });
  const dataDir = values['data-dir'];
  const until = Number(values.until);
  if (!dataDir || !Number.isInteger(until)) throw new Error('usage: crash-ingest.ts --data-dir DIR --until N [--demo URL]');
  const registry = values.demo ? await demoRegistry(dataDir, values.demo) : undefined;
  say('loaded');
  await goSignal();
  const store = Store.open(dataDir);
  announceCommits(store);
  const demo = registry && { sources: registry.sources, deps: { store, fetcher: registry.fetcher, now: Date.now } };
  const round = await ingest(store, until, demo);
  store.close();
  say(`finished ${round}`);
  return 0;
}

// Only as a script: the crash test imports the constants above without starting an ingestion.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`crash-ingest: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
