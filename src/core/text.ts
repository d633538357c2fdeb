/**
 * Locale-free text helpers: ordering and number formatting that give the same answer on every
 * machine, and that never touch ICU.
 *
 * Why not `localeCompare` and `toLocaleString('en-US')`: both go through ICU, whose collation
 * and number data Node maps in on first use (about 3 MB and 8 MB of resident memory that a
 * long-running service then keeps), and collation order depends on the ICU version and locale
 * data. What we sort are URLs, ISO dates and file-name keys, where code-unit order is the
 * intended one; what we format are counts and ratios for people to read.
 */

/** Orders strings by UTF-16 code units (as `<` does): `-1`, `0` or `1`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `n` with a comma every three integer digits and at most `maxFractionDigits` decimals, trailing
 * zeros dropped: what `n.toLocaleString('en-US', { maximumFractionDigits })` prints. Like Intl,
 * it rounds the number's shortest decimal form (`String(n)`: 1.005 → "1.01", where `toFixed`
 * rounds the binary value to "1.00") half away from zero, and keeps the sign of a negative
 * number that rounds to zero ("-0").
 */
export function formatNumber(n: number, maxFractionDigits = 0): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '∞' : '-∞';
  const { int, frac } = rounded(decimalDigits(Math.abs(n)), maxFractionDigits);
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const decimals = frac.replace(/0+$/, '');
  return `${sign}${int.replace(/\B(?=(\d{3})+$)/g, ',')}${decimals ? `.${decimals}` : ''}`;
}

interface Digits {
  readonly int: string;
  readonly frac: string;
}

/** The shortest decimal form of a finite `x >= 0` as plain digits (no exponent). */
function decimalDigits(x: number): Digits {
  const text = String(x);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) throw new Error(`unexpected number text ${text}`);
  const digits = m[1]! + (m[2] ?? '');
  const point = m[1]!.length + Number(m[3] ?? 0);
  if (point <= 0) return { int: '0', frac: '0'.repeat(-point) + digits };
  if (point >= digits.length) return { int: digits + '0'.repeat(point - digits.length), frac: '' };
  return { int: digits.slice(0, point), frac: digits.slice(point) };
}

/** `d` rounded half up to `places` decimals (it is an absolute value: up is away from zero). */
function rounded(d: Digits, places: number): Digits {
  if (d.frac.length <= places) return d;
  const kept = BigInt(d.int + d.frac.slice(0, places)) + (d.frac[places]! >= '5' ? 1n : 0n);
  const text = kept.toString().padStart(places + 1, '0');
  return { int: text.slice(0, text.length - places), frac: text.slice(text.length - places) };
}
