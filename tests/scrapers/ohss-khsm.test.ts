import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../src/core/errors.js';
import type { ParseResult } from '../../src/core/types.js';
import { ohssKhsmPageParser, ohssKhsmXlsxParser } from '../../scrapers/ohss-khsm.js';
import { writeWorkbook, type FixtureSheet, type FixtureValue } from '../helpers/xlsx-writer.js';

const PAGE_URL = 'https://ohss.dhs.gov/khsm/cbp-encounters';
const fixture = readFileSync(new URL('../fixtures/ohss/khsm-cbp-encounters.html', import.meta.url));
const parsePage = (html: string | Buffer) => ohssKhsmPageParser.parse({ body: Buffer.from(html), url: PAGE_URL });
const parseXlsx = (sheets: FixtureSheet[]): ParseResult => ohssKhsmXlsxParser.parse({ body: writeWorkbook(sheets), url: `${PAGE_URL}.xlsx` });

describe('ohss-khsm-page parse()', () => {
  it('lists the XLSX downloads, USBP first, with the update date, data-through date and file vintage', () => {
    const r = parsePage(fixture);
    const base = 'https://ohss.dhs.gov/sites/default/files/2025-01';
    expect(r.publications).toEqual([
      { url: `${base}/KHSM%20Encounters%20%28USBP%29%20fy25m11.xlsx`, posted: null, bytes: null, title: 'CBP Encounters (USBP) (XLSX)' },
      { url: `${base}/KHSM%20Encounters%20%28Total%29%20fy25m11.xlsx`, posted: null, bytes: null, title: 'CBP Encounters (Total) (XLSX)' },
      { url: `${base}/KHSM%20Encounters%20%28OFO%29%20fy25m11.xlsx`, posted: null, bytes: null, title: 'CBP Encounters (OFO) (XLSX)' },
    ]);
    expect(r.publishedOn).toBe('2025-01-16');
    expect(r.dataAsOf).toBe('2024-11-30');
    expect(r.signals).toEqual({ fileVintage: 'fy25m11' });
  });

  it('accepts a page without dates', () => {
    const r = parsePage('<main><a href="/files/khsm-usbp.xlsx">USBP</a></main>');
    expect(r.publications).toHaveLength(1);
    expect(r.publishedOn).toBeUndefined();
    expect(r.dataAsOf).toBeUndefined();
  });

  it('throws LayoutError when no XLSX is linked', () => {
    expect(() => parsePage('<main><a href="/khsm/methodology.pdf">Methodology</a></main>')).toThrow(
      new LayoutError('no XLSX download link on the OHSS KHSM CBP encounters page'),
    );
  });
});

const MONTHS = ['01 October', '02 November', '03 December', '04 January', '05 February', '06 March', '07 April', '08 May', '09 June', '10 July', '11 August', '12 September'];

/** The real layout: `Fiscal\r\nYear | Month | Quantity` from A1, one row per month. */
function monthlyCount(rows: [number, string, FixtureValue][]): FixtureSheet {
  return { name: 'Monthly Count', rows: [['Fiscal\r\nYear', 'Month', 'Quantity'], ...rows] };
}

function monthlyRegion(rows: [number, string, string, FixtureValue][]): FixtureSheet {
  return { name: 'Monthly Region', rows: [['Fiscal\r\nYear', 'Month', 'Region', 'Quantity'], ...rows] };
}

const COUNT_ROWS: [number, string, FixtureValue][] = [
  [2024, MONTHS[11]!, 55990],
  [2025, MONTHS[0]!, 58130],
  [2025, MONTHS[1]!, 47540],
];
const REGION_ROWS: [number, string, string, FixtureValue][] = [
  [2025, MONTHS[0]!, 'Coastal Border', 320],
  [2025, MONTHS[0]!, 'Northern Land Border', 1280],
  [2025, MONTHS[0]!, 'Southwest Land Border', 56530],
  [2025, MONTHS[1]!, 'Coastal Border', 220],
  [2025, MONTHS[1]!, 'Northern Land Border', 700],
  [2025, MONTHS[1]!, 'Southwest Land Border', 46610],
];

describe('ohss-khsm-xlsx parse()', () => {
  it('reads monthly USBP encounters in total and by region (regions may miss the rounded total by rounding)', () => {
    const r = parseXlsx([{ name: 'Annual Count', rows: [['Fiscal\r\nYear', 'Quantity'], [2025, 105660]] }, monthlyCount(COUNT_ROWS), monthlyRegion(REGION_ROWS)]);
    expect(r.issues).toEqual([]);
    expect(r.observations.map((o) => [o.labels.region, o.period, o.value])).toEqual([
      ['all', '2024-09', 55990],
      ['all', '2024-10', 58130],
      ['all', '2024-11', 47540],
      ['coastal_border', '2024-10', 320],
      ['northern_land_border', '2024-10', 1280],
      ['southwest_land_border', '2024-10', 56530],
      ['coastal_border', '2024-11', 220],
      ['northern_land_border', '2024-11', 700],
      ['southwest_land_border', '2024-11', 46610],
    ]);
    expect(r.observations.every((o) => o.series === 'ohss_usbp_encounters')).toBe(true);
    expect(r.dataAsOf).toBe('2024-11-30');
    expect(r.signals).toEqual({ newestDataMonth: '2024-11' });
  });

  it('finds the header anywhere and sheets with stray spaces in their names', () => {
    const r = parseXlsx([{ name: ' Monthly Count ', cells: { B3: 'Fiscal Year', C3: 'Month', E3: 'Quantity', B4: 2025, C4: '02 November', E4: 47540 } }]);
    expect(r.observations).toEqual([{ series: 'ohss_usbp_encounters', labels: { region: 'all' }, period: '2024-11', value: 47540 }]);
    expect(r.issues).toEqual([{ code: 'missing_sheet', message: 'no "Monthly Region" sheet; regional figures not emitted' }]);
  });

  it('drops the regions of a month that stray from the total beyond rounding', () => {
    const rows = REGION_ROWS.map((row) => (row[1] === MONTHS[1] && row[2] === 'Coastal Border' ? ([2025, MONTHS[1]!, 'Coastal Border', 400] as const) : row));
    const r = parseXlsx([monthlyCount(COUNT_ROWS), monthlyRegion(rows as [number, string, string, FixtureValue][])]);
    expect(r.issues).toEqual([
      { code: 'total_mismatch', message: 'Monthly Region 2024-11: regions sum to 47710, Monthly Count says 47540; regions not emitted' },
    ]);
    expect(r.observations.filter((o) => o.period === '2024-11').map((o) => o.labels.region)).toEqual(['all']);
  });

  it('reports unreadable months, values and repeated months instead of guessing', () => {
    const r = parseXlsx([
      monthlyCount([
        [2025, '01 October', 58130],
        [2025, '02 December', 1],
        [2025, '02 November', '-'],
        [2025, '01 October', 99],
      ]),
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['bad_month', 'non_numeric', 'duplicate_period', 'missing_sheet']);
    expect(r.observations).toEqual([{ series: 'ohss_usbp_encounters', labels: { region: 'all' }, period: '2024-10', value: 58130 }]);
  });

  it('throws LayoutError without a Monthly Count sheet, its header or its rows', () => {
    expect(() => parseXlsx([monthlyRegion(REGION_ROWS)])).toThrow(new LayoutError('no "Monthly Count" sheet in the KHSM workbook'));
    expect(() => parseXlsx([{ name: 'Monthly Count', rows: [['Year', 'Month', 'Quantity'], [2025, '01 October', 1]] }])).toThrow(
      'no "Fiscal Year" header in sheet Monthly Count',
    );
    expect(() => parseXlsx([{ name: 'Monthly Count', rows: [['Fiscal Year', 'Month', 'Count']] }])).toThrow(
      'sheet Monthly Count lacks a Month, Quantity column',
    );
    expect(() => parseXlsx([monthlyCount([])])).toThrow('no data rows under the header of sheet Monthly Count');
  });

  it('throws LayoutError for an HTML page served instead of the workbook', () => {
    expect(() => ohssKhsmXlsxParser.parse({ body: Buffer.from('<!doctype html><title>Not found</title>'), url: PAGE_URL })).toThrow(
      'not an XLSX workbook: the body looks like an HTML page',
    );
  });
});
