import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../src/core/errors.js';
import { ohssMonthlyListingParser, parseOhssMonthlyFileName } from '../../scrapers/ohss-monthly-listing.js';

const PAGE_URL = 'https://ohss.dhs.gov/topics/immigration/immigration-enforcement/immigration-enforcement-and-legal-processes-monthly-tables';
const fixture = readFileSync(new URL('../fixtures/ohss/monthly-tables.html', import.meta.url));
const parse = (html: string | Buffer) => ohssMonthlyListingParser.parse({ body: Buffer.from(html), url: PAGE_URL });
const BASE = 'https://ohss.dhs.gov/sites/default/files';

describe('parseOhssMonthlyFileName', () => {
  it.each([
    ['24-0607_ohss_immigration-enforcement-and-legal-processes-tables-february-2024.xlsx', { posted: '2024-06-07', dataMonth: '2024-02' }],
    ['2025_0116_ohss_immigration-enforcement-and-legal-processes-tables-november-2024.xlsx', { posted: '2025-01-16', dataMonth: '2024-11' }],
    ['24-1011_ohss_immigration-enforcement-and-legal-processes-tables-june-2024_2.xlsx', { posted: '2024-10-11', dataMonth: '2024-06' }],
    ['2024_1108_OHSS_Immigration-Enforcement-and-Legal-Processes-Tables-July-2024.XLSX', { posted: '2024-11-08', dataMonth: '2024-07' }],
    ['24-1345_ohss_immigration-enforcement-and-legal-processes-tables-june-2024.xlsx', { posted: null, dataMonth: '2024-06' }],
  ])('parses %s', (name, expected) => {
    expect(parseOhssMonthlyFileName(name)).toEqual(expected);
  });

  it.each([
    '2025_0116_ohss_immigration-enforcement-and-legal-processes-tables-smarch-2024.xlsx',
    '2024_1002_ohss_immigration-enforcement-and-legal-processes-methodology.pdf',
    '2023_yearbook_enforcement_tables.xlsx',
  ])('returns null for %s', (name) => {
    expect(parseOhssMonthlyFileName(name)).toBeNull();
  });
});

describe('ohss-monthly-listing parse()', () => {
  it('lists the monthly-tables workbooks newest first with the posted date from the name prefix', () => {
    const r = parse(fixture);
    expect(r.publications!.map((p) => [p.url, p.posted])).toEqual([
      [`${BASE}/2025-01/2025_0116_ohss_immigration-enforcement-and-legal-processes-tables-november-2024.xlsx`, '2025-01-16'],
      [`${BASE}/2024-12/2024_1206_ohss_immigration-enforcement-and-legal-processes-tables-august-2024.xlsx`, '2024-12-06'],
      [`${BASE}/2024-11/2024_1108_ohss_immigration-enforcement-and-legal-processes-tables-july-2024.xlsx`, '2024-11-08'],
      [`${BASE}/2024-10/24-1011_ohss_immigration-enforcement-and-legal-processes-tables-june-2024_2.xlsx`, '2024-10-11'],
      [`${BASE}/2024-08/24-0809_ohss_immigration-enforcement-and-legal-processes-tables-april-2024.xlsx`, '2024-08-09'],
      [`${BASE}/2024-07/24-0705_ohss_immigration-enforcement-and-legal-processes-tables-march-2024.xlsx`, '2024-07-05'],
      [`${BASE}/2024-06/24-0607_ohss_immigration-enforcement-and-legal-processes-tables-february-2024.xlsx`, '2024-06-07'],
    ]);
    expect(r.publications![0]!.title).toBe('Immigration Enforcement and Legal Processes Monthly Tables - November 2024');
    expect(r.publishedOn).toBe('2025-01-16');
    expect(r.dataAsOf).toBe('2024-11-30');
    expect(r.signals).toEqual({ newestDataMonth: '2024-11' });
    expect(r.observations).toEqual([]);
  });

  it('throws LayoutError when no monthly-tables workbook is linked', () => {
    const html = '<main><a href="/sites/default/files/2024-10/methodology.pdf">Methodology</a></main>';
    expect(() => parse(html)).toThrow(LayoutError);
    expect(() => parse(html)).toThrow('no "…_ohss_immigration-enforcement-and-legal-processes-tables-<month>-<year>.xlsx" link on the OHSS page');
  });
});
