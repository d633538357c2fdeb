/**
 * Test sources for the alerting end-to-end test (`tests/e2e/alerting.e2e.test.ts`): tiny
 * agency-like formats served by an {@link AgencySite}.
 *
 * Unlike `test-sources.ts`, these parsers give NO posted date (no `publishedOn`, listing entries
 * with `posted: null`), so `nextState` (src/pipeline/next-state.ts) takes `publishedAt` from the
 * HTTP Last-Modified header of the data artifact — second precision, chosen by the test through
 * {@link publish}. That makes every deadline (`last published + interval + grace`) exact.
 *
 * - page: `<table class="monthly"><tr><td>YYYY-MM</td><td>n</td></tr>…</table>`, the data itself;
 *   anything without that table is a layout change ({@link LayoutError}).
 * - listing: `<a class="file" href="…">` (no date), followed to a CSV `period,value`
 *   (`csvParser` from test-sources.ts).
 */
import { LayoutError } from '../../src/core/errors.js';
import type { Cadence, SourceDef } from '../../src/core/source.js';
import type { Observation, ParserDef, Publication } from '../../src/core/types.js';
import type { AgencySite } from '../../src/demo/agency-site.js';
import { checkParsers, checkSources } from '../../scrapers/index.js';
import { csvParser } from './test-sources.js';

/** node-cron, 6 fields: poll every second. */
export const EVERY_SECOND = '*/1 * * * * *';

/** Month (`YYYY-MM`) → value. */
export type Months = Readonly<Record<string, number>>;

const LABELS = { region: 'southwest_land_border', component: 'all' } as const;

export const monthlyPageParser: ParserDef = {
  id: 'e2e-monthly-page',
  version: 1,
  description: 'e2e page with a table of monthly values, no posted date',
  format: 'html',
  parse({ body }) {
    const table = /<table class="monthly">([\s\S]*?)<\/table>/.exec(body.toString('utf8'));
    if (!table) throw new LayoutError('no <table class="monthly"> on the page');
    const observations: Observation[] = [...table[1]!.matchAll(/<tr><td>(\d{4}-\d{2})<\/td><td>(\d+)<\/td><\/tr>/g)].map((m) => ({
      series: 'cbp_encounters',
      labels: LABELS,
      period: m[1]!,
      value: Number(m[2]),
    }));
    if (observations.length === 0) throw new LayoutError('the monthly table has no rows');
    return { observations, issues: [] };
  },
};

export const undatedListingParser: ParserDef = {
  id: 'e2e-undated-listing',
  version: 1,
  description: 'e2e listing of file links without posted dates',
  format: 'html',
  parse({ body, url }) {
    const pubs: Publication[] = [...body.toString('utf8').matchAll(/<a class="file" href="([^"]+)">/g)].map((m) => ({
      url: new URL(m[1]!, url).toString(),
      posted: null,
      bytes: null,
    }));
    if (pubs.length === 0) throw new LayoutError('no file links on the listing');
    return { observations: [], issues: [], publications: pubs };
  },
};

export const monthlyPage = (months: Months): string =>
  `<html><body><h1>Encounters</h1><table class="monthly">${Object.entries(months)
    .map(([m, v]) => `<tr><td>${m}</td><td>${v}</td></tr>`)
    .join('')}</table></body></html>`;

/** The same numbers after a site redesign: cards instead of the table the parser anchors on. */
export const redesignedPage = (months: Months): string =>
  `<html><body><main class="stats-cards">${Object.entries(months)
    .map(([m, v]) => `<div class="card"><span class="month">${m}</span><span class="value">${v}</span></div>`)
    .join('')}</main></body></html>`;

export const undatedListing = (hrefs: readonly string[]): string =>
  `<html><body><ul>${hrefs.map((h) => `<li><a class="file" href="${h}">data file</a></li>`).join('')}</ul></body></html>`;

export const monthlyCsv = (months: Months): string => `period,value\n${Object.entries(months).map(([m, v]) => `${m},${v}`).join('\n')}\n`;

/** HTTP-date of `ms` truncated to the second, and that second in ms (what the pipeline will store). */
export function httpDate(ms: number): { header: string; ms: number } {
  const whole = Math.floor(ms / 1000) * 1000;
  return { header: new Date(whole).toUTCString(), ms: whole };
}

/**
 * Puts new content at `path` with Last-Modified = `at` (default: now). Returns the publication
 * time the pipeline will derive from it (ms, second precision).
 */
export function publish(site: AgencySite, path: string, body: string, at = Date.now()): number {
  const lm = httpDate(at);
  const contentType = path.endsWith('.csv') ? 'text/csv' : 'text/html; charset=utf-8';
  site.set(path, { body: Buffer.from(body), contentType, lastModified: lm.header });
  return lm.ms;
}

interface SourceInit {
  readonly id: string;
  readonly title: string;
  /** Absolute landing URL on an AgencySite (allowed hosts are derived from it). */
  readonly landingUrl: string;
  readonly cadence: Cadence;
}

/** A page that carries the numbers itself. */
export const pageSource = (s: SourceInit): SourceDef => ({ ...s, agency: 'CBP', schedule: EVERY_SECOND, landing: monthlyPageParser });

/** An undated listing followed to the newest (first) CSV file. */
export const listingSource = (s: SourceInit): SourceDef => ({
  ...s,
  agency: 'CBP',
  schedule: EVERY_SECOND,
  landing: undatedListingParser,
  follow: { parser: csvParser },
});

/** The e2e registry, checked like the real one (kebab-case unique ids, registered parsers). */
export function e2eRegistry(sources: readonly SourceDef[]): readonly SourceDef[] {
  return checkSources(sources, checkParsers([monthlyPageParser, undatedListingParser, csvParser]));
}
