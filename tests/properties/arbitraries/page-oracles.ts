/**
 * Shared pieces of the HTML page properties: running a parser on text, damage that is either
 * to the document tree (then written in a random spelling) or to the written bytes, and the
 * oracle for listing pages — every publication is a URL the page links, with a date, size and
 * title the page writes.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ParseResult, Parser } from '../../../src/core/types.js';
import { applyTreeDamage, treeDamageArb, type TreeDamage } from './html-damage.js';
import { htmlStyleArb, renderHtml, type HDoc, type HtmlStyle } from './html.js';
import { byteDamageArb, damage, outcomeOf, type ByteDamage, type Outcome } from './outcome.js';
import type { InputFacts } from './present.js';

export const runHtml = (parse: Parser, url: string, html: string | Buffer): Outcome =>
  outcomeOf(parse, { body: Buffer.isBuffer(html) ? html : Buffer.from(html, 'utf8'), url });

export interface PageDamage {
  readonly tree: TreeDamage | null;
  readonly style: HtmlStyle;
  readonly bytes: ByteDamage | null;
}

export const pageDamageArb: fc.Arbitrary<PageDamage> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ tree: treeDamageArb, style: htmlStyleArb, bytes: fc.constant(null) }) },
  fc.record({ tree: fc.constant(null), style: htmlStyleArb, bytes: byteDamageArb }),
);

/** The damaged page as text (bytes decoded as UTF-8, as the parsers decode them). */
export function damagedHtml(doc: HDoc, d: PageDamage): string {
  const html = renderHtml(d.tree ? applyTreeDamage(doc, d.tree) : doc, d.style);
  return d.bytes ? damage(Buffer.from(html, 'utf8'), d.bytes).toString('utf8') : html;
}

/** Every publication points to a URL the page links, with a date, size and title the page writes. */
export function expectStatedPublications(r: ParseResult, facts: InputFacts, opts: { publishedOnIsFirst?: boolean; datedByName?: boolean } = {}): void {
  for (const p of r.publications ?? []) {
    expect(facts.urls.has(p.url), `${p.url} is not linked from the page`).toBe(true);
    // Dates that come from a file name are checked against the name by the caller.
    if (p.posted !== null && !opts.datedByName) expect(facts.days.has(p.posted), `posted ${p.posted} is not written on the page`).toBe(true);
    if (p.bytes !== null) expect(facts.attrs.some((a) => a.trim() === String(p.bytes)) || facts.numbers.has(p.bytes), `${p.bytes} bytes is not on the page`).toBe(true);
    if (p.title !== undefined) expect(facts.text.includes(p.title), `title "${p.title}" is not on the page`).toBe(true);
  }
  if (opts.publishedOnIsFirst ?? true) expect(r.publishedOn).toBe(r.publications?.[0]?.posted ?? undefined);
  expect(r.observations).toEqual([]);
}
