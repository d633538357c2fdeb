/**
 * Generic damage to a generated HTML document, for the "never a value the input does not
 * contain" properties: an element removed or repeated, a text or attribute value edited.
 */
import fc from 'fast-check';
import type { HDoc, HEl, HNode } from './html.js';

/**
 * Generic damage to a document: an element removed or repeated, a text or attribute value
 * edited (a character inserted, replaced or deleted). Indices are taken modulo the number of
 * candidates, in document order.
 */
export type TreeDamage =
  | { readonly kind: 'dropElement'; readonly index: number }
  | { readonly kind: 'repeatElement'; readonly index: number }
  | { readonly kind: 'editText'; readonly index: number; readonly pos: number; readonly edit: string }
  | { readonly kind: 'editAttr'; readonly index: number; readonly pos: number; readonly edit: string };

/** `''` deletes the character at the position; `=x` replaces it; anything else is inserted. */
const EDITS = ['', '', '=0', '=9', '=x', '=,', '=.', '= ', '0', '1', '9', ',', '.', '-', ' ', 'x', '/', '\u2212'];

export const treeDamageArb: fc.Arbitrary<TreeDamage> = fc.oneof(
  fc.record({ kind: fc.constant('dropElement' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('repeatElement' as const), index: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('editText' as const), index: fc.nat(), pos: fc.nat(), edit: fc.constantFrom(...EDITS) }) },
  fc.record({ kind: fc.constant('editAttr' as const), index: fc.nat(), pos: fc.nat(), edit: fc.constantFrom(...EDITS) }),
);

function editString(s: string, pos: number, edit: string): string {
  const at = pos % (s.length + 1);
  if (edit === '') return s.slice(0, at) + s.slice(at + 1);
  if (edit.startsWith('=')) return s.slice(0, at) + edit.slice(1) + s.slice(at + 1);
  return s.slice(0, at) + edit + s.slice(at);
}

export function applyTreeDamage(doc: HDoc, d: TreeDamage): HDoc {
  const counts = { el: 0, text: 0, attr: 0 };
  const visit = (n: HNode): HNode[] => {
    if (n.kind === 'comment') return [n];
    if (n.kind === 'text') {
      const i = counts.text++;
      return d.kind === 'editText' && i === target ? [{ ...n, text: editString(n.text, d.pos, d.edit) }] : [n];
    }
    const i = counts.el++;
    const attrs = n.attrs.map(([k, v]) => {
      const j = counts.attr++;
      return d.kind === 'editAttr' && j === target ? ([k, editString(v, d.pos, d.edit)] as const) : ([k, v] as const);
    });
    const self: HEl = { ...n, attrs, children: n.children.flatMap(visit) };
    if (i !== target || n === doc.root) return [self];
    if (d.kind === 'dropElement') return [];
    if (d.kind === 'repeatElement') return [self, self];
    return [self];
  };
  // First pass counts the candidates, second applies the damage to the chosen one.
  let target = -1;
  visit(doc.root);
  const total = d.kind === 'editText' ? counts.text : d.kind === 'editAttr' ? counts.attr : counts.el;
  if (total === 0) return doc;
  target = d.index % total;
  counts.el = counts.text = counts.attr = 0;
  return { ...doc, root: visit(doc.root)[0] as HEl };
}
