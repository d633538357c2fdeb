/**
 * Helpers for the ICE and OHSS HTML pages: links resolved to absolute URLs, and dates written
 * in agency prose (`December 31, 2024`, `Dec. 31, 2024`, `12/31/2024`, and, for "data through
 * December 2024", a bare month, which stands for its last day).
 */
import { loadHtml } from './html.js';
import { lastDayOfMonth, longDate, monthNumber, usDate } from '../../src/core/periods.js';

/** Matches one date in any of the accepted forms; use with {@link proseDate}. */
export const PROSE_DATE = /[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*\d{4}|\d{1,2}\/\d{1,2}\/\d{4}|[A-Z][a-z]{2,8}\s+\d{4}/;

/** `YYYY-MM-DD` for a date matched by {@link PROSE_DATE}, or null when it does not exist. */
export function proseDate(text: string): string | null {
  const long = longDate(text) ?? usDate(text);
  if (long) return long;
  const m = /^([A-Za-z]{3,9})\s+(\d{4})$/.exec(text.trim());
  const month = m ? monthNumber(m[1]!) : null;
  return month ? lastDayOfMonth(`${m![2]}-${String(month).padStart(2, '0')}`) : null;
}

export interface PageLink {
  readonly url: string;
  /** Last path segment, percent-decoded when possible. */
  readonly fileName: string;
  /** Link text with whitespace collapsed. */
  readonly text: string;
}

/** Every `<a href>` of the page once (first occurrence wins), resolved against the page URL. */
export function pageLinks(html: string, pageUrl: string): PageLink[] {
  const $ = loadHtml(html);
  const seen = new Map<string, PageLink>();
  $('a[href]').each((_, el) => {
    let url: URL;
    try {
      url = new URL(($(el).attr('href') ?? '').trim(), pageUrl);
    } catch {
      return;
    }
    url.hash = '';
    const key = url.toString();
    if (seen.has(key)) return;
    const raw = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
    let fileName = raw;
    try {
      fileName = decodeURIComponent(raw);
    } catch {
      // keep the raw segment: a malformed escape is not our problem to fix
    }
    seen.set(key, { url: key, fileName, text: $(el).text().replace(/\s+/g, ' ').trim() });
  });
  return [...seen.values()];
}
