/**
 * Every query of the committed dashboards (panel targets and annotations), run against a real
 * Prometheus (tests/helpers/prom-stack.ts: Prometheus 2.42 with the project's alert rules, and
 * Alertmanager) scraping the exporter in demo mode (`serve --demo`: the demo agency site plays
 * every source) every second. Grafana's variables are replaced with concrete values first.
 *
 * A query must return data, unless EXPECTED_EMPTY lists it with the reason the demo cannot show
 * it (an alert-only series, or one that needs history the demo does not make); a listed query
 * that does return data fails too, so the list stays true. On top: the publication status in
 * PromQL equals the exporter's own `publicationStatus`, the source variable lists the registry,
 * and the headline stats show the demo's known figures with their as-of dates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_CODE } from '../../dashboards/lib/labels.js';
import { SOURCES } from '../../scrapers/index.js';
import { METRIC } from '../../src/metrics/names.js';
import type { PublicationStatus } from '../../src/server/views.js';
import { rewriteAlertmanagerConfig } from '../helpers/alerting-rewrites.js';
import { startServe } from '../helpers/cli.js';
import { startPromStack, type PromStack } from '../helpers/prom-stack.js';
import { tempDir } from '../helpers/tmp.js';
import { loadGenerated, panelByTitle, queriesOf, ROOT, type DashboardJson, type QueryJson } from './dashboard-json.js';

const REVISIONS = 'alert-only in the demo: the demo publishes each file once, so no number is ever revised';
const EXPECTED_EMPTY: Readonly<Record<string, string>> = {
  'ew-exporter-health › Why sources are down › A': 'alert-only: enforcement_source_last_error_info exists only while a source is down; every demo source is up',
  'ew-pace-revisions › Revisions recorded, by series › A': REVISIONS,
  ...Object.fromEntries(['A', 'B', 'C', 'D', 'E', 'F'].map((r) => [`ew-pace-revisions › Newest revision of each series › ${r}`, REVISIONS])),
  'ew-overview › annotation Revisions': REVISIONS,
  'ew-pace-revisions › annotation Revisions': REVISIONS,
  'ew-publication-health › annotation Revisions': REVISIONS,
};

/** Grafana's variables and the values the queries run with (1 s scrapes, a 60 s window). */
const VARIABLES: readonly (readonly [RegExp, string])[] = [
  [/\$\{source\}|\$source\b/g, '.*'],
  [/\$__rate_interval\b/g, '15s'],
  [/\$__interval\b/g, '5s'],
  [/\$__range\b/g, '60s'],
];

function substitute(expr: string): string {
  const out = VARIABLES.reduce((e, [re, value]) => e.replace(re, value), expr);
  if (out.includes('$')) throw new Error(`a Grafana variable this test does not know is left in: ${out}`);
  return out;
}

const dashboards = loadGenerated();
const byUid = (uid: string): DashboardJson => dashboards.find((d) => d.uid === uid)!;
const ALL_QUERIES = dashboards.flatMap(queriesOf);

let serve: Awaited<ReturnType<typeof startServe>>;
let stack: PromStack;
const tmp = tempDir('ew-dash-queries-');

interface Sample {
  metric: Record<string, string>;
  value?: [number, string];
  values?: [number, string][];
}

async function api(p: string): Promise<Sample[]> {
  const res = await fetch(`${stack.prometheusUrl}${p}`);
  const body = (await res.json()) as { status: string; error?: string; data: { resultType: string; result: Sample[] | [number, string] } };
  if (body.status !== 'success') throw new Error(`Prometheus ${decodeURIComponent(p)}: ${body.error}`);
  // A scalar result (none in the dashboards) would be one value, not a list of series.
  return body.data.resultType === 'scalar' ? [{ metric: {}, value: body.data.result as [number, string] }] : (body.data.result as Sample[]);
}

async function run(q: QueryJson): Promise<Sample[]> {
  const expr = encodeURIComponent(substitute(q.expr));
  const now = Date.now() / 1000;
  return q.kind === 'instant' ? api(`/api/v1/query?query=${expr}&time=${now}`) : api(`/api/v1/query_range?query=${expr}&start=${now - 60}&end=${now}&step=1`);
}

beforeAll(async () => {
  serve = await startServe(['--demo', '--port', '0', '--host', '127.0.0.1', '--data-dir', tmp.dir]);
  const ruleFiles = Object.fromEntries(
    fs.readdirSync(path.join(ROOT, 'alerts')).filter((f) => f.endsWith('.yml')).map((f) => [f, fs.readFileSync(path.join(ROOT, 'alerts', f), 'utf8')]),
  );
  const am = fs.readFileSync(path.join(ROOT, 'deploy', 'alertmanager.yml'), 'utf8');
  stack = await startPromStack({
    exporter: new URL(serve.url).host,
    ruleFiles,
    alertmanagerConfig: (origin) => rewriteAlertmanagerConfig(am, origin, { groupWait: '1s', groupInterval: '1s', repeatInterval: '1m' }),
    scrapeInterval: '1s',
    evaluationInterval: '1s',
  });
  // Counters need several scrapes inside the rate window before increase() and rate() answer.
  const until = Date.now() + 30_000;
  for (;;) {
    const [s] = await api(`/api/v1/query?query=${encodeURIComponent('count_over_time(up{job="enforcement-watch"}[15s])')}`).catch(() => []);
    if (s && Number(s.value?.[1]) >= 6) break;
    if (Date.now() > until) throw new Error(`Prometheus did not scrape the demo exporter 6 times in 30 s:\n${stack.logs()}\n${serve.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  await serve?.stop();
  tmp.cleanup();
});

describe('dashboard queries against Prometheus scraping `serve --demo`', () => {
  it('lists only queries that exist', () => {
    const keys = new Set(ALL_QUERIES.map((q) => q.key));
    expect(Object.keys(EXPECTED_EMPTY).filter((k) => !keys.has(k))).toEqual([]);
    expect(keys.size).toBe(ALL_QUERIES.length);
  });

  it.each(ALL_QUERIES.map((q) => [q.key, q] as const))('%s', async (key, q) => {
    const result = await run(q);
    const points = result.reduce((n, s) => n + (s.values?.length ?? (s.value ? 1 : 0)), 0);
    if (key in EXPECTED_EMPTY) {
      expect(points, `listed as "${EXPECTED_EMPTY[key]}" but returns data: remove it from EXPECTED_EMPTY`).toBe(0);
    } else {
      expect(points, `no data for:\n${substitute(q.expr)}`).toBeGreaterThan(0);
    }
  });
});

describe('what the queries say about the demo', () => {
  const instant = async (expr: string) => api(`/api/v1/query?query=${encodeURIComponent(substitute(expr))}`);
  const target = (uid: string, title: string, refId: string) => panelByTitle(byUid(uid), title).targets!.find((t) => t.refId === refId)!.expr!;

  it('the source variable lists every source of the registry', async () => {
    const res = await fetch(`${stack.prometheusUrl}/api/v1/label/source/values?match[]=${encodeURIComponent(METRIC.sourceInfo)}`);
    const body = (await res.json()) as { data: string[] };
    expect(body.data.sort()).toEqual(SOURCES.map((s) => s.id).sort());
  });

  it('the publication status in PromQL is publicationStatus of the exporter, for every source', async () => {
    const expr = target('ew-publication-health', 'Publication status over time', 'A');
    const promql = new Map((await instant(expr)).map((s) => [s.metric.source!, Number(s.value![1])]));
    const api = (await (await fetch(`${serve.url}/api/v1/sources`)).json()) as { sources: { id: string; status: PublicationStatus }[] };
    expect(api.sources.length).toBe(SOURCES.length);
    for (const s of api.sources) expect(promql.get(s.id), s.id).toBe(STATUS_CODE[s.status]);
  });

  it('the headline stats show the demo workbook with its data pull date', async () => {
    const asOf = Date.parse('2025-01-06T23:59:59Z');
    const removals = await instant(target('ew-overview', 'ICE removals so far this fiscal year', 'A'));
    expect(removals.map((s) => [s.metric.fiscal_year, Number(s.value![1])])).toEqual([['2025', 76939]]);
    const removalsAsOf = await instant(target('ew-overview', 'ICE removals so far this fiscal year', 'B'));
    expect(removalsAsOf.map((s) => Number(s.value![1]))).toEqual([asOf]);
    const detained = await instant(target('ew-overview', 'In ICE detention', 'A'));
    expect(detained.map((s) => Number(s.value![1]))).toEqual([39703]);
  });

  it('the on-goal path equals the goal pro rata at the data pull date', async () => {
    const [path] = await instant(target('ew-overview', 'ICE removals this fiscal year against the goal', 'B'));
    // FY2025 starts 2024-10-01; 2025-01-06 is its 98th day of 365.
    expect(Number(path!.value![1])).toBeCloseTo((1_000_000 * 98) / 365, 0);
  });
});
