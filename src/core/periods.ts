/**
 * Calendar and fiscal-year arithmetic. The US federal fiscal year FY N runs from
 * 1 October N-1 to 30 September N; months OCT..DEC of FY N belong to calendar year N-1.
 * All dates are UTC; periods are `YYYY-MM` (a month) or `YYYY-MM-DD` (a day).
 */

const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/** 1..12 for a month name or abbreviation in any case (`OCT`, `June`, `Sept`), or null. */
export function monthNumber(name: string): number | null {
  const n = name.trim().toLowerCase();
  if (n.length < 3) return null;
  const idx = MONTH_PREFIXES.findIndex((p) => n.startsWith(p));
  if (idx < 0) return null;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][idx]!;
  // Accept only a prefix of the full name ("Sept", "June"), not "Marchx".
  if (!full.startsWith(n) && !(n === 'sept')) return null;
  return idx + 1;
}

/** `YYYY-MM` for a month of a fiscal year, e.g. (2025, 'OCT') → '2024-10'. */
export function fiscalMonthPeriod(fiscalYear: number, month: number): string {
  const year = month >= 10 ? fiscalYear - 1 : fiscalYear;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The fiscal year a calendar date or month period falls in. */
export function fiscalYearOf(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m >= 10 ? y + 1 : y;
}

/** `YYYY-MM-DD` of the last day of a `YYYY-MM` month. */
export function lastDayOfMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

export function isMonthPeriod(period: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(period);
}

export function isDayPeriod(period: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(period) && !Number.isNaN(Date.parse(`${period}T00:00:00Z`));
}

/** Unix seconds of the last second of a period (a month or a day): 2025-03 → 2025-03-31T23:59:59Z. */
export function periodEndSeconds(period: string): number {
  if (isMonthPeriod(period)) return periodEndSeconds(lastDayOfMonth(period));
  if (!isDayPeriod(period)) throw new RangeError(`not a period: ${period}`);
  return Date.parse(`${period}T00:00:00Z`) / 1000 + 86_399;
}

/** Unix seconds of midnight UTC at the start of a `YYYY-MM-DD` day. */
export function dayStartSeconds(day: string): number {
  if (!isDayPeriod(day)) throw new RangeError(`not a day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/** A valid `YYYY-MM-DD` from numeric parts, or null when the date does not exist. */
export function isoDay(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** `MM/DD/YYYY` → `YYYY-MM-DD`, or null. */
export function usDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  return m ? isoDay(Number(m[3]), Number(m[1]), Number(m[2])) : null;
}

/** `Nov 14, 2025` or `November 14, 2025` → `2025-11-14`, or null. */
export function longDate(text: string): string | null {
  const m = /([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4})/.exec(text);
  if (!m) return null;
  const month = monthNumber(m[1]!);
  return month ? isoDay(Number(m[3]), month, Number(m[2])) : null;
}

/** The month period before `YYYY-MM`. */
export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
