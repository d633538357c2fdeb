/**
 * Generated DHS OHSS HTML pages: the monthly-tables listing (editions named
 * `<posted>_ohss_…-tables-<month>-<year>.xlsx`) and the KHSM CBP encounters page (XLSX downloads,
 * "Last updated" and "data … through" dates), with the results the parser contracts promise.
 */
import fc from 'fast-check';
import type { Publication } from '../../../src/core/types.js';
import { dayArb, dayParts, lastDay, LONG_MONTHS, pad2, proseDay, proseMeaning, type ProseForm } from './common.js';
import { blk, cel, inl, page, slot, type HDoc } from './html.js';

/** Code-unit order (what `<` gives): ties between URLs are broken the same way on every machine. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---- OHSS monthly-tables listing -------------------------------------------------------------------

export interface OhssEdition {
  readonly posted: string;
  /** `24-0607` or `2025_0116`; `bad` writes an impossible day (posted then null). */
  readonly prefix: 'yy-mmdd' | 'yyyy_mmdd' | 'bad';
  readonly dataMonth: string;
  readonly suffix: '' | '_2' | '-1';
  readonly text: string;
}

export const ohssEditionName = (e: OhssEdition): string => {
  const [y, m, d] = dayParts(e.posted);
  const prefix = e.prefix === 'yy-mmdd' ? `${pad2(y % 100)}-${pad2(m)}${pad2(d)}` : e.prefix === 'yyyy_mmdd' ? `${y}_${pad2(m)}${pad2(d)}` : `${y}_${pad2(m)}45`;
  const [dy, dm] = e.dataMonth.split('-').map(Number) as [number, number];
  return `${prefix}_ohss_immigration-enforcement-and-legal-processes-tables-${LONG_MONTHS[dm - 1]!.toLowerCase()}-${dy}${e.suffix}.xlsx`;
};
export const ohssEditionUrl = (e: OhssEdition): string => `https://ohss.dhs.gov/sites/default/files/${e.posted.slice(0, 7)}/${ohssEditionName(e)}`;

export const ohssListingModelArb: fc.Arbitrary<OhssEdition[]> = fc.uniqueArray(
  fc.record({
    posted: fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2034-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    prefix: fc.constantFrom('yy-mmdd', 'yyyy_mmdd', 'yyyy_mmdd', 'bad'),
    dataMonth: fc.tuple(fc.integer({ min: 2015, max: 2034 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad2(m)}`),
    suffix: fc.constantFrom('', '', '_2', '-1'),
    text: fc.constantFrom('Immigration Enforcement and Legal Processes Monthly Tables', 'June 2024', ''),
  }),
  { maxLength: 6, selector: (e) => ohssEditionUrl(e) },
);

export type OhssListingExpectation =
  | { readonly kind: 'layout' }
  | { readonly kind: 'ok'; readonly publications: Publication[]; readonly publishedOn?: string; readonly dataAsOf: string; readonly newestDataMonth: string };

export function expectedOhssListing(editions: readonly OhssEdition[]): OhssListingExpectation {
  if (editions.length === 0) return { kind: 'layout' };
  const posted = (e: OhssEdition): string | null => (e.prefix === 'bad' ? null : e.posted);
  const sorted = [...editions].sort(
    (a, b) => cmp(posted(b) ?? '', posted(a) ?? '') || cmp(b.dataMonth, a.dataMonth) || cmp(ohssEditionUrl(a), ohssEditionUrl(b)),
  );
  const newestDataMonth = editions.map((e) => e.dataMonth).sort().at(-1)!;
  const newestPosted = editions.map(posted).filter((d): d is string => d !== null).sort().at(-1);
  return {
    kind: 'ok',
    publications: sorted.map((e) => ({ url: ohssEditionUrl(e), posted: posted(e), bytes: null, ...(e.text ? { title: e.text } : {}) })),
    ...(newestPosted ? { publishedOn: newestPosted } : {}),
    dataAsOf: lastDay(newestDataMonth),
    newestDataMonth,
  };
}

export function ohssListingPage(editions: readonly OhssEdition[], absolute: boolean): HDoc {
  const href = (e: OhssEdition): string => (absolute ? ohssEditionUrl(e) : new URL(ohssEditionUrl(e)).pathname);
  const [current, ...previous] = editions;
  return page('Immigration Enforcement and Legal Processes Monthly Tables | Office of Homeland Security Statistics', [
    blk('header', { class: 'usa-header' }, blk('nav', {}, cel('a', { href: '/topics/immigration' }, 'Immigration'))),
    slot(
      'main',
      { id: 'main-content', role: 'main' },
      cel('h1', {}, 'Immigration Enforcement and Legal Processes Monthly Tables'),
      slot(
        'div',
        { class: 'field field--name-body' },
        cel('h2', {}, 'Current Edition'),
        ...(current ? [cel('p', {}, inl('span', { class: 'file' }, cel('a', { href: href(current), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, current.text)), ' ', inl('span', { class: 'file-size' }, '(2.12 MB)'))] : []),
        cel('h2', {}, 'Previous Editions'),
        blk('ul', {}, ...previous.map((e) => cel('li', {}, cel('a', { href: href(e) }, e.text)))),
        cel('p', {}, cel('a', { href: '/sites/default/files/2024-10/2024_1002_ohss_immigration-enforcement-and-legal-processes-methodology.pdf' }, 'Methodology (PDF)'), ' ', cel('a', { href: '/sites/default/files/2024-11/2023_yearbook_enforcement_tables.xlsx' }, '2023 Yearbook enforcement tables')),
      ),
    ),
  ]);
}

// ---- OHSS KHSM CBP encounters page --------------------------------------------------------------------

export interface KhsmLink {
  readonly component: 'USBP' | 'Total' | 'OFO';
  readonly vintage: string;
  readonly text: string;
}

export interface KhsmPageModel {
  readonly links: readonly KhsmLink[];
  /** The note before the "Data are current …" sentence: a full sentence, or a bare source line. */
  readonly note: 'rounded' | 'source';
  readonly updated: { readonly day: string; readonly form: 'long' | 'abbr' | 'us' } | null;
  readonly through: { readonly day: string; readonly form: ProseForm; readonly lead: 'through' | 'as of' } | null;
}

export const khsmPageModelArb: fc.Arbitrary<KhsmPageModel> = fc.record({
  links: fc.uniqueArray(
    fc.record({
      component: fc.constantFrom('USBP', 'Total', 'OFO'),
      vintage: fc.tuple(fc.integer({ min: 20, max: 30 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `fy${y}m${m}`),
      text: fc.constantFrom('CBP Encounters (XLSX)', 'Download', ''),
    }),
    { maxLength: 4, selector: (l) => `${l.component}${l.vintage}` },
  ),
  note: fc.constantFrom('rounded', 'source'),
  updated: fc.option(fc.record({ day: dayArb, form: fc.constantFrom('long', 'abbr', 'us') }), { freq: 4 }),
  through: fc.option(fc.record({ day: dayArb, form: fc.constantFrom('long', 'abbr', 'us', 'month'), lead: fc.constantFrom('through', 'as of') }), { freq: 4 }),
});

export const khsmFileName = (l: KhsmLink): string => `KHSM Encounters (${l.component}) ${l.vintage}.xlsx`;
export const khsmUrl = (l: KhsmLink): string => `https://ohss.dhs.gov/sites/default/files/2025-01/${encodeURIComponent(khsmFileName(l)).replace(/\(/g, '%28').replace(/\)/g, '%29')}`;
const khsmTitle = (l: KhsmLink): string => (l.text === 'CBP Encounters (XLSX)' ? `CBP Encounters (${l.component}) (XLSX)` : l.text);

export type KhsmPageExpectation =
  | { readonly kind: 'layout' }
  | { readonly kind: 'ok'; readonly publications: Publication[]; readonly publishedOn?: string; readonly dataAsOf?: string; readonly signals?: Record<string, string> };

export function expectedKhsmPage(m: KhsmPageModel): KhsmPageExpectation {
  if (m.links.length === 0) return { kind: 'layout' };
  const ordered = [...m.links.filter((l) => l.component === 'USBP'), ...m.links.filter((l) => l.component !== 'USBP')];
  return {
    kind: 'ok',
    publications: ordered.map((l) => ({ url: khsmUrl(l), posted: null, bytes: null, ...(khsmTitle(l) ? { title: khsmTitle(l) } : {}) })),
    ...(m.updated ? { publishedOn: m.updated.day } : {}),
    ...(m.through ? { dataAsOf: proseMeaning(m.through) } : {}),
    signals: { fileVintage: ordered[0]!.vintage },
  };
}

export function khsmPage(m: KhsmPageModel, absolute: boolean): HDoc {
  const href = (l: KhsmLink): string => (absolute ? khsmUrl(l) : new URL(khsmUrl(l)).pathname);
  return page('CBP Encounters | Office of Homeland Security Statistics', [
    blk('header', { class: 'usa-header' }, blk('nav', {}, cel('a', { href: '/khsm' }, 'Key Homeland Security Metrics'))),
    slot(
      'main',
      { id: 'main-content', role: 'main' },
      cel('h1', {}, 'CBP Encounters'),
      slot(
        'div',
        { class: 'field field--name-body' },
        cel('p', {}, 'The CBP Encounters Key Homeland Security Metric (KHSM) includes any encounter of a removable noncitizen.'),
        cel('h2', {}, 'Source'),
        cel('p', {}, m.note === 'rounded' ? 'All Encounters KHSM figures are from the OHSS Statistical System of Record (SSOR). Values are rounded to the nearest 10.' : 'Source: OHSS Statistical System of Record'),
        ...(m.through ? [cel('p', {}, `Data are current ${m.through.lead} ${proseDay(m.through.day, m.through.form)}.`)] : []),
        cel('h2', { id: 'table-data-heading' }, 'Download the Data'),
        blk('ul', {}, ...m.links.map((l) => cel('li', {}, inl('span', { class: 'file file--x-office-spreadsheet' }, cel('a', { href: href(l) }, khsmTitle(l))))), cel('li', {}, cel('a', { href: '/sites/default/files/2024-10/khsm-encounters-methodology.pdf' }, 'Methodology (PDF)'))),
      ),
      ...(m.updated ? [cel('div', { class: 'page-updated' }, `Last updated: ${proseDay(m.updated.day, m.updated.form)}`)] : []),
    ),
  ]);
}
