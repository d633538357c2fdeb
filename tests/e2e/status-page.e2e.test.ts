/**
 * The status page in a real headless Chromium, in demo mode: the demo agency site stands in for
 * every agency, one cycle of every source runs, and the service's clock is set inside the demo
 * world (mid-September 2026). Checks that every source is shown, the charts render as non-empty
 * SVG, the CSV download works, the page needs no JavaScript and violates no CSP; saves the
 * screenshot used in the README (docs/status-page.png).
 *
 * Chromium comes from Debian (/usr/bin/chromium); a missing browser FAILS the suite
 * (`bash scripts/ensure-test-deps.sh`). No browser is ever downloaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../scrapers/index.js';
import { createService, type Service } from '../../src/app.js';
import { configSchema } from '../../src/config/schema.js';
import { startDemoSite, type AgencySite } from '../../src/demo/replay-server.js';
import { tempDir } from '../helpers/tmp.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
// The README's screenshot is refreshed only on request, so a test run leaves the checkout clean.
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../../docs/status-page.png') : path.join(tempDir('ew-shot-').dir, 'status-page.png');
const DEMO_NOW = Date.parse('2026-09-20T12:00:00Z');

const data = tempDir('ew-e2e-');
let demo: AgencySite;
let service: Service;
let browser: Browser;
let base: string;
const cspViolations: string[] = [];

async function open(p: Page, url: string): Promise<void> {
  p.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  const res = await p.goto(url);
  expect(res?.status()).toBe(200);
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`bash scripts/ensure-test-deps.sh\` (apt package chromium)`);
  demo = await startDemoSite();
  const config = configSchema.parse({ dataDir: data.dir, scheduler: { runOnStart: false } });
  service = createService({ config, registry: SOURCES, rebase: demo.origin, now: () => DEMO_NOW, onCycle: () => undefined });
  const outcomes = await service.scheduler.runAll();
  expect(outcomes.map((o) => `${o?.source}:${o?.ok}`)).toEqual(SOURCES.map((s) => `${s.id}:true`));
  base = `http://127.0.0.1:${await service.listen(0, '127.0.0.1')}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await demo?.close();
  data.cleanup();
});

describe('status page in Chromium (demo mode)', () => {
  it('shows every source with its status, and renders the three charts as non-empty SVG', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await open(page, `${base}/`);
    expect(await page.title()).toBe('enforcement-watch: status of US immigration-enforcement statistics');
    for (const s of SOURCES) {
      const card = page.getByRole('article', { name: s.title });
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.getByRole('heading', { level: 3 }).textContent()).toBe(s.title);
      expect(await card.locator('.badge').first().textContent()).toMatch(/^(On time|Due|Overdue|Silent|Our scraper is failing|No publication seen yet)$/);
      expect(await card.getByRole('link', { name: /Agency page/ }).getAttribute('href')).toBe(new URL(new URL(s.landingUrl).pathname, demo.origin).toString());
    }
    const charts = page.locator('#charts svg.chart[role=img]');
    expect(await charts.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const svg = charts.nth(i);
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(100);
      // Something is drawn: a data line with a path, or at least one marker, with a real extent.
      const drawn = await svg.evaluate((el) => {
        const shapes = [...el.querySelectorAll('path.line:not(.ref), circle.dot')] as SVGGraphicsElement[];
        return shapes.map((s) => s.getBBox()).filter((b) => b.width > 0 || b.height > 0).length;
      });
      expect(drawn).toBeGreaterThan(0);
      expect(await page.getByRole('img', { name: (await svg.locator('title').textContent())! }).count()).toBe(1);
    }
    expect(cspViolations).toEqual([]);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
    await page.close();
  });

  it('downloads the CSV snapshot with its header row', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await open(page, `${base}/`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('enforcement-watch-snapshot-2026-09-20.csv');
    const body = fs.readFileSync((await download.path())!);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('source,series,labels,period,value,unit,partial,current,revised,earlier_value,agency_url,published_on,fetched_at,artifact_sha256,parser');
    expect(lines.filter(Boolean).length).toBeGreaterThan(100);
    await context.close();
  });

  it('works with JavaScript disabled (server-rendered text and charts)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await open(page, `${base}/`);
    expect(await page.locator('article.card').count()).toBe(SOURCES.length);
    expect(await page.locator('#charts svg.chart path.line').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole('heading', { name: 'Active alert conditions' }).count()).toBe(1);
    await page.getByText('Data table').first().click();
    expect(await page.locator('#charts table').first().isVisible()).toBe(true);
    await context.close();
  });
});
