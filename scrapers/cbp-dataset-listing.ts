/**
 * Parser `cbp-dataset-listing`: the CBP "Public Data Portal" listing pages
 * (https://www.cbp.gov/document/stats/nationwide-encounters and
 * …/document/stats/southwest-land-border-encounters) that link the monthly encounters CSVs.
 *
 * The Drupal attachment table (`Attachment | Ext. | Size | Date`) is the only place CBP states
 * when a file was posted and how big it is, so it is the publication timestamp we trust. The
 * "Dashboard Dataset" list above it carries the human titles (and sometimes files the table
 * does not show).
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { LayoutError } from '../src/core/errors.js';
import { usDate } from '../src/core/periods.js';
import type { ParseInput, ParseIssue, ParseResult, ParserDef, Publication } from '../src/core/types.js';
import { loadPage, normText } from './lib/cbp-html.js';

interface Columns {
  readonly attachment: number;
  readonly size: number;
  readonly date: number;
}

/** Column positions of the attachment table, found by header text, or null when absent. */
function findAttachmentTable($: CheerioAPI): { table: Element; columns: Columns } | null {
  for (const table of $('table').toArray()) {
    const headRow = $(table).find('tr').first();
    const heads = headRow.children('th, td').toArray().map((c) => normText($(c).text()).toLowerCase());
    const columns = { attachment: heads.indexOf('attachment'), size: heads.indexOf('size'), date: heads.indexOf('date') };
    if (columns.attachment >= 0 && columns.size >= 0 && columns.date >= 0) return { table, columns };
  }
  return null;
}

/** A cell's machine value: Drupal puts the exact figure in `data-sort-value` (bytes, MM/DD/YYYY). */
function sortValue($: CheerioAPI, cell: Element | undefined): string {
  if (!cell) return '';
  return normText($(cell).attr('data-sort-value') ?? $(cell).text());
}

function readAttachments($: CheerioAPI, pageUrl: string, issues: ParseIssue[]): Publication[] | null {
  const found = findAttachmentTable($);
  if (!found) return null;
  const { table, columns } = found;
  const out: Publication[] = [];
  $(table).find('tr').slice(1).each((i, tr) => {
    const cells = $(tr).children('th, td').toArray();
    const link = $(cells[columns.attachment]).find('a[href]').first();
    if (link.length === 0) {
      issues.push({ code: 'bad_attachment_row', message: `attachment row ${i + 1} has no link` });
      return;
    }
    const url = new URL(link.attr('href')!.trim(), pageUrl).toString();
    const dateText = sortValue($, cells[columns.date]);
    const posted = usDate(dateText);
    if (!posted) issues.push({ code: 'bad_date', message: `${url}: posted date "${dateText}" is not MM/DD/YYYY` });
    const size = sortValue($, cells[columns.size]);
    out.push({ url, posted, bytes: /^\d+$/.test(size) ? Number(size) : null, title: normText(link.text()) });
  });
  return out;
}

/** CSV links anywhere else on the page (the "Dashboard Dataset" list), url → title, in page order. */
function readCsvLinks($: CheerioAPI, pageUrl: string): Map<string, string> {
  const links = new Map<string, string>();
  $('a[href]').each((_, a) => {
    if ($(a).closest('table').length > 0) return;
    const url = new URL($(a).attr('href')!.trim(), pageUrl);
    if (!/\.csv$/i.test(url.pathname)) return;
    if (!links.has(url.toString())) links.set(url.toString(), normText($(a).text()));
  });
  return links;
}

/** Newest posted date first; `Array.prototype.sort` is stable, so ties keep page order. */
function newestFirst(a: Publication, b: Publication): number {
  if (a.posted === b.posted) return 0;
  if (a.posted === null) return 1;
  if (b.posted === null) return -1;
  return a.posted < b.posted ? 1 : -1;
}

/**
 * Parses a CBP dataset listing page.
 *
 * Success: `publications` (absolute URLs resolved against `input.url`, posted `YYYY-MM-DD`,
 * exact bytes, title from the "Dashboard Dataset" list when it names the file) newest first;
 * CSV links that only the list shows are kept with `posted: null` after the dated ones;
 * `publishedOn` = newest posted date. No observations.
 * Partial failure: issues `bad_date` (posted date kept as null) and `bad_attachment_row`.
 * Failure: `LayoutError` for an error page, or when there is neither an attachment table nor a
 * CSV link.
 */
export function parseDatasetListing(input: ParseInput): ParseResult {
  const $ = loadPage(input.body, 'CBP dataset listing');
  const issues: ParseIssue[] = [];
  const attachments = readAttachments($, input.url, issues);
  const csvLinks = readCsvLinks($, input.url);
  if (attachments === null && csvLinks.size === 0) {
    throw new LayoutError('no "Attachment | Size | Date" table and no CSV links on the listing page');
  }
  const seen = new Set((attachments ?? []).map((p) => p.url));
  const listOnly = [...csvLinks.keys()].filter((url) => !seen.has(url)).map((url): Publication => ({ url, posted: null, bytes: null }));
  const publications = [...(attachments ?? []), ...listOnly]
    .map((p) => ({ ...p, title: csvLinks.get(p.url) || p.title || undefined }))
    .map(({ title, ...p }) => (title ? { ...p, title } : p))
    .sort(newestFirst);
  if (publications.length === 0) throw new LayoutError('the listing page lists no files');
  const publishedOn = publications[0]!.posted;
  return { observations: [], issues, publications, ...(publishedOn ? { publishedOn } : {}) };
}

function fileName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split('/').at(-1) ?? '');
}

/**
 * Follow-step pick for the nationwide listing: the newest by-Area-of-Responsibility CSV
 * (`…-aor.csv`, `…-aor_0.csv`); the by-State file has a different layout and is skipped.
 * Undefined when the listing has none.
 */
export function pickNationwideAorCsv(publications: readonly Publication[]): Publication | undefined {
  return publications.find((p) => /-aor(_\d+)?\.csv$/i.test(fileName(p.url)));
}

/** Follow-step pick for the southwest listing: the newest `sbo-encounters-….csv`. */
export function pickSouthwestSboCsv(publications: readonly Publication[]): Publication | undefined {
  return publications.find((p) => /^sbo-encounters.*\.csv$/i.test(fileName(p.url)));
}

export const cbpDatasetListing: ParserDef = {
  id: 'cbp-dataset-listing',
  version: 1,
  description: 'Files, posted dates and sizes from a CBP Public Data Portal listing page (document/stats)',
  format: 'html',
  parse: parseDatasetListing,
};
