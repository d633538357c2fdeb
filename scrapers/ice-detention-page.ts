/**
 * Parser `ice-detention-page`: the ICE detention-management page
 * (https://www.ice.gov/detain/detention-management), a Drupal page linking one detention
 * statistics workbook per fiscal year (the running year's file is replaced about every two
 * weeks; a new date in its name is the publication signal).
 */
import { LayoutError } from '../src/core/errors.js';
import type { ParseInput, ParseResult, ParserDef, Publication } from '../src/core/types.js';
import { compareIceFilesNewestFirst, parseIceFileName } from './lib/ice-file-names.js';
import { pageLinks } from './lib/ice-dhs-html.js';
import { compareText } from '../src/core/text.js';

/**
 * Success: one publication per distinct workbook link (absolute URL), newest first (see
 * {@link compareIceFilesNewestFirst}); `posted` is the date in the file name (null for
 * year-end files); `publishedOn` is the newest file date; `signals.newestWorkbook` names the
 * first file. Failure: `LayoutError` when the page links no detention-stats workbook.
 */
export function parseIceDetentionPage(input: ParseInput): ParseResult {
  const files = pageLinks(input.body.toString('utf8'), input.url).flatMap((link) => {
    const name = parseIceFileName(link.fileName);
    return name ? [{ link, name }] : [];
  });
  if (files.length === 0) {
    throw new LayoutError('no detention-stats workbook link (FY…detentionStats….xlsx) on the ICE detention-management page');
  }
  files.sort((a, b) => compareIceFilesNewestFirst(a.name, b.name) || compareText(a.link.url, b.link.url));
  const publications: Publication[] = files.map(({ link, name }) => ({
    url: link.url,
    posted: name.fileDate,
    bytes: null,
    ...(link.text ? { title: link.text } : {}),
  }));
  const newest = files.map((f) => f.name.fileDate).filter((d): d is string => d !== null).sort().at(-1);
  return {
    observations: [],
    issues: [],
    publications,
    ...(newest ? { publishedOn: newest } : {}),
    signals: { newestWorkbook: files[0]!.link.fileName },
  };
}

export const iceDetentionPageParser: ParserDef = {
  id: 'ice-detention-page',
  version: 1,
  description: 'ICE detention-management page: links to the detention statistics workbooks, dated by file name.',
  format: 'html',
  parse: parseIceDetentionPage,
};
