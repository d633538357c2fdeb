/**
 * The two DHS OHSS pages of the demo site, worded like ohss.dhs.gov: the "Immigration
 * Enforcement and Legal Processes Monthly Tables" listing with the real edition file names
 * (newest `2025_0116_…-november-2024.xlsx`: the series froze there), and the Key Homeland
 * Security Metric "CBP Encounters" page with its USBP workbook (data through November 2024).
 */
import { esc, htmlPage, longDay } from './ice-dhs-html.js';

export const MONTHLY_TABLES_PATH =
  '/topics/immigration/immigration-enforcement/immigration-enforcement-and-legal-processes-monthly-tables';
export const KHSM_PAGE_PATH = '/khsm/cbp-encounters';
/** The USBP workbook as OHSS links it (spaces and parentheses percent-encoded). */
export const KHSM_USBP_HREF = '/sites/default/files/2025-01/KHSM%20Encounters%20%28USBP%29%20fy25m11.xlsx';
/** Day OHSS last updated both pages (the November 2024 data release). */
export const OHSS_UPDATED = '2025-01-16';

interface MonthlyEdition {
  /** Data month as OHSS names it in the file, e.g. `november-2024`. */
  readonly month: string;
  /** Posted day; Drupal files it under `/sites/default/files/YYYY-MM/`. */
  readonly posted: string;
  readonly fileName: string;
}

const edition = (month: string, posted: string, prefix: string, suffix = ''): MonthlyEdition => ({
  month,
  posted,
  fileName: `${prefix}_ohss_immigration-enforcement-and-legal-processes-tables-${month}${suffix}.xlsx`,
});

/** The editions known from public copies, newest first, with OHSS's two prefix spellings. */
export const OHSS_MONTHLY_EDITIONS: readonly MonthlyEdition[] = [
  edition('november-2024', '2025-01-16', '2025_0116'),
  edition('august-2024', '2024-12-06', '2024_1206'),
  edition('july-2024', '2024-11-08', '2024_1108'),
  edition('june-2024', '2024-10-11', '24-1011', '_2'),
  edition('april-2024', '2024-08-09', '24-0809'),
  edition('march-2024', '2024-07-05', '24-0705'),
  edition('february-2024', '2024-06-07', '24-0607'),
];

const OHSS_NAV = [
  [MONTHLY_TABLES_PATH, 'Monthly Tables'],
  [KHSM_PAGE_PATH, 'CBP Encounters'],
] as const;
const OHSS_FOOTER = ['https://www.dhs.gov/', 'DHS'] as const;

const monthTitle = (month: string): string => month.replace(/^[a-z]/, (c) => c.toUpperCase()).replace('-', ' ');
const editionHref = (e: MonthlyEdition): string => `/sites/default/files/${e.posted.slice(0, 7)}/${e.fileName}`;

/** The monthly-tables page: the current edition, then the previous ones. */
export function monthlyTablesPage(): string {
  const [current, ...previous] = OHSS_MONTHLY_EDITIONS;
  const link = (e: MonthlyEdition, text: string): string => `<a href="${esc(editionHref(e))}">${esc(text)}</a>`;
  const main = `    <h1><span class="field field--name-title">Immigration Enforcement and Legal Processes Monthly Tables</span></h1>
    <div class="field field--name-body">
      <h2>About This Report</h2>
      <p>We produced this report independently. It supports our mission to maximize DHS data quality and transparency.
        Records may not match agency reporting due to differences in reporting methodologies or as-of dates.</p>
      <h2>Current Edition</h2>
      <p><span class="file file--x-office-spreadsheet">${link(current!, `Immigration Enforcement and Legal Processes Monthly Tables - ${monthTitle(current!.month)}`)}</span></p>
      <h2>Previous Editions</h2>
      <ul>
${previous.map((e) => `        <li>${link(e, monthTitle(e.month))}</li>`).join('\n')}
      </ul>
    </div>`;
  return htmlPage({ title: 'Immigration Enforcement and Legal Processes Monthly Tables | Office of Homeland Security Statistics', bodyClass: 'path-node page-node-type-page', nav: OHSS_NAV, main, footer: OHSS_FOOTER });
}

/** The KHSM CBP Encounters page linking the USBP workbook. */
export function khsmPage(): string {
  const main = `    <h1>CBP Encounters</h1>
    <div class="field field--name-body">
      <p>The CBP Encounters Key Homeland Security Metric (KHSM) includes any encounter of a removable noncitizen.</p>
      <h2>Data Source</h2>
      <p>All Encounters KHSM data are from the OHSS Statistical System of Record (SSOR). Values are rounded to the nearest 10.</p>
      <p>Data are current through November 2024.</p>
      <h2 id="table-data-heading">Download the Data</h2>
      <ul>
        <li><span class="file file--x-office-spreadsheet"><a href="${esc(KHSM_USBP_HREF)}">CBP Encounters (USBP) (XLSX)</a></span></li>
      </ul>
    </div>
    <div class="page-updated">Last updated: ${longDay(OHSS_UPDATED)}</div>`;
  return htmlPage({ title: 'CBP Encounters | Office of Homeland Security Statistics', bodyClass: 'path-khsm', nav: OHSS_NAV, main, footer: OHSS_FOOTER });
}
