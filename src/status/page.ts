import type { PublicationStatus } from '../server/views.js';
import { renderChart, renderLegend } from './charts.js';
import type { Condition } from './conditions.js';
import { html, safeHref, type SafeHtml } from './html.js';
import type { KeyChart } from './key-series.js';
import type { StatusModel } from './model.js';

/**
 * The status page, rendered on the server as one HTML document with no scripts: landmarks
 * (banner, navigation, main, contentinfo), one h1 and a heading per section and card, real
 * tables for chart data, and text for every status (colour only repeats it).
 */

const STATUS_TEXT: Readonly<Record<PublicationStatus, string>> = {
  on_time: 'On time',
  due: 'Due',
  overdue: 'Overdue',
  silent: 'Silent',
  scraper_failing: 'Our scraper is failing',
  unknown: 'No publication seen yet',
};

const STATUS_HELP: Readonly<Record<PublicationStatus, string>> = {
  on_time: 'published within its usual rhythm',
  due: 'the next publication is expected now (within the grace period)',
  overdue: 'later than its rhythm plus grace',
  silent: 'no publication for more than three rhythms: the agency has effectively stopped',
  scraper_failing: 'our fetch or parser fails, so we cannot tell whether the agency published',
  unknown: 'we have not seen a publication yet',
};

/** The same, as counted in the summary line: "3 on time, 1 with our scraper failing". */
const COUNT_TEXT: Readonly<Record<PublicationStatus, string>> = {
  on_time: 'on time',
  due: 'due',
  overdue: 'overdue',
  silent: 'silent',
  scraper_failing: 'with our scraper failing',
  unknown: 'not published yet as far as we know',
};

type SourceView = StatusModel['sources'][number];

const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '–');
const when = (iso: string | null): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '–');
const timeEl = (iso: string | null, text: string): SafeHtml | string => (iso ? html`<time datetime="${iso}">${text}</time>` : text);

export function renderStatusPage(m: StatusModel): string {
  const generated = new Date(m.generatedAt).toISOString();
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>enforcement-watch: status of US immigration-enforcement statistics</title>
<link rel="stylesheet" href="/status.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header role="banner">
<h1>enforcement-watch</h1>
<p>Whether ICE, CBP and DHS published their immigration-enforcement statistics on time, the newest figures, and what changed. Generated ${timeEl(generated, when(generated))}.</p>
<nav aria-label="Sections"><ul>
<li><a href="#conditions">Active alert conditions (${m.conditions.length})</a></li>
<li><a href="#sources">Sources (${m.sources.length})</a></li>
<li><a href="#charts">Key figures</a></li>
<li><a href="#downloads">Download the numbers</a></li>
</ul></nav>
</header>
<main id="main">
${conditionsSection(m)}
${sourcesSection(m)}
${chartsSection(m)}
${downloadsSection()}
</main>
<footer role="contentinfo">
<p>enforcement-watch ${m.version}. Machine-readable: <a href="/api/v1/sources">/api/v1/sources</a>, <a href="/api/v1/observations">/api/v1/observations</a>, <a href="/metrics">/metrics</a> (Prometheus).</p>
</footer>
</body>
</html>
`;
  return doc.html;
}

function conditionsSection(m: StatusModel): SafeHtml {
  const title = (id: string) => m.sources.find((s) => s.id === id)?.title ?? id;
  const item = (c: Condition) =>
    html`<li class="sev-${c.severity}"><span class="name">${c.alert}</span> <span class="meta">(${c.severity === 'page' ? 'pages on-call' : 'newsroom'}${c.holdsFor ? `, once it holds for ${c.holdsFor}` : ''}; ${title(c.source)})</span><br>${c.summary}</li>`;
  return html`<section id="conditions" aria-labelledby="conditions-h">
<h2 id="conditions-h">Active alert conditions</h2>
${m.conditions.length ? html`<ul class="conditions">${m.conditions.map(item)}</ul>` : html`<p class="none">None: every source is read successfully, nothing is late, stalled or revised in the last day.</p>`}
</section>`;
}

function sourcesSection(m: StatusModel): SafeHtml {
  const order = Object.keys(STATUS_TEXT) as PublicationStatus[];
  const counts = order
    .map((st) => [st, m.sources.filter((s) => s.status === st).length] as const)
    .filter(([, n]) => n > 0)
    .map(([st, n]) => `${n} ${COUNT_TEXT[st]}`);
  return html`<section id="sources" aria-labelledby="sources-h">
<h2 id="sources-h">Sources</h2>
<p class="summary">${m.sources.length} publications watched: ${counts.join(', ')}.</p>
<ul class="cards">${m.sources.map(card)}</ul>
</section>`;
}

function card(s: SourceView): SafeHtml {
  const h = `src-${s.id}`;
  const late = s.daysLate && (s.status === 'overdue' || s.status === 'silent') ? ` (${s.daysLate} days late)` : '';
  return html`<li><article class="card" aria-labelledby="${h}">
<h3 id="${h}">${s.title}</h3>
<p class="agency">${s.agency} · <code>${s.id}</code></p>
<p><span class="badge st-${s.status}" title="${STATUS_HELP[s.status]}">${STATUS_TEXT[s.status]}</span>${s.frozen ? html`<span class="badge tag-frozen">Known frozen</span>` : ''}<span class="visually-hidden">: ${STATUS_HELP[s.status]}</span></p>
<dl>
<dt>Last publication</dt><dd>${timeEl(s.publishedAt, s.publishedOn ?? day(s.publishedAt))}</dd>
<dt>Expected next</dt><dd>${timeEl(s.nextExpectedAt, day(s.nextExpectedAt) + late)}</dd>
<dt>Data as of</dt><dd>${s.dataAsOf ?? '–'}${s.dataAsOfStalled ? ' (did not advance with the last publication)' : ''}</dd>
<dt>Last checked</dt><dd>${timeEl(s.lastSuccessAt, when(s.lastSuccessAt))}</dd>
</dl>
${s.lastError ? html`<p class="error">Last error (${s.lastError.kind}, ${when(s.lastError.at)}): ${s.lastError.message ?? ''}</p>` : ''}
<p><a href="${safeHref(s.url)}" rel="noopener noreferrer">Agency page<span class="visually-hidden"> for ${s.title}</span></a></p>
</article></li>`;
}

function chartsSection(m: StatusModel): SafeHtml {
  return html`<section id="charts" aria-labelledby="charts-h">
<h2 id="charts-h">Key figures</h2>
<div class="charts">${m.charts.map(chartFigure)}</div>
</section>`;
}

function chartFigure(c: KeyChart): SafeHtml {
  const table = c.table.rows.length
    ? html`<details><summary>Data table<span class="visually-hidden">: ${c.title}</span></summary><div class="table-wrap"><table>
<caption>${c.title}${c.sources.length ? ` (source: ${c.sources.join(', ')})` : ''}</caption>
<thead><tr>${c.table.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${c.table.rows.map((r) => html`<tr>${r.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`)}</tbody>
</table></div></details>`
    : '';
  return html`<figure aria-labelledby="${c.id}-cap">
<figcaption id="${c.id}-cap">${c.title}</figcaption>
<p class="desc">${c.description}</p>
${renderChart(c)}
${c.series.length ? renderLegend(c) : ''}
${table}
</figure>`;
}

function downloadsSection(): SafeHtml {
  return html`<section id="downloads" aria-labelledby="downloads-h">
<h2 id="downloads-h">Download the numbers</h2>
<p>Every stored figure with its provenance: the agency URL, the agency's publication date, when we fetched it, the SHA-256 of the agency's own file, the parser version, and whether the value was revised (with the earlier value). The CSV opens in Excel, LibreOffice and Google Sheets.</p>
<div class="downloads">
<a class="button" href="/api/v1/snapshot?format=csv" download>Download CSV</a>
<a class="button secondary" href="/api/v1/snapshot?format=json" download>Download JSON</a>
<a class="button secondary" href="/api/v1/snapshot?format=csv&amp;all_vintages=1" download>CSV with every vintage (revision history)</a>
</div>
<p>Each agency file is at <code>/api/v1/artifacts/&lt;sha256&gt;</code>. For a verifiable bundle with the agency files and a checksum manifest, run <code>enforcement-watch export --bundle snapshot.tar.gz</code>.</p>
</section>`;
}
