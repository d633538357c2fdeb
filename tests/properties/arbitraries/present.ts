/**
 * What an HTML input states, read back independently of the parsers, for the "never a value
 * the input does not contain" oracles: the URLs its links and frames point to, the days it
 * writes (`MM/DD/YYYY`, `Month D, YYYY`, ISO `YYYY-MM-DD…` in attributes), the integers of its
 * text, and its text.
 */
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

function day(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? `${y}-${pad2(m)}-${pad2(d)}` : null;
}

/** Every real day written in the text in one of the agencies' spellings. */
export function daysIn(text: string): Set<string> {
  const out = new Set<string>();
  const add = (d: string | null): void => void (d && out.add(d));
  for (const m of text.matchAll(/(\d{1,2})\/(\d{1,2})\/(\d{4})/g)) add(day(Number(m[3]), Number(m[1]), Number(m[2])));
  for (const m of text.matchAll(/([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4})/g)) {
    const i = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase());
    if (i >= 0) add(day(Number(m[3]), i + 1, Number(m[2])));
  }
  for (const m of text.matchAll(/(\d{4})-(\d{2})-(\d{2})/g)) add(day(Number(m[1]), Number(m[2]), Number(m[3])));
  return out;
}

export interface InputFacts {
  /** Absolute URLs of every attribute value that resolves against the page URL, with and without `#…`. */
  readonly urls: Set<string>;
  readonly attrs: readonly string[];
  /** All text (scripts included), whitespace collapsed. */
  readonly text: string;
  readonly numbers: Set<number>;
  readonly days: Set<string>;
}

export function inputFacts(html: string, pageUrl: string): InputFacts {
  const $ = cheerio.load(html);
  const attrs: string[] = [];
  $('*').each((_, el) => {
    for (const v of Object.values((el as { attribs?: Record<string, string> }).attribs ?? {})) attrs.push(v);
  });
  const urls = new Set<string>();
  for (const a of attrs) {
    try {
      const u = new URL(a.trim(), pageUrl);
      urls.add(u.toString());
      u.hash = '';
      urls.add(u.toString());
    } catch {
      // not a URL
    }
  }
  const text = $.root().text().replace(/\s+/g, ' ');
  return { urls, attrs, text, numbers: numbersOfTree($.root()[0]!), days: daysIn(`${text} ${attrs.join(' ')}`) };
}

/** The month names the parsers accept as a prefix (`Sept`, `June`), for decoding month codes. */
export const MONTH_PREFIXES = MONTHS;

/**
 * Every number the text of an HTML document states: whole integers written with or without
 * thousands separators, taken from the text of every element (so a figure split across inline
 * tags counts) and every text node. `1.5` states no integer; `6,3l9` states only 9.
 */
export function htmlNumbers(html: string): Set<number> {
  return numbersOfTree(cheerio.load(html).root()[0]!);
}

/** {@link htmlNumbers} over an already parsed tree. */
export function numbersOfTree(root: AnyNode): Set<number> {
  const out = new Set<number>();
  const add = (text: string): void => numbersIn(text).forEach((n) => out.add(n));
  // One pass over the tree: each element's text is its children's texts joined, as `.text()` gives.
  const walk = (n: AnyNode): string => {
    if (n.type === 'text') return (n as { data: string }).data;
    const children = (n as { children?: AnyNode[] }).children;
    if (n.type === 'comment' || !children) return '';
    const text = children.map(walk).join('');
    add(text);
    return text;
  };
  walk(root);
  return out;
}

/** Integers stated in plain text (see {@link htmlNumbers}). */
export function numbersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/[\d.,]*\d[\d.,]*/g)) {
    const run = m[0].replace(/[.,]+$/, '').replace(/^[.,]+/, '');
    if (/^\d{1,3}(,\d{3})+$/.test(run) || /^\d+$/.test(run)) out.push(Number(run.replace(/,/g, '')));
  }
  return out;
}
