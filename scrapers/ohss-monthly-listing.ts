/**
 * Parser `ohss-monthly-listing`: the DHS OHSS "Immigration Enforcement and Legal Processes
 * Monthly Tables" page. Each edition is one XLSX named
 * `<posted>_ohss_immigration-enforcement-and-legal-processes-tables-<month>-<year>[_n].xlsx`,
 * where `<posted>` is `24-0607` (YY-MMDD) or `2025_0116` (YYYY_MMDD). The series froze after
 * the file posted 2025-01-16 (data through November 2024): the signal to watch is a new file.
 */
import { LayoutError } from '../src/core/errors.js';
import { isoDay, lastDayOfMonth, monthNumber } from '../src/core/periods.js';
import type { ParseInput, ParseResult, ParserDef, Publication } from '../src/core/types.js';
import { pageLinks } from './lib/ice-dhs-html.js';
import { compareText } from '../src/core/text.js';

export interface OhssMonthlyFileName {
  /** From the name prefix, `YYYY-MM-DD`; null when the prefix is not a real date. */
  readonly posted: string | null;
  /** The data month the tables run through, `YYYY-MM`. */
  readonly dataMonth: string;
}

const NAME = /^(?:(\d{2})-(\d{2})(\d{2})|(\d{4})_(\d{2})(\d{2}))_ohss_immigration-enforcement-and-legal-processes-tables-([a-z]+)-(\d{4})(?:[_-]\d+)?\.xlsx$/;

/** Parses an OHSS monthly-tables file name; null when the name is not one. */
export function parseOhssMonthlyFileName(fileName: string): OhssMonthlyFileName | null {
  const m = NAME.exec(fileName.trim().toLowerCase());
  if (!m) return null;
  const month = monthNumber(m[7]!);
  if (month === null) return null;
  const year = m[1] !== undefined ? 2000 + Number(m[1]) : Number(m[4]);
  const posted = isoDay(year, Number(m[2] ?? m[5]), Number(m[3] ?? m[6]));
  return { posted, dataMonth: `${m[8]}-${String(month).padStart(2, '0')}` };
}

/**
 * Success: publications newest first (by posted date, then data month), `publishedOn` = the
 * newest posted date, `dataAsOf` = the last day of the newest data month, and
 * `signals.newestDataMonth`. Failure: `LayoutError` when no monthly-tables workbook is linked.
 */
export function parseOhssMonthlyListing(input: ParseInput): ParseResult {
  const files = pageLinks(input.body.toString('utf8'), input.url).flatMap((link) => {
    const name = parseOhssMonthlyFileName(link.fileName);
    return name ? [{ link, name }] : [];
  });
  if (files.length === 0) throw new LayoutError('no "…_ohss_immigration-enforcement-and-legal-processes-tables-<month>-<year>.xlsx" link on the OHSS page');
  files.sort(
    (a, b) =>
      compareText(b.name.posted ?? '', a.name.posted ?? '') ||
      compareText(b.name.dataMonth, a.name.dataMonth) ||
      compareText(a.link.url, b.link.url),
  );
  const publications: Publication[] = files.map(({ link, name }) => ({
    url: link.url,
    posted: name.posted,
    bytes: null,
    ...(link.text ? { title: link.text } : {}),
  }));
  const newestDataMonth = files.map((f) => f.name.dataMonth).sort().at(-1)!;
  const newestPosted = files.map((f) => f.name.posted).filter((d): d is string => d !== null).sort().at(-1);
  return {
    observations: [],
    issues: [],
    publications,
    ...(newestPosted ? { publishedOn: newestPosted } : {}),
    dataAsOf: lastDayOfMonth(newestDataMonth),
    signals: { newestDataMonth },
  };
}

export const ohssMonthlyListingParser: ParserDef = {
  id: 'ohss-monthly-listing',
  version: 1,
  description: 'DHS OHSS Immigration Enforcement and Legal Processes Monthly Tables page: XLSX editions dated by file name.',
  format: 'html',
  parse: parseOhssMonthlyListing,
};
