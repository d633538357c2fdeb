/**
 * Small helpers shared by the CBP HTML parsers: decoding, error-page detection, the Drupal
 * "Last Modified" block and the Tableau workbook names that encode a reporting month.
 * Everything here is pure (no clock, no I/O).
 */
import { loadHtml } from './html.js';
import type { CheerioAPI } from 'cheerio/slim';
import { LayoutError } from '../../src/core/errors.js';
import { fiscalMonthPeriod, longDate, monthNumber } from '../../src/core/periods.js';

/** The body as text: UTF-8, byte-order mark removed (TextDecoder drops it by default). */
export function decodeUtf8(body: Buffer): string {
  return new TextDecoder('utf-8').decode(body);
}

/** Collapses every run of whitespace (including no-break spaces) to one space and trims. */
export function normText(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

// Titles of the pages CDNs and web servers serve instead of content (Akamai "Access Denied"
// is what cbp.gov returns to clients it does not like). Anchored so prose mentioning
// "forbidden" does not trip it.
const ERROR_TITLE = /^(access denied|forbidden|403\b|404\b|500\b|502\b|503\b|request rejected|service unavailable|page not found|not found|bad gateway|error)/i;

/** A one-line reason when the document is an HTTP error page rather than content, else null. */
export function errorPageReason($: CheerioAPI): string | null {
  for (const sel of ['title', 'h1']) {
    const text = normText($(sel).first().text());
    if (text && ERROR_TITLE.test(text)) return `server returned an error page ("${text.slice(0, 80)}")`;
  }
  const body = normText($('body').text());
  if (/you don't have permission to access/i.test(body)) return 'server returned an "Access Denied" page';
  return null;
}

/**
 * Parses an HTML page and rejects error pages. Throws `LayoutError` naming `what` (the page we
 * expected) when the body is empty or is an error page, so a blocked fetch never parses as
 * "a page with no data".
 */
export function loadPage(body: Buffer, what: string): CheerioAPI {
  const html = decodeUtf8(body);
  if (html.trim() === '') throw new LayoutError(`${what}: empty document`);
  const $ = loadHtml(html);
  const reason = errorPageReason($);
  if (reason) throw new LayoutError(`${what}: ${reason}`);
  return $;
}

/** `YYYY-MM-DD` from the Drupal block "Last Modified: Nov 14, 2025", or null when absent. */
export function lastModified($: CheerioAPI): string | null {
  const m = /Last Modified:\s*([A-Za-z]{3,9}\.?\s+\d{1,2},\s*\d{4})/i.exec(normText($('body').text()));
  return m ? longDate(m[1]!) : null;
}

/** Workbook names of every Tableau iframe (`…/views/<Workbook>/<Sheet>?…`), in page order, without repeats. */
export function tableauWorkbooks($: CheerioAPI): string[] {
  const names: string[] = [];
  $('iframe[src]').each((_, el) => {
    // The SW page puts a newline before the URL inside the attribute: trim before matching.
    const m = /\/views\/([A-Za-z0-9_-]+)\//.exec(($(el).attr('src') ?? '').trim());
    if (m && !names.includes(m[1]!)) names.push(m[1]!);
  });
  return names;
}

/**
 * The reporting month a CBP workbook name encodes in its suffix, e.g.
 * `CBPSBOEnforcementActionsDashboardsAUGFY26` → `2026-08` and `…OCTFY26` → `2025-10`
 * (OCT–DEC belong to the calendar year before the fiscal year). Null when there is no suffix.
 */
export function workbookReportingMonth(workbook: string): string | null {
  const m = /(JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)FY(\d{4}|\d{2})$/.exec(workbook);
  if (!m) return null;
  const month = monthNumber(m[1]!);
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return month ? fiscalMonthPeriod(year, month) : null;
}
