import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';

const PARAGRAPH = '\u2029';

/** Elements that start a new line when a browser renders them. */
const BLOCKS = 'address, article, aside, blockquote, br, dd, div, dl, dt, figcaption, figure, footer, h1, h2, h3, h4, h5, h6, header, hr, li, main, nav, ol, p, pre, section, table, tbody, td, tfoot, th, thead, tr, ul';

/**
 * The visible text of `root` with a line break at every block boundary, scripts and styles
 * left out, and whitespace runs collapsed (line breaks kept as single `\n`).
 *
 * Why: cheerio's `.text()` glues `<h2>June 2025</h2><p>26,197 …` into `June 202526,197`, so a
 * number pattern on minified HTML can read a number that is not on the page. Prose patterns run
 * on this text instead. Works on a clone: the caller's document is not changed.
 */
export function pageText($: CheerioAPI, root: Cheerio<AnyNode>): string {
  const copy = root.clone();
  copy.find('script, style, noscript, template').remove();
  // A paragraph separator marks block boundaries, so line breaks in the source text (which a
  // browser renders as spaces) can be told apart from them.
  copy.find(BLOCKS).each((_, el) => {
    $(el).before(PARAGRAPH).after(PARAGRAPH);
  });
  return copy
    .text()
    .replace(/[^\S\u2029]+/g, ' ')
    .replace(/ ?\u2029[\s\u2029]*/g, '\n')
    .trim();
}

/** A number as it stands in prose: not part of a longer number (`2.9`, `6,3195`) nor glued to a word. */
export const PROSE_NUMBER = '(?<![\\d.,])(\\d{1,3}(?:,\\d{3})+|\\d+)(?![.,]?\\d|\\w)';
