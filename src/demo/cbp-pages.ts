/**
 * The CBP "stats" pages of the demo site: the Nationwide Encounters pages with their one static
 * USBP apprehensions table (current fiscal year and the frozen FY2025 page, each in the markup
 * CBP used that year) and the Tableau-only Southwest Land Border Encounters page.
 */
import { type ApprehensionsTable, FISCAL_MONTHS, type RegionRow, rowTotal } from './cbp-figures.js';
import { cbpPage, thousands } from './cbp-markup.js';

/**
 * Markup differences between years, as on cbp.gov: the current-year page centres its cells,
 * bolds the totals and prints `-` for months not reported yet; the FY2025 page uses plain cells.
 */
export type TableStyle = 'current' | 'final';

const INTRO = `<p>Encounter data includes U.S. Border Patrol (USBP) Title 8 Apprehensions, Office of Field Operations (OFO) Title 8 Inadmissibles, and Title 42 Expulsions. Data is available for the Northern Land Border, Southwest Land Border, and Nationwide (i.e., air, land, and sea modes of transportation) encounters.</p>
<p>Title 42 Expulsions refers to individuals encountered by USBP and OFO and expelled to the country of last transit or home country in the interest of public health under Title 42 U.S.C. 265 from March 21, 2020 to May 11, 2023.</p>
<p>To access the data used to build these dashboards, please visit the <a href="/newsroom/stats/cbp-public-data-portal">CBP Data Portal</a>.</p>
<p>Data is extracted from live CBP systems and data sources. Statistical information is subject to change due to corrections, systems changes, change in data definition, additional information, or encounters pending final review. Final statistics are available at the conclusion of each fiscal year.</p>`;

const DEFINITIONS = `<p><strong>At Entry:</strong> Refers to an alien who has entered the United States without admission and has not yet reached his/her destination.</p>
<p><strong>At Large:</strong> Refers to an alien who has illegally entered the United States and has already reached their destination.</p>`;

/** `AUGFY26`: the suffix CBP gives its Tableau workbooks for the newest reported month. */
export function workbookSuffix(table: ApprehensionsTable): string {
  const reported = table.rows[0].atLarge.length;
  return `${FISCAL_MONTHS[reported - 1]}FY${String(table.fiscalYear % 100).padStart(2, '0')}`;
}

function cell(value: number | undefined, style: TableStyle, strong: boolean): string {
  const text = value === undefined ? '-' : thousands(value);
  const inner = strong && style === 'current' ? `<strong>${text}</strong>` : text;
  return style === 'current' ? `<td class="text-align-center">${inner}</td>` : `<td>${inner}</td>`;
}

function regionRows(row: RegionRow, months: number, style: TableStyle): string {
  const line = (label: string, values: (i: number) => number | undefined, strong: boolean) => {
    const cells = Array.from({ length: months }, (_, i) => cell(values(i), style, strong)).join('');
    return `<tr><th scope="row">${label}</th>${cells}</tr>`;
  };
  return [
    line(`<strong>${row.label}</strong>`, (i) => rowTotal(row, i), true),
    line('<em>At Large</em>', (i) => row.atLarge[i], false),
    line('<em>At Entry</em>', (i) => row.atEntry[i], false),
  ].join('\n');
}

function apprehensionsTable(table: ApprehensionsTable, style: TableStyle): string {
  const heads = ['Monthly Totals', ...table.headers].map((h) => `<th scope="col"><span class="cbp-blue">${h}</span></th>`).join('');
  const classes = style === 'current' ? 'table usa-table--striped usa-table' : 'usa-table--striped usa-table';
  const body = table.rows.map((row) => regionRows(row, table.headers.length, style)).join('\n');
  return `<div class="usa-table-container"><table class="${classes}">
<thead><tr>${heads}</tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

function tableauFrame(workbook: string, sheet: string, title: string, order: number): string {
  // CBP puts a newline before the URL inside the src attribute; browsers (and our parser) trim it.
  const src = `\nhttps://publicstats.cbp.gov/t/PublicFacing/views/${workbook}/${sheet}?%3Aembed=y&amp;%3AshowVizHome=no&amp;%3Atabs=no&amp;%3Atoolbar=yes&amp;%3AloadOrderID=${order}`;
  return `<script type="text/javascript" src="https://publicstats.cbp.gov/javascripts/api/viz_v1.js"></script><div class="tableauPlaceholder" style="display:block;height:950px;"><iframe class="tableauViz" frameborder="0" height="950" width="100%" src="${src}" title="${title}"></iframe></div>`;
}

/**
 * A Nationwide Encounters page (`/newsroom/stats/nationwide-encounters[-fy2025]`): the USBP
 * At Large / At Entry table of `table`; the current-year page also embeds the month-coded
 * Tableau workbooks, the final page links the previous year instead.
 */
export function nationwideEncountersPage(table: ApprehensionsTable, style: TableStyle, lastModified: string): string {
  const fy = table.fiscalYear;
  const workbook = `CBPNationwideEncounters${workbookSuffix(table)}`;
  const extra =
    style === 'current'
      ? `<h2 class="usa-prose">U.S. Border Patrol and Office of Field Operations Encounters by Area of Responsibility and Component</h2>
${tableauFrame(workbook, 'NW-SBO-NBOAOR8189', 'Nationwide Encounters by Area of Responsibility Visualization', 0)}
${tableauFrame(workbook, 'NWbyMonthDemo8189', 'Nationwide Encounters by Month Visualization', 1)}`
      : `<h2 class="usa-prose">Related Resources</h2><ul class="undecorated linklist"><li><a href="/newsroom/stats/nationwide-encounters-fy${fy - 1}">FY ${fy - 1}</a></li></ul>`;
  const body = `<article><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
${INTRO}
<p><em><span class="cbp-red">Fiscal Year ${fy} runs from October 1, ${fy - 1} to September 30, ${fy}.</span></em></p>
<h2 class="usa-prose">U.S. Border Patrol At Large and U.S. Border Patrol at Entry Apprehensions</h2>
${apprehensionsTable(table, style)}
${DEFINITIONS}
${extra}
</div></article>`;
  const title = style === 'current' ? 'Nationwide Encounters' : `Nationwide Encounters Fiscal Year ${fy}`;
  return cbpPage({ title, body, lastModified });
}

/**
 * The Southwest Land Border Encounters page: no figures in its HTML, only two Tableau iframes
 * whose workbook name encodes the reporting month (`…DashboardsAUGFY26`), and Last Modified.
 */
export function southwestPage(table: ApprehensionsTable, lastModified: string): string {
  const workbook = `CBPSBOEnforcementActionsDashboards${workbookSuffix(table)}`;
  const body = `<article><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
<p>Encounter data includes U.S. Border Patrol (USBP) Title 8 Apprehensions, Office of Field Operations (OFO) Title 8 Inadmissibles, and Title 42 Expulsions.</p>
<p>For a breakdown of encounters by USBP Sector and OFO Field Office, visit <a href="/newsroom/stats/southwest-land-border-encounters-by-component">Southwest Land Border Encounters (By Component)</a>.</p>
<p>To access the data used to build this dashboard, please visit the <a href="/newsroom/stats/cbp-public-data-portal">CBP Data Portal</a>.</p>
<h2 class="usa-prose">Southwest Land Border Encounters</h2>
${tableauFrame(workbook, 'SBOEncounters8189', 'Southwest Land Border Encounters by Month, Fiscal Year, and Demographic Visualization', 0)}
<h2 class="usa-prose">U.S. Border Patrol and Office of Field Operations Encounters</h2>
${tableauFrame(workbook, 'SBObyMonthDemo8189', 'Southwest Land Border Encounters by Demographic and Month Visualization', 1)}
<h2 class="usa-prose">Related Resources</h2><ul class="undecorated linklist"><li><a href="/newsroom/stats/southwest-land-border-encounters-fy22">FY 2022</a></li></ul>
</div></article>`;
  return cbpPage({ title: 'Southwest Land Border Encounters', body, lastModified });
}
