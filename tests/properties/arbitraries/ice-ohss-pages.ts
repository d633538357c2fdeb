/**
 * Generated ICE and DHS OHSS HTML pages: the ICE detention-management page (workbook links in
 * every file-name spelling ICE used), the ICE statistics page ("data as of" sentences and the
 * Last Reviewed date), the OHSS monthly-tables listing and the OHSS KHSM CBP encounters page,
 * each with the result the parser contract promises for it (computed here, from the model).
 */
import fc from 'fast-check';
import type { Publication } from '../../../src/core/types.js';
import { dayArb, longDay } from './cbp-table.js';
import { lastDay, usDay } from './cbp-pages.js';
import { blk, cel, comment, inl, page, slot, type HDoc, type HNode } from './html.js';

const pad2 = (n: number): string => String(n).padStart(2, '0');
const LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayParts = (day: string): [number, number, number] => day.split('-').map(Number) as [number, number, number];

// ---- ICE detention-management page -------------------------------------------------------------

export interface IceFile {
  readonly fy: number;
  /** Null: the year-end edition, no date in the name. */
  readonly date: string | null;
  readonly spelling: 'mmddyyyy' | '_mmddyyyy' | 'mmdd' | '-mmddyyyy';
  readonly fyDigits: 2 | 4;
  readonly sep: '_' | '-' | '';
  readonly stats: 'detentionStats' | 'detentionstats' | 'detention-stats' | 'DetentionStats';
  readonly revision: '' | 'b';
  readonly text: string;
  readonly absolute: boolean;
}

/** A day inside fiscal year `fy` (1 October fy-1 … 30 September fy). */
const dayInFy = (fy: number): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max: 364 }).map((k) => new Date(Date.UTC(fy - 1, 9, 1) + k * 86_400_000).toISOString().slice(0, 10));

const iceFileArb: fc.Arbitrary<IceFile> = fc.integer({ min: 2019, max: 2030 }).chain((fy) =>
  fc.record({
    fy: fc.constant(fy),
    date: fc.option(dayInFy(fy), { freq: 4 }),
    spelling: fc.constantFrom('mmddyyyy', '_mmddyyyy', 'mmdd', '-mmddyyyy'),
    fyDigits: fc.constantFrom(2 as const, 4 as const),
    sep: fc.constantFrom('_', '-', ''),
    stats: fc.constantFrom('detentionStats', 'detentionstats', 'detention-stats', 'DetentionStats'),
    revision: fc.constantFrom('', '', 'b'),
    text: fc.constantFrom(`FY ${fy} Detention Statistics`, 'Detention statistics', ''),
    absolute: fc.boolean(),
  }),
);

export function iceFileName(f: IceFile): string {
  const fy = f.fyDigits === 2 ? pad2(f.fy % 100) : String(f.fy);
  let digits = '';
  if (f.date) {
    const [y, m, d] = dayParts(f.date);
    digits = f.spelling === 'mmdd' ? `${pad2(m)}${pad2(d)}` : `${f.spelling === '_mmddyyyy' ? '_' : f.spelling === '-mmddyyyy' ? '-' : ''}${pad2(m)}${pad2(d)}${y}`;
  }
  return `FY${fy}${f.sep}${f.stats}${digits}${f.date ? f.revision : ''}.xlsx`;
}

export const iceFileUrl = (f: IceFile): string => `https://www.ice.gov/doclib/detention/${iceFileName(f)}`;

export interface IceDetentionPageModel {
  readonly files: readonly IceFile[];
  /** Links repeated later on the page ("Newest file: …"), by index. */
  readonly repeats: readonly number[];
}

export const iceDetentionPageModelArb: fc.Arbitrary<IceDetentionPageModel> = fc.record({
  files: fc.uniqueArray(iceFileArb, { maxLength: 6, selector: (f) => iceFileName(f).toLowerCase() }),
  repeats: fc.array(fc.nat(), { maxLength: 2 }),
});

export type IcePageExpectation =
  | { readonly kind: 'layout' }
  | { readonly kind: 'ok'; readonly publications: Publication[]; readonly publishedOn?: string; readonly signals: Record<string, string> };

/** Newest first: by file date (a year-end file counts as 30 September of its year), dated first, re-issue first, later year first, then URL. */
export function expectedIcePage(m: IceDetentionPageModel): IcePageExpectation {
  if (m.files.length === 0) return { kind: 'layout' };
  const key = (f: IceFile): string => f.date ?? `${f.fy}-09-30`;
  const files = [...m.files].sort(
    (a, b) =>
      key(b).localeCompare(key(a)) ||
      Number(b.date !== null) - Number(a.date !== null) ||
      (b.date ? b.revision : '').localeCompare(a.date ? a.revision : '') ||
      b.fy - a.fy ||
      iceFileUrl(a).localeCompare(iceFileUrl(b)),
  );
  const publications = files.map((f) => ({ url: iceFileUrl(f), posted: f.date, bytes: null, ...(f.text ? { title: f.text } : {}) }));
  const newest = files.map((f) => f.date).filter((d): d is string => d !== null).sort().at(-1);
  return { kind: 'ok', publications, ...(newest ? { publishedOn: newest } : {}), signals: { newestWorkbook: iceFileName(files[0]!) } };
}

export function iceDetentionPage(m: IceDetentionPageModel): HDoc {
  const link = (f: IceFile, text = f.text): HNode => cel('a', { href: f.absolute ? iceFileUrl(f) : `/doclib/detention/${iceFileName(f)}` }, text);
  const repeats = m.files.length === 0 ? [] : m.repeats.map((i) => m.files[i % m.files.length]!);
  return page(
    'Detention Management | ICE',
    [
      blk('header', { class: 'usa-header' }, blk('nav', { class: 'usa-nav' }, blk('ul', {}, cel('li', {}, cel('a', { href: '/detain/detention-facilities' }, 'Detention Facilities')), cel('li', {}, cel('a', { href: '/statistics' }, 'Statistics'))))),
      slot(
        'main',
        { class: 'main-content', id: 'main-content', role: 'main' },
        slot(
          'div',
          { class: 'grid-container' },
          cel('h1', { class: 'page-title' }, 'Detention Management'),
          slot(
            'div',
            { class: 'field field--name-body' },
            cel('h2', { id: 'stats' }, 'Detention Statistics'),
            cel('p', {}, 'These statistics are made available to the public and are updated twice monthly.'),
            blk('ul', {}, ...m.files.map((f) => cel('li', {}, link(f), ' ', inl('span', { class: 'file-size' }, '(XLSX, 401.2 KB)')))),
            ...repeats.map((f) => blk('div', { class: 'usa-alert' }, cel('p', {}, 'Newest file: ', link(f, 'newest detention statistics')))),
            cel('p', {}, 'See also the ', cel('a', { href: '/doclib/detention/atd-program-overview.pdf' }, 'ATD program overview (PDF)'), '.'),
          ),
          cel('div', { class: 'last-updated' }, 'Last Reviewed/Updated: 04/10/2026'),
        ),
      ),
      blk('footer', { class: 'usa-footer' }, cel('a', { href: 'https://www.dhs.gov/' }, 'DHS')),
    ],
    [blk('script', {}, 'window.dataLayer = window.dataLayer || [];')],
  );
}

// ---- ICE statistics page ------------------------------------------------------------------------

export type ProseForm = 'long' | 'abbr' | 'us' | 'month';

export interface AsOfSentence {
  readonly day: string;
  readonly form: ProseForm;
  readonly lead: 'as of' | 'through';
  readonly template: number;
}

export interface StatisticsModel {
  readonly sentences: readonly AsOfSentence[];
  readonly reviewed: { readonly day: string; readonly form: 'us' | 'long'; readonly label: string } | null;
}

/** A date as agency prose writes it; `month` is "December 2024" and stands for the month's last day. */
export function proseDay(day: string, form: ProseForm): string {
  const [y, m, d] = dayParts(day);
  switch (form) {
    case 'long':
      return longDay(day, true);
    case 'abbr':
      return `${LONG[m - 1]!.slice(0, 3)}. ${d}, ${y}`;
    case 'us':
      return usDay(day);
    default:
      return `${LONG[m - 1]} ${y}`;
  }
}

/** The day a prose date stands for. */
export const proseMeaning = (s: { day: string; form: ProseForm }): string => (s.form === 'month' ? lastDay(s.day.slice(0, 7)) : s.day);

const AS_OF_TEMPLATES = [
  (d: string, lead: string) => `The FY2025 data on this page is current ${lead} ${d}.`,
  (d: string, lead: string) => `Figures for earlier fiscal years are final and include statistics ${lead} ${d}.`,
  (d: string, lead: string) => `Enforcement data ${lead} ${d} are shown in the dashboards below.`,
];

export function asOfText(s: AsOfSentence): string {
  return AS_OF_TEMPLATES[s.template % AS_OF_TEMPLATES.length]!(proseDay(s.day, s.form), s.lead);
}

export const statisticsModelArb: fc.Arbitrary<StatisticsModel> = fc.record({
  sentences: fc.uniqueArray(
    fc.record({ day: dayArb, form: fc.constantFrom('long', 'abbr', 'us', 'month'), lead: fc.constantFrom('as of', 'through'), template: fc.nat() }),
    { maxLength: 3, selector: (s) => asOfText(s) },
  ),
  reviewed: fc.option(fc.record({ day: dayArb, form: fc.constantFrom('us', 'long'), label: fc.constantFrom('Last Reviewed/Updated:', 'Last Updated:', 'Reviewed:', 'Last Reviewed/Updated') }), { freq: 4 }),
});

export type StatisticsExpectation =
  | { readonly kind: 'layout' }
  | { readonly kind: 'ok'; readonly dataAsOf?: string; readonly asOfText?: string; readonly publishedOn?: string };

export function expectedStatistics(m: StatisticsModel): StatisticsExpectation {
  let best: { day: string; text: string } | null = null;
  for (const s of m.sentences) {
    const day = proseMeaning(s);
    const text = asOfText(s);
    if (!best || day > best.day || (day === best.day && text.length < best.text.length)) best = { day, text };
  }
  const publishedOn = m.reviewed?.day;
  if (!best && !publishedOn) return { kind: 'layout' };
  return { kind: 'ok', ...(best ? { dataAsOf: best.day, asOfText: best.text } : {}), ...(publishedOn ? { publishedOn } : {}) };
}

/** Decoys the statistics parser documents it ignores even when they say "data as of": scripts, styles, nav, header, footer. */
export const STATISTICS_TRAPS: readonly HNode[] = [
  blk('script', {}, 'var note = "The data on this page is current as of January 1, 2030. Last Updated: 01/01/2030";'),
  blk('style', {}, '/* statistics data as of January 1, 2030 */ .x { color: red; }'),
  blk('nav', {}, cel('p', {}, 'Statistics data as of January 1, 2030.')),
  blk('footer', {}, cel('p', {}, 'Last Updated: 01/01/2030')),
  blk('header', {}, cel('p', {}, 'Data through December 2029.')),
  comment(' data as of January 1, 2030 '),
];

export function statisticsPage(m: StatisticsModel): HDoc {
  const reviewed = m.reviewed ? [cel('div', { class: 'usa-last-reviewed' }, `${m.reviewed.label} ${m.reviewed.form === 'us' ? usDay(m.reviewed.day) : longDay(m.reviewed.day, true)}`)] : [];
  return page(
    'ICE Statistics | ICE',
    [
      blk('header', { class: 'usa-header' }, blk('nav', {}, cel('a', { href: '/detain/detention-management' }, 'Detention Management'))),
      slot(
        'main',
        { id: 'main-content', class: 'main-content', role: 'main' },
        cel('h1', { class: 'page-title' }, 'ICE Statistics'),
        slot(
          'div',
          { class: 'field field--name-body' },
          cel('p', {}, 'U.S. Immigration and Customs Enforcement publishes enforcement statistics in the interactive dashboards below.'),
          cel('h2', {}, 'ICE Enforcement and Removal Operations Statistics'),
          ...m.sentences.map((s) => cel('p', {}, asOfText(s))),
          cel('p', {}, 'Enforcement data is updated quarterly.'),
        ),
        ...reviewed,
      ),
      blk('footer', { class: 'usa-footer' }, cel('p', {}, 'U.S. Immigration and Customs Enforcement')),
    ],
    [blk('script', {}, 'function initViz() { /* as of January 1, 2030 in script text must be ignored */ }')],
  );
}

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
  return `${prefix}_ohss_immigration-enforcement-and-legal-processes-tables-${LONG[dm - 1]!.toLowerCase()}-${dy}${e.suffix}.xlsx`;
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
    (a, b) => (posted(b) ?? '').localeCompare(posted(a) ?? '') || b.dataMonth.localeCompare(a.dataMonth) || ohssEditionUrl(a).localeCompare(ohssEditionUrl(b)),
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
        cel('p', {}, 'All Encounters KHSM figures are from the OHSS Statistical System of Record (SSOR). Values are rounded to the nearest 10.'),
        ...(m.through ? [cel('p', {}, `Data are current ${m.through.lead} ${proseDay(m.through.day, m.through.form)}.`)] : []),
        cel('h2', { id: 'table-data-heading' }, 'Download the Data'),
        blk('ul', {}, ...m.links.map((l) => cel('li', {}, inl('span', { class: 'file file--x-office-spreadsheet' }, cel('a', { href: href(l) }, khsmTitle(l))))), cel('li', {}, cel('a', { href: '/sites/default/files/2024-10/khsm-encounters-methodology.pdf' }, 'Methodology (PDF)'))),
      ),
      ...(m.updated ? [cel('div', { class: 'page-updated' }, `Last updated: ${proseDay(m.updated.day, m.updated.form)}`)] : []),
    ),
  ]);
}
