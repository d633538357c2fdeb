/**
 * The CBP half of the demo site, read the way demo mode reads it: each source of
 * `scrapers/cbp.ts` rebased onto the demo origin (path kept), its landing parser run on the
 * landing route and, when it follows, its pick applied and the file at that path parsed. The
 * headline figures are compared with ../shared/reference-data (ground truth and publication
 * history); this suite fails, never skips, when that data is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cbpSources } from '../../scrapers/cbp.js';
import type { SourceDef } from '../../src/core/source.js';
import type { ParseResult, Publication } from '../../src/core/types.js';
import { AgencySite, type Route } from '../../src/demo/agency-site.js';
import { cbpDemoRoutes } from '../../src/demo/cbp-site.js';
import { Fetcher } from '../../src/fetch/index.js';
import { runCycle } from '../../src/pipeline/run-cycle.js';
import { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const refDir = path.resolve(repoRoot, '../shared/reference-data');
const DEMO_ORIGIN = 'http://127.0.0.1:8089';
const HTML = 'text/html; charset=utf-8';

function referenceText(relative: string): string {
  const file = path.join(refDir, relative);
  if (!existsSync(file)) throw new Error(`reference file missing: ${file}`);
  return readFileSync(file, 'utf8');
}

/** Ground-truth CSV rows as objects (quoted fields, no embedded newlines). */
function reference(relative: string): Record<string, string>[] {
  const [header, ...lines] = referenceText(relative).split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (line: string): string[] =>
    [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
  const names = split(header!);
  return lines.map((line) => Object.fromEntries(split(line).map((v, i) => [names[i]!, v])));
}

const routes = new Map<string, Route>(cbpDemoRoutes());

function route(pathname: string): Route {
  const found = routes.get(pathname);
  if (!found) throw new Error(`the demo site has no route ${pathname}`);
  return found;
}

interface Cycle {
  readonly landing: ParseResult;
  readonly followed?: Publication;
  readonly file?: ParseResult;
}

/** One source's cycle over the routes, as `runCycle` does it (minus HTTP and the store). */
function cycle(source: SourceDef): Cycle {
  const landingPath = new URL(source.landingUrl).pathname;
  const landing = source.landing.parse({ body: route(landingPath).body, url: new URL(landingPath, DEMO_ORIGIN).toString() });
  if (!source.follow) return { landing };
  const followed = (source.follow.pick ?? ((p) => p[0]))(landing.publications ?? []);
  if (!followed) throw new Error(`${source.id}: the listing offers nothing to follow`);
  const file = source.follow.parser.parse({ body: route(new URL(followed.url).pathname).body, url: followed.url });
  return { landing, followed, file };
}

const cycles = new Map<string, Cycle>();
function cycleOf(id: string): Cycle {
  if (!cycles.has(id)) cycles.set(id, cycle(cbpSources.find((s) => s.id === id)!));
  return cycles.get(id)!;
}

function value(r: ParseResult | undefined, series: string, period: string, labels: Record<string, string>): number | undefined {
  const hits = (r?.observations ?? []).filter(
    (o) => o.series === series && o.period === period && Object.entries(labels).every(([k, v]) => o.labels[k] === v),
  );
  expect(hits.length, `${series} ${period} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return hits[0]?.value;
}

const encounters = (r: ParseResult | undefined, period: string, region: string, component: string) =>
  value(r, 'cbp_encounters', period, { region, component });
const swTruth = () => reference('ground-truth/cbp-swb-monthly-encounters-fy2022-fy2025aug.csv');

describe('cbpDemoRoutes()', () => {
  it.each(cbpSources.map((s) => [s.id, s] as const))('%s: a full cycle parses with no issues', (_id, source) => {
    const { landing, followed, file } = cycleOf(source.id);
    expect(landing.issues).toEqual([]);
    expect(landing.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (source.follow) {
      expect(followed, source.id).toBeDefined();
      expect(file!.issues).toEqual([]);
      expect(file!.observations.length).toBeGreaterThan(0);
    } else {
      expect(landing.observations.length + Object.keys(landing.signals ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('defines each path once, with cbp.gov content types and an HTTP Last-Modified', () => {
    expect(routes.size).toBe(cbpDemoRoutes().length);
    for (const [pathname, r] of routes) {
      expect(pathname).toMatch(/^\/(newsroom|document|sites)\//);
      expect(r.contentType).toBe(pathname.endsWith('.csv') ? 'text/csv' : HTML);
      expect(new Date(r.lastModified!).toUTCString()).toBe(r.lastModified);
    }
  });

  it('is deterministic: a second call yields the same bytes', () => {
    const again = new Map(cbpDemoRoutes());
    for (const [pathname, r] of routes) expect(again.get(pathname)!.body.equals(r.body), pathname).toBe(true);
  });

  it('southwest CSV reproduces every month of the ground truth (USBP, OFO, total), e.g. March 2025 = 11,012', () => {
    const { followed, file } = cycleOf('cbp-southwest-csv');
    expect(new URL(followed!.url).pathname).toBe('/sites/default/files/2025-09/sbo-encounters-fy22-fy25-aug.csv');
    const truth = swTruth();
    expect(truth).toHaveLength(47);
    for (const row of truth) {
      expect(encounters(file, row.month!, 'southwest_land_border', 'usbp'), `${row.month} usbp`).toBe(Number(row.usbp_swb_apprehensions_t8_plus_t42));
      expect(encounters(file, row.month!, 'southwest_land_border', 'ofo'), `${row.month} ofo`).toBe(Number(row.ofo_swb_inadmissibles_t8_plus_t42));
      expect(encounters(file, row.month!, 'southwest_land_border', 'all'), `${row.month} all`).toBe(Number(row.swb_total_encounters));
    }
    expect(encounters(file, '2025-03', 'southwest_land_border', 'all')).toBe(11012);
    const months = new Set(file!.observations.filter((o) => o.series === 'cbp_encounters').map((o) => o.period));
    expect([...months].sort()).toEqual(truth.map((t) => t.month).sort());
    expect(file!.dataAsOf).toBe('2025-08-31');
    expect(file!.signals).toMatchObject({ layout: 'southwest_sbo' });
  });

  it('southwest CSV is in the real sbo layout: CRLF, no BOM, no final newline, 2025 (FYTD), Remaining', () => {
    const text = route('/sites/default/files/2025-09/sbo-encounters-fy22-fy25-aug.csv').body.toString('utf8');
    expect(text.startsWith('Fiscal Year,Month Grouping,Month (abbv),Component,Demographic,Citizenship Grouping,')).toBe(true);
    expect(text.split('\r\n').length).toBe(text.split('\n').length);
    expect(text.endsWith('\n')).toBe(false);
    expect(text).toContain('\r\n2025 (FYTD),FYTD,MAR,U.S. Border Patrol,');
    expect(text).toContain('\r\n2024,Remaining,SEP,');
    expect(text).toContain(',Title 42,Expulsions,');
  });

  it('nationwide CSV: southwest sums per component equal the ground truth for every month it covers', () => {
    const { followed, file } = cycleOf('cbp-nationwide-csv');
    expect(new URL(followed!.url).pathname).toBe('/sites/default/files/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv');
    const covered = swTruth().filter((row) => row.month! >= '2022-10');
    expect(covered).toHaveLength(35);
    for (const row of covered) {
      expect(encounters(file, row.month!, 'southwest_land_border', 'usbp'), `${row.month} usbp`).toBe(Number(row.usbp_swb_apprehensions_t8_plus_t42));
      expect(encounters(file, row.month!, 'southwest_land_border', 'ofo'), `${row.month} ofo`).toBe(Number(row.ofo_swb_inadmissibles_t8_plus_t42));
    }
    expect(file!.dataAsOf).toBe('2026-08-31');
    expect(file!.signals).toMatchObject({ layout: 'nationwide_aor' });
  });

  it('nationwide CSV agrees with the pages and releases where they state a figure', () => {
    const { file } = cycleOf('cbp-nationwide-csv');
    const page = cycleOf('cbp-nationwide-encounters').landing;
    for (const o of page.observations.filter((x) => x.labels.kind === 'total' && x.labels.region === 'southwest_land_border')) {
      expect(encounters(file, o.period, 'southwest_land_border', 'usbp'), o.period).toBe(o.value);
    }
    expect(encounters(file, '2025-09', 'southwest_land_border', 'usbp')).toBe(8386);
    expect(encounters(file, '2025-09', 'nationwide', 'all')).toBe(26002);
    expect(encounters(file, '2025-08', 'nationwide', 'all')).toBe(26197);
    expect(encounters(file, '2025-06', 'nationwide', 'all')).toBe(25228);
    for (const region of ['northern_land_border', 'other']) expect(encounters(file, '2026-08', region, 'ofo')).toBeGreaterThan(0);
    expect(value(file, 'cbp_encounters', '2026-09', { region: 'nationwide', component: 'all' })).toBeUndefined();
  });

  it('nationwide CSV is in the real by-AOR layout, small, with quoted citizenships and rows not in date order', () => {
    const body = route('/sites/default/files/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv').body;
    expect(body.length).toBeLessThan(2 * 1024 * 1024);
    const lines = body.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Fiscal Year,Month Grouping,Month (abbv),Component,Land Border Region,Area of Responsibility,AOR (Abbv),Demographic,Citizenship,Title of Authority,Encounter Type,Encounter Count');
    expect(lines.some((l) => l.includes(',"CHINA, PEOPLES REPUBLIC OF",'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^2026 \(FYTD\),FYTD,OCT,U\.S\. Border Patrol,Southwest Land Border,Yuma Sector,YUM,/);
    expect(lines[1]).toMatch(/^2023,FYTD,APR,/);
  });

  it('FY2025 page: every value of the ground-truth table, e.g. SW March 2025 = 7,179, Last Modified Nov 14, 2025', () => {
    const { landing } = cycleOf('cbp-nationwide-encounters-fy2025');
    const rows = reference('ground-truth/cbp-usbp-apprehensions-html-tables.csv').filter((r) => r.page_url!.endsWith('-fy2025'));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const region = row.row_label!.startsWith('Southwest') ? 'southwest_land_border' : 'nationwide';
      expect(value(landing, 'usbp_apprehensions', row.month!, { region, kind: 'total' }), `${row.row_label} ${row.month}`).toBe(Number(row.value));
    }
    expect(value(landing, 'usbp_apprehensions', '2025-03', { region: 'southwest_land_border', kind: 'total' })).toBe(7179);
    expect(landing.observations).toHaveLength(3 * 3 * 12);
    expect(landing.publishedOn).toBe('2025-11-14');
    expect(landing.dataAsOf).toBe('2025-09-30');
  });

  it('current page: FY2026 through Aug-26 as in the ground truth, Sep-26 shown as "-", workbook AUGFY26', () => {
    const { landing } = cycleOf('cbp-nationwide-encounters');
    const rows = reference('ground-truth/cbp-usbp-apprehensions-html-tables.csv').filter((r) => r.page_url!.endsWith('/nationwide-encounters'));
    for (const row of rows) {
      const got = value(landing, 'usbp_apprehensions', row.month!, { region: 'southwest_land_border', kind: 'total' });
      expect(got, row.month).toBe(row.value === '' ? undefined : Number(row.value));
    }
    expect(landing.observations).toHaveLength(3 * 3 * 11);
    expect(landing.publishedOn).toBe('2026-09-16');
    expect(landing.dataAsOf).toBe('2026-08-31');
    expect(landing.signals).toEqual({ workbook: 'CBPNationwideEncountersAUGFY26', reportingMonth: '2026-08' });
    const html = route('/newsroom/stats/nationwide-encounters').body.toString('utf8');
    expect(html).toContain('<td class="text-align-center"><strong>8,870</strong></td><td class="text-align-center"><strong>-</strong></td>');
  });

  it('southwest page: Tableau only, reporting month Aug 2026, Last Modified Sep 16, 2026', () => {
    const { landing } = cycleOf('cbp-southwest-page');
    expect(landing.observations).toEqual([]);
    expect(landing.signals).toEqual({ workbook: 'CBPSBOEnforcementActionsDashboardsAUGFY26', reportingMonth: '2026-08' });
    expect(landing.publishedOn).toBe('2026-09-16');
    expect(route('/newsroom/stats/southwest-land-border-encounters').body.toString('utf8')).not.toMatch(/\d{1,3},\d{3}/);
  });

  it('listings state the exact size and posted date of every file the site serves', () => {
    for (const id of ['cbp-nationwide-csv', 'cbp-southwest-csv']) {
      const { landing } = cycleOf(id);
      expect(landing.publications!.length, id).toBe(2);
      for (const pub of landing.publications!) {
        const served = route(new URL(pub.url).pathname);
        expect(pub.bytes, pub.url).toBe(served.body.length);
        expect(new Date(served.lastModified!).toISOString().slice(0, 10), pub.url).toBe(pub.posted);
        expect(pub.title).toMatch(/^FY2\d - FY2\d \(FYTD\) /);
      }
    }
    expect(cycleOf('cbp-nationwide-csv').landing.publishedOn).toBe('2026-09-04');
    expect(cycleOf('cbp-southwest-csv').landing.publishedOn).toBe('2025-09-05');
  });

  it('monthly update: the newest release is September 2025 (8,386 USBP SW, 26,002 nationwide, released Oct 24, 2025)', () => {
    const { landing, followed, file } = cycleOf('cbp-monthly-update');
    expect(new URL(followed!.url).pathname).toBe('/newsroom/national-media-release/cbp-releases-september-2025-monthly-update');
    expect(landing.publishedOn).toBe('2025-10-24');
    expect(file!.publishedOn).toBe('2025-10-24');
    expect(value(file, 'cbp_release_figure', '2025-09', { figure: 'usbp_southwest_apprehensions' })).toBe(8386);
    expect(value(file, 'cbp_release_figure', '2025-09', { figure: 'nationwide_encounters' })).toBe(26002);
  });

  it('every listed monthly update page parses with its listed date and the figures CBP released', () => {
    const { landing } = cycleOf('cbp-monthly-update');
    const source = cbpSources.find((s) => s.id === 'cbp-monthly-update')!;
    // Whole lines, digits' thousands separators dropped: one evidence field there holds an unquoted comma.
    const history = referenceText('publication-history/cbp-monthly-update-press-releases-2025.csv').split(/\r?\n/).map((l) => l.replace(/(\d),(?=\d{3}\b)/g, '$1'));
    expect(landing.publications!.map((p) => p.posted)).toEqual(['2025-10-24', '2025-09-22', '2025-07-15', '2025-06-18', '2025-04-14']);
    for (const pub of landing.publications!) {
      const release = source.follow!.parser.parse({ body: route(new URL(pub.url).pathname).body, url: pub.url });
      expect(release.issues, pub.url).toEqual([]);
      expect(release.publishedOn, pub.url).toBe(pub.posted);
      const line = history.find((l) => l.startsWith(`${release.dataAsOf!.slice(0, 7)},`));
      expect(line, pub.url).toMatch(new RegExp(`^\\d{4}-\\d{2},~?${release.publishedOn!.slice(0, 7)}`));
      expect(release.observations.length, pub.url).toBeGreaterThan(0);
      for (const o of release.observations) expect(line, `${pub.url} ${o.labels.figure}`).toMatch(new RegExp(`\\b${o.value}\\b`));
    }
  });
});

describe('the demo site over HTTP', () => {
  let site: AgencySite;
  const fetcher = () => new Fetcher({ allowedHosts: [new URL(site.origin).host], maxRetries: 0, connectTimeoutMs: 2000, readTimeoutMs: 5000 });

  beforeAll(async () => {
    // The whole demo site once the ICE half exists (written in parallel); else the CBP routes alone.
    if (existsSync(path.join(repoRoot, 'src/demo/ice-site.ts'))) {
      const { startDemoSite } = await import('../../src/demo/replay-server.js');
      site = await startDemoSite();
    } else {
      site = new AgencySite();
      for (const [pathname, r] of routes) site.set(pathname, r);
      await site.listen();
    }
  });

  afterAll(() => site.close());

  it('serves the CSV with its Content-Type, Last-Modified and a 304 to a conditional request', async () => {
    const url = `${site.origin}/sites/default/files/2025-09/sbo-encounters-fy22-fy25-aug.csv`;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(res.headers.get('last-modified')).toBe('Fri, 05 Sep 2025 14:30:00 GMT');
    expect(Buffer.from(await res.arrayBuffer()).equals(route(new URL(url).pathname).body)).toBe(true);
    const again = await fetch(url, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it.each(cbpSources.map((s) => [s.id, s] as const))('%s: the project Fetcher gets and parses each artifact from the demo origin', async (_id, source) => {
    const http = fetcher();
    const get = async (url: string, format: 'html' | 'csv') => {
      const res = await http.fetch({ url, expect: format, browserUserAgent: true });
      if (res.outcome !== 'ok') throw new Error(`${url}: ${res.outcome}`);
      return res.body;
    };
    const landingUrl = new URL(new URL(source.landingUrl).pathname, site.origin).toString();
    const landing = source.landing.parse({ body: await get(landingUrl, 'html'), url: landingUrl });
    expect(landing.issues).toEqual([]);
    if (!source.follow) return;
    const pub = (source.follow.pick ?? ((p) => p[0]))(landing.publications ?? []);
    expect(new URL(pub!.url).origin).toBe(site.origin);
    const file = source.follow.parser.parse({ body: await get(pub!.url, source.follow.parser.format === 'csv' ? 'csv' : 'html'), url: pub!.url });
    expect(file.issues).toEqual([]);
    expect(file).toEqual(cycleOf(source.id).file);
  });

  it('runCycle takes every CBP source up from the demo site and stores its figures', async () => {
    const t = tempDir();
    const store = Store.open(t.dir);
    try {
      const deps = { store, fetcher: fetcher(), now: () => Date.parse('2026-09-20T12:00:00Z') };
      for (const source of cbpSources) {
        const out = await runCycle(deps, { ...source, landingUrl: new URL(new URL(source.landingUrl).pathname, site.origin).toString() });
        expect(out, `${source.id}: ${out.message ?? ''}`).toMatchObject({ ok: true });
        expect(store.state(source.id).issues, source.id).toEqual([]);
      }
      const march = store.observations({ series: 'cbp_encounters', source: 'cbp-southwest-csv', from: '2025-03', to: '2025-03' });
      expect(march.find((r) => r.labels.component === 'all')?.value).toBe(11012);
    } finally {
      store.close();
      t.cleanup();
    }
  });
});
