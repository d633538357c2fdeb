/**
 * The CBP "Public Data Portal" dataset listings of the demo site (`/document/stats/…`): the
 * "Dashboard Dataset" list of CSV links, newest first, and the Drupal attachment table
 * (`Attachment | Ext. | Size | Date`) whose exact byte counts and posted dates sit in
 * `data-sort-value`. Sizes are measured on the generated files, so they always match what the
 * demo site serves.
 */
import { cbpPage, drupalSize, escapeHtml, usDay } from './cbp-markup.js';

/** One CSV the listing links and the demo site serves. */
export interface DatasetFile {
  /** Root-relative path, e.g. `/sites/default/files/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv`. */
  readonly path: string;
  /** Link text in the "Dashboard Dataset" list. */
  readonly listTitle: string;
  /** Link text in the attachment table (CBP words it differently). */
  readonly tableTitle: string;
  /** Posted date, `YYYY-MM-DD`. */
  readonly posted: string;
  readonly body: Buffer;
}

export interface ListingParts {
  readonly title: string;
  /** The paragraph describing the data set. */
  readonly intro: string;
  /** The dashboard page built from this data. */
  readonly dashboard: { readonly href: string; readonly title: string };
  /** In the attachment table's order (Drupal keeps upload order, not date order). */
  readonly files: readonly DatasetFile[];
  readonly lastModified: string;
}

function attachmentRow(file: DatasetFile): string {
  return `      <tr scope="row">
        <th scope="row" role="rowheader" data-sort-value="${escapeHtml(file.tableTitle)}">
          <a href="${file.path}">
          ${escapeHtml(file.tableTitle)}
          </a>
        </th>
        <td data-sort-value="CSV">CSV</td>
        <td data-sort-value="${file.body.length}">
            ${drupalSize(file.body.length)}
        </td>
        <td data-sort-value="${usDay(file.posted)}">
            ${usDay(file.posted)}
        </td>
      </tr>`;
}

function attachmentTable(files: readonly DatasetFile[]): string {
  const heads = ['Attachment', 'Ext.', 'Size', 'Date'].map((h) => `<th data-sortable="" scope="col" role="columnheader">${h}</th>`).join('\n          ');
  return `  <div class="node-page-field-files taxonomy-label margin-top-2">
    <table class="usa-table usa-table--borderless margin-top-0" aria-label="Table of Files associated with page">
      <thead>
        <tr>
          ${heads}
        </tr>
      </thead>
      <tbody>
${files.map(attachmentRow).join('\n')}
      </tbody>
    </table>
  </div>`;
}

/** A dataset listing page: intro, "Dashboard Dataset" list (newest first), attachment table. */
export function datasetListingPage({ title, intro, dashboard, files, lastModified }: ListingParts): string {
  const newestFirst = [...files].sort((a, b) => (a.posted < b.posted ? 1 : a.posted > b.posted ? -1 : 0));
  const list = newestFirst.map((f) => `<li><a href="${f.path}">${escapeHtml(f.listTitle)}</a></li>`).join('');
  const body = `<article class="margin-bottom-0 margin-bottom-document">
  <div class="grid-row grid-gap"><div class="desktop:grid-col">
    <div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item"><p><a href="/newsroom/stats/cbp-public-data-portal">Return to the Public Data Portal</a></p>
<p>${intro}</p>
<p>Data is extracted from live CBP systems and data sources. Statistical information is subject to change due to corrections, systems changes, change in data definition, additional information, or encounters pending final review. Final statistics are available at the conclusion of each fiscal year.</p>
<h2 class="usa-prose">Dashboard Dataset</h2><ul class="undecorated list">${list}</ul>
<h2 class="usa-prose">Dashboards Using this Data</h2><ul class="undecorated list"><li><a href="${dashboard.href}">${escapeHtml(dashboard.title)}</a></li></ul></div>
  </div></div>
  <div class="grid-row grid-gap"><div>
${attachmentTable(files)}
  </div></div>
</article>`;
  return cbpPage({ title, body, lastModified });
}
