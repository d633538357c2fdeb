import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseResult, Parser } from '../../src/core/types.js';
import { cbpDatasetListing } from '../../scrapers/cbp-dataset-listing.js';
import { cbpMediaReleaseListing } from '../../scrapers/cbp-monthly-update.js';
import { cbpSouthwestPage } from '../../scrapers/cbp-southwest-page.js';
import {
  expectedListing,
  expectedMediaListing,
  expectedSouthwest,
  lastDay,
  listingModelArb,
  listingPage,
  listingVariantArb,
  mediaListingModelArb,
  mediaListingPage,
  mediaVariantArb,
  PLAIN_LISTING,
  PLAIN_MEDIA,
  PLAIN_SOUTHWEST,
  southwestModelArb,
  southwestPage,
  southwestVariantArb,
} from './arbitraries/cbp-pages.js';
import { applyTreeDamage, COMMON_DECOYS, DECOY_TABLE, decoysArb, htmlStyleArb, PLAIN, renderHtml, treeDamageArb, withDecoys, type HDoc, type HtmlStyle } from './arbitraries/html.js';
import { byteDamageArb, canon, damage, outcomeOf, resultOf, runs, type ByteDamage, type Outcome } from './arbitraries/outcome.js';
import { inputFacts, type InputFacts } from './arbitraries/present.js';

const DECOYS = [...COMMON_DECOYS, DECOY_TABLE];
const run = (parse: Parser, url: string, html: string | Buffer): Outcome => outcomeOf(parse, { body: Buffer.isBuffer(html) ? html : Buffer.from(html, 'utf8'), url });

/** Damage: either to the document tree (then rendered in a random spelling) or to the rendered bytes. */
const damageArb = fc.oneof(
  fc.record({ tree: treeDamageArb, style: htmlStyleArb }).map((d) => ({ ...d, bytes: null as ByteDamage | null })),
  fc.record({ style: htmlStyleArb, bytes: byteDamageArb }).map((d) => ({ ...d, tree: null })),
);
function damaged(doc: HDoc, d: { tree: Parameters<typeof applyTreeDamage>[1] | null; style: HtmlStyle; bytes: ByteDamage | null }): string {
  const html = renderHtml(d.tree ? applyTreeDamage(doc, d.tree) : doc, d.style);
  return d.bytes ? damage(Buffer.from(html, 'utf8'), d.bytes).toString('utf8') : html;
}

/** Every publication points to a URL the page links, with a date and size the page writes. */
function expectStatedPublications(r: ParseResult, facts: InputFacts): void {
  for (const p of r.publications ?? []) {
    expect(facts.urls.has(p.url), `${p.url} is not linked from the page`).toBe(true);
    if (p.posted !== null) expect(facts.days.has(p.posted), `posted ${p.posted} is not written on the page`).toBe(true);
    if (p.bytes !== null) expect(facts.attrs.some((a) => a.trim() === String(p.bytes)) || facts.numbers.has(p.bytes), `${p.bytes} bytes is not on the page`).toBe(true);
    if (p.title !== undefined) expect(facts.text.includes(p.title), `title "${p.title}" is not on the page`).toBe(true);
  }
  expect(r.publishedOn).toBe(r.publications?.[0]?.posted ?? undefined);
  expect(r.observations).toEqual([]);
}

describe('cbp-dataset-listing properties', () => {
  const URL = 'https://www.cbp.gov/document/stats/nationwide-encounters';
  const parse = (html: string | Buffer): Outcome => run(cbpDatasetListing.parse, URL, html);

  it('parse() lists exactly the generated files, identically for every spelling (column order, header case, href forms, date spellings, markup, decoys)', () => {
    fc.assert(
      fc.property(listingModelArb, listingVariantArb, htmlStyleArb, decoysArb(DECOYS), (m, v, style, decoys) => {
        const plain = parse(renderHtml(listingPage(m, PLAIN_LISTING), PLAIN));
        const want = expectedListing(m);
        expect(plain.kind).toBe(want.kind);
        if (want.kind === 'ok') {
          const r = resultOf(plain);
          expect(r.publications).toEqual(want.publications);
          expect(r.issues.map((i) => i.code).sort()).toEqual([...want.issueCodes].sort());
          expect(r.publishedOn).toBe(want.publishedOn);
        }
        const mutated = parse(renderHtml(withDecoys(listingPage(m, v), decoys), style));
        expect(canon(mutated)).toEqual(canon(plain));
      }),
      runs(1200, 0x115e),
    );
  });

  it('parse() on a damaged listing reports only files, dates and sizes the page states', () => {
    fc.assert(
      fc.property(listingModelArb, damageArb, (m, d) => {
        const html = damaged(listingPage(m, PLAIN_LISTING), d);
        const out = parse(html);
        if (out.kind === 'ok') expectStatedPublications(out.result, inputFacts(html, URL));
      }),
      runs(1500, 0x115e + 1),
    );
  });
});

describe('cbp-media-release-listing properties', () => {
  const URL = 'https://www.cbp.gov/newsroom/media-releases/all';
  const parse = (html: string | Buffer): Outcome => run(cbpMediaReleaseListing.parse, URL, html);
  const UPDATE = /^\/newsroom\/national-media-release\/cbp-releases-([a-z]+)-(\d{4})-monthly-update(?:-\d+)?$/;

  it('parse() lists exactly the generated monthly updates with their dates, identically for every spelling', () => {
    fc.assert(
      fc.property(mediaListingModelArb, mediaVariantArb, htmlStyleArb, decoysArb(DECOYS), (m, v, style, decoys) => {
        const plain = parse(renderHtml(mediaListingPage(m, PLAIN_MEDIA), PLAIN));
        const want = expectedMediaListing(m);
        expect(plain.kind).toBe(want.kind);
        if (want.kind === 'ok') {
          const r = resultOf(plain);
          expect(r.publications).toEqual(want.publications);
          expect(r.issues.map((i) => i.code)).toEqual(want.issueCodes);
          expect(r.publishedOn).toBe(want.publishedOn);
        }
        const mutated = parse(renderHtml(withDecoys(mediaListingPage(m, v), decoys), style));
        expect(canon(mutated)).toEqual(canon(plain));
      }),
      runs(1200, 0x3ed1a),
    );
  });

  it('parse() on a damaged listing reports only monthly-update releases the page links, with dates it writes', () => {
    fc.assert(
      fc.property(mediaListingModelArb, damageArb, (m, d) => {
        const html = damaged(mediaListingPage(m, PLAIN_MEDIA), d);
        const out = parse(html);
        if (out.kind !== 'ok') return;
        const facts = inputFacts(html, URL);
        expectStatedPublications(out.result, facts);
        for (const p of out.result.publications ?? []) expect(new globalThis.URL(p.url).pathname).toMatch(UPDATE);
      }),
      runs(1500, 0x3ed1a + 1),
    );
  });
});

describe('cbp-southwest-page properties', () => {
  const URL = 'https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters';
  const parse = (html: string | Buffer): Outcome => run(cbpSouthwestPage.parse, URL, html);

  it('parse() reads the Last Modified date and the newest workbook month, identically for every spelling', () => {
    fc.assert(
      fc.property(southwestModelArb, southwestVariantArb, htmlStyleArb, decoysArb(DECOYS), (m, v, style, decoys) => {
        const plain = parse(renderHtml(southwestPage(m, PLAIN_SOUTHWEST), PLAIN));
        const want = expectedSouthwest(m);
        expect(plain.kind).toBe(want.kind);
        if (want.kind === 'ok') {
          const r = resultOf(plain);
          expect(r.issues.map((i) => i.code)).toEqual(want.issueCodes);
          expect(r.publishedOn).toBe(want.publishedOn);
          expect(r.dataAsOf).toBe(want.dataAsOf);
          expect(r.signals).toEqual(want.signals);
        }
        const mutated = parse(renderHtml(withDecoys(southwestPage(m, v), decoys), style));
        expect(canon(mutated)).toEqual(canon(plain));
      }),
      runs(1200, 0x5e),
    );
  });

  it('parse() on a damaged page reports only a workbook the page embeds and a date it writes', () => {
    const CODES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
    fc.assert(
      fc.property(southwestModelArb, damageArb, (m, d) => {
        const html = damaged(southwestPage(m, PLAIN_SOUTHWEST), d);
        const out = parse(html);
        if (out.kind !== 'ok') return;
        const r = out.result;
        const facts = inputFacts(html, URL);
        if (r.publishedOn) expect(facts.days.has(r.publishedOn)).toBe(true);
        if (r.signals) {
          const { workbook, reportingMonth } = r.signals as { workbook: string; reportingMonth: string };
          expect(facts.attrs.some((a) => a.includes(`/views/${workbook}/`))).toBe(true);
          // Decode the month code independently: OCT–DEC of FY N are in calendar year N-1.
          const code = /(JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)FY(\d{4}|\d{2})$/.exec(workbook);
          expect(code).not.toBeNull();
          const month = CODES.indexOf(code![1]!.slice(0, 3)) + 1;
          const fy = code![2]!.length === 2 ? 2000 + Number(code![2]) : Number(code![2]);
          expect(reportingMonth).toBe(`${month >= 10 ? fy - 1 : fy}-${String(month).padStart(2, '0')}`);
          expect(r.dataAsOf).toBe(lastDay(reportingMonth));
        }
        expect(r.observations).toEqual([]);
      }),
      runs(1500, 0x5e + 1),
    );
  });
});
