import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cbpMediaReleaseListing } from '../../scrapers/cbp-monthly-update.js';
import { expectedMediaListing, mediaListingModelArb, mediaListingPage, mediaVariantArb, PLAIN_MEDIA } from './arbitraries/cbp-media-listing-page.js';
import { COMMON_DECOYS, DECOY_TABLE, decoysArb, withDecoys } from './arbitraries/html-decoys.js';
import { htmlStyleArb, PLAIN, renderHtml } from './arbitraries/html.js';
import { canon, resultOf, runs, type Outcome } from './arbitraries/outcome.js';
import { damagedHtml, expectStatedPublications, pageDamageArb, runHtml } from './arbitraries/page-oracles.js';
import { inputFacts } from './arbitraries/present.js';

const DECOYS = [...COMMON_DECOYS, DECOY_TABLE];

describe('cbp-media-release-listing properties', () => {
  const URL = 'https://www.cbp.gov/newsroom/media-releases/all';
  const parse = (html: string | Buffer): Outcome => runHtml(cbpMediaReleaseListing.parse, URL, html);
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
      runs(900, 0x3ed1a),
    );
  });

  it('parse() on a damaged listing reports only monthly-update releases the page links, with dates it writes', () => {
    fc.assert(
      fc.property(mediaListingModelArb, pageDamageArb, (m, d) => {
        const html = damagedHtml(mediaListingPage(m, PLAIN_MEDIA), d);
        const out = parse(html);
        if (out.kind !== 'ok') return;
        const facts = inputFacts(html, URL);
        expectStatedPublications(out.result, facts);
        for (const p of out.result.publications ?? []) expect(new globalThis.URL(p.url).pathname).toMatch(UPDATE);
      }),
      runs(1000, 0x3ed1a + 1),
    );
  });
});
