/**
 * ICE detention-statistics workbook file names, in every spelling ICE has used:
 * `FY25_detentionStats01162025.xlsx` (MMDDYYYY), `FY26_detentionStats_04092026.xlsx`,
 * `FY23_detentionStats230316.xlsx` (YYMMDD), `FY21_detentionStats061121.xlsx` (MMDDYY),
 * `FY21_detention-stats_0301.xlsx` (MMDD), `FY22-detentionStats.xlsx` (year-end, no date),
 * `FY23_detentionStats04122023b.xlsx` (a same-day re-issue), URL-encoded, in any case.
 */
import { isoDay } from '../../src/core/periods.js';
import { compareText } from '../../src/core/text.js';

export interface IceFileName {
  readonly fiscalYear: number;
  /** The date written into the name, `YYYY-MM-DD`; null for year-end files or an impossible date. */
  readonly fileDate: string | null;
  /** True when the name carries no date at all (ICE's end-of-year edition). */
  readonly yearEnd: boolean;
  /** A trailing letter after the date (`b`): a re-issue that supersedes the same-day file. */
  readonly revision: string | null;
}

const NAME = /^fy(\d{2}|\d{4})[-_ ]?detention[-_ ]?stats(?:[-_ ]?(\d{4}|\d{6}|\d{8}))?([a-z])?\.xlsx$/;

/** The last path segment of a URL or path, percent-decoded (a bad escape keeps the raw text). */
function baseName(urlOrName: string): string {
  const path = urlOrName.split(/[?#]/)[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Parses an ICE detention-stats file name (or a URL ending in one). Returns null when the name
 * is not a detention-stats workbook. A date that does not exist (13/45/2025) or that falls
 * outside the fiscal year and the year after it (a typo such as `FY21_…07222020`) gives
 * `fileDate: null` with `yearEnd: false`: the file is real, its date is unknown.
 */
export function parseIceFileName(urlOrName: string): IceFileName | null {
  const m = NAME.exec(baseName(urlOrName).trim().toLowerCase());
  if (!m) return null;
  const fiscalYear = m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  const digits = m[2];
  const revision = m[3] ?? null;
  if (digits === undefined) return { fiscalYear, fileDate: null, yearEnd: true, revision };
  const fileDate = dateCandidates(digits, fiscalYear).find((d) => d !== null && plausibleFor(d, fiscalYear)) ?? null;
  return { fiscalYear, fileDate, yearEnd: false, revision };
}

/** Readings of the digits in the order ICE most likely meant them. */
function dateCandidates(digits: string, fiscalYear: number): (string | null)[] {
  const n = (from: number, to: number): number => Number(digits.slice(from, to));
  switch (digits.length) {
    case 8: // MMDDYYYY, rarely YYYYMMDD
      return [isoDay(n(4, 8), n(0, 2), n(2, 4)), isoDay(n(0, 4), n(4, 6), n(6, 8))];
    case 6: // YYMMDD (FY23 era) or MMDDYY (FY21 era): plausibility decides
      return [isoDay(2000 + n(0, 2), n(2, 4), n(4, 6)), isoDay(2000 + n(4, 6), n(0, 2), n(2, 4))];
    default: {
      // MMDD: October to December belong to the calendar year before the fiscal year.
      const month = n(0, 2);
      return [isoDay(month >= 10 ? fiscalYear - 1 : fiscalYear, month, n(2, 4))];
    }
  }
}

/** Files are dated within their fiscal year, or in the following year for late year-end editions. */
function plausibleFor(day: string, fiscalYear: number): boolean {
  return day >= `${fiscalYear - 1}-10-01` && day <= `${fiscalYear + 1}-09-30`;
}

/**
 * Orders ICE workbooks newest first: by file date, a year-end file counting as the last day of
 * its fiscal year (so a dated file of the next year outranks it); then the re-issue letter
 * (`b` before the plain file); then the later fiscal year.
 */
export function compareIceFilesNewestFirst(a: IceFileName, b: IceFileName): number {
  const key = (f: IceFileName): string => f.fileDate ?? `${f.fiscalYear}-09-30`;
  return (
    compareText(key(b), key(a)) ||
    Number(b.fileDate !== null) - Number(a.fileDate !== null) ||
    compareText(b.revision ?? '', a.revision ?? '') ||
    b.fiscalYear - a.fiscalYear
  );
}
