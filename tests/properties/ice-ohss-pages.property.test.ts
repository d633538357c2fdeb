import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iceDetentionPageParser } from '../../scrapers/ice-detention-page.js';
import { iceStatisticsPageParser } from '../../scrapers/ice-statistics-page.js';
import { ohssKhsmPageParser } from '../../scrapers/ohss-khsm.js';
import { ohssMonthlyListingParser } from '../../scrapers/ohss-monthly-listing.js';
import { lastDay } from './arbitraries/common.js';
import { COMMON_DECOYS, DECOY_TABLE, decoysArb, withDecoys } from './arbitraries/html-decoys.js';
import { htmlStyleArb, PLAIN, renderHtml } from './arbitraries/html.js';
import { expectedIcePage, expectedStatistics, iceDetentionPage, iceDetentionPageModelArb, STATISTICS_TRAPS, statisticsModelArb, statisticsPage } from './arbitraries/ice-pages.js';
import { expectedKhsmPage, expectedOhssListing, khsmPage, khsmPageModelArb, ohssListingModelArb, ohssListingPage } from './arbitraries/ohss-pages.js';
import { canon, resultOf, runs, type Outcome } from './arbitraries/outcome.js';
import { damagedHtml, expectStatedPublications, pageDamageArb, runHtml } from './arbitraries/page-oracles.js';
import { inputFacts } from './arbitraries/present.js';

const DECOYS = [...COMMON_DECOYS, DECOY_TABLE];
const pad2 = (n: number): string => String(n).padStart(2, '0');

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** A file-name date is spelled with its own digits: month, day and the year (or its last two digits). */
function nameSpellsDay(url: string, day: string): boolean {
  const name = safeDecode(new URL(url).pathname.split('/').at(-1) ?? '');
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return name.includes(`${pad2(m)}${pad2(d)}`) || name.includes(`${pad2(y % 100)}${pad2(m)}${pad2(d)}`) || name.includes(`${pad2(y % 100)}-${pad2(m)}${pad2(d)}`);
}

describe('ice-detention-page properties', () => {
  const URL = 'https://www.ice.gov/detain/detention-management';
  const parse = (html: string): Outcome => runHtml(iceDetentionPageParser.parse, URL, html);

  it('parse() lists every generated workbook newest first with the date its name spells, identically for every spelling of the page', () => {
    fc.assert(
      fc.property(iceDetentionPageModelArb, htmlStyleArb, decoysArb(DECOYS), (m, style, decoys) => {
        const plain = parse(renderHtml(iceDetentionPage(m), PLAIN));
        const want = expectedIcePage(m);
        expect(plain.kind).toBe(want.kind);
        if (want.kind === 'ok') {
          const r = resultOf(plain);
          expect(r.publications).toEqual(want.publications);
          expect(r.publishedOn).toBe(want.publishedOn);
          expect(r.signals).toEqual(want.signals);
          expect(r.issues).toEqual([]);
        }
        expect(canon(parse(renderHtml(withDecoys(iceDetentionPage(m), decoys), style)))).toEqual(canon(plain));
      }),
      runs(700, 0x1ce),
    );
  });

  it('parse() on a damaged page lists only linked workbooks, dated by the digits of their names', () => {
    fc.assert(
      fc.property(iceDetentionPageModelArb, pageDamageArb, (m, d) => {
        const html = damagedHtml(iceDetentionPage(m), d);
        const out = parse(html);
        if (out.kind !== 'ok') return;
        const r = out.result;
        expectStatedPublications(r, inputFacts(html, URL), { publishedOnIsFirst: false, datedByName: true });
        for (const p of r.publications ?? []) if (p.posted) expect(nameSpellsDay(p.url, p.posted), `${p.url} does not spell ${p.posted}`).toBe(true);
        const dates = (r.publications ?? []).map((p) => p.posted).filter((x): x is string => x !== null);
        expect(r.publishedOn).toBe(dates.sort().at(-1));
      }),
      runs(700, 0x1ce + 1),
    );
  });
});

describe('ice-statistics-page properties', () => {
  const URL = 'https://www.ice.gov/statistics';
  const parse = (html: string): Outcome => runHtml(iceStatisticsPageParser.parse, URL, html);

  it('parse() reads the latest "data as of" date and the Last Reviewed date, identically for every spelling, ignoring scripts, navigation, header and footer', () => {
    fc.assert(
      fc.property(statisticsModelArb, htmlStyleArb, decoysArb([...DECOYS, ...STATISTICS_TRAPS]), (m, style, decoys) => {
        const plain = parse(renderHtml(statisticsPage(m), PLAIN));
        const want = expectedStatistics(m);
        expect(plain.kind).toBe(want.kind);
        if (want.kind === 'ok') {
          const r = resultOf(plain);
          expect(r.dataAsOf).toBe(want.dataAsOf);
          expect(r.signals?.asOfText).toBe(want.asOfText);
          expect(r.publishedOn).toBe(want.publishedOn);
        }
        expect(canon(parse(renderHtml(withDecoys(statisticsPage(m), decoys), style)))).toEqual(canon(plain));
      }),
      runs(700, 0x57a7),
    );
  });

  it('parse() on a damaged page gives only dates the page writes', () => {
    fc.assert(
      fc.property(statisticsModelArb, pageDamageArb, (m, d) => {
        const html = damagedHtml(statisticsPage(m), d);
        const out = parse(html);
        if (out.kind !== 'ok') return;
        const { days, text } = inputFacts(html, URL);
        const r = out.result;
        if (r.publishedOn) expect(days.has(r.publishedOn)).toBe(true);
        if (r.dataAsOf) {
          const [y, mo] = r.dataAsOf.split('-').map(Number) as [number, number];
          const monthOnly = r.dataAsOf === lastDay(r.dataAsOf.slice(0, 7)) && new RegExp(`[A-Z][a-z]{2,8}\\s+${y}`).test(text) && mo > 0;
          expect(days.has(r.dataAsOf) || monthOnly, `dataAsOf ${r.dataAsOf} is not written on the page`).toBe(true);
          expect(text.replace(/\s+/g, ' ')).toContain(r.signals!.asOfText!.slice(0, 40));
        }
        expect(r.observations).toEqual([]);
      }),
      runs(700, 0x57a7 + 1),
    );
  });
});

describe('ohss-monthly-listing properties', () => {
  const URL = 'https://ohss.dhs.gov/topics/immigration/immigration-enforcement/immigration-enforcement-and-legal-processes-monthly-tables';
  const parse = (html: string): Outcome => runHtml(ohssMonthlyListingParser.parse, URL, html);

  it('parse() lists every generated edition with its posted date and data month, identically for every spelling of the page', () => {
    fc.assert(
      fc.property(ohssListingModelArb, fc.boolean(), htmlStyleArb, decoysArb(DECOYS), (editions, absolute, style, decoys) => {
        const plain = parse(renderHtml(ohssListingPage(editions, false), PLAIN));
        const want = expectedOhssListing(editions);
        expect(plain.kind).toBe(want.kind);
        if (want.kind === 'ok') {
          const r = resultOf(plain);
          expect(r.publications).toEqual(want.publications);
          expect(r.publishedOn).toBe(want.publishedOn);
          expect(r.dataAsOf).toBe(want.dataAsOf);
          expect(r.signals).toEqual({ newestDataMonth: want.newestDataMonth });
        }
        expect(canon(parse(renderHtml(withDecoys(ohssListingPage(editions, absolute), decoys), style)))).toEqual(canon(plain));
      }),
      runs(700, 0x0455),
    );
  });

  it('parse() on a damaged page lists only linked editions, dated by the digits of their names', () => {
    fc.assert(
      fc.property(ohssListingModelArb, pageDamageArb, (editions, d) => {
        const html = damagedHtml(ohssListingPage(editions, false), d);
        const out = parse(html);
        if (out.kind !== 'ok') return;
        const r = out.result;
        expectStatedPublications(r, inputFacts(html, URL), { publishedOnIsFirst: false, datedByName: true });
        for (const p of r.publications ?? []) if (p.posted) expect(nameSpellsDay(p.url, p.posted)).toBe(true);
        const month = r.signals!.newestDataMonth!;
        const [y, mo] = month.split('-').map(Number) as [number, number];
        const monthName = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][mo - 1]!;
        expect((r.publications ?? []).some((p) => p.url.toLowerCase().includes(`-tables-${monthName}-${y}`))).toBe(true);
        expect(r.dataAsOf).toBe(lastDay(month));
      }),
      runs(700, 0x0455 + 1),
    );
  });
});

describe('ohss-khsm-page properties', () => {
  const URL = 'https://ohss.dhs.gov/khsm/cbp-encounters';
  const parse = (html: string): Outcome => runHtml(ohssKhsmPageParser.parse, URL, html);

  it('parse() lists the generated workbooks (USBP first) with the page dates, identically for every spelling of the page', () => {
    fc.assert(
      fc.property(khsmPageModelArb, fc.boolean(), htmlStyleArb, decoysArb(DECOYS), (m, absolute, style, decoys) => {
        const plain = parse(renderHtml(khsmPage(m, false), PLAIN));
        const want = expectedKhsmPage(m);
        expect(plain.kind).toBe(want.kind);
        if (want.kind === 'ok') {
          const r = resultOf(plain);
          expect(r.publications).toEqual(want.publications);
          expect(r.publishedOn).toBe(want.publishedOn);
          expect(r.dataAsOf).toBe(want.dataAsOf);
          expect(r.signals).toEqual(want.signals);
        }
        expect(canon(parse(renderHtml(withDecoys(khsmPage(m, absolute), decoys), style)))).toEqual(canon(plain));
      }),
      runs(700, 0x5b5),
    );
  });

  it('parse() on a damaged page lists only linked workbooks and dates the page writes', () => {
    fc.assert(
      fc.property(khsmPageModelArb, pageDamageArb, (m, d) => {
        const html = damagedHtml(khsmPage(m, false), d);
        const out = parse(html);
        if (out.kind !== 'ok') return;
        const r = out.result;
        const facts = inputFacts(html, URL);
        expectStatedPublications(r, facts, { publishedOnIsFirst: false });
        if (r.publishedOn) expect(facts.days.has(r.publishedOn)).toBe(true);
        if (r.dataAsOf) expect(facts.days.has(r.dataAsOf) || r.dataAsOf === lastDay(r.dataAsOf.slice(0, 7))).toBe(true);
        const vintage = r.signals?.fileVintage;
        if (vintage) expect(safeDecode(r.publications![0]!.url).toLowerCase()).toContain(vintage);
      }),
      runs(700, 0x5b5 + 1),
    );
  });
});
