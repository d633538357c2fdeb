import { describe, expect, it } from 'vitest';
import { compareIceFilesNewestFirst, parseIceFileName } from '../../scrapers/lib/ice-file-names.js';

describe('parseIceFileName', () => {
  it.each([
    ['FY25_detentionStats01162025.xlsx', { fiscalYear: 2025, fileDate: '2025-01-16', yearEnd: false, revision: null }],
    ['FY26_detentionStats_04092026.xlsx', { fiscalYear: 2026, fileDate: '2026-04-09', yearEnd: false, revision: null }],
    ['FY23_detentionStats230316.xlsx', { fiscalYear: 2023, fileDate: '2023-03-16', yearEnd: false, revision: null }],
    ['FY21_detentionStats061121.xlsx', { fiscalYear: 2021, fileDate: '2021-06-11', yearEnd: false, revision: null }],
    ['FY21_detention-stats_0301.xlsx', { fiscalYear: 2021, fileDate: '2021-03-01', yearEnd: false, revision: null }],
    ['FY21_detention-stats_1215.xlsx', { fiscalYear: 2021, fileDate: '2020-12-15', yearEnd: false, revision: null }],
    ['FY22-detentionStats.xlsx', { fiscalYear: 2022, fileDate: null, yearEnd: true, revision: null }],
    ['FY21-detentionstats.xlsx', { fiscalYear: 2021, fileDate: null, yearEnd: true, revision: null }],
    ['FY23_detentionStats04122023b.xlsx', { fiscalYear: 2023, fileDate: '2023-04-12', yearEnd: false, revision: 'b' }],
    ['fy25_DETENTIONSTATS01162025.XLSX', { fiscalYear: 2025, fileDate: '2025-01-16', yearEnd: false, revision: null }],
    ['https://www.ice.gov/doclib/detention/FY25_detentionStats01162025.xlsx?v=2#top', { fiscalYear: 2025, fileDate: '2025-01-16', yearEnd: false, revision: null }],
    ['/doclib/detention/FY25%5FdetentionStats01032025.xlsx', { fiscalYear: 2025, fileDate: '2025-01-03', yearEnd: false, revision: null }],
    ['/doclib/detention/FY25%20detentionStats%2001032025.xlsx', { fiscalYear: 2025, fileDate: '2025-01-03', yearEnd: false, revision: null }],
  ])('parses %s', (name, expected) => {
    expect(parseIceFileName(name)).toEqual(expected);
  });

  it.each([
    ['FY25_detentionStats13452025.xlsx', 'a month 13 and day 45'],
    ['FY25_detentionStats02302025.xlsx', 'February 30'],
    ['FY21_detentionStats07222020.xlsx', 'a date before the fiscal year began (ICE typo)'],
  ])('keeps %s as a dated file with an unknown date (%s)', (name) => {
    expect(parseIceFileName(name)).toMatchObject({ fileDate: null, yearEnd: false });
  });

  it.each(['FY25_detentionStats01162025.pdf', 'FY25_atdStats01162025.xlsx', 'detentionStats01162025.xlsx', 'FY25_detentionStats011625123.xlsx', 'FY25_detentionStats%E0%A4%A.xlsx', ''])(
    'returns null for %j, which is not a detention-stats workbook',
    (name) => {
      expect(parseIceFileName(name)).toBeNull();
    },
  );
});

describe('compareIceFilesNewestFirst', () => {
  const sorted = (...names: string[]): string[] =>
    names
      .map((n) => ({ n, f: parseIceFileName(n)! }))
      .sort((a, b) => compareIceFilesNewestFirst(a.f, b.f))
      .map((x) => x.n);

  it('ranks a dated file of the next fiscal year above the year-end file of the previous one', () => {
    expect(sorted('FY24_detentionStats.xlsx', 'FY25_detentionStats10182024.xlsx', 'FY24_detentionStats09172024.xlsx')).toEqual([
      'FY25_detentionStats10182024.xlsx',
      'FY24_detentionStats.xlsx',
      'FY24_detentionStats09172024.xlsx',
    ]);
  });

  it('prefers the lettered re-issue within the same date', () => {
    expect(sorted('FY23_detentionStats04122023.xlsx', 'FY23_detentionStats04122023b.xlsx', 'FY23_detentionStats03292023.xlsx')).toEqual([
      'FY23_detentionStats04122023b.xlsx',
      'FY23_detentionStats04122023.xlsx',
      'FY23_detentionStats03292023.xlsx',
    ]);
  });
});
