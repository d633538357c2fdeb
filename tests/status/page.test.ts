import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../scrapers/index.js';
import { Exporter } from '../../src/metrics/exporter.js';
import type { PaceSettings } from '../../src/metrics/snapshot.js';
import { createApp } from '../../src/server/http.js';
import { STATUS_CSP } from '../../src/server/status-routes.js';
import { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { fillHistory, NOW } from '../export/history-fixture.js';

const t = tempDir();
let store: Store;
const servers: Server[] = [];

async function start(settings: PaceSettings): Promise<string> {
  const exporter = new Exporter({ store, sources: SOURCES, settings, version: '0.0.0-test', now: () => NOW, processMetrics: false });
  const app = createApp({ store, exporter, sources: SOURCES, now: () => NOW, version: '0.0.0-test' });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const SETTINGS: PaceSettings = { removalsGoal: 1_000_000, goalOffPaceShare: 0.8, defaultPaceThreshold: 0.4, paceThresholds: {} };
let base: string;
let page: string;
let headers: Headers;
let $: cheerio.CheerioAPI;

beforeAll(async () => {
  store = Store.open(t.dir);
  fillHistory(store);
  base = await start(SETTINGS);
  const res = await fetch(`${base}/`);
  expect(res.status).toBe(200);
  headers = res.headers;
  page = await res.text();
  $ = cheerio.load(page);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  store.close();
  t.cleanup();
});

const card = (id: string) => $(`article[aria-labelledby="src-${id}"]`);

describe('GET / (status page)', () => {
  it('is HTML with a strict CSP and no scripts or inline styles', () => {
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers.get('content-security-policy')).toBe(STATUS_CSP);
    expect(STATUS_CSP).toContain("default-src 'none'");
    expect(STATUS_CSP).not.toMatch(/unsafe-inline|script-src/);
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(page).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
  });

  it('has landmarks, one h1 and a heading per section and source', () => {
    expect($('html').attr('lang')).toBe('en');
    expect($('header[role=banner] h1')).toHaveLength(1);
    expect($('h1')).toHaveLength(1);
    expect($('nav[aria-label]')).toHaveLength(1);
    expect($('main#main')).toHaveLength(1);
    expect($('footer[role=contentinfo]')).toHaveLength(1);
    expect($('main section h2').map((_, e) => $(e).text()).get()).toEqual(['Active alert conditions', 'Sources', 'Key figures', 'Download the numbers']);
    expect($('section[aria-labelledby]')).toHaveLength(4);
  });

  it('shows a card for every source with its status, dates and agency link', () => {
    expect($('.cards > li > article.card')).toHaveLength(SOURCES.length);
    for (const s of SOURCES) {
      expect(card(s.id).find('h3').text()).toBe(s.title);
      expect(card(s.id).find(`a[href="${s.landingUrl}"]`)).toHaveLength(1);
    }
    const badge = (id: string) => card(id).find('.badge').first().text();
    expect(badge('cbp-southwest-csv')).toBe('On time');
    expect(badge('cbp-monthly-update')).toBe('Due');
    expect(badge('ice-detention-stats')).toBe('Silent');
    expect(badge('cbp-nationwide-encounters')).toBe('Our scraper is failing');
    expect(card('ohss-monthly-tables').find('.tag-frozen').text()).toBe('Known frozen');
    const dl = (id: string) => Object.fromEntries(card(id).find('dt').map((_, e) => [[$(e).text(), $(e).next('dd').text()]]).get() as [string, string][]);
    expect(dl('ice-detention-stats')).toMatchObject({ 'Last publication': '2025-01-16', 'Expected next': '2025-01-31 (106 days late)', 'Data as of': '2025-01-06' });
    expect(dl('cbp-southwest-csv')).toMatchObject({ 'Last publication': '2025-05-05', 'Expected next': '2025-06-05', 'Data as of': '2025-04-30' });
  });

  it('escapes text that came from an agency page', () => {
    const error = card('cbp-nationwide-encounters').find('.error');
    expect(error.text()).toContain('no table with a <th>Southwest</th> row <script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('lists the active alert conditions with who gets them', () => {
    const items = $('#conditions li').map((_, e) => $(e).find('.name').text()).get();
    expect(items).toEqual(expect.arrayContaining(['ScrapeFailing', 'ParserBroken', 'PublicationOverdue', 'DataAsOfStalled', 'DataRevised', 'PaceShift', 'RemovalsGoalOffPace']));
    expect($('#conditions li.sev-page').first().find('.meta').text()).toMatch(/pages on-call/);
  });

  it('draws the three key charts as described SVG images with data tables', () => {
    const figures = $('#charts figure');
    expect(figures).toHaveLength(3);
    figures.each((_, f) => {
      const svg = $(f).find('svg[role=img]');
      expect(svg).toHaveLength(1);
      const [titleId, descId] = svg.attr('aria-labelledby')!.split(' ');
      expect($(`#${titleId}`).text().length).toBeGreaterThan(10);
      expect($(`#${descId}`).text().length).toBeGreaterThan(10);
      expect(svg.find('path.line').length).toBeGreaterThanOrEqual(1);
      expect($(f).find('table th[scope=col]').length).toBeGreaterThanOrEqual(2);
    });
    expect($('#chart-removals-title').text()).toBe('ICE removals in fiscal year 2025 to date, against the pace to 1,000,000');
    expect($('#chart-encounters-desc').text()).toBe('12,394 encounters at the southwest land border in 2025-04 (2025-03: 11,012).');
  });

  it('offers the CSV and JSON snapshots', () => {
    const links = $('#downloads a.button').map((_, e) => $(e).attr('href')).get();
    expect(links).toEqual(['/api/v1/snapshot?format=csv', '/api/v1/snapshot?format=json', '/api/v1/snapshot?format=csv&all_vintages=1']);
  });

  it('reads the goal from the exporter it serves with', async () => {
    const other = await start({ ...SETTINGS, removalsGoal: 250_000 });
    const $$ = cheerio.load(await (await fetch(`${other}/`)).text());
    expect($$('#chart-removals-title').text()).toBe('ICE removals in fiscal year 2025 to date, against the pace to 250,000');
    expect($$('#conditions .name').map((_, e) => $$(e).text()).get()).not.toContain('RemovalsGoalOffPace');
  });

  it('serves its stylesheet with a validator', async () => {
    const css = await fetch(`${base}/status.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const etag = css.headers.get('etag')!;
    expect((await css.text()).length).toBeGreaterThan(500);
    expect((await fetch(`${base}/status.css`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });
});
