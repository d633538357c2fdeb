/**
 * Generated CBP pages without tables of figures: the Public Data Portal dataset listing
 * (attachment table + "Dashboard Dataset" list), the newsroom media-release listing, one
 * monthly-update press release, and the Southwest Land Border page with its Tableau iframes.
 * Each comes as a model, the result the parser contract promises for it (computed here), and a
 * builder into the cbp.gov (Drupal, USWDS) markup with layout variants that mean the same page.
 */
import fc from 'fast-check';
import type { Observation, Publication } from '../../../src/core/types.js';
import { dayArb, longDay, periodOf, thousands, workbookArb } from './cbp-table.js';
import { blk, cel, inl, page, slot, type HDoc, type HNode } from './html.js';

export const CBP = 'https://www.cbp.gov';
const pad2 = (n: number): string => String(n).padStart(2, '0');
const LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-09-04` → `09/04/2026`, or `9/4/2026` unpadded. */
export function usDay(day: string, padded = true): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return padded ? `${pad2(m)}/${pad2(d)}/${y}` : `${m}/${d}/${y}`;
}

export function lastDay(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** Newest posted first; ties (and nulls among themselves) keep page order. */
function newestFirst<T extends { posted: string | null }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.posted === b.posted ? 0 : a.posted === null ? 1 : b.posted === null ? -1 : a.posted < b.posted ? 1 : -1));
}

// ---- Dataset listing ---------------------------------------------------------------------------

export interface Attachment {
  readonly name: string;
  readonly title: string;
  readonly ext: string;
  readonly bytes: number;
  /** A real day, or a text that is not `MM/DD/YYYY`. */
  readonly posted: { readonly day: string } | { readonly bad: string };
  readonly linked: boolean;
}

export interface ListingModel {
  /** Null: the page has no attachment table. */
  readonly attachments: readonly Attachment[] | null;
  /** The "Dashboard Dataset" list: file names (some in the table, some not) and titles. */
  readonly list: readonly { readonly name: string; readonly title: string }[];
}

const fileNames = (n: number): fc.Arbitrary<string[]> =>
  fc.uniqueArray(
    fc.tuple(fc.constantFrom('nationwide-encounters-fy23-fy26', 'sbo-encounters-fy22-fy25', 'nationwide-encounters-data-dictionary'), fc.constantFrom('jan', 'aug', 'sep'), fc.constantFrom('-aor', '-aor_0', '-state', ''), fc.integer({ min: 0, max: 99 }), fc.constantFrom('csv', 'csv', 'pdf', 'CSV')),
    { minLength: n, maxLength: n, selector: (t) => t.join('|') },
  ).map((ts) => ts.map(([stem, mon, kind, i, ext]) => `20${pad2(20 + (i % 8))}-${pad2(1 + (i % 12))}/${stem}-${mon}${kind}-${i}.${ext}`));

export const listingModelArb: fc.Arbitrary<ListingModel> = fc.integer({ min: 0, max: 8 }).chain((n) =>
  fc
    .record({
      names: fileNames(n + 3),
      hasTable: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      rows: fc.array(
        fc.record({
          bytes: fc.integer({ min: 0, max: 9_999_999 }),
          posted: fc.oneof({ weight: 8, arbitrary: dayArb.map((day) => ({ day })) }, { weight: 1, arbitrary: fc.constantFrom('13/45/2026', 'Sept 4, 2026', '', '2026-09-04', '02/30/2025').map((bad) => ({ bad })) }),
          linked: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
          title: fc.constantFrom('Nationwide Encounters Dataset', 'FY22 - FY25 Southwest Land Border Encounters', 'Data Dictionary'),
        }),
        { minLength: n, maxLength: n },
      ),
      listPicks: fc.array(fc.tuple(fc.nat(), fc.constantFrom('FY23 - FY26 (FYTD) Nationwide Encounters by Area of Responsibility', 'SBO Encounters', '')), { maxLength: 4 }),
    })
    .map(({ names, hasTable, rows, listPicks }) => {
      const csvNames = names.filter((f) => /\.csv$/i.test(f));
      return {
        attachments: hasTable ? rows.map((r, i) => ({ ...r, name: names[i]!, title: `${r.title} ${i + 1}`, ext: names[i]!.split('.').at(-1)!.toUpperCase() })) : null,
        list: csvNames.length === 0 ? [] : listPicks.map(([k, title]) => ({ name: csvNames[k % csvNames.length]!, title })),
      };
    }),
);

const FILES = `${CBP}/sites/default/files/`;

export type ListingExpectation =
  | { readonly kind: 'layout' }
  | { readonly kind: 'ok'; readonly publications: Publication[]; readonly issueCodes: string[]; readonly publishedOn?: string };

/** The dataset-listing contract for a model, written out. */
export function expectedListing(m: ListingModel): ListingExpectation {
  const issueCodes: string[] = [];
  const fromTable: Publication[] = [];
  for (const a of m.attachments ?? []) {
    if (!a.linked) {
      issueCodes.push('bad_attachment_row');
      continue;
    }
    const posted = 'day' in a.posted ? a.posted.day : null;
    if (posted === null) issueCodes.push('bad_date');
    fromTable.push({ url: FILES + a.name, posted, bytes: a.bytes, title: a.title });
  }
  const listTitles = new Map<string, string>();
  for (const l of m.list) if (!listTitles.has(FILES + l.name)) listTitles.set(FILES + l.name, l.title);
  if (m.attachments === null && listTitles.size === 0) return { kind: 'layout' };
  const inTable = new Set(fromTable.map((p) => p.url));
  const listOnly = [...listTitles.keys()].filter((u) => !inTable.has(u)).map((url): Publication => ({ url, posted: null, bytes: null }));
  const publications = newestFirst(
    [...fromTable, ...listOnly].map((p) => {
      const title = listTitles.get(p.url) || p.title;
      const { title: _, ...rest } = p;
      return title ? { ...rest, title } : rest;
    }),
  );
  if (publications.length === 0) return { kind: 'layout' };
  const publishedOn = publications[0]!.posted;
  return { kind: 'ok', publications, issueCodes, ...(publishedOn ? { publishedOn } : {}) };
}

export interface ListingVariant {
  /** Order of the four attachment-table columns (indices into Attachment, Ext., Size, Date). */
  readonly columns: readonly number[];
  readonly absoluteHrefs: boolean;
  readonly hrefPad: boolean;
  readonly unpaddedDates: boolean;
  /** The date cell without `data-sort-value` (the parser then reads its text). */
  readonly dateTextOnly: boolean;
  readonly headerCase: 'as-is' | 'upper' | 'lower';
  readonly thead: boolean;
  readonly listFirst: boolean;
}

export const PLAIN_LISTING: ListingVariant = { columns: [0, 1, 2, 3], absoluteHrefs: false, hrefPad: false, unpaddedDates: false, dateTextOnly: false, headerCase: 'as-is', thead: true, listFirst: true };

export const listingVariantArb: fc.Arbitrary<ListingVariant> = fc.record({
  columns: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
  absoluteHrefs: fc.boolean(),
  hrefPad: fc.boolean(),
  unpaddedDates: fc.boolean(),
  dateTextOnly: fc.boolean(),
  headerCase: fc.constantFrom('as-is', 'upper', 'lower'),
  thead: fc.boolean(),
  listFirst: fc.boolean(),
});

const sizeText = (bytes: number): string => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(2)} MB` : `${(bytes / 1024).toFixed(2)} KB`);

export function listingPage(m: ListingModel, v: ListingVariant): HDoc {
  const href = (name: string): string => {
    const h = v.absoluteHrefs ? FILES + name : `/sites/default/files/${name}`;
    return v.hrefPad ? `\n  ${h} ` : h;
  };
  const head = ['Attachment', 'Ext.', 'Size', 'Date'].map((h) => (v.headerCase === 'upper' ? h.toUpperCase() : v.headerCase === 'lower' ? h.toLowerCase() : h));
  const row = (a: Attachment): HNode => {
    const dateText = 'day' in a.posted ? usDay(a.posted.day, !v.unpaddedDates) : a.posted.bad;
    const cells = [
      cel('th', { scope: 'row', 'data-sort-value': a.title }, ...(a.linked ? [cel('a', { href: href(a.name) }, a.title)] : [a.title])),
      cel('td', { 'data-sort-value': a.ext }, a.ext),
      cel('td', { 'data-sort-value': String(a.bytes) }, sizeText(a.bytes)),
      cel('td', v.dateTextOnly ? {} : { 'data-sort-value': dateText }, dateText),
    ];
    return blk('tr', { scope: 'row' }, ...v.columns.map((c) => cells[c]!));
  };
  const headRow = blk('tr', {}, ...v.columns.map((c) => cel('th', { 'data-sortable': '', scope: 'col' }, head[c]!)));
  const table = m.attachments
    ? [
        blk(
          'div',
          { class: 'node-page-field-files' },
          blk('table', { class: 'usa-table usa-table--borderless', 'aria-label': 'Table of Files associated with page' }, ...(v.thead ? [blk('thead', {}, headRow), blk('tbody', {}, ...m.attachments.map(row))] : [blk('tbody', {}, headRow, ...m.attachments.map(row))])),
        ),
      ]
    : [];
  const list = [cel('h2', { class: 'usa-prose' }, 'Dashboard Dataset'), blk('ul', { class: 'undecorated list' }, ...m.list.map((l) => cel('li', {}, cel('a', { href: href(l.name) }, l.title))))];
  return page('Nationwide Encounters | U.S. Customs and Border Protection', [
    slot(
      'main',
      { class: 'usa-section', id: 'main-content' },
      cel('h1', { id: 'page-title' }, 'Nationwide Encounters'),
      slot('div', { class: 'field field--name-body' }, cel('p', {}, cel('a', { href: '/newsroom/stats/cbp-public-data-portal' }, 'Return to the Public Data Portal')), ...(v.listFirst ? [...list, ...table] : [...table, ...list])),
    ),
  ]);
}

// ---- Media-release listing -----------------------------------------------------------------------

export interface ReleaseItem {
  /** `update`: a "CBP Releases <Month> <Year> Monthly Update"; otherwise another national or local release. */
  readonly kind: 'update' | 'national' | 'local';
  readonly month: number;
  readonly year: number;
  /** Drupal's `-0`, `-1` suffix for duplicate slugs, or ''. */
  readonly suffix: string;
  readonly date: string | null;
  /** An image link to the same release (with `#main-content`) in its own row just before. */
  readonly image: boolean;
}

export interface MediaListingModel {
  readonly items: readonly ReleaseItem[];
  /** A footer link to an old monthly update (undated). */
  readonly archive: { readonly month: number; readonly year: number } | null;
}

export const mediaListingModelArb: fc.Arbitrary<MediaListingModel> = fc.record({
  items: fc
    .uniqueArray(
      fc.record({
        kind: fc.constantFrom('update', 'update', 'national', 'local'),
        month: fc.integer({ min: 1, max: 12 }),
        year: fc.integer({ min: 2019, max: 2030 }),
        suffix: fc.constantFrom('', '', '-0', '-1'),
        date: fc.option(dayArb, { freq: 6 }),
        image: fc.boolean(),
      }),
      { maxLength: 7, selector: (i) => `${i.kind}${i.month}${i.year}${i.suffix}` },
    ),
  archive: fc.option(fc.record({ month: fc.integer({ min: 1, max: 12 }), year: fc.integer({ min: 2015, max: 2018 }) }), { freq: 2 }),
});

const RELEASES = '/newsroom/national-media-release/';
export function releaseSlug(i: Pick<ReleaseItem, 'kind' | 'month' | 'year' | 'suffix'>): string {
  const month = LONG[i.month - 1]!.toLowerCase();
  if (i.kind === 'update') return `${RELEASES}cbp-releases-${month}-${i.year}-monthly-update${i.suffix}`;
  if (i.kind === 'national') return `${RELEASES}cbp-announces-${month}-${i.year}-enrollment-centers${i.suffix}`;
  return `/newsroom/local-media-release/cbp-officers-seize-${month}-${i.year}${i.suffix}`;
}
const releaseTitle = (i: Pick<ReleaseItem, 'kind' | 'month' | 'year'>): string =>
  i.kind === 'update' ? `CBP Releases ${LONG[i.month - 1]} ${i.year} Monthly Update` : `CBP officers announce results for ${LONG[i.month - 1]} ${i.year}`;

export type MediaExpectation =
  | { readonly kind: 'layout' }
  | { readonly kind: 'ok'; readonly publications: Publication[]; readonly issueCodes: string[]; readonly publishedOn?: string };

export function expectedMediaListing(m: MediaListingModel): MediaExpectation {
  if (m.items.length === 0 && m.archive === null) return { kind: 'layout' };
  const listed = m.items
    .filter((i) => i.kind === 'update')
    .map((i) => ({ url: CBP + releaseSlug(i), posted: i.date, bytes: null, title: releaseTitle(i), month: periodOf(i.year, i.month) }));
  if (m.archive) {
    const a = { kind: 'update' as const, suffix: '', ...m.archive };
    listed.push({ url: CBP + releaseSlug(a), posted: null, bytes: null, title: 'Archive', month: periodOf(a.year, a.month) });
  }
  const sorted = [...listed].sort((a, b) => (a.month !== b.month ? (a.month < b.month ? 1 : -1) : 0));
  // Within a month, newest posted first (stable), as the listing contract says.
  const byMonth = new Map<string, typeof listed>();
  for (const p of sorted) byMonth.set(p.month, [...(byMonth.get(p.month) ?? []), p]);
  const publications = [...byMonth.values()].flatMap((ps) => newestFirst(ps)).map(({ month: _, ...p }) => p);
  const publishedOn = publications[0]?.posted;
  return { kind: 'ok', publications, issueCodes: publications.length === 0 ? ['no_monthly_update_listed'] : [], ...(publishedOn ? { publishedOn } : {}) };
}

export interface MediaVariant {
  readonly absoluteHrefs: boolean;
  readonly timeText: 'us' | 'long';
}
export const PLAIN_MEDIA: MediaVariant = { absoluteHrefs: false, timeText: 'us' };
export const mediaVariantArb: fc.Arbitrary<MediaVariant> = fc.record({ absoluteHrefs: fc.boolean(), timeText: fc.constantFrom('us', 'long') });

export function mediaListingPage(m: MediaListingModel, v: MediaVariant): HDoc {
  const href = (path: string): string => (v.absoluteHrefs ? CBP + path : path);
  const rows = m.items.flatMap((i) => {
    const item = blk(
      'div',
      { class: 'views-row' },
      blk(
        'div',
        { class: 'usa-collection__item' },
        blk(
          'div',
          { class: 'usa-collection__body' },
          cel('h3', { class: 'usa-collection__heading' }, cel('a', { class: 'usa-link', href: href(releaseSlug(i)) }, releaseTitle(i))),
          cel('p', { class: 'usa-collection__description' }, 'WASHINGTON — U.S. Customs and Border Protection released its update.'),
          blk(
            'ul',
            { class: 'usa-collection__meta', 'aria-label': 'More information' },
            ...(i.date ? [cel('li', { class: 'usa-collection__meta-item' }, inl('time', { datetime: `${i.date}T12:00:00Z` }, v.timeText === 'us' ? usDay(i.date) : longDay(i.date, true)))] : []),
            cel('li', { class: 'usa-collection__meta-item usa-tag' }, i.kind === 'local' ? 'Local Media Release' : 'National Media Release'),
          ),
        ),
      ),
    );
    const image = blk('div', { class: 'views-row' }, inl('a', { class: 'usa-card__img', href: `${href(releaseSlug(i))}#main-content` }, inl('img', { src: '/sites/default/files/styles/thumb/border.jpg', alt: 'Border wall at sunset' })));
    return i.image ? [image, item] : [item];
  });
  const footer = blk(
    'footer',
    {},
    blk('ul', {}, cel('li', {}, cel('a', { href: '/about' }, 'About CBP')), ...(m.archive ? [cel('li', {}, cel('a', { href: href(releaseSlug({ kind: 'update', suffix: '', ...m.archive })) }, 'Archive'))] : [])),
  );
  return page('Media Releases | U.S. Customs and Border Protection', [
    blk('header', {}, blk('nav', {}, cel('a', { href: '/newsroom' }, 'Newsroom'))),
    slot(
      'main',
      { class: 'usa-section', id: 'main-content' },
      slot('div', { class: 'region region-content' }, cel('h1', { id: 'page-title' }, 'Media Releases'), slot('div', { class: 'view view-media-releases' }, ...rows)),
    ),
    footer,
  ]);
}

// ---- One monthly-update release ---------------------------------------------------------------------

export type Figure = 'usbp_southwest_apprehensions' | 'usbp_nationwide_apprehensions' | 'nationwide_encounters';
export const FIGURES: readonly Figure[] = ['usbp_southwest_apprehensions', 'usbp_nationwide_apprehensions', 'nationwide_encounters'];

/** Sentences CBP wrote for each figure; `{N}` is the number, `{M}` the month name. */
const TEMPLATES: Readonly<Record<Figure, readonly string[]>> = {
  usbp_southwest_apprehensions: [
    'U.S. Border Patrol apprehensions at the southwest border totaled {N} in {M}, an average of 279 apprehensions per day.',
    'USBP apprehensions along the southern border were {N}.',
    'Border Patrol (USBP) apprehensions at the southwest border numbered {N} in {M}.',
    'In {M}, USBP apprehended {N} illegal aliens between ports of entry along the southwest border, an average of 204 per day.',
    'Border Patrol apprehended {N} illegal aliens at the southwest border in {M}, compared with 83,536 in {M} 2024.',
  ],
  usbp_nationwide_apprehensions: ['U.S. Border Patrol apprehensions nationwide totaled {N}.', 'There were {N} USBP apprehensions nationwide in {M}.'],
  nationwide_encounters: ['There were {N} total nationwide encounters in {M}.', 'CBP recorded {N} nationwide encounters in {M}, continuing the historic lows.', 'Nationwide encounters totaled {N} in {M}.'],
};

export interface ReleaseModel {
  readonly month: number;
  readonly year: number;
  readonly date: string | null;
  readonly dateStyle: 'long' | 'weekday-us' | 'time-only' | 'weekday-long';
  /** Each figure: the value, the sentence used, and an optional second sentence (same or other value). */
  readonly figures: Readonly<Partial<Record<Figure, { readonly value: number; readonly template: number; readonly again: { readonly value: number; readonly template: number } | null }>>>;
}

export const releaseModelArb: fc.Arbitrary<ReleaseModel> = fc.record({
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 2019, max: 2030 }),
  date: fc.option(dayArb, { freq: 6 }),
  dateStyle: fc.constantFrom('long', 'weekday-us', 'time-only', 'weekday-long'),
  figures: fc.record(
    Object.fromEntries(
      FIGURES.map((f) => [
        f,
        fc.record({
          value: fc.integer({ min: 0, max: 999_999 }),
          template: fc.nat(),
          again: fc.option(fc.record({ value: fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.constant(-1)), template: fc.nat() }), { freq: 5 }),
        }),
      ]),
    ) as Record<Figure, fc.Arbitrary<{ value: number; template: number; again: { value: number; template: number } | null }>>,
    { requiredKeys: [] },
  ),
});

export interface ReleaseExpectation {
  readonly observations: Observation[];
  readonly issueCodes: string[];
  readonly publishedOn?: string;
  readonly dataAsOf: string;
}

/** `again.value` -1 means "the same value again". */
const againValue = (f: { value: number; again: { value: number } | null }): number | null => (f.again === null ? null : f.again.value === -1 ? f.value : f.again.value);

export function expectedRelease(m: ReleaseModel): ReleaseExpectation {
  const period = periodOf(m.year, m.month);
  const observations: Observation[] = [];
  const issueCodes: string[] = [];
  for (const figure of FIGURES) {
    const f = m.figures[figure];
    if (!f) continue;
    const again = againValue(f);
    if (again !== null && again !== f.value) issueCodes.push('ambiguous_figure');
    else observations.push({ series: 'cbp_release_figure', labels: { figure }, period, value: f.value });
  }
  if (observations.length === 0 && !issueCodes.includes('ambiguous_figure')) issueCodes.push('prose_not_recognised');
  if (m.date === null) issueCodes.push('published_date_missing');
  return { observations, issueCodes, ...(m.date ? { publishedOn: m.date } : {}), dataAsOf: lastDay(period) };
}

export interface ReleaseVariant {
  readonly thousands: boolean;
  readonly usDots: boolean;
  readonly sentenceOrder: number;
  readonly onePerParagraph: boolean;
}
export const PLAIN_RELEASE: ReleaseVariant = { thousands: true, usDots: true, sentenceOrder: 0, onePerParagraph: true };
export const releaseVariantArb: fc.Arbitrary<ReleaseVariant> = fc.record({ thousands: fc.boolean(), usDots: fc.boolean(), sentenceOrder: fc.nat(), onePerParagraph: fc.boolean() });

const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The figure sentences of a release, in the variant's order; `number` renders a value. */
export function releaseSentences(m: ReleaseModel, v: ReleaseVariant, number: (n: number, figure: Figure) => string = (n) => (v.thousands ? thousands(n) : String(n))): string[] {
  const monthName = LONG[m.month - 1]!;
  const out: string[] = [];
  for (const figure of FIGURES) {
    const f = m.figures[figure];
    if (!f) continue;
    const say = (value: number, template: number): string => {
      const t = TEMPLATES[figure][template % TEMPLATES[figure].length]!.replace('{N}', number(value, figure)).replaceAll('{M}', monthName);
      return v.usDots ? t : t.replace(/U\.S\. /g, 'US ');
    };
    out.push(say(f.value, f.template));
    const again = againValue(f);
    if (again !== null) out.push(say(again, f.again!.template));
  }
  const k = out.length === 0 ? 0 : v.sentenceOrder % out.length;
  return [...out.slice(k), ...out.slice(0, k)];
}

export function releasePage(m: ReleaseModel, v: ReleaseVariant, sentences: readonly string[] = releaseSentences(m, v), withTitle = true): HDoc {
  const title = `CBP Releases ${LONG[m.month - 1]} ${m.year} Monthly Update`;
  const date = (): HNode[] => {
    if (m.date === null) return [];
    const [y, mo, d] = m.date.split('-').map(Number) as [number, number, number];
    const weekday = WEEKDAY[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]!;
    switch (m.dateStyle) {
      case 'long':
        return [cel('div', { class: 'field field--name-field-release-date' }, `Release Date: ${longDay(m.date, true)}`)];
      case 'weekday-long':
        return [cel('div', { class: 'field field--name-field-release-date' }, `Release Date: ${weekday}, ${longDay(m.date, true)}`)];
      case 'weekday-us':
        return [cel('div', { class: 'field field--name-field-release-date' }, inl('span', { class: 'text-bold' }, 'Release Date:'), ' ', inl('time', { datetime: `${m.date}T12:00:00Z` }, `${weekday.slice(0, 3)}, ${usDay(m.date)}`))];
      default:
        return [cel('div', { class: 'field field--name-field-release-date' }, inl('time', { datetime: `${m.date}T16:30:00Z` }, 'Posted'))];
    }
  };
  const intro = `WASHINGTON — U.S. Customs and Border Protection released its monthly update for ${LONG[m.month - 1]} ${m.year}.`;
  const prose = v.onePerParagraph ? [intro, ...sentences].map((s) => cel('p', {}, s)) : [cel('p', {}, [intro, ...sentences].join(' '))];
  return page(`${withTitle ? title : 'Media Release'} | U.S. Customs and Border Protection`, [
    blk('header', {}, blk('nav', {}, cel('a', { href: '/newsroom' }, 'Newsroom'))),
    slot(
      'main',
      { class: 'usa-section', id: 'main-content' },
      slot(
        'div',
        { class: 'region region-content' },
        cel('h1', { id: 'page-title' }, inl('span', { class: 'field field--name-title' }, withTitle ? title : 'Media Release')),
        blk('article', { class: 'usa-prose' }, ...date(), slot('div', { class: 'clearfix text-formatted field field--name-body' }, ...prose), cel('div', { class: 'field' }, inl('span', { class: 'usa-tag' }, 'National Media Release'))),
      ),
    ),
  ]);
}

// ---- Southwest Land Border page ----------------------------------------------------------------------

export interface SouthwestModel {
  readonly lastModified: string | null;
  readonly workbooks: readonly { readonly name: string; readonly month: string | null }[];
}

export const southwestModelArb: fc.Arbitrary<SouthwestModel> = fc.record({
  lastModified: fc.option(dayArb, { freq: 5 }),
  workbooks: fc.array(workbookArb('CBPSBOEnforcementActionsDashboards'), { maxLength: 3 }),
});

export type SouthwestExpectation =
  | { readonly kind: 'layout' }
  | { readonly kind: 'ok'; readonly issueCodes: string[]; readonly publishedOn?: string; readonly dataAsOf?: string; readonly signals?: Record<string, string> };

export function expectedSouthwest(m: SouthwestModel): SouthwestExpectation {
  const names: string[] = [];
  const unique = m.workbooks.filter((w) => !names.includes(w.name) && names.push(w.name));
  const dated = unique.filter((w): w is { name: string; month: string } => w.month !== null);
  if (dated.length === 0 && m.lastModified === null) return { kind: 'layout' };
  const issueCodes: string[] = [];
  if (dated.length === 0) issueCodes.push('workbook_not_recognised');
  if (new Set(dated.map((w) => w.month)).size > 1) issueCodes.push('workbook_mismatch');
  if (m.lastModified === null) issueCodes.push('published_date_missing');
  const newest = [...dated].sort((a, b) => (a.month === b.month ? 0 : a.month < b.month ? 1 : -1))[0];
  return {
    kind: 'ok',
    issueCodes,
    ...(m.lastModified ? { publishedOn: m.lastModified } : {}),
    ...(newest ? { dataAsOf: lastDay(newest.month), signals: { workbook: newest.name, reportingMonth: newest.month } } : {}),
  };
}

export interface SouthwestVariant {
  readonly srcNewline: boolean;
  readonly longDate: boolean;
  readonly sheets: readonly string[];
}
export const PLAIN_SOUTHWEST: SouthwestVariant = { srcNewline: false, longDate: false, sheets: ['SBOEncounters8189'] };
export const southwestVariantArb: fc.Arbitrary<SouthwestVariant> = fc.record({
  srcNewline: fc.boolean(),
  longDate: fc.boolean(),
  sheets: fc.array(fc.constantFrom('SBOEncounters8189', 'SBObyMonthDemo8189', 'Dashboard1'), { minLength: 1, maxLength: 2 }),
});

export function southwestPage(m: SouthwestModel, v: SouthwestVariant): HDoc {
  const frames = m.workbooks.flatMap((w, i) =>
    v.sheets.map((sheet, j) =>
      blk(
        'div',
        { class: 'tableauPlaceholder', style: 'display:block;height:950px;' },
        inl('iframe', { class: 'tableauViz', frameborder: '0', src: `${v.srcNewline ? '\n' : ''}https://publicstats.cbp.gov/t/PublicFacing/views/${w.name}/${sheet}?%3Aembed=y&%3AshowVizHome=no&%3AloadOrderID=${i * 2 + j}`, title: 'Southwest Land Border Encounters Visualization', width: '100%' }),
      ),
    ),
  );
  return page('Southwest Land Border Encounters | U.S. Customs and Border Protection', [
    slot(
      'main',
      { class: 'usa-section', id: 'main-content' },
      slot(
        'div',
        { class: 'region region-content' },
        cel('h1', { id: 'page-title' }, 'Southwest Land Border Encounters'),
        slot('div', { class: 'field field--name-body' }, cel('p', {}, 'Encounter data includes U.S. Border Patrol (USBP) Title 8 Apprehensions.'), ...frames),
        ...(m.lastModified ? [blk('div', { class: 'margin-top-8' }, cel('span', { class: 'text-bold' }, `Last Modified: ${longDay(m.lastModified, v.longDate)}`))] : []),
      ),
    ),
  ]);
}
