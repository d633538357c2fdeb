/**
 * Small statistics and number formatting for the benchmark reports: medians of repeated runs,
 * the least-squares slope used to call a memory curve flat, and the units the docs print.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Least-squares slope of y over x (units of y per unit of x). */
export function slope(points: readonly { x: number; y: number }[]): number {
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export const MiB = 1024 * 1024;

/** `12.3 MB` (binary megabytes, as RSS is usually read). */
export const mb = (bytes: number, digits = 1): string => `${(bytes / MiB).toFixed(digits)} MB`;

/** `1,234,567` */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Milliseconds with a precision that suits the size: `0.42 ms`, `12.3 ms`, `1,234 ms`. */
export function ms(value: number): string {
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${int(value)} ms`;
}

/** A ratio as a percentage: `83 %`. */
export const pct = (ratio: number): string => `${Math.round(ratio * 100)} %`;

/** A ratio as a factor: `1.42×`. */
export const times = (ratio: number): string => `${ratio.toFixed(2)}×`;

/** Bytes with a unit that suits the size: `4,855 B`, `311 KB`, `6.9 MB`. */
export function bytes(n: number): string {
  if (n < 10 * 1024) return `${int(n)} B`;
  if (n < MiB) return `${int(n / 1024)} KB`;
  return mb(n);
}

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
