/**
 * End-to-end proof of alerting with the real binaries:
 *
 *   AgencySite (local agency pages, Last-Modified/ETag/304)
 *     → createService (scheduler polling every second, SQLite store, exporter on a free port)
 *     → Prometheus 2.42 (job `enforcement-watch`, the project's alerts/*.yml)
 *     → Alertmanager 0.25 (the project's deploy/alertmanager.yml)
 *     → a webhook receiver that records every notification (firing and resolved).
 *
 * What the test changes, and nothing else (tests/helpers/alerting-rewrites.ts; each rewrite
 * verifies by re-parsing that it reached every place):
 * - alerts/*.yml: every `for: <d>` line becomes `for: 3s` (production: 5m..6h). Expressions,
 *   labels, annotations and comments are loaded verbatim; rules without `for:` keep none.
 * - deploy/alertmanager.yml: every webhook URL `…/hooks/<receiver>` points at the test's receiver
 *   (same path); every `group_wait` → 1s, `group_interval` → 1s, `repeat_interval` → 1m
 *   (production: 0s–5m / 1m–30m / 5m–72h). Routes, matchers and inhibit rules are verbatim.
 * - Prometheus: deploy/prometheus.yml names docker hosts, so the test writes its own with the same
 *   job name, scrape and evaluation every 1s (production 60s), the rewritten rules beside it.
 * - Sources: test sources (tests/helpers/e2e-sources.ts) polled every second with jitter 0, no
 *   fetch retries; cadence 20s + 5s grace for the two "is the agency late?" scenarios, one day +
 *   one day for the others so they never become overdue. Their parsers give no posted date, so
 *   `publishedAt` is the Last-Modified the AgencySite sends (second precision).
 *
 * The five scenarios run concurrently in one stack, each on its own source (and the outage on
 * its own agency server), so no alert of one can inhibit or mask another. Every wait is bounded
 * and reports what did arrive. A missing binary makes every test FAIL with an install hint.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createService, type Service } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import type { Cadence } from '../../src/core/source.js';
import { AgencySite } from '../../src/demo/agency-site.js';
import { METRIC } from '../../src/metrics/names.js';
import { rewriteAlertmanagerConfig, shortenForClauses } from '../helpers/alerting-rewrites.js';
import { e2eRegistry, listingSource, monthlyCsv, monthlyPage, pageSource, publish, redesignedPage, undatedListing } from '../helpers/e2e-sources.js';
import { startPromStack, type PromStack } from '../helpers/prom-stack.js';
import { familyOf, sourceSamples, sourceValue } from '../helpers/metrics-text.js';
import { tempDir } from '../helpers/tmp.js';
import { alertIs } from '../helpers/webhook-receiver.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FOR = '3s';
const AM_TIMINGS = { groupWait: '1s', groupInterval: '1s', repeatInterval: '1m' };
const SCRAPE_INTERVAL = '1s';
const EVALUATION_INTERVAL = '1s';
/** Bound on every "notification arrives after its cause" wait. */
const WAIT_MS = 30_000;
const SHORT: Cadence = { expectedIntervalSeconds: 20, graceSeconds: 5 };
const LONG: Cadence = { expectedIntervalSeconds: 86_400, graceSeconds: 86_400 };

const ID = { overdue: 'e2e-overdue', outage: 'e2e-outage', layout: 'e2e-layout', revised: 'e2e-revised', pace: 'e2e-pace' } as const;
const PATH = {
  overdue: '/overdue/stats',
  outage: '/outage/stats',
  layout: '/layout/stats',
  revisedListing: '/revised/listing',
  revisedFile: '/revised/files/encounters.csv',
  pace: '/pace/stats',
} as const;
const FLAT = { '2025-01': 1000, '2025-02': 1000, '2025-03': 1000 };
const REVISED_V1 = { '2025-01': 1000, '2025-02': 1010, '2025-03': 990 };
const PACE_V1 = { '2025-01': 1000, '2025-02': 1100, '2025-03': 900 };
const KEY = 'component=all,region=southwest_land_border';

let site: AgencySite; // the agency for every scenario but the outage
let outageSite: AgencySite; // a second agency server, closed by the outage scenario
let service: Service;
let stack: PromStack;
let exporterUrl = '';
let setupError: unknown;
const cleanups: (() => unknown)[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const oneLine = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Polls `check` every 200 ms until it returns true; throws `what` (plus `detail()`) after `timeoutMs`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, detail?: () => Promise<string> | string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${detail ? `\n${await detail()}` : ''}`);
    await sleep(200);
  }
}

async function metricsText(): Promise<string> {
  return (await fetch(`${exporterUrl}/metrics`)).text();
}

async function waitForSourceValue(name: string, source: string, ok: (v: number | undefined) => boolean, what: string): Promise<void> {
  let last: number | undefined;
  await until(
    `${what} (${name}{source="${source}"})`,
    async () => ok((last = sourceValue(await metricsText(), name, source))),
    WAIT_MS,
    () => `last value: ${last}`,
  );
}

/** Families that describe our own attempts (they move with every cycle, failed or not). */
const ATTEMPT_FAMILIES: readonly string[] = [
  METRIC.sourceUp,
  METRIC.sourceLastAttempt,
  METRIC.sourceLastSuccess,
  METRIC.sourceLastErrorInfo,
  METRIC.sourceFetchErrors,
  METRIC.sourceParseErrors,
  METRIC.sourceFetches,
  METRIC.sourceFetchDuration,
  METRIC.sourceFetchBytes,
];
const isAttemptSeries = (series: string) => ATTEMPT_FAMILIES.includes(familyOf(series));

function ready(): void {
  if (setupError) throw setupError;
}

async function setUp(): Promise<void> {
  site = new AgencySite();
  outageSite = new AgencySite();
  await site.listen();
  await outageSite.listen();
  cleanups.push(() => site.close(), () => outageSite.close());

  publish(site, PATH.overdue, monthlyPage(FLAT));
  publish(outageSite, PATH.outage, monthlyPage(FLAT));
  publish(site, PATH.layout, monthlyPage(FLAT));
  publish(site, PATH.revisedListing, undatedListing([PATH.revisedFile]));
  publish(site, PATH.revisedFile, monthlyCsv(REVISED_V1));
  publish(site, PATH.pace, monthlyPage(PACE_V1));
  const registry = e2eRegistry([
    pageSource({ id: ID.overdue, title: 'E2E overdue page', landingUrl: `${site.origin}${PATH.overdue}`, cadence: SHORT }),
    pageSource({ id: ID.outage, title: 'E2E outage page', landingUrl: `${outageSite.origin}${PATH.outage}`, cadence: SHORT }),
    pageSource({ id: ID.layout, title: 'E2E layout page', landingUrl: `${site.origin}${PATH.layout}`, cadence: LONG }),
    listingSource({ id: ID.revised, title: 'E2E revised file', landingUrl: `${site.origin}${PATH.revisedListing}`, cadence: LONG }),
    pageSource({ id: ID.pace, title: 'E2E pace page', landingUrl: `${site.origin}${PATH.pace}`, cadence: LONG }),
  ]);

  const data = tempDir('ew-e2e-alerting-');
  cleanups.push(data.cleanup);
  const defaults = loadConfig({ env: {}, knownSources: [] });
  const config: Config = {
    ...defaults,
    dataDir: data.dir,
    scheduler: { ...defaults.scheduler, jitterSeconds: 0 },
    // A refused connection must fail the cycle at once, not after 1 + 2 + 4 s of retries.
    http: { ...defaults.http, maxRetries: 0, connectTimeoutMs: 1_000, readTimeoutMs: 2_000, totalTimeoutMs: 3_000 },
  };
  service = createService({ config, registry, onCycle: () => undefined });
  cleanups.push(() => service.close());
  const first = await service.scheduler.runAll();
  const failed = first.filter((o) => !o?.ok);
  if (failed.length > 0) throw new Error(`first cycle failed: ${JSON.stringify(failed)}`);
  service.scheduler.start();
  const port = await service.listen(0, '127.0.0.1');
  exporterUrl = `http://127.0.0.1:${port}`;

  const ruleFiles: Record<string, string> = {};
  for (const f of fs.readdirSync(path.join(ROOT, 'alerts')).filter((n) => n.endsWith('.yml'))) {
    ruleFiles[f] = shortenForClauses(fs.readFileSync(path.join(ROOT, 'alerts', f), 'utf8'), FOR).text;
  }
  const amText = fs.readFileSync(path.join(ROOT, 'deploy/alertmanager.yml'), 'utf8');
  stack = await startPromStack({
    exporter: `127.0.0.1:${port}`,
    ruleFiles,
    alertmanagerConfig: (origin) => rewriteAlertmanagerConfig(amText, origin, AM_TIMINGS),
    scrapeInterval: SCRAPE_INTERVAL,
    evaluationInterval: EVALUATION_INTERVAL,
  });
  cleanups.push(() => stack.stop());

  // Prometheus scrapes ~5 s after start; until then absent(up) holds and ExporterDown (for: 3s
  // here) may fire and inhibit everything. Scenarios start once that is over.
  await until(
    'Prometheus to scrape the exporter with no ExporterDown active',
    async () => {
      if ((await stack.query('up{job="enforcement-watch"}'))[0]?.value !== 1) return false;
      if ((await stack.alerts()).some((a) => a.labels.alertname === 'ExporterDown')) return false;
      const am = (await (await fetch(`${stack.alertmanagerUrl}/api/v2/alerts?filter=${encodeURIComponent('alertname="ExporterDown"')}`)).json()) as unknown[];
      return am.length === 0;
    },
    45_000,
    () => stack.logs(),
  );
}

beforeAll(async () => {
  try {
    await setUp();
  } catch (err) {
    // Rethrown by every test: a missing binary or a broken stack FAILS them (never skips).
    setupError = err;
  }
}, 120_000);

afterAll(async () => {
  if (stack) console.log(`alerting e2e: notifications received\n${stack.webhook.summary()}`);
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch (err) {
      console.error(`alerting e2e cleanup: ${(err as Error).message}`);
    }
  }
}, 30_000);

// Each bounded wait fails first with its own message; this only stops a hung test.
describe.concurrent('alerting end to end (real Prometheus, Alertmanager and webhook)', { timeout: 120_000 }, () => {
  it('pages PublicationOverdue when the agency stops publishing, and sends the resolution when it publishes again', async ({ expect }) => {
    ready();
    const landing = `${site.origin}${PATH.overdue}`;
    const publishedMs = publish(site, PATH.overdue, monthlyPage({ ...FLAT, '2025-04': 1000 }));
    await waitForSourceValue(METRIC.sourceLastPublished, ID.overdue, (v) => v === publishedMs / 1000, 'the Last-Modified to become the publication time');
    const deadlineMs = publishedMs + (SHORT.expectedIntervalSeconds + SHORT.graceSeconds) * 1000;

    const overdue = alertIs('PublicationOverdue', ID.overdue);
    const firing = await stack.webhook.waitFor(`PublicationOverdue for ${ID.overdue} (deadline ${new Date(deadlineMs).toISOString()})`, overdue, deadlineMs - Date.now() + WAIT_MS);
    const inPrometheus = (await stack.alerts()).find((a) => a.labels.alertname === 'PublicationOverdue' && a.labels.source === ID.overdue);
    expect(firing.receivedAt).toBeGreaterThanOrEqual(deadlineMs);
    expect(firing.receiver).toBe('oncall');
    expect(firing.labels).toMatchObject({ severity: 'page', job: 'enforcement-watch' });
    const a = firing.annotations;
    expect(oneLine(a.summary)).toBe(`E2E overdue page is 0.0 days overdue (last published ${day(publishedMs)})`);
    const description = oneLine(a.description);
    expect(description).toContain(`E2E overdue page was last published on ${minute(publishedMs)}.`);
    expect(description).toContain(`the next one was expected by ${day(publishedMs + SHORT.expectedIntervalSeconds * 1000)};`);
    expect(description).toContain(`it is overdue since ${minute(deadlineMs)}, 0.0 days ago.`);
    expect(description).toMatch(/We last read the page successfully at \d{4}-\d\d-\d\d \d\d:\d\d UTC, after that deadline/);
    expect(a.link).toBe(landing);
    expect(a.runbook).toBe('docs/alerts.md#publicationoverdue');
    reportDelay(deadlineMs, firing.startsAt, firing.receivedAt, inPrometheus?.activeAt);

    publish(site, PATH.overdue, monthlyPage({ ...FLAT, '2025-04': 1000, '2025-05': 1000 }));
    const resolved = await stack.webhook.waitFor(`resolved PublicationOverdue for ${ID.overdue}`, alertIs('PublicationOverdue', ID.overdue, 'resolved'), WAIT_MS);
    expect(resolved.receiver).toBe('oncall');
    expect(resolved.labels.source).toBe(ID.overdue);
  });

  it('pages ScrapeFailing, and never PublicationOverdue, when the agency server goes down past the deadline', async ({ expect }) => {
    ready();
    const publishedMs = publish(outageSite, PATH.outage, monthlyPage({ ...FLAT, '2025-04': 1000 }));
    await waitForSourceValue(METRIC.sourceLastPublished, ID.outage, (v) => v === publishedMs / 1000, 'the Last-Modified to become the publication time');
    const deadlineMs = publishedMs + (SHORT.expectedIntervalSeconds + SHORT.graceSeconds) * 1000;
    await outageSite.close();

    const failing = await stack.webhook.waitFor(`ScrapeFailing for ${ID.outage}`, alertIs('ScrapeFailing', ID.outage), WAIT_MS);
    expect(failing.receiver).toBe('oncall');
    expect(oneLine(failing.annotations.summary)).toBe('E2E outage page: our fetch keeps failing (refused)');
    expect(failing.annotations.link).toBe(`${outageSite.origin}${PATH.outage}`);

    // Watch until well after the deadline: by then a PublicationOverdue would have had time to
    // go pending, fire (for: 3s) and pass group_wait. The rule itself must not fire (its
    // last_success guard), so Prometheus is checked too, not only what reached the webhook.
    const windowEnd = deadlineMs + 10_000;
    while (Date.now() < windowEnd) {
      const active = (await stack.alerts()).filter((x) => x.labels.alertname === 'PublicationOverdue' && x.labels.source === ID.outage);
      expect(active, 'PublicationOverdue pending or firing in Prometheus during our outage').toEqual([]);
      await sleep(500);
    }
    expect(Date.now()).toBeGreaterThan(deadlineMs);
    const overdue = stack.webhook.alerts.filter(alertIs('PublicationOverdue', ID.outage));
    expect(overdue, `notifications received:\n${stack.webhook.summary()}`).toEqual([]);
    expect(sourceValue(await metricsText(), METRIC.sourceUp, ID.outage)).toBe(0);
  });

  it('pages ParserBroken when the page layout changes, and no value in /metrics changes', async ({ expect }) => {
    ready();
    await waitForSourceValue(METRIC.sourceUp, ID.layout, (v) => v === 1, 'the layout source to be up');
    const values = (text: string) => [...sourceSamples(text, ID.layout)].filter(([series]) => !isAttemptSeries(series));
    const before = values(await metricsText());
    expect(before.map(([s]) => s)).toContain(`enforcement_cbp_encounters{source="${ID.layout}",component="all",region="southwest_land_border"}`);

    publish(site, PATH.layout, redesignedPage({ '2025-01': 1000, '2025-02': 1777, '2025-03': 1000, '2025-04': 5 }));
    const broken = await stack.webhook.waitFor(`ParserBroken for ${ID.layout}`, alertIs('ParserBroken', ID.layout), WAIT_MS);
    expect(broken.receiver).toBe('oncall');
    expect(oneLine(broken.annotations.summary)).toBe('E2E layout page: the page no longer matches the parser (layout)');

    const after = await metricsText();
    expect(values(after)).toEqual(before);
    expect(sourceValue(after, METRIC.sourceUp, ID.layout)).toBe(0);
    expect(after).toContain(`${METRIC.sourceLastErrorInfo}{source="${ID.layout}",kind="layout"} 1`);
    expect(stack.webhook.alerts.filter(alertIs('ScrapeFailing', ID.layout))).toEqual([]);
  });

  it('tells the newsroom DataRevised, with the old and new value, when a republished file changes a past month', async ({ expect }) => {
    ready();
    await waitForSourceValue(METRIC.sourceUp, ID.revised, (v) => v === 1, 'the revision source to be up');
    expect(stack.webhook.alerts.filter(alertIs('DataRevised', ID.revised))).toEqual([]);
    publish(site, PATH.revisedFile, monthlyCsv({ ...REVISED_V1, '2025-02': 1234, '2025-04': 1005 }));

    const revised = await stack.webhook.waitFor(`DataRevised for ${ID.revised}`, alertIs('DataRevised', ID.revised), WAIT_MS);
    expect(revised.receiver).toBe('newsroom');
    expect(revised.labels).toMatchObject({ severity: 'info', series: 'cbp_encounters', period: '2025-02', key: KEY });
    expect(oneLine(revised.annotations.summary)).toBe(`cbp_encounters 2025-02 revised from 1010 to 1234 (${ID.revised})`);
    expect(oneLine(revised.annotations.description)).toContain(`E2E revised file: the figure for cbp_encounters (${KEY}), period 2025-02, changed from 1010 to 1234 (change +224)`);
    expect(revised.annotations.link).toBe(`${site.origin}${PATH.revisedListing}`);
  });

  it('tells the newsroom PaceShift when a month falls far below its trailing three-month mean', async ({ expect }) => {
    ready();
    await waitForSourceValue(METRIC.sourceUp, ID.pace, (v) => v === 1, 'the pace source to be up');
    publish(site, PATH.pace, monthlyPage({ ...PACE_V1, '2025-04': 300 }));

    const shift = await stack.webhook.waitFor(`PaceShift for ${ID.pace}`, alertIs('PaceShift', ID.pace), WAIT_MS);
    expect(shift.receiver).toBe('newsroom');
    expect(shift.labels).toMatchObject({ severity: 'info', series: 'cbp_encounters', key: KEY, basis: 'trailing_3_month_mean' });
    // 300 against the mean of 1000, 1100, 900 = 1000: −70 %.
    expect(oneLine(shift.annotations.summary)).toBe(`cbp_encounters (${KEY}): -70% against its trailing 3-month mean (${ID.pace})`);
    expect(oneLine(shift.annotations.description)).toContain('(alert threshold for this series: ±40%; change on the previous month: -66.67%)');
  });
});

/** Prints how long PublicationOverdue took from the deadline to the webhook, and where the time went. */
function reportDelay(deadlineMs: number, startsAt: string, receivedAt: number, activeAt: string | undefined): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
  const readAfter = service.store.db
    .prepare('SELECT min(started_at + coalesce(duration_ms, 0)) AS t FROM fetches WHERE source = ? AND started_at + coalesce(duration_ms, 0) > ?')
    .get(ID.overdue, deadlineMs) as { t: number | null };
  const pending = activeAt ? Date.parse(activeAt) : NaN;
  const fired = Date.parse(startsAt);
  console.log(
    [
      `PublicationOverdue delivery delay: ${s(receivedAt - deadlineMs)} after the deadline ${new Date(deadlineMs).toISOString()}`,
      `  first read after the deadline  +${readAfter.t === null ? 'n/a' : s(readAfter.t - deadlineMs)}`,
      `  pending in Prometheus (activeAt) +${s(pending - deadlineMs)}`,
      `  firing (startsAt)              +${s(fired - deadlineMs)}`,
      `  received by the webhook        +${s(receivedAt - deadlineMs)}`,
      `  (scrape ${SCRAPE_INTERVAL}, evaluation ${EVALUATION_INTERVAL}, for ${FOR}, group_wait ${AM_TIMINGS.groupWait}, polling every 1s)`,
    ].join('\n'),
  );
}
