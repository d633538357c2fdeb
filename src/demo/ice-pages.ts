/**
 * The two ICE pages of the demo site, worded like ice.gov: the detention-management page
 * (https://www.ice.gov/detain/detention-management), which links the detention-statistics
 * workbooks, and the statistics page (https://www.ice.gov/statistics), whose dashboards are
 * Tableau and whose only machine-readable signal is its "data … as of" sentence.
 */
import { esc, htmlPage, usDay } from './ice-dhs-html.js';
import type { IceEdition } from './ice-editions.js';

export const DETENTION_PAGE_PATH = '/detain/detention-management';
export const STATISTICS_PAGE_PATH = '/statistics';
/** Folder of the workbooks on ice.gov. */
export const ICE_DOCLIB = '/doclib/detention/';

const ICE_NAV = [
  [DETENTION_PAGE_PATH, 'Detention Management'],
  [STATISTICS_PAGE_PATH, 'Statistics'],
] as const;
const ICE_FOOTER = ['https://www.dhs.gov/', 'DHS'] as const;

/** The root-relative link of a workbook. */
export const iceWorkbookHref = (e: IceEdition): string => `${ICE_DOCLIB}${e.fileName}`;

/**
 * The detention-management page linking the given workbooks (newest first), with ICE's
 * "updated twice monthly" wording and the page's Last Reviewed date (`YYYY-MM-DD`).
 */
export function detentionManagementPage(editions: readonly IceEdition[], reviewed: string): string {
  const items = editions.map(
    (e) => `          <li><a href="${esc(iceWorkbookHref(e))}" data-entity-type="file">${esc(e.linkText)}</a> <span class="file-size">(XLSX)</span></li>`,
  );
  const main = `    <h1 class="page-title"><span class="field field--name-title">Detention Management</span></h1>
    <div class="clearfix text-formatted field field--name-body">
      <p>U.S. Immigration and Customs Enforcement (ICE) Enforcement and Removal Operations (ERO) manages and oversees the
        nation's civil immigration detention system.</p>
      <h2 id="stats">Detention Statistics</h2>
      <p>These statistics are made available to the public pursuant to the Fiscal Year 2020 Department of Homeland Security
        Appropriations Act and are updated twice monthly. The information in these reports is subject to change.</p>
      <ul>
${items.join('\n')}
      </ul>
      <p>See also the <a href="${STATISTICS_PAGE_PATH}">ICE statistics dashboards</a>.</p>
    </div>
    <div class="last-updated">Last Reviewed/Updated: ${usDay(reviewed)}</div>`;
  return htmlPage({ title: 'Detention Management | ICE', bodyClass: 'path-node page-node-type-page', nav: ICE_NAV, main, footer: ICE_FOOTER });
}

/** Day the statistics page was last reviewed (its Last-Modified). */
export const STATISTICS_REVIEWED = '2025-01-23';

/** The statistics page: FY2025 dashboards current as of December 31, 2024. */
export function statisticsPage(): string {
  const main = `    <h1 class="page-title">ICE Statistics</h1>
    <div class="field field--name-body">
      <p>U.S. Immigration and Customs Enforcement publishes enforcement statistics on arrests, detentions and removals in the
        interactive dashboards below.</p>
      <h2>ICE Enforcement and Removal Operations Statistics</h2>
      <p>The FY2025 data on this page is current as of December 31, 2024. Figures for earlier fiscal years are final and
        include data through September 30, 2024.</p>
      <p>Enforcement data is updated quarterly.</p>
      <div class="tableauPlaceholder" id="viz-ero-arrests"><noscript>The Arrests dashboard needs JavaScript.</noscript></div>
      <h3>Detention</h3>
      <p>Detention statistics, updated twice monthly, are published on the <a href="${DETENTION_PAGE_PATH}">Detention Management</a> page.</p>
    </div>
    <div class="usa-last-reviewed">Last Reviewed/Updated: ${usDay(STATISTICS_REVIEWED)}</div>`;
  return htmlPage({ title: 'ICE Statistics | ICE', bodyClass: 'path-statistics', nav: ICE_NAV, main, footer: ICE_FOOTER });
}
