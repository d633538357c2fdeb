/**
 * Decoy elements for the HTML properties: navigation, scripts, styles, comments (holding links,
 * figures and dates a parser must not see) and unrelated tables, inserted among the children of
 * the block containers a page marks as slots. A page with decoys is the same page.
 */
import fc from 'fast-check';
import { blk, cel, comment, type HDoc, type HEl, type HNode } from './html.js';

/** Where a decoy goes: the n-th slot element (mod count) and a child position (mod length+1). */
export interface DecoyPlacement {
  readonly slot: number;
  readonly at: number;
  readonly decoy: HNode;
}

function slots(n: HNode, out: HEl[] = []): HEl[] {
  if (n.kind !== 'el') return out;
  if (n.slot) out.push(n);
  n.children.forEach((c) => slots(c, out));
  return out;
}

/** Inserts decoy nodes among the children of slot elements. */
export function withDecoys(doc: HDoc, placements: readonly DecoyPlacement[]): HDoc {
  const all = slots(doc.root);
  if (all.length === 0 || placements.length === 0) return doc;
  const inserts = new Map<HEl, { at: number; decoy: HNode }[]>();
  for (const p of placements) {
    const target = all[Math.abs(p.slot) % all.length]!;
    inserts.set(target, [...(inserts.get(target) ?? []), { at: p.at, decoy: p.decoy }]);
  }
  const rebuild = (n: HNode): HNode => {
    if (n.kind !== 'el') return n;
    const children = n.children.map(rebuild);
    for (const { at, decoy } of inserts.get(n) ?? []) children.splice(Math.abs(at) % (children.length + 1), 0, decoy);
    return { ...n, children };
  };
  return { ...doc, root: rebuild(doc.root) as HEl };
}

/** Decoys no HTML parser of ours should see: navigation, scripts, styles, comments, empty blocks. */
export const COMMON_DECOYS: readonly HNode[] = [
  blk('nav', { class: 'usa-nav', 'aria-label': 'Primary navigation' }, blk('ul', {}, cel('li', {}, cel('a', { href: '/about' }, 'About')), cel('li', {}, cel('a', { href: '/newsroom' }, 'Newsroom')))),
  blk('script', {}, 'window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}'),
  blk('script', { type: 'application/json', 'data-drupal-selector': 'drupal-settings-json' }, '{"path":{"baseUrl":"\\/","currentLanguage":"en"}}'),
  blk('style', {}, '.usa-table td { text-align: center; }'),
  comment(' <a href="/sites/default/files/old-aor.csv">old</a> <a href="/doclib/detention/FY19_detentionStats.xlsx">x</a> Nationwide Total Apprehensions 99,999 Last Modified: Jan 1, 2020 as of January 1, 2030 '),
  comment(' googleoff: index '),
  blk('div', { class: 'usa-alert' }),
  blk('div', { class: 'grid-row' }, cel('p', {}, 'Skip to main content')),
  blk('footer', { class: 'usa-footer' }, cel('p', {}, 'An official website of the United States government')),
];

/** An unrelated table: headers, month-like labels and numbers, but none of the row labels parsers look for. */
export const DECOY_TABLE: HEl = blk(
  'table',
  { class: 'usa-table' },
  blk('thead', {}, blk('tr', {}, cel('th', {}, 'Resource'), cel('th', {}, 'Oct-24'), cel('th', {}, 'Nov-24'))),
  blk('tbody', {}, blk('tr', {}, cel('td', {}, 'Dictionary'), cel('td', {}, '1,234'), cel('td', {}, '5,678')), blk('tr', {}, cel('td', {}, 'Other'), cel('td', {}, '12'), cel('td', {}, '-'))),
);

export function decoysArb(candidates: readonly HNode[], maxLength = 4): fc.Arbitrary<DecoyPlacement[]> {
  return fc.array(fc.record({ slot: fc.nat(), at: fc.nat(), decoy: fc.constantFrom(...candidates) }), { maxLength });
}
