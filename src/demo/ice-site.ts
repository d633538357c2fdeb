/**
 * The ICE and DHS OHSS half of the demo agency site: every page and file the sources in
 * `scrapers/ice-dhs.ts` fetch, at the agencies' own URL paths, so a demo cycle of each source
 * succeeds and shows the figures as ICE and OHSS published them in January 2025.
 *
 * - ICE detention-management page linking three workbooks; the newest (the one the source
 *   follows) is `FY25_detentionStats01162025.xlsx`: 39,703 detained (ICE 14,557 + CBP 25,146)
 *   at the IIDS pull of 01/06/2025 and 76,939 FY2025 removals. The older
 *   `FY25_detentionStats01032025.xlsx` (39,152 / 69,546 at 12/23/2024) and the year-end
 *   `FY24_detentionStats.xlsx` (37,684 / 271,484 at 10/07/2024) are served too, as history.
 * - ICE statistics page ("FY2025 data … current as of December 31, 2024").
 * - OHSS monthly-tables listing, frozen at the edition posted 2025-01-16 (November 2024).
 * - OHSS KHSM CBP Encounters page and its USBP workbook (FY2022 – November 2024; e.g.
 *   October 2024 58,130, November 2024 47,540).
 *
 * Deterministic: the same bytes and Last-Modified dates on every call (no clock).
 */
import type { Route } from './agency-site.js';
import { htmlRoute, pathOf } from './ice-dhs-html.js';
import { xlsxRoute } from './ice-dhs-xlsx.js';
import { ICE_EDITIONS } from './ice-editions.js';
import { DETENTION_PAGE_PATH, detentionManagementPage, iceWorkbookHref, STATISTICS_PAGE_PATH, STATISTICS_REVIEWED, statisticsPage } from './ice-pages.js';
import { iceDetentionWorkbook } from './ice-workbook.js';
import { khsmUsbpWorkbook } from './ohss-khsm-workbook.js';
import { KHSM_PAGE_PATH, KHSM_USBP_HREF, khsmPage, MONTHLY_TABLES_PATH, monthlyTablesPage, OHSS_UPDATED } from './ohss-pages.js';

/** The ICE pages and the detention workbooks. */
function iceRoutes(): [string, Route][] {
  const newest = ICE_EDITIONS[0]!;
  const workbooks = ICE_EDITIONS.map((e): [string, Route] => [pathOf(iceWorkbookHref(e)), xlsxRoute(iceDetentionWorkbook(e), e.posted)]);
  return [
    [DETENTION_PAGE_PATH, htmlRoute(detentionManagementPage(ICE_EDITIONS, newest.posted), newest.posted)],
    ...workbooks,
    [STATISTICS_PAGE_PATH, htmlRoute(statisticsPage(), STATISTICS_REVIEWED)],
  ];
}

/** The OHSS pages and the KHSM USBP workbook. */
function ohssRoutes(): [string, Route][] {
  return [
    [MONTHLY_TABLES_PATH, htmlRoute(monthlyTablesPage(), OHSS_UPDATED)],
    [KHSM_PAGE_PATH, htmlRoute(khsmPage(), OHSS_UPDATED)],
    [pathOf(KHSM_USBP_HREF), xlsxRoute(khsmUsbpWorkbook(), OHSS_UPDATED)],
  ];
}

/**
 * Every ICE and DHS OHSS route of the demo site, by path (the agencies' own paths; links in
 * pages are root-relative so they resolve to the demo origin). The figures mirror the
 * published ones.
 */
export function iceDhsDemoRoutes(): [path: string, Route][] {
  return [...iceRoutes(), ...ohssRoutes()];
}
