import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cbpMonthlyUpdate } from '../../scrapers/cbp-monthly-update.js';
import { expectedRelease, FIGURES, PLAIN_RELEASE, releaseModelArb, releasePage, releaseSentences, releaseVariantArb, type Figure } from './arbitraries/cbp-release-page.js';
import { thousands } from './arbitraries/common.js';
import { COMMON_DECOYS, DECOY_TABLE, decoysArb, withDecoys } from './arbitraries/html-decoys.js';
import { htmlStyleArb, PLAIN, renderHtml } from './arbitraries/html.js';
import { canon, obsSet, resultOf, runs, type Outcome } from './arbitraries/outcome.js';
import { damagedHtml, pageDamageArb, runHtml } from './arbitraries/page-oracles.js';
import { htmlNumbers } from './arbitraries/present.js';

const URL = 'https://www.cbp.gov/newsroom/national-media-release/cbp-releases-september-2025-monthly-update';
const parse = (html: string | Buffer): Outcome => runHtml(cbpMonthlyUpdate.parse, URL, html);
const DECOYS = [...COMMON_DECOYS, DECOY_TABLE];
/** An ambiguous figure's message lists the values in the order the prose states them; sentence order is free. */
const valuesSorted = (m: string): string =>
  m.replace(/states (.*); not emitted/, (_, list: string) => `states ${list.split(' and ').sort().join(' and ')}; not emitted`);

/** Every figure is an integer the page writes as such (with or without thousands separators). */
function expectStatedFigures(html: string, out: Outcome): void {
  if (out.kind !== 'ok') return;
  const stated = htmlNumbers(html);
  for (const o of out.result.observations) expect(stated.has(o.value), `figure ${o.labels.figure} = ${o.value} is not a number the page states`).toBe(true);
}

/** Ways a figure can be written that state no integer at all, or a different one than its digits' prefix. */
const GARBLES = ['decimal-million', 'bad-grouping', 'letter', 'decimal'] as const;
type Garble = (typeof GARBLES)[number];
function garbled(n: number, g: Garble): string {
  const t = thousands(n);
  switch (g) {
    case 'decimal-million':
      return `${(n % 9) + 1}.${n % 10} million`;
    case 'bad-grouping':
      return t.includes(',') ? `${t}5` : `${t},5`;
    case 'letter':
      return t.length > 1 ? `${t.slice(0, 1)}x${t.slice(1)}` : `${t}x`;
    default:
      return `${t}.5`;
  }
}

describe('cbp-monthly-update properties', () => {
  it('parse() reads exactly the figures and release date a generated release states, identically for every spelling (separators, "U.S."/"US", sentence order, paragraphs, markup, decoys)', () => {
    fc.assert(
      fc.property(releaseModelArb, releaseVariantArb, htmlStyleArb, decoysArb(DECOYS), (m, v, style, decoys) => {
        const plain = parse(renderHtml(releasePage(m, PLAIN_RELEASE), PLAIN));
        const want = expectedRelease(m);
        const r = resultOf(plain);
        expect(obsSet(r.observations)).toEqual(obsSet(want.observations));
        expect(r.issues.map((i) => i.code).sort()).toEqual([...want.issueCodes].sort());
        expect(r.publishedOn).toBe(want.publishedOn);
        expect(r.dataAsOf).toBe(want.dataAsOf);
        const mutated = parse(renderHtml(withDecoys(releasePage(m, v), decoys), style));
        expect(canon(mutated, valuesSorted)).toEqual(canon(plain, valuesSorted));
      }),
      runs(1500, 0x4e1ea5e),
    );
  });

  it('parse() never reads a figure out of a number written as a decimal, with bad grouping or with a stray letter', () => {
    const garbles = fc.record(Object.fromEntries(FIGURES.map((f) => [f, fc.option(fc.constantFrom(...GARBLES), { freq: 2 })])) as Record<Figure, fc.Arbitrary<Garble | null>>);
    fc.assert(
      fc.property(releaseModelArb, releaseVariantArb, garbles, (m, v, g) => {
        const sentences = releaseSentences(m, v, (n, figure) => (g[figure] ? garbled(n, g[figure]!) : v.thousands ? thousands(n) : String(n)));
        const html = renderHtml(releasePage(m, v, sentences), PLAIN);
        expectStatedFigures(html, parse(html));
      }),
      runs(1500, 0x4e1ea5e + 1),
    );
  });

  it('parse() on a damaged release (elements dropped or repeated, text edited, truncated, flipped bytes) emits only figures the page states, for the month its title names', () => {
    fc.assert(
      fc.property(releaseModelArb, fc.boolean(), pageDamageArb, (m, withTitle, d) => {
        const html = damagedHtml(releasePage(m, PLAIN_RELEASE, undefined, withTitle), d);
        const out = parse(html);
        expectStatedFigures(html, out);
        if (out.kind === 'ok') {
          const months = new Set(out.result.observations.map((o) => o.period));
          expect(months.size).toBeLessThanOrEqual(1);
          for (const p of months) expect(out.result.dataAsOf?.startsWith(p)).toBe(true);
        }
      }),
      runs(1500, 0x4e1ea5e + 2),
    );
  });
});
