/**
 * Small builders shared by the CBP demo pages: the cbp.gov (Drupal, USWDS) page frame with its
 * "Last Modified" block, HTML escaping, CBP's date and file-size spellings, and routes with
 * realistic Content-Type and Last-Modified headers. Dates are `YYYY-MM-DD` strings: nothing
 * here reads the clock.
 */
import type { Route } from './agency-site.js';

const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

function utcNoon(day: string): Date {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a day: ${day}`);
  return date;
}

/** `2026-09-16` → `Wed, 16 Sep 2026 14:30:00 GMT` (a fixed afternoon publishing time). */
export function httpDate(day: string): string {
  return new Date(utcNoon(day).getTime() + 2.5 * 3_600_000).toUTCString();
}

/** `2026-09-16` → `Sep 16, 2026`, as in the Drupal "Last Modified" block. */
export function drupalDate(day: string): string {
  const d = utcNoon(day);
  return `${MONTH_SHORT[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** `2026-09-04` → `09/04/2026`, as in the attachment tables and release dates. */
export function usDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${m}/${d}/${y}`;
}

/** `2025-10-24` → `Fri`. */
export function weekday(day: string): string {
  return WEEKDAY_SHORT[utcNoon(day).getUTCDay()]!;
}

/** Drupal's `format_size`: 1024-based, at most two decimals (`157.03 KB`, `1.27 MB`, `96 KB`). */
export function drupalSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(2))} ${units[unit]}`;
}

/** `11012` → `11,012` (no locale data involved, so the same on every Node build). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function htmlRoute(html: string, day: string): Route {
  return { body: Buffer.from(html, 'utf8'), contentType: 'text/html; charset=utf-8', lastModified: httpDate(day) };
}

export function csvRoute(body: Buffer, day: string): Route {
  return { body, contentType: 'text/csv', lastModified: httpDate(day) };
}

export interface PageParts {
  readonly title: string;
  /** Inner HTML of the page's main article. */
  readonly body: string;
  /** `YYYY-MM-DD` shown as "Last Modified: Mon D, YYYY"; omitted on listings without one. */
  readonly lastModified?: string;
}

/** A cbp.gov page: header, title block, the article, the "Last Modified" block and a footer. */
export function cbpPage({ title, body, lastModified }: PageParts): string {
  const modified = lastModified
    ? `<div id="block-cbpd8-gov-theme-nodelastpublishedblock" class="block block-cbp-plugins block-node-last-published">
      <div class="margin-top-8 margin-bottom-0 "><span class="text-bold">Last Modified: ${drupalDate(lastModified)}</span></div>
    </div>`
    : '';
  return `<!DOCTYPE html>
<!-- enforcement-watch demo site: generated in the layout of cbp.gov; figures mirror CBP's published ones where known. -->
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0"><title>${escapeHtml(title)} | U.S. Customs and Border Protection</title></head>
<body>
<a class="usa-skipnav" href="#main-content">Skip to main content</a>
<header class="usa-header usa-header--extended"><nav aria-label="Primary navigation"><ul class="usa-nav__primary">
  <li><a href="/newsroom">Newsroom</a></li><li><a href="/newsroom/media-releases/all">Media Releases</a></li><li><a href="/newsroom/stats">Stats and Summaries</a></li>
</ul></nav></header>
<main class="usa-section" id="main-content">
  <div id="skip-main-content" class="region-content desktop:grid-col-9">
    <div class="region region-content">
    <div id="block-pagetitle" class="block block-core block-page-title-block">
      <h1 id="page-title" class="uswds-page-title page-title"><span class="field field--name-title field--type-string field--label-hidden">${escapeHtml(title)}</span></h1>
    </div>
    <div id="block-cbpd8-gov-theme-cbp-gov-theme-system-main" class="block block-system block-system-main-block">
${body}
    </div>
    ${modified}
    </div>
  </div>
</main>
<footer class="usa-footer"><div class="usa-footer__primary-section"><ul><li><a href="/about">About CBP</a></li><li><a href="/contact">Contact</a></li><li><a href="/site-policy-notices/accessibility">Accessibility</a></li></ul></div>
<p class="usa-footer__logo-heading">U.S. Customs and Border Protection</p></footer>
</body>
</html>
`;
}
