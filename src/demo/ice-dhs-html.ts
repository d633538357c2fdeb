/**
 * Shared bits of the ICE and DHS OHSS demo pages: content types, HTTP dates and a Drupal-like
 * page shell (the agencies' sites are both Drupal/USWDS, so header, `<main>` and footer look
 * alike). Links inside pages are root-relative so they resolve to whatever origin serves them.
 */
import type { Route } from './agency-site.js';

export const HTML_TYPE = 'text/html; charset=utf-8';

/**
 * The HTTP date (`Thu, 16 Jan 2025 15:00:00 GMT`) of a `YYYY-MM-DD` day at a fixed hour UTC:
 * deterministic, so the demo site is the same on every run.
 */
export function httpDate(day: string, hourUtc = 15): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hourUtc)).toUTCString();
}

/** `2025-01-16` → `01/16/2025`, the way ice.gov writes its Last Reviewed dates. */
export function usDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${m}/${d}/${y}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-01-16` → `January 16, 2025`, the way ohss.dhs.gov writes its update dates. */
export function longDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${MONTH_NAMES[m - 1]} ${d}, ${y}`;
}

/** Escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface PageShell {
  /** `<title>` text, e.g. `Detention Management | ICE`. */
  readonly title: string;
  /** `<body class>`, as Drupal writes it (`path-node page-node-type-page`). */
  readonly bodyClass: string;
  /** Links of the header navigation: [href, text]. */
  readonly nav: readonly (readonly [string, string])[];
  /** Inner HTML of `<main>`, already escaped. */
  readonly main: string;
  /** Footer link: [href, text]. */
  readonly footer: readonly [string, string];
}

/** A whole HTML document around a page's main content. */
export function htmlPage(p: PageShell): string {
  const nav = p.nav.map(([href, text]) => `<a href="${esc(href)}">${esc(text)}</a>`).join(' ');
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
  <meta charset="utf-8" />
  <title>${esc(p.title)}</title>
</head>
<body class="${esc(p.bodyClass)}">
  <header class="usa-header"><nav aria-label="Primary navigation">${nav}</nav></header>
  <main id="main-content" class="main-content" role="main">
${p.main}
  </main>
  <footer class="usa-footer"><a href="${esc(p.footer[0])}">${esc(p.footer[1])}</a></footer>
</body>
</html>
`;
}

/** An HTML route last modified on the given day. */
export function htmlRoute(html: string, day: string): Route {
  return { body: Buffer.from(html, 'utf8'), contentType: HTML_TYPE, lastModified: httpDate(day) };
}

/** The path a root-relative href is requested at (percent-encoding kept, as a client sends it). */
export function pathOf(href: string): string {
  return new URL(href, 'http://demo.invalid').pathname;
}
