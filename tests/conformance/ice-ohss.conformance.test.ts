/**
 * Conformance of the ICE and OHSS parsers on the real agency files kept in
 * `../shared/reference-data` (next to the repository). The suite fails, never skips, when the
 * reference data is missing: a green run must mean the real files were read.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Observation, ParseResult } from '../../src/core/types.js';
import { iceDetentionXlsxParser } from '../../scrapers/ice-detention-xlsx.js';
import { ohssKhsmXlsxParser } from '../../scrapers/ohss-khsm.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const refDir = path.resolve(repoRoot, '../shared/reference-data');

function reference(relative: string): Buffer {
  const file = path.join(refDir, relative);
  if (!existsSync(file)) throw new Error(`reference file missing: ${file} (the conformance suite needs ../shared/reference-data)`);
  return readFileSync(file);
}

/** Minimal CSV reader for the reference tables (quoted fields may hold commas). */
function csv(relative: string): Record<string, string>[] {
  const [head, ...lines] = reference(relative).toString('utf8').trim().split(/\r?\n/);
  const split = (line: string): string[] => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1);
  const names = split(head!);
  return lines.map((line) => Object.fromEntries(split(line).map((v, i) => [names[i], v])));
}

const ICE_FILES = {
  eofy24: { ref: 'ice/xlsx/FY24_detentionStats.EOFY24.wayback-20241220175644.xlsx', url: 'https://www.ice.gov/doclib/detention/FY24_detentionStats.xlsx' },
  jan03: { ref: 'ice/xlsx/FY25_detentionStats01032025.xlsx', url: 'https://www.ice.gov/doclib/detention/FY25_detentionStats01032025.xlsx' },
  jan16: { ref: 'ice/xlsx/FY25_detentionStats01162025.xlsx', url: 'https://www.ice.gov/doclib/detention/FY25_detentionStats01162025.xlsx' },
} as const;

const results = new Map<string, ParseResult>();
function parsed(key: keyof typeof ICE_FILES): ParseResult {
  if (!results.has(key)) {
    const { ref, url } = ICE_FILES[key];
    results.set(key, iceDetentionXlsxParser.parse({ body: reference(ref), url }));
  }
  return results.get(key)!;
}

const value = (r: ParseResult, series: string, labels: Record<string, string>, period?: string): number | undefined =>
  r.observations.find(
    (o: Observation) => o.series === series && Object.entries(labels).every(([k, v]) => o.labels[k] === v) && (period === undefined || o.period === period),
  )?.value;

describe('reference data', () => {
  it('is present next to the repository', () => {
    expect(existsSync(refDir), `${refDir} must exist`).toBe(true);
  });
});

describe('ice-detention-xlsx on the real ICE workbooks', () => {
  it.each([
    ['eofy24', '2024-10-07', 13633, 24051, 37684, '2024', 271484, undefined],
    ['jan03', '2024-12-23', 14320, 24832, 39152, '2025', 69546, '2025-01-03'],
    ['jan16', '2025-01-06', 14557, 25146, 39703, '2025', 76939, '2025-01-16'],
  ] as const)('%s: detained and FYTD removals at the pull date %s', (key, day, ice, cbp, all, fy, removals, publishedOn) => {
    const r = parsed(key);
    expect(r.issues).toEqual([]);
    expect(r.dataAsOf).toBe(day);
    expect(r.publishedOn).toBe(publishedOn);
    expect(value(r, 'ice_detained', { arresting_agency: 'ice' }, day)).toBe(ice);
    expect(value(r, 'ice_detained', { arresting_agency: 'cbp' }, day)).toBe(cbp);
    expect(value(r, 'ice_detained', { arresting_agency: 'all' }, day)).toBe(all);
    expect(value(r, 'ice_removals_fytd', { fiscal_year: fy }, day)).toBe(removals);
  });

  it('EOFY24: twelve complete months of book-ins summing to the published total 277,913', () => {
    const r = parsed('eofy24');
    const all = r.observations.filter((o) => o.series === 'ice_book_ins' && o.labels.arresting_agency === 'all');
    expect(all.map((o) => o.period)).toEqual(['2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09']);
    expect(all.some((o) => o.partial)).toBe(false);
    const truth = csv('ground-truth/ice-removals-and-arrests-annual.csv');
    const bookIns = Number(truth.find((t) => t.fiscal_year === '2024' && t.metric === 'ICE initial book-ins')!.value);
    expect(bookIns).toBe(277913);
    expect(all.reduce((a, o) => a + o.value, 0)).toBe(bookIns);
    expect(value(r, 'ice_book_ins', { arresting_agency: 'all' }, '2023-10')).toBe(24118);
    expect(value(r, 'ice_book_ins', { arresting_agency: 'ice' }, '2024-09')).toBe(7348);
  });

  it('EOFY24: the day-weighted mean of the monthly ADP is the published FY overall 37,721.8', () => {
    const r = parsed('eofy24');
    const truth = csv('ground-truth/ice-removals-and-arrests-annual.csv');
    const overall = Number(truth.find((t) => t.fiscal_year === '2024' && t.metric === 'ICE ADP (FY overall)')!.value);
    const adp = r.observations.filter((o) => o.series === 'ice_average_daily_population' && o.labels.arresting_agency === 'all');
    expect(adp).toHaveLength(12);
    const daysIn = (p: string): number => new Date(Date.UTC(Number(p.slice(0, 4)), Number(p.slice(5, 7)), 0)).getUTCDate();
    const weighted = adp.reduce((a, o) => a + o.value * daysIn(o.period), 0) / adp.reduce((a, o) => a + daysIn(o.period), 0);
    expect(Math.round(weighted * 10) / 10).toBe(overall);
    expect(overall).toBe(37721.8);
  });

  it('FY25 editions: months up to the pull month only, the pull month partial', () => {
    const jan16 = parsed('jan16');
    const bookIns = jan16.observations.filter((o) => o.series === 'ice_book_ins' && o.labels.arresting_agency === 'all');
    expect(bookIns.map((o) => [o.period, o.value, o.partial ?? false])).toEqual([
      ['2024-10', 23622, false],
      ['2024-11', 21127, false],
      ['2024-12', 22139, false],
      ['2025-01', 6374, true],
    ]);
    const jan03 = parsed('jan03');
    expect(jan03.observations.filter((o) => o.series === 'ice_average_daily_population').map((o) => o.period)).toEqual([
      '2024-10', '2024-10', '2024-10', '2024-11', '2024-11', '2024-11', '2024-12', '2024-12', '2024-12',
    ]);
    expect(jan03.observations.filter((o) => o.partial).every((o) => o.period === '2024-12')).toBe(true);
  });

  it('matches every ground-truth row taken from these workbooks', () => {
    const byRef = new Map<string, keyof typeof ICE_FILES>(Object.entries(ICE_FILES).map(([key, f]) => [f.ref, key as keyof typeof ICE_FILES]));
    const rows = csv('ground-truth/ice-detained-population-2024-2025.csv').filter((row) => byRef.has(row.source!));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const r = parsed(byRef.get(row.source!)!);
      expect(r.dataAsOf).toBe(row.as_of_date);
      expect(value(r, 'ice_detained', { arresting_agency: 'all' }, row.as_of_date)).toBe(Number(row.currently_detained_total));
      expect(value(r, 'ice_detained', { arresting_agency: 'ice' }, row.as_of_date)).toBe(Number(row.ice_arrested));
      expect(value(r, 'ice_detained', { arresting_agency: 'cbp' }, row.as_of_date)).toBe(Number(row.cbp_arrested));
    }
  });

  it('agrees with the derived by-criminality counts for the workbooks we hold (six counts sum to detained)', () => {
    const rows = csv('ice/derived/currently-detained-by-release-fy21-fy25.csv');
    const matchFor = (fileName: string): keyof typeof ICE_FILES | undefined => {
      const [stamp, ...rest] = fileName.split('-');
      const name = rest.join('-');
      return (Object.keys(ICE_FILES) as (keyof typeof ICE_FILES)[]).find((k) => {
        const ref = path.basename(ICE_FILES[k].ref);
        return ref === name || ref.includes(`wayback-${stamp}`);
      });
    };
    const checked = new Set<string>();
    for (const row of rows) {
      const key = matchFor(row['File Name']!);
      if (!key) continue;
      const n = (col: string): number => Number(row[col]);
      const ice = n('ICE_Convicted Criminal') + n('ICE_Pending Charges') + n('ICE_other Violator');
      const cbp = n('CBP_Convicted Criminal') + n('CBP_Pending Charges') + n('CBP_other Violator');
      const r = parsed(key);
      expect(value(r, 'ice_detained', { arresting_agency: 'ice' })).toBe(ice);
      expect(value(r, 'ice_detained', { arresting_agency: 'cbp' })).toBe(cbp);
      expect(value(r, 'ice_detained', { arresting_agency: 'all' })).toBe(ice + cbp);
      checked.add(key);
    }
    expect([...checked].sort()).toEqual(['eofy24', 'jan03']);
  });
});

describe('ohss-khsm-xlsx on the real KHSM CBP Encounters (USBP) workbook', () => {
  const r = (): ParseResult =>
    ohssKhsmXlsxParser.parse({ body: reference('ohss/KHSM-Encounters-USBP-fy25m11.xlsx'), url: 'https://ohss.dhs.gov/khsm/cbp-encounters' });

  it('ends at November 2024 with the values read from sheets Monthly Count and Monthly Region', () => {
    const res = r();
    expect(res.issues).toEqual([]);
    expect(res.signals).toEqual({ newestDataMonth: '2024-11' });
    expect(res.dataAsOf).toBe('2024-11-30');
    const v = (region: string, period: string): number | undefined => value(res, 'ohss_usbp_encounters', { region }, period);
    // Monthly Count: FY2000 "01 October" (row 2) = 89,810; FY2024 "12 September" = 55,990;
    // FY2025 "01 October" = 58,130; FY2025 "02 November" (last row, 303) = 47,540.
    expect([v('all', '1999-10'), v('all', '2024-09'), v('all', '2024-10'), v('all', '2024-11')]).toEqual([89810, 55990, 58130, 47540]);
    // Monthly Region, FY2025 "02 November": Coastal 220, Northern 700, Southwest 46,610 (sum 47,530: rounded separately).
    expect([v('coastal_border', '2024-11'), v('northern_land_border', '2024-11'), v('southwest_land_border', '2024-11')]).toEqual([220, 700, 46610]);
    expect(v('southwest_land_border', '1999-10')).toBe(87820);
    expect(res.observations.filter((o) => o.labels.region === 'all')).toHaveLength(302);
    expect(res.observations.every((o) => o.value % 10 === 0)).toBe(true);
  });
});
