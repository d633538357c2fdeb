import { LayoutError } from '../../src/core/errors.js';
import type { SourceDef } from '../../src/core/source.js';
import type { ParserDef, Publication } from '../../src/core/types.js';

/**
 * Minimal agency-like formats for pipeline tests (the real parsers have their own tests):
 * a listing page `<a href=… data-posted=YYYY-MM-DD>` and a CSV `period,value`.
 */
export const listingParser: ParserDef = {
  id: 'test-listing',
  version: 1,
  description: 'test listing',
  format: 'html',
  parse({ body, url }) {
    const text = body.toString('utf8');
    const pubs: Publication[] = [...text.matchAll(/<a href="([^"]+)" data-posted="(\d{4}-\d{2}-\d{2})">/g)].map((m) => ({
      url: new URL(m[1]!, url).toString(),
      posted: m[2]!,
      bytes: null,
    }));
    if (pubs.length === 0) throw new LayoutError('no file links on the listing');
    pubs.sort((a, b) => (a.posted! < b.posted! ? 1 : -1));
    return { observations: [], issues: [], publications: pubs, publishedOn: pubs[0]!.posted! };
  },
};

export const csvParser: ParserDef = {
  id: 'test-csv',
  version: 1,
  description: 'test csv',
  format: 'csv',
  parse({ body }) {
    const lines = body.toString('utf8').trim().split('\n');
    if (lines[0] !== 'period,value') throw new LayoutError(`unexpected header "${lines[0]}"`);
    const observations = lines.slice(1).map((l) => {
      const [period, value] = l.split(',');
      return { series: 'cbp_encounters', labels: { region: 'southwest_land_border', component: 'all' }, period: period!, value: Number(value) };
    });
    return { observations, issues: [] };
  },
};

export function testSource(origin: string, id = 'test-source'): SourceDef {
  return {
    id,
    agency: 'CBP',
    title: 'Test encounters',
    landingUrl: `${origin}/listing`,
    schedule: '* * * * *',
    cadence: { expectedIntervalSeconds: 86_400 * 31, graceSeconds: 86_400 * 7 },
    landing: listingParser,
    follow: { parser: csvParser },
  };
}

export const listingHtml = (files: { href: string; posted: string }[]): string =>
  `<html><body><ul>${files.map((f) => `<li><a href="${f.href}" data-posted="${f.posted}">file</a></li>`).join('')}</ul></body></html>`;
