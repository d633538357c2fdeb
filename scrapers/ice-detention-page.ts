/**
 * Parser `ice-detention-page`: the ICE detention-management page
 * (https://www.ice.gov/detain/detention-management), a Drupal page linking one detention
 * statistics workbook per fiscal year (the running year's file is replaced about every two
 * weeks; a new date in its name is the publication signal).
 */
import * as cheerio from 'cheerio';
import { LayoutError } from '../src/core/errors.js';
import type { ParseInput, ParseResult, ParserDef, Publication } from '../src/core/types.js';
import { compareIceFilesNewestFirst, parseIceFileName, type IceFileName } from './lib/ice-file-names.js';

interface Link {
  readonly url: string;
  readonly name: IceFileName;
  readonly title: string;
}

/** Every distinct detention-stats workbook linked from the page, as absolute URLs. */
function workbookLinks(html: string, pageUrl: string): Link[] {
  const $ = cheerio.load(html);
  const byUrl = new Map<string, Link>();
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href')?.trim() ?? '';
    let url: string;
    try {
      url = new URL(href, pageUrl).toString();
    } catch {
      return;
    }
    const name = parseIceFileName(new URL(url).pathname);
    if (!name || byUrl.has(url)) return;
    byUrl.set(url, { url, name, title: $(el).text().replace(/\s+/g, ' ').trim() });
  });
  return [...byUrl.values()];
}

/**
 * Success: one publication per workbook link, newest first (see
 * {@link compareIceFilesNewestFirst}); `posted` is the date in the file name (null for
 * year-end files); `publishedOn` is the newest file date. Failure: `LayoutError` when the page
 * links no detention-stats workbook at all.
 */
export function parseIceDetentionPage(input: ParseInput): ParseResult {
  const links = workbookLinks(input.body.toString('utf8'), input.url);
  if (links.length === 0) throw new LayoutError('no detention-stats workbook link (FY…detentionStats….xlsx) on the ICE detention-management page');
  links.sort((a, b) => compareIceFilesNewestFirst(a.name, b.name) || a.url.localeCompare(b.url));
  const publications: Publication[] = links.map((l) => ({
    url: l.url,
    posted: l.name.fileDate,
    bytes: null,
    ...(l.title ? { title: l.title } : {}),
  }));
  const dates = links.map((l) => l.name.fileDate).filter((d): d is string => d !== null);
  const newest = dates.sort().at(-1);
  const first = links[0]!;
  return {
    observations: [],
    issues: [],
    publications,
    ...(newest ? { publishedOn: newest } : {}),
    signals: { newestWorkbook: new URL(first.url).pathname.split('/').pop() ?? '', newestFiscalYear: String(first.name.fiscalYear) },
  };
}

export const iceDetentionPageParser: ParserDef = {
  id: 'ice-detention-page',
  version: 1,
  description: 'ICE detention-management page: links to the detention statistics workbooks, dated by file name.',
  format: 'html',
  parse: parseIceDetentionPage,
};
