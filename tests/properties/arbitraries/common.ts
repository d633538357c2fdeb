/**
 * Small date and number spellings shared by the page and workbook generators: agency date
 * formats (`09/04/2026`, `Nov 14, 2025`, `Dec. 31, 2024`, `December 2024`), thousands
 * separators, month periods and newest-first ordering. Nothing here reads the clock.
 */
import fc from 'fast-check';

export const CBP = 'https://www.cbp.gov';
export const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const pad2 = (n: number): string => String(n).padStart(2, '0');
export const periodOf = (year: number, month: number): string => `${year}-${pad2(month)}`;
export const dayParts = (day: string): [number, number, number] => day.split('-').map(Number) as [number, number, number];

/** `2025-02` → `2025-02-28`. */
export function lastDay(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** `2026-09-04` → `09/04/2026`, or `9/4/2026` unpadded. */
export function usDay(day: string, padded = true): string {
  const [y, m, d] = dayParts(day);
  return padded ? `${pad2(m)}/${pad2(d)}/${y}` : `${m}/${d}/${y}`;
}

/** `2025-11-14` → `Nov 14, 2025` (Drupal) or `November 14, 2025`. */
export function longDay(day: string, long: boolean): string {
  const [y, m, d] = dayParts(day);
  return `${(long ? LONG_MONTHS : SHORT_MONTHS)[m - 1]} ${d}, ${y}`;
}

export type ProseForm = 'long' | 'abbr' | 'us' | 'month';

/** A date as agency prose writes it; `month` is "December 2024" and stands for the month's last day. */
export function proseDay(day: string, form: ProseForm): string {
  const [y, m, d] = dayParts(day);
  switch (form) {
    case 'long':
      return longDay(day, true);
    case 'abbr':
      return `${SHORT_MONTHS[m - 1]}. ${d}, ${y}`;
    case 'us':
      return usDay(day);
    default:
      return `${LONG_MONTHS[m - 1]} ${y}`;
  }
}

/** The day a prose date stands for. */
export const proseMeaning = (s: { day: string; form: ProseForm }): string => (s.form === 'month' ? lastDay(s.day.slice(0, 7)) : s.day);

export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A real calendar day `YYYY-MM-DD` between 2015 and 2034. */
export const dayArb: fc.Arbitrary<string> = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2034-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Newest posted first; ties (and nulls among themselves) keep page order, as the listing parsers promise. */
export function newestPostedFirst<T extends { posted: string | null }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.posted === b.posted ? 0 : a.posted === null ? 1 : b.posted === null ? -1 : a.posted < b.posted ? 1 : -1));
}

/** A small deterministic PRNG (mulberry32), so a style's seed fixes every choice. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
