/**
 * Parsers for the DHS OHSS Key Homeland Security Metric "CBP Encounters" page
 * (https://ohss.dhs.gov/khsm/cbp-encounters) and its USBP workbook. OHSS rounds every value
 * to the nearest 10 and stopped updating at November 2024 data.
 *
 * - `ohss-khsm-page`: the XLSX download links (publications, page order, USBP first) and any
 *   "Updated …" (→ `publishedOn`) or "data as of/through …" (→ `dataAsOf`) date.
 * - `ohss-khsm-xlsx`: `ohss_usbp_encounters{region}` per month from the sheets `Monthly Count`
 *   (`region="all"`) and `Monthly Region` (snake_case regions). Issue codes: `bad_month`,
 *   `non_numeric`, `negative`, `duplicate_period`, `total_mismatch`, `missing_sheet`.
 */
import { loadHtml } from './lib/html.js';
import { pageText } from './lib/page-text.js';
import { LayoutError } from '../src/core/errors.js';
import { lastDayOfMonth } from '../src/core/periods.js';
import type { Observation, ParseInput, ParseIssue, ParseResult, ParserDef, Publication } from '../src/core/types.js';
import { readWorkbook } from '../src/xlsx/read-workbook.js';
import { pageLinks, PROSE_DATE, proseDate } from './lib/ice-dhs-html.js';
import { readKhsmMonthly, sheetNamed, snakeCase, type KhsmRow } from './lib/ohss-khsm-monthly.js';

const UPDATED = new RegExp(`\\b(?:Last\\s+)?Updated\\s*(?:on)?\\s*:?\\s*(${PROSE_DATE.source})`, 'i');
const DATA_AS_OF = new RegExp(`\\bdata\\b[^.]{0,60}?\\b(?:as of|through)\\s+(${PROSE_DATE.source})`, 'i');

/**
 * Success: every `.xlsx` link as a publication (USBP workbooks first, otherwise page order;
 * `posted` null: the page gives no per-file date), `signals.fileVintage` from a `fy25m11`
 * token in the first file name, plus the page dates when present. Failure: `LayoutError`
 * when the page links no XLSX.
 */
export function parseKhsmPage(input: ParseInput): ParseResult {
  const html = input.body.toString('utf8');
  const links = pageLinks(html, input.url).filter((l) => /\.xlsx$/i.test(l.fileName));
  if (links.length === 0) throw new LayoutError('no XLSX download link on the OHSS KHSM CBP encounters page');
  const isUsbp = (l: (typeof links)[number]): boolean => /usbp|border patrol/i.test(`${l.fileName} ${l.text}`);
  const ordered = [...links.filter(isUsbp), ...links.filter((l) => !isUsbp(l))];
  const publications: Publication[] = ordered.map((l) => ({ url: l.url, posted: null, bytes: null, ...(l.text ? { title: l.text } : {}) }));
  const $ = loadHtml(html);
  // Block boundaries kept as spaces: `<p>…</p><p>Data are …` must not glue into `…Data`.
  const text = pageText($, $('body')).replace(/\n/g, ' ');
  const updated = UPDATED.exec(text);
  const asOf = DATA_AS_OF.exec(text);
  const publishedOn = updated ? proseDate(updated[1]!) : null;
  const dataAsOf = asOf ? proseDate(asOf[1]!) : null;
  const vintage = /fy\d{2}m\d{1,2}/i.exec(ordered[0]!.fileName)?.[0].toLowerCase();
  return {
    observations: [],
    issues: [],
    publications,
    ...(publishedOn ? { publishedOn } : {}),
    ...(dataAsOf ? { dataAsOf } : {}),
    ...(vintage ? { signals: { fileVintage: vintage } } : {}),
  };
}

// Each region value is rounded to 10 separately: parts may miss the rounded total by 5 each.
const ROUNDING = 5;

function observation(period: string, region: string, value: number): Observation {
  return { series: 'ohss_usbp_encounters', labels: { region }, period, value };
}

/** Region rows, dropped per month (with `total_mismatch`) when they stray from the total beyond rounding. */
function regionObservations(rows: readonly KhsmRow[], totals: ReadonlyMap<string, number>, issues: ParseIssue[]): Observation[] {
  const byPeriod = new Map<string, KhsmRow[]>();
  for (const r of rows) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  return [...byPeriod].flatMap(([period, parts]) => {
    const total = totals.get(period);
    const sum = parts.reduce((a, r) => a + r.value, 0);
    if (total !== undefined && Math.abs(sum - total) > ROUNDING * (parts.length + 1)) {
      issues.push({ code: 'total_mismatch', message: `Monthly Region ${period}: regions sum to ${sum}, Monthly Count says ${total}; regions not emitted` });
      return [];
    }
    return parts.map((r) => observation(period, snakeCase(r.group ?? ''), r.value));
  });
}

/**
 * Success: monthly USBP encounters (all regions, then by region), `dataAsOf` = last day of
 * the newest month, `signals.newestDataMonth`. Failure: `LayoutError` when the body is not a
 * workbook or the `Monthly Count` sheet or its header is missing.
 */
export function parseKhsmXlsx(input: ParseInput): ParseResult {
  const wb = readWorkbook(input.body);
  const issues: ParseIssue[] = [];
  const countSheet = sheetNamed(wb, 'Monthly Count');
  if (!countSheet) throw new LayoutError('no "Monthly Count" sheet in the KHSM workbook');
  const counts = readKhsmMonthly(countSheet, null, issues);
  const totals = new Map(counts.map((r) => [r.period, r.value]));
  const observations = counts.map((r) => observation(r.period, 'all', r.value));
  const regionSheet = sheetNamed(wb, 'Monthly Region');
  if (regionSheet) observations.push(...regionObservations(readKhsmMonthly(regionSheet, 'Region', issues), totals, issues));
  else issues.push({ code: 'missing_sheet', message: 'no "Monthly Region" sheet; regional figures not emitted' });
  const newestDataMonth = [...totals.keys()].sort().at(-1)!;
  return { observations, issues, dataAsOf: lastDayOfMonth(newestDataMonth), signals: { newestDataMonth } };
}

export const ohssKhsmPageParser: ParserDef = {
  id: 'ohss-khsm-page',
  version: 1,
  description: 'DHS OHSS KHSM CBP encounters page: XLSX download links and the page update date.',
  format: 'html',
  parse: parseKhsmPage,
};

export const ohssKhsmXlsxParser: ParserDef = {
  id: 'ohss-khsm-xlsx',
  version: 1,
  description: 'DHS OHSS KHSM CBP Encounters (USBP) workbook: monthly USBP encounters, total and by region (rounded to 10).',
  format: 'xlsx',
  parse: parseKhsmXlsx,
};
