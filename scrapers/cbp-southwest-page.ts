/**
 * Parser `cbp-southwest-page`: https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters.
 *
 * The page carries no numbers in its HTML (the figures live in Tableau iframes), so it yields
 * publication signals only: the "Last Modified" date and the reporting month encoded in the
 * Tableau workbook name (`CBPSBOEnforcementActionsDashboardsAUGFY26` = August of FY2026).
 * CBP renames the workbook every month, which makes the name a cheap "new data" detector.
 */
import { LayoutError } from '../src/core/errors.js';
import { lastDayOfMonth } from '../src/core/periods.js';
import type { ParseInput, ParseIssue, ParseResult, ParserDef } from '../src/core/types.js';
import { lastModified, loadPage, tableauWorkbooks, workbookReportingMonth } from './lib/cbp-html.js';

/** The workbooks whose names encode a month, newest month first (ties keep page order). */
function datedWorkbooks(workbooks: readonly string[]): { workbook: string; month: string }[] {
  return workbooks
    .map((workbook) => ({ workbook, month: workbookReportingMonth(workbook) }))
    .filter((w): w is { workbook: string; month: string } => w.month !== null)
    .sort((a, b) => (a.month === b.month ? 0 : a.month < b.month ? 1 : -1));
}

/**
 * Parses the Southwest Land Border Encounters page (the decoder also reads the Nationwide
 * page's `CBPNationwideEncountersAUGFY26` workbooks).
 *
 * Success: no observations; `publishedOn` from "Last Modified"; `signals.workbook` and
 * `signals.reportingMonth` (`YYYY-MM`) from the Tableau iframe; `dataAsOf` = last day of that
 * month. Partial: issue `workbook_not_recognised` (no month-coded workbook),
 * `published_date_missing`, or `workbook_mismatch` (iframes name different months; the
 * newest is used).
 * Failure: `LayoutError` for an error page, or when neither a month-coded workbook nor a
 * Last Modified date is on the page.
 */
export function parseSouthwestPage(input: ParseInput): ParseResult {
  const $ = loadPage(input.body, 'CBP Southwest Land Border Encounters page');
  const workbooks = tableauWorkbooks($);
  const dated = datedWorkbooks(workbooks);
  const publishedOn = lastModified($);
  if (dated.length === 0 && !publishedOn) {
    throw new LayoutError('no Tableau workbook with a month code (e.g. …AUGFY26) and no "Last Modified" date');
  }
  const issues: ParseIssue[] = [];
  if (dated.length === 0) {
    const seen = workbooks.length > 0 ? `workbooks seen: ${workbooks.join(', ')}` : 'no Tableau iframe';
    issues.push({ code: 'workbook_not_recognised', message: `no workbook name ends in a month code (${seen})` });
  }
  if (new Set(dated.map((w) => w.month)).size > 1) {
    issues.push({ code: 'workbook_mismatch', message: `iframes name different months: ${dated.map((w) => w.workbook).join(', ')}` });
  }
  if (!publishedOn) issues.push({ code: 'published_date_missing', message: 'no "Last Modified" date on the page' });
  const newest = dated[0];
  return {
    observations: [],
    issues,
    ...(publishedOn ? { publishedOn } : {}),
    ...(newest
      ? { dataAsOf: lastDayOfMonth(newest.month), signals: { workbook: newest.workbook, reportingMonth: newest.month } }
      : {}),
  };
}

export const cbpSouthwestPage: ParserDef = {
  id: 'cbp-southwest-page',
  version: 1,
  description: 'Last Modified date and Tableau reporting month of the CBP Southwest Land Border Encounters page (no figures in HTML)',
  format: 'html',
  parse: parseSouthwestPage,
};
