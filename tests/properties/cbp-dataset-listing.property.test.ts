import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cbpDatasetListing } from '../../scrapers/cbp-dataset-listing.js';
import { expectedListing, listingModelArb, listingPage, listingVariantArb, PLAIN_LISTING } from './arbitraries/cbp-dataset-listing-page.js';
import { COMMON_DECOYS, DECOY_TABLE, decoysArb, withDecoys } from './arbitraries/html-decoys.js';
import { htmlStyleArb, PLAIN, renderHtml } from './arbitraries/html.js';
import { canon, resultOf, runs, type Outcome } from './arbitraries/outcome.js';
import { damagedHtml, expectStatedPublications, pageDamageArb, runHtml } from './arbitraries/page-oracles.js';
import { inputFacts } from './arbitraries/present.js';

const DECOYS = [...COMMON_DECOYS, DECOY_TABLE];

describe('cbp-dataset-listing properties', () => {
  const URL = 'https://www.cbp.gov/document/stats/nationwide-encounters';
  const parse = (html: string | Buffer): Outcome => runHtml(cbpDatasetListing.parse, URL, html);

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
      runs(1000, 0x115e),
    );
  });

  it('parse() on a damaged listing reports only files, dates and sizes the page states', () => {
    fc.assert(
      fc.property(listingModelArb, pageDamageArb, (m, d) => {
        const html = damagedHtml(listingPage(m, PLAIN_LISTING), d);
        const out = parse(html);
        if (out.kind === 'ok') expectStatedPublications(out.result, inputFacts(html, URL));
      }),
      runs(1000, 0x115e + 1),
    );
  });
});
