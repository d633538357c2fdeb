/**
 * Generated CBP newsroom listing pages: release items (monthly updates, other national and local
 * releases) with their listed dates, image links to the same release and an undated archive link
 * in the footer, and the publications the parser contract promises for them (computed here).
 */
import fc from 'fast-check';
import type { Publication } from '../../../src/core/types.js';
import { CBP, dayArb, LONG_MONTHS, longDay, newestPostedFirst, periodOf, usDay } from './common.js';
import { blk, cel, inl, page, slot, type HDoc } from './html.js';

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
  const month = LONG_MONTHS[i.month - 1]!.toLowerCase();
  if (i.kind === 'update') return `${RELEASES}cbp-releases-${month}-${i.year}-monthly-update${i.suffix}`;
  if (i.kind === 'national') return `${RELEASES}cbp-announces-${month}-${i.year}-enrollment-centers${i.suffix}`;
  return `/newsroom/local-media-release/cbp-officers-seize-${month}-${i.year}${i.suffix}`;
}
const releaseTitle = (i: Pick<ReleaseItem, 'kind' | 'month' | 'year'>): string =>
  i.kind === 'update' ? `CBP Releases ${LONG_MONTHS[i.month - 1]} ${i.year} Monthly Update` : `CBP officers announce results for ${LONG_MONTHS[i.month - 1]} ${i.year}`;

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
  const publications = [...byMonth.values()].flatMap((ps) => newestPostedFirst(ps)).map(({ month: _, ...p }) => p);
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

