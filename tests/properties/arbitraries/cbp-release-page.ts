/**
 * Generated CBP monthly-update press releases: the headline figures in the sentence shapes CBP
 * used in 2025 (each possibly stated twice, with the same or another value), the release date in
 * its several spellings, and the figures and issues the parser contract promises (computed here).
 */
import fc from 'fast-check';
import type { Observation } from '../../../src/core/types.js';
import { dayArb, lastDay, LONG_MONTHS, longDay, periodOf, thousands, usDay } from './common.js';
import { blk, cel, inl, page, slot, type HDoc, type HNode } from './html.js';

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
  usbp_nationwide_apprehensions: ['U.S. Border Patrol apprehensions nationwide totaled {N}.', 'There were {N} USBP apprehensions nationwide in {M}.', '{N} USBP apprehensions nationwide were recorded in {M}.'],
  nationwide_encounters: [
    'There were {N} total nationwide encounters in {M}.',
    'CBP recorded {N} nationwide encounters in {M}, continuing the historic lows.',
    'Nationwide encounters totaled {N} in {M}.',
    '{N} total nationwide encounters were recorded in {M}.',
  ],
};

export interface ReleaseModel {
  readonly month: number;
  readonly year: number;
  readonly date: string | null;
  readonly dateStyle: 'long' | 'weekday-us' | 'time-only' | 'weekday-long';
  /** A "Highlights for <Month> <Year>" heading right before the figure sentences. */
  readonly headline: boolean;
  /** Each figure: the value, the sentence used, and an optional second sentence (same or other value). */
  readonly figures: Readonly<Partial<Record<Figure, { readonly value: number; readonly template: number; readonly again: { readonly value: number; readonly template: number } | null }>>>;
}

export const releaseModelArb: fc.Arbitrary<ReleaseModel> = fc.record({
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 2019, max: 2030 }),
  date: fc.option(dayArb, { freq: 6 }),
  dateStyle: fc.constantFrom('long', 'weekday-us', 'time-only', 'weekday-long'),
  headline: fc.boolean(),
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
  const monthName = LONG_MONTHS[m.month - 1]!;
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
  const title = `CBP Releases ${LONG_MONTHS[m.month - 1]} ${m.year} Monthly Update`;
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
  const intro = `WASHINGTON — U.S. Customs and Border Protection released its monthly update for ${LONG_MONTHS[m.month - 1]} ${m.year}.`;
  const headline = m.headline ? [cel('h2', {}, `Highlights for ${LONG_MONTHS[m.month - 1]} ${m.year}`)] : [];
  const figures = v.onePerParagraph ? sentences.map((s) => cel('p', {}, s)) : sentences.length > 0 ? [cel('p', {}, sentences.join(' '))] : [];
  const prose = [cel('p', {}, intro), ...headline, ...figures];
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

