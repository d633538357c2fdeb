/**
 * A tiny HTML document model and a renderer with many spellings of the same document, for
 * property tests of the HTML parsers. A page builder describes a page once as nodes; the
 * renderer then writes it with varied whitespace, tag and attribute-name case, attribute order
 * and quoting, extra neutral attributes, entity-encoded text, omitted optional end tags and
 * decoy elements (nav, scripts, comments, unrelated tables). Every spelling is the same
 * document to an HTML parser, so a parser must read the same facts from all of them.
 *
 * Whitespace is only added where HTML makes it meaningless to a reader: between the children
 * of block containers, and at the edges of elements whose text is read as a whole (cells,
 * headings, list items, links), marked `pad`. Inline runs are never split or joined.
 */
import fc from 'fast-check';
import { prng } from './common.js';

export interface HEl {
  readonly kind: 'el';
  readonly tag: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly HNode[];
  /** Whitespace may be added between children (block containers). */
  readonly gaps: boolean;
  /** Whitespace may be added at the start and end of the content (text read trimmed). */
  readonly pad: boolean;
  /** Decoy elements may be inserted among the children. */
  readonly slot: boolean;
}
export interface HText {
  readonly kind: 'text';
  readonly text: string;
}
export interface HComment {
  readonly kind: 'comment';
  readonly text: string;
}
export type HNode = HEl | HText | HComment;

type Attrs = Readonly<Record<string, string>>;
type Child = HNode | string;

const node = (c: Child): HNode => (typeof c === 'string' ? { kind: 'text', text: c } : c);
const mk = (tag: string, attrs: Attrs, children: readonly Child[], o: { gaps: boolean; pad: boolean; slot: boolean }): HEl => ({
  kind: 'el',
  tag,
  attrs: Object.entries(attrs),
  children: children.map(node),
  ...o,
});

/** A block container: whitespace between children and at the edges is meaningless. */
export const blk = (tag: string, attrs: Attrs, ...children: Child[]): HEl => mk(tag, attrs, children, { gaps: true, pad: true, slot: false });
/** A block container that also accepts decoy elements. */
export const slot = (tag: string, attrs: Attrs, ...children: Child[]): HEl => mk(tag, attrs, children, { gaps: true, pad: true, slot: true });
/** An element whose text is read as a whole and trimmed (cell, heading, link, list item). */
export const cel = (tag: string, attrs: Attrs, ...children: Child[]): HEl => mk(tag, attrs, children, { gaps: false, pad: true, slot: false });
/** An inline element: nothing is added inside it. */
export const inl = (tag: string, attrs: Attrs, ...children: Child[]): HEl => mk(tag, attrs, children, { gaps: false, pad: false, slot: false });
export const comment = (text: string): HComment => ({ kind: 'comment', text });

export interface HDoc {
  readonly doctype: boolean;
  readonly root: HEl;
}

/** The usual `<html><head>…</head><body>…</body></html>` frame; body is a decoy slot. */
export function page(title: string, body: readonly Child[], head: readonly Child[] = []): HDoc {
  return {
    doctype: true,
    root: blk(
      'html',
      { lang: 'en' },
      blk('head', {}, inl('meta', { charset: 'utf-8' }), cel('title', {}, title), ...head),
      slot('body', {}, ...body),
    ),
  };
}

// ---- Spellings ------------------------------------------------------------------------------

export interface HtmlStyle {
  /** Drives every per-position choice below. */
  readonly seed: number;
  readonly tagCase: 'lower' | 'upper' | 'mixed';
  readonly quotes: 'double' | 'single' | 'bare' | 'mixed';
  readonly attrOrder: 'keep' | 'reverse' | 'shuffle';
  readonly extraAttrs: boolean;
  readonly gaps: 'none' | 'spaces' | 'newlines' | 'mixed';
  /** Whitespace inside start tags: `<td\n  class = "x" >`. */
  readonly tagSpace: boolean;
  /** Runs of spaces in text written as other whitespace (newlines, tabs, several spaces). */
  readonly textSpace: boolean;
  /** Characters of text and attribute values written as character references (`&#44;`). */
  readonly entities: 'none' | 'commas' | 'mixed';
  /** `</td>`, `</th>`, `</tr>`, `</li>`, `</p>` left out where HTML allows it. */
  readonly omitEndTags: boolean;
  /** `<meta … />` instead of `<meta …>`. */
  readonly selfClose: boolean;
  readonly doctypeCase: 'upper' | 'lower';
}

/** The canonical spelling: compact, lower case, double quotes, nothing added. */
export const PLAIN: HtmlStyle = {
  seed: 0,
  tagCase: 'lower',
  quotes: 'double',
  attrOrder: 'keep',
  extraAttrs: false,
  gaps: 'none',
  tagSpace: false,
  textSpace: false,
  entities: 'none',
  omitEndTags: false,
  selfClose: false,
  doctypeCase: 'upper',
};

export const htmlStyleArb: fc.Arbitrary<HtmlStyle> = fc.record({
  seed: fc.integer(),
  tagCase: fc.constantFrom('lower', 'upper', 'mixed'),
  quotes: fc.constantFrom('double', 'single', 'bare', 'mixed'),
  attrOrder: fc.constantFrom('keep', 'reverse', 'shuffle'),
  extraAttrs: fc.boolean(),
  gaps: fc.constantFrom('none', 'spaces', 'newlines', 'mixed'),
  tagSpace: fc.boolean(),
  textSpace: fc.boolean(),
  entities: fc.constantFrom('none', 'commas', 'mixed'),
  omitEndTags: fc.boolean(),
  selfClose: fc.boolean(),
  doctypeCase: fc.constantFrom('upper', 'lower'),
});

const VOID = new Set(['meta', 'link', 'img', 'br', 'hr', 'input']);
const RAW_TEXT = new Set(['script', 'style']);
// Elements whose start tag closes an open <p> (HTML "p element end tag may be omitted" list).
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'div', 'dl', 'fieldset', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul']);
const BARE_OK = /^[^\s"'=<>`]+$/;
const ENCODABLE = /^[\w,.:/()-]$/;

class Renderer {
  private readonly rnd: () => number;
  private extra = 0;

  constructor(private readonly style: HtmlStyle) {
    this.rnd = prng(style.seed);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)]!;
  }

  private chance(p: number): boolean {
    return this.rnd() < p;
  }

  private name(n: string): string {
    switch (this.style.tagCase) {
      case 'lower':
        return n;
      case 'upper':
        return n.toUpperCase();
      default:
        return [...n].map((ch) => (this.chance(0.5) ? ch.toUpperCase() : ch)).join('');
    }
  }

  private gap(): string {
    switch (this.style.gaps) {
      case 'none':
        return '';
      case 'spaces':
        return ' '.repeat(1 + Math.floor(this.rnd() * 3));
      case 'newlines':
        return `\n${' '.repeat(Math.floor(this.rnd() * 6))}`;
      default:
        return this.pick(['', ' ', '\n', '\n    ', '\t', ' \r\n ']);
    }
  }

  private ref(ch: string): string {
    const code = ch.codePointAt(0)!;
    return this.chance(0.5) ? `&#${code};` : `&#x${code.toString(16)};`;
  }

  /** Escapes `&`, `<` (and the quote in attributes) and writes some characters as references. */
  private encode(text: string, quote: string | null): string {
    if (this.style.entities === 'none') {
      const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      return quote === null ? esc : esc.replaceAll(quote, quote === '"' ? '&quot;' : '&#39;');
    }
    let out = '';
    for (const ch of text) {
      if (ch === '&') out += '&amp;';
      else if (ch === '<') out += '&lt;';
      else if (quote !== null && ch === quote) out += quote === '"' ? '&quot;' : '&#39;';
      else if (this.style.entities === 'commas' && ch === ',' && this.chance(0.7)) out += this.ref(ch);
      else if (this.style.entities === 'mixed' && ENCODABLE.test(ch) && this.chance(0.2)) out += this.ref(ch);
      else out += ch;
    }
    return out;
  }

  private text(t: string): string {
    const spaced = this.style.textSpace ? t.replace(/ +/g, () => this.pick([' ', '  ', '\n', ' \n\t ', '\t'])) : t;
    return this.encode(spaced, null);
  }

  private attr(name: string, value: string): string {
    const q = this.style.quotes === 'mixed' ? this.pick(['"', "'", '']) : { double: '"', single: "'", bare: '' }[this.style.quotes];
    const eq = this.style.tagSpace && this.chance(0.3) ? ' = ' : '=';
    if (q === '' && value !== '' && BARE_OK.test(value)) {
      const enc = this.encode(value, null);
      if (BARE_OK.test(enc)) return `${this.name(name)}${eq}${enc}`;
    }
    const quote = q === '' ? '"' : q;
    return `${this.name(name)}${eq}${quote}${this.encode(value, quote)}${quote}`;
  }

  private startTag(el: HEl): string {
    let attrs = [...el.attrs];
    if (this.style.extraAttrs && this.chance(0.4)) {
      this.extra++;
      attrs.push(this.pick([['data-pt', `x${this.extra}`], ['id', `pt-extra-${this.extra}`], ['data-drupal-selector', 'edit-pt'], ['aria-hidden', 'false']] as const));
    }
    if (this.style.attrOrder === 'reverse') attrs.reverse();
    if (this.style.attrOrder === 'shuffle') attrs = attrs.map((a) => [this.rnd(), a] as const).sort((x, y) => x[0] - y[0]).map(([, a]) => a);
    const sep = (): string => (this.style.tagSpace ? this.pick([' ', '  ', '\n  ', '\t']) : ' ');
    const parts = attrs.map(([k, v]) => sep() + this.attr(k, v)).join('');
    const close = VOID.has(el.tag) && this.style.selfClose ? `${this.style.tagSpace ? ' ' : ' '}/>` : this.style.tagSpace && this.chance(0.3) ? ' >' : '>';
    return `<${this.name(el.tag)}${parts}${close}`;
  }

  /** May `</tag>` be left out, given the next sibling element (or none)? */
  private mayOmitEnd(el: HEl, next: HNode | undefined, parent: HEl | null): boolean {
    if (!this.style.omitEndTags || !this.chance(0.7)) return false;
    const nextTag = next?.kind === 'el' ? next.tag : next === undefined ? null : 'other';
    switch (el.tag) {
      case 'li':
        return nextTag === null || nextTag === 'li';
      case 'td':
      case 'th':
        return nextTag === null || nextTag === 'td' || nextTag === 'th';
      case 'tr':
        return nextTag === null || nextTag === 'tr';
      case 'p':
        return (nextTag === null && parent !== null && parent.gaps) || (nextTag !== null && CLOSES_P.has(nextTag));
      default:
        return false;
    }
  }

  render(n: HNode, parent: HEl | null, next: HNode | undefined): string {
    if (n.kind === 'text') return parent && RAW_TEXT.has(parent.tag) ? n.text : this.text(n.text);
    if (n.kind === 'comment') return `<!--${n.text}-->`;
    const open = this.startTag(n);
    if (VOID.has(n.tag)) return open;
    const kids = n.children;
    let inner = '';
    if (n.pad && !RAW_TEXT.has(n.tag)) inner += this.gap();
    // The next sibling that decides whether an end tag may be left out: comments (and, in
    // block containers, whitespace) are skipped; text is not.
    const following: (HNode | undefined)[] = new Array(kids.length);
    let after: HNode | undefined;
    for (let i = kids.length - 1; i >= 0; i--) {
      following[i] = after;
      const k = kids[i]!;
      if (k.kind !== 'comment' && !(k.kind === 'text' && n.gaps && k.text.trim() === '')) after = k;
    }
    kids.forEach((k, i) => {
      inner += this.render(k, n, following[i]);
      if (n.gaps && i < kids.length - 1) inner += this.gap();
    });
    if (n.pad && !RAW_TEXT.has(n.tag)) inner += this.gap();
    const close = this.mayOmitEnd(n, next, parent) ? '' : `</${this.name(n.tag)}>`;
    return `${open}${inner}${close}`;
  }
}

/** Writes a document in the given spelling. */
export function renderHtml(doc: HDoc, style: HtmlStyle = PLAIN): string {
  const r = new Renderer(style);
  const doctype = doc.doctype ? (style.doctypeCase === 'upper' ? '<!DOCTYPE html>\n' : '<!doctype html>\n') : '';
  return doctype + r.render(doc.root, null, undefined);
}
