/**
 * The ICE and DHS OHSS demo routes, checked the way demo mode uses them: served by a real
 * local `AgencySite`, each source of `scrapers/ice-dhs.ts` rebased onto its origin and run
 * through its own parsers (landing page, then the followed file), with the published
 * headline figures asserted exactly.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as cheerio from 'cheerio';
import { iceDhsSources } from '../../scrapers/ice-dhs.js';
import type { SourceDef } from '../../src/core/source.js';
import type { Observation, ParseResult, Publication } from '../../src/core/types.js';
import { AgencySite, type Route } from '../../src/demo/agency-site.js';
import { iceDhsDemoRoutes } from '../../src/demo/ice-site.js';
import { iceDetentionXlsxParser } from '../../scrapers/ice-detention-xlsx.js';
import { iceDetentionPageParser } from '../../scrapers/ice-detention-page.js';
import { startDemoSite } from '../../src/demo/replay-server.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HTML = 'text/html; charset=utf-8';

let site: AgencySite;

beforeAll(async () => {
  site = new AgencySite();
  for (const [path, route] of iceDhsDemoRoutes()) site.set(path, route);
  await site.listen();
});

afterAll(() => site.close());

async function get(url: string): Promise<Buffer> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** The landing URL on the demo origin, path kept (what `serve --demo` does). */
const rebased = (source: SourceDef): string => new URL(new URL(source.landingUrl).pathname, site.origin).toString();

interface Cycle {
  landing: ParseResult;
  followed?: Publication;
  file?: ParseResult;
}

/** One cycle as the pipeline runs it: landing page, then the picked publication when the source follows. */
async function cycle(source: SourceDef): Promise<Cycle> {
  const url = rebased(source);
  const landing = source.landing.parse({ body: await get(url), url });
  if (!source.follow) return { landing };
  const followed = (source.follow.pick ?? ((p) => p[0]))(landing.publications ?? []);
  if (!followed) throw new Error(`${source.id}: nothing to follow`);
  return { landing, followed, file: source.follow.parser.parse({ body: await get(followed.url), url: followed.url }) };
}

const cycles = new Map<string, Promise<Cycle>>();
const cycleOf = (id: string): Promise<Cycle> => {
  const source = iceDhsSources.find((s) => s.id === id)!;
  if (!cycles.has(id)) cycles.set(id, cycle(source));
  return cycles.get(id)!;
};

function value(r: ParseResult | undefined, series: string, labels: Record<string, string>, period: string): Observation | undefined {
  return r?.observations.find((o) => o.series === series && o.period === period && Object.entries(labels).every(([k, v]) => o.labels[k] === v));
}

describe('iceDhsDemoRoutes', () => {
  const routes = new Map<string, Route>(iceDhsDemoRoutes());

  it('defines each path once, at root paths, with the agency content types and an HTTP Last-Modified', () => {
    expect(routes.size).toBe(iceDhsDemoRoutes().length);
    for (const [path, route] of routes) {
      expect(path).toMatch(/^\//);
      expect(route.contentType).toBe(path.endsWith('.xlsx') ? XLSX : HTML);
      expect(new Date(route.lastModified!).toUTCString()).toBe(route.lastModified);
    }
  });

  it('serves a landing page for every ICE and DHS OHSS source', () => {
    for (const source of iceDhsSources) expect(routes.has(new URL(source.landingUrl).pathname), source.id).toBe(true);
  });

  it('gives the same bytes whatever the clock says', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2030-03-04T05:06:07Z'));
      const first = iceDhsDemoRoutes();
      vi.setSystemTime(new Date('2031-08-09T10:11:12Z'));
      const second = new Map(iceDhsDemoRoutes());
      for (const [path, route] of first) expect(second.get(path)!.body.equals(route.body), path).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('links files root-relative and every internal page link it serves', () => {
    for (const [path, route] of routes) {
      if (route.contentType !== HTML) continue;
      const $ = cheerio.load(route.body.toString('utf8'));
      for (const el of $('a[href]').toArray()) {
        const href = $(el).attr('href')!;
        if (/^https?:/.test(href)) {
          expect(href, `${path} links ${href}`).not.toMatch(/\.xlsx$/);
          continue;
        }
        expect(href, path).toMatch(/^\//);
        // OHSS's monthly-tables editions are listed for the listing parser only; nothing follows them.
        if (!/_ohss_immigration-enforcement/.test(href)) expect(routes.has(new URL(href, 'http://x').pathname), `${path} links ${href}`).toBe(true);
      }
    }
  });
});

describe('ICE and DHS OHSS sources on the demo site', () => {
  it.each(iceDhsSources.map((s) => [s.id]))('%s: the cycle parses without issues', async (id) => {
    const { landing, file, followed } = await cycleOf(id);
    expect(landing.issues).toEqual([]);
    if (followed) {
      expect(new URL(followed.url).origin).toBe(site.origin);
      expect(file!.issues).toEqual([]);
      expect(file!.observations.length).toBeGreaterThan(0);
    }
  });

  it('ice-detention-stats follows the 01/16/2025 workbook: 39,703 detained and 76,939 removals as of 2025-01-06', async () => {
    const { landing, followed, file } = await cycleOf('ice-detention-stats');
    expect(landing.publications!.map((p) => new URL(p.url).pathname)).toEqual([
      '/doclib/detention/FY25_detentionStats01162025.xlsx',
      '/doclib/detention/FY25_detentionStats01032025.xlsx',
      '/doclib/detention/FY24_detentionStats.xlsx',
    ]);
    expect(followed!.posted).toBe('2025-01-16');
    expect(file).toMatchObject({ dataAsOf: '2025-01-06', publishedOn: '2025-01-16' });
    expect(value(file, 'ice_detained', { arresting_agency: 'all' }, '2025-01-06')?.value).toBe(39703);
    expect(value(file, 'ice_detained', { arresting_agency: 'ice' }, '2025-01-06')?.value).toBe(14557);
    expect(value(file, 'ice_detained', { arresting_agency: 'cbp' }, '2025-01-06')?.value).toBe(25146);
    expect(value(file, 'ice_removals_fytd', { fiscal_year: '2025' }, '2025-01-06')?.value).toBe(76939);
  });

  it('ice-detention-stats: book-ins and ADP run October to a partial January, later months absent', async () => {
    const { file } = await cycleOf('ice-detention-stats');
    expect(value(file, 'ice_book_ins', { arresting_agency: 'all' }, '2024-10')).toMatchObject({ value: 23622 });
    expect(value(file, 'ice_book_ins', { arresting_agency: 'cbp' }, '2024-12')?.value).toBe(14255);
    expect(value(file, 'ice_book_ins', { arresting_agency: 'all' }, '2025-01')).toMatchObject({ value: 6374, partial: true });
    expect(value(file, 'ice_average_daily_population', { arresting_agency: 'all' }, '2025-01')).toMatchObject({ value: 40099.0909090909, partial: true });
    expect(file!.observations.filter((o) => o.period.length === 7 && o.period > '2025-01')).toEqual([]);
  });

  it('ice-statistics reads "current as of December 31, 2024" and the Last Reviewed date', async () => {
    const { landing } = await cycleOf('ice-statistics');
    expect(landing).toMatchObject({ dataAsOf: '2024-12-31', publishedOn: '2025-01-23' });
  });

  it('ohss-monthly-tables lists the real editions up to the one posted 2025-01-16 (November 2024)', async () => {
    const { landing } = await cycleOf('ohss-monthly-tables');
    expect(landing.publications).toHaveLength(7);
    expect(new URL(landing.publications![0]!.url).pathname).toBe(
      '/sites/default/files/2025-01/2025_0116_ohss_immigration-enforcement-and-legal-processes-tables-november-2024.xlsx',
    );
    expect(landing.publications!.at(-1)!.posted).toBe('2024-06-07');
    expect(landing).toMatchObject({ publishedOn: '2025-01-16', dataAsOf: '2024-11-30', signals: { newestDataMonth: '2024-11' } });
  });

  it('ohss-khsm-encounters follows the USBP workbook: November 2024 = 47,540', async () => {
    const { landing, followed, file } = await cycleOf('ohss-khsm-encounters');
    expect(landing).toMatchObject({ publishedOn: '2025-01-16', dataAsOf: '2024-11-30', signals: { fileVintage: 'fy25m11' } });
    expect(decodeURIComponent(followed!.url)).toMatch(/KHSM Encounters \(USBP\) fy25m11\.xlsx$/);
    expect(file).toMatchObject({ dataAsOf: '2024-11-30', signals: { newestDataMonth: '2024-11' } });
    const usbp = (period: string, region = 'all'): number | undefined => value(file, 'ohss_usbp_encounters', { region }, period)?.value;
    expect([usbp('2024-09'), usbp('2024-10'), usbp('2024-11')]).toEqual([55990, 58130, 47540]);
    expect(usbp('2021-10')).toBe(159650);
    expect(usbp('2024-11', 'southwest_land_border')).toBe(46610);
    expect(file!.observations.every((o) => o.value % 10 === 0)).toBe(true);
  });
});

describe('older ICE workbooks on the demo site', () => {
  it.each([
    ['FY25_detentionStats01032025.xlsx', '2024-12-23', 14320, 24832, 39152, '2025', 69546, '2025-01-03'],
    ['FY24_detentionStats.xlsx', '2024-10-07', 13633, 24051, 37684, '2024', 271484, undefined],
  ] as const)('%s: detained and removals as of its pull date', async (name, day, ice, cbp, all, fy, removals, publishedOn) => {
    const url = `${site.origin}/doclib/detention/${name}`;
    const r = iceDetentionXlsxParser.parse({ body: await get(url), url });
    expect(r.issues).toEqual([]);
    expect(r.dataAsOf).toBe(day);
    expect(r.publishedOn).toBe(publishedOn);
    expect(['ice', 'cbp', 'all'].map((a) => value(r, 'ice_detained', { arresting_agency: a }, day)?.value)).toEqual([ice, cbp, all]);
    expect(value(r, 'ice_removals_fytd', { fiscal_year: fy }, day)?.value).toBe(removals);
  });

  it('FY24 year-end: twelve complete months of book-ins summing to the published 277,913', async () => {
    const url = `${site.origin}/doclib/detention/FY24_detentionStats.xlsx`;
    const r = iceDetentionXlsxParser.parse({ body: await get(url), url });
    const all = r.observations.filter((o) => o.series === 'ice_book_ins' && o.labels.arresting_agency === 'all');
    expect(all).toHaveLength(12);
    expect(all.some((o) => o.partial)).toBe(false);
    expect(all.reduce((a, o) => a + o.value, 0)).toBe(277913);
    expect(value(r, 'ice_average_daily_population', { arresting_agency: 'all' }, '2024-09')?.value).toBe(37982.9333333333);
  });

  it('FY25 01/03/2025: December is partial at the 12/23/2024 pull', async () => {
    const url = `${site.origin}/doclib/detention/FY25_detentionStats01032025.xlsx`;
    const r = iceDetentionXlsxParser.parse({ body: await get(url), url });
    expect(value(r, 'ice_book_ins', { arresting_agency: 'all' }, '2024-12')).toMatchObject({ value: 20000, partial: true });
    expect(value(r, 'ice_book_ins', { arresting_agency: 'all' }, '2025-01')).toBeUndefined();
  });
});

describe('the whole demo site (startDemoSite)', () => {
  it('serves the ICE detention page over HTTP, and the workbook it links parses to 39,703 detained', async () => {
    const demo = await startDemoSite();
    try {
      const pageUrl = `${demo.origin}/detain/detention-management`;
      const res = await fetch(pageUrl);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(HTML);
      expect(res.headers.get('last-modified')).toBe('Thu, 16 Jan 2025 15:00:00 GMT');
      const page = iceDetentionPageParser.parse({ body: Buffer.from(await res.arrayBuffer()), url: pageUrl });
      const newest = page.publications![0]!.url;
      expect(new URL(newest).origin).toBe(demo.origin);
      const r = iceDetentionXlsxParser.parse({ body: await get(newest), url: newest });
      expect(value(r, 'ice_detained', { arresting_agency: 'all' }, '2025-01-06')?.value).toBe(39703);
    } finally {
      await demo.close();
    }
  });
});
