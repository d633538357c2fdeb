/**
 * Generated ICE HTML pages: the detention-management page (workbook links in every file-name
 * spelling ICE used) and the statistics page ("data as of" sentences and the Last Reviewed date),
 * each with the result the parser contract promises for it (computed here, from the model).
 */
import fc from 'fast-check';
import type { Publication } from '../../../src/core/types.js';
import { dayArb, dayParts, longDay, pad2, proseDay, proseMeaning, usDay, type ProseForm } from './common.js';
import { blk, cel, comment, inl, page, slot, type HDoc, type HNode } from './html.js';

/** Code-unit order (what `<` gives): ties between URLs are broken the same way on every machine. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---- ICE detention-management page

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
      cmp(key(b), key(a)) ||
      Number(b.date !== null) - Number(a.date !== null) ||
      cmp(b.date ? b.revision : '', a.date ? a.revision : '') ||
      b.fy - a.fy ||
      cmp(iceFileUrl(a), iceFileUrl(b)),
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

export interface AsOfSentence {
  readonly day: string;
  readonly form: ProseForm;
  readonly lead: 'as of' | 'through';
  readonly template: number;
}

export interface StatisticsModel {
  readonly sentences: readonly AsOfSentence[];
  /** What closes the content before the Last Reviewed block: a sentence, or a related link. */
  readonly closing: 'sentence' | 'link';
  readonly reviewed: { readonly day: string; readonly form: 'us' | 'long'; readonly label: string } | null;
}

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
  closing: fc.constantFrom('sentence', 'link'),
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
          m.closing === 'sentence'
            ? cel('p', {}, 'Enforcement data is updated quarterly.')
            : cel('p', {}, cel('a', { href: '/detain/detention-management' }, 'Detention Management')),
        ),
        ...reviewed,
      ),
      blk('footer', { class: 'usa-footer' }, cel('p', {}, 'U.S. Immigration and Customs Enforcement')),
    ],
    [blk('script', {}, 'function initViz() { /* as of January 1, 2030 in script text must be ignored */ }')],
  );
}
