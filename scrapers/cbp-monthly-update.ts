/**
 * Two parsers for the CBP monthly-update press releases:
 * - `cbp-media-release-listing`: a newsroom listing page (https://www.cbp.gov/newsroom/media-releases/all)
 *   → the "CBP Releases <Month> <Year> Monthly Update" releases it links, newest first;
 * - `cbp-monthly-update`: one release page → its release date and the headline figures its
 *   prose states, when the wording is one we recognise.
 *
 * Press prose is not a data format: a release we cannot read still counts as a publication
 * (the date is the signal), and a figure we find twice with different values is dropped.
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { LayoutError } from '../src/core/errors.js';
import { isDayPeriod, lastDayOfMonth, longDate, monthNumber, usDate } from '../src/core/periods.js';
import type { Observation, ParseInput, ParseIssue, ParseResult, ParserDef, Publication } from '../src/core/types.js';
import { loadPage, normText } from './lib/cbp-html.js';
import { pageText, PROSE_NUMBER } from './lib/page-text.js';

/** Slugs such as `cbp-releases-september-2025-monthly-update` (Drupal adds `-0` to duplicates). */
const UPDATE_PATH = /^\/newsroom\/national-media-release\/cbp-releases-([a-z]+)-(\d{4})-monthly-update(?:-\d+)?\/?$/i;
const ANY_RELEASE_PATH = /^\/newsroom\/(?:national|local)-media-release\//i;

function period(monthName: string, year: string): string | null {
  const month = monthNumber(monthName);
  return month ? `${year}-${String(month).padStart(2, '0')}` : null;
}

/** A date written in an element: `<time datetime>`, `MM/DD/YYYY` or `Oct 24, 2025`. */
function dateIn($: CheerioAPI, el: Element): string | null {
  const datetime = ($(el).is('time') ? $(el) : $(el).find('time[datetime]').first()).attr('datetime')?.slice(0, 10);
  if (datetime && isDayPeriod(datetime)) return datetime;
  const text = normText($(el).text());
  const us = /\b(\d{1,2}\/\d{1,2}\/\d{4})\b/.exec(text);
  return (us && usDate(us[1]!)) ?? longDate(text);
}

/** The listed date of a release link: the nearest enclosing item that holds a date and no other release. */
function listedDate($: CheerioAPI, link: Element, url: string, pageUrl: string): string | null {
  let el: Element | null = link;
  for (let depth = 0; el && depth < 6; depth++, el = el.parent as Element | null) {
    const others = $(el)
      .find('a[href]')
      .toArray()
      .some((a) => {
        const other = resolve($(a).attr('href')!, pageUrl);
        return other !== null && ANY_RELEASE_PATH.test(other.pathname) && other.href.split('#')[0] !== url;
      });
    if (others && depth > 0) return null;
    const date = dateIn($, el);
    if (date) return date;
  }
  return null;
}

function resolve(href: string, base: string): URL | null {
  try {
    return new URL(href.trim(), base);
  } catch {
    return null;
  }
}

interface Listed extends Publication {
  readonly dataMonth: string;
}

/**
 * Parses a CBP newsroom listing page.
 *
 * Success: `publications` = the monthly-update releases linked (absolute URLs, `posted` = the
 * listed date or null, title = link text), newest first by the month in the slug, then by
 * listed date; `publishedOn` = the listed date of the newest. A valid listing that shows no
 * monthly update (it fell to a later page) gives no publications and issue
 * `no_monthly_update_listed`.
 * Failure: `LayoutError` for an error page or a page that links no media release at all.
 */
export function parseMediaReleaseListing(input: ParseInput): ParseResult {
  const $ = loadPage(input.body, 'CBP media release listing');
  const found = new Map<string, Listed>();
  let releases = 0;
  $('a[href]').each((_, a) => {
    const url = resolve($(a).attr('href')!, input.url);
    if (!url || !ANY_RELEASE_PATH.test(url.pathname)) return;
    releases++;
    const m = UPDATE_PATH.exec(url.pathname);
    const dataMonth = m && period(m[1]!, m[2]!);
    const href = url.href.split('#')[0]!;
    const known = found.get(href);
    if (!dataMonth || (known && known.posted && known.title)) return;
    // A release is often linked twice (image and headline); keep whichever link carries the date and title.
    const title = normText($(a).text()) || known?.title;
    const posted = known?.posted ?? listedDate($, a, href, input.url);
    found.set(href, { url: href, posted, bytes: null, dataMonth, ...(title ? { title } : {}) });
  });
  if (releases === 0) throw new LayoutError('no links to media releases on the listing page');
  const publications = [...found.values()].sort(byNewest).map(({ dataMonth: _, ...p }) => p);
  const issues: ParseIssue[] = publications.length === 0 ? [{ code: 'no_monthly_update_listed', message: 'the listing links no "CBP Releases <Month> <Year> Monthly Update" release' }] : [];
  const publishedOn = publications[0]?.posted;
  return { observations: [], issues, publications, ...(publishedOn ? { publishedOn } : {}) };
}

function byNewest(a: Listed, b: Listed): number {
  if (a.dataMonth !== b.dataMonth) return a.dataMonth < b.dataMonth ? 1 : -1;
  if (a.posted === b.posted) return 0;
  if (a.posted === null) return 1;
  if (b.posted === null) return -1;
  return a.posted < b.posted ? 1 : -1;
}

const NUM = PROSE_NUMBER;
const USBP = '(?:US Border Patrol|USBP|Border Patrol)(?: \\(USBP\\))?';
const SW = '(?:southwest|southern) border';
/** Sentence shapes seen in CBP monthly updates (2025); "U.S." is normalised to "US" first. */
const FIGURES: readonly { readonly figure: string; readonly patterns: readonly RegExp[] }[] = [
  {
    figure: 'usbp_southwest_apprehensions',
    patterns: [
      new RegExp(`${USBP} apprehensions (?:at|along) the ${SW} (?:totaled|were|was|numbered) ${NUM}`, 'gi'),
      new RegExp(`${USBP} apprehended ${NUM}[^.\\n]{0,100}? (?:at|along) the ${SW}`, 'gi'),
    ],
  },
  {
    figure: 'usbp_nationwide_apprehensions',
    patterns: [
      new RegExp(`${USBP} apprehensions nationwide (?:totaled|were|was) ${NUM}`, 'gi'),
      new RegExp(`${NUM} ${USBP} apprehensions nationwide`, 'gi'),
    ],
  },
  {
    figure: 'nationwide_encounters',
    patterns: [new RegExp(`${NUM} (?:total )?nationwide encounters`, 'gi'), new RegExp(`nationwide encounters (?:totaled|were|was) ${NUM}`, 'gi')],
  },
];

function readFigures(prose: string, dataMonth: string, issues: ParseIssue[]): Observation[] {
  const text = prose.replace(/U\.S\./g, 'US');
  const out: Observation[] = [];
  for (const { figure, patterns } of FIGURES) {
    const values = new Set(patterns.flatMap((re) => [...text.matchAll(re)].map((m) => Number(m[1]!.replace(/,/g, '')))));
    if (values.size > 1) {
      issues.push({ code: 'ambiguous_figure', message: `${figure}: the prose states ${[...values].join(' and ')}; not emitted` });
    } else if (values.size === 1) {
      out.push({ series: 'cbp_release_figure', labels: { figure }, period: dataMonth, value: [...values][0]! });
    }
  }
  return out;
}

/** The release date: the "Release Date:" line (`Fri, 10/24/2025`, `Friday, October 24, 2025`), else the first `<time datetime>`. */
function releaseDate($: CheerioAPI): string | null {
  const text = normText($('body').text());
  const m = /Release Date:?\s*(?:[A-Za-z]{3,9}\.?,\s*)?(\d{1,2}\/\d{1,2}\/\d{4}|[A-Za-z]{3,9}\.? \d{1,2}, \d{4})/i.exec(text);
  const fromText = m ? (usDate(m[1]!) ?? longDate(m[1]!)) : null;
  const time = $('time[datetime]').first();
  return fromText ?? (time.length ? dateIn($, time[0]!) : null);
}

/**
 * Parses one CBP monthly-update release page.
 *
 * Success: `publishedOn` = the release date; `cbp_release_figure{figure}` for the data month
 * named in the title (figures `usbp_southwest_apprehensions`, `usbp_nationwide_apprehensions`,
 * `nationwide_encounters`) where the prose pattern is recognised; `dataAsOf` = last day of the
 * data month. Partial: `prose_not_recognised` (no figure found; the release still counts),
 * `ambiguous_figure`, `published_date_missing`.
 * Failure: `LayoutError` for an error page or a page without a "CBP Releases <Month> <Year>
 * Monthly Update" title.
 */
export function parseMonthlyUpdate(input: ParseInput): ParseResult {
  const $ = loadPage(input.body, 'CBP monthly update release');
  const title = normText($('h1').first().text()) || normText($('title').first().text());
  const t = /CBP releases ([A-Za-z]+) (\d{4}) monthly update/i.exec(title);
  const dataMonth = t && period(t[1]!, t[2]!);
  if (!dataMonth) throw new LayoutError(`not a CBP monthly-update release (title "${title.slice(0, 100)}")`);
  const issues: ParseIssue[] = [];
  const root = $('main').length ? $('main') : $('body');
  // Line breaks at block boundaries: minified HTML must not glue a heading's year to a figure.
  const observations = readFigures(pageText($, root), dataMonth, issues);
  if (observations.length === 0 && !issues.some((i) => i.code === 'ambiguous_figure')) {
    issues.push({ code: 'prose_not_recognised', message: `no headline figure recognised in the ${dataMonth} release` });
  }
  const publishedOn = releaseDate($);
  if (!publishedOn) issues.push({ code: 'published_date_missing', message: 'no release date on the page' });
  return { observations, issues, ...(publishedOn ? { publishedOn } : {}), dataAsOf: lastDayOfMonth(dataMonth) };
}

export const cbpMediaReleaseListing: ParserDef = {
  id: 'cbp-media-release-listing',
  version: 1,
  description: 'CBP monthly-update press releases linked from a CBP newsroom listing page, newest first',
  format: 'html',
  parse: parseMediaReleaseListing,
};

export const cbpMonthlyUpdate: ParserDef = {
  id: 'cbp-monthly-update',
  version: 1,
  description: 'Release date and headline figures of one CBP monthly-update press release',
  format: 'html',
  parse: parseMonthlyUpdate,
};
