import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cbpSouthwestPage } from '../../scrapers/cbp-southwest-page.js';
import { expectedSouthwest, PLAIN_SOUTHWEST, southwestModelArb, southwestPage, southwestVariantArb } from './arbitraries/cbp-southwest-page.js';
import { lastDay } from './arbitraries/common.js';
import { COMMON_DECOYS, DECOY_TABLE, decoysArb, withDecoys } from './arbitraries/html-decoys.js';
import { htmlStyleArb, PLAIN, renderHtml } from './arbitraries/html.js';
import { canon, resultOf, runs, type Outcome } from './arbitraries/outcome.js';
import { damagedHtml, pageDamageArb, runHtml } from './arbitraries/page-oracles.js';
import { inputFacts } from './arbitraries/present.js';

const DECOYS = [...COMMON_DECOYS, DECOY_TABLE];

describe('cbp-southwest-page properties', () => {
  const URL = 'https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters';
  const parse = (html: string | Buffer): Outcome => runHtml(cbpSouthwestPage.parse, URL, html);

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
      fc.property(southwestModelArb, pageDamageArb, (m, d) => {
        const html = damagedHtml(southwestPage(m, PLAIN_SOUTHWEST), d);
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
