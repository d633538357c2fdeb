/**
 * Generated CBP Public Data Portal listing pages (the Drupal attachment table `Attachment | Ext. |
 * Size | Date` and the "Dashboard Dataset" list of CSV links), the publications the parser
 * contract promises for them (computed here), and layout variants that mean the same page:
 * column order, header case, absolute or relative links, date spellings.
 */
import fc from 'fast-check';
import type { Publication } from '../../../src/core/types.js';
import { CBP, dayArb, newestPostedFirst, pad2, usDay } from './common.js';
import { blk, cel, page, slot, type HDoc, type HNode } from './html.js';

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
  const publications = newestPostedFirst(
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

