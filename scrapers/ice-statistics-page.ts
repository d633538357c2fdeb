/**
 * Parser `ice-statistics-page`: https://www.ice.gov/statistics. The dashboards themselves are
 * Tableau; the page text only gives publication signals: an "as of" sentence naming the end
 * of the data ("… data as of December 31, 2024", "FY2025 data through December 2024") and the
 * Drupal "Last Reviewed" / "Last Updated" date. No observations.
 */
import { loadHtml } from './lib/html.js';
import { pageText } from './lib/page-text.js';
import { LayoutError } from '../src/core/errors.js';
import type { ParseInput, ParseResult, ParserDef } from '../src/core/types.js';
import { PROSE_DATE, proseDate } from './lib/ice-dhs-html.js';

const AS_OF = new RegExp(`\\b(?:as of|through)\\s+(${PROSE_DATE.source})`, 'g');
const REVIEWED = new RegExp(`\\b(?:Last\\s+)?(?:Reviewed|Updated|Modified)\\s*(?:on)?\\s*:?\\s*(${PROSE_DATE.source})`, 'i');

/** Sentences of the main content (the whole body when there is no `<main>`). */
function sentences(html: string): { sentences: string[]; text: string } {
  const $ = loadHtml(html);
  $('script, style, noscript, nav, header, footer').remove();
  const root = $('main').length > 0 ? $('main') : $('body');
  const blocks = root.find('p, li, h1, h2, h3, h4, td, div.field, span').toArray().map((el) => $(el).text());
  const text = pageText($, root).replace(/\n/g, ' ');
  const all = (blocks.length > 0 ? blocks : [text]).flatMap((b) => b.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+(?=[A-Z])/));
  return { sentences: [...new Set(all.filter((s) => s.length > 0))], text };
}

/**
 * Success: `dataAsOf` = the latest date given in an "as of"/"through" sentence that mentions
 * data (with `signals.asOfText`), and/or `publishedOn` = the "Last Reviewed/Updated" date.
 * Failure: `LayoutError` when neither is on the page.
 */
export function parseIceStatisticsPage(input: ParseInput): ParseResult {
  const { sentences: list, text } = sentences(input.body.toString('utf8'));
  let best: { day: string; sentence: string } | null = null;
  for (const sentence of list.filter((s) => /\bdata\b|\bstatistics\b/i.test(s))) {
    for (const m of sentence.matchAll(AS_OF)) {
      const day = proseDate(m[1]!);
      // Nested blocks repeat a sentence with its heading glued on: keep the shortest wording.
      if (day && (!best || day > best.day || (day === best.day && sentence.length < best.sentence.length))) best = { day, sentence };
    }
  }
  const reviewed = REVIEWED.exec(text);
  const publishedOn = reviewed ? proseDate(reviewed[1]!) : null;
  if (!best && !publishedOn) throw new LayoutError('no "data as of …" sentence and no "Last Reviewed" date on the ICE statistics page');
  return {
    observations: [],
    issues: [],
    ...(best ? { dataAsOf: best.day, signals: { asOfText: best.sentence.slice(0, 300) } } : {}),
    ...(publishedOn ? { publishedOn } : {}),
  };
}

export const iceStatisticsPageParser: ParserDef = {
  id: 'ice-statistics-page',
  version: 1,
  description: 'ICE statistics page (Tableau dashboards): the "data as of" sentence and the Last Reviewed date.',
  format: 'html',
  parse: parseIceStatisticsPage,
};
