import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../src/core/errors.js';
import { iceDetentionPageParser } from '../../scrapers/ice-detention-page.js';

const PAGE_URL = 'https://www.ice.gov/detain/detention-management';
const fixture = readFileSync(new URL('../fixtures/ice/detention-management.html', import.meta.url));
const parse = (html: string | Buffer) => iceDetentionPageParser.parse({ body: Buffer.from(html), url: PAGE_URL });

describe('ice-detention-page parse()', () => {
  it('lists every detention-stats workbook once, absolute, newest first, dated by file name', () => {
    const r = parse(fixture);
    expect(r.publications).toEqual([
      { url: 'https://www.ice.gov/doclib/detention/FY26_detentionStats_04092026.xlsx', posted: '2026-04-09', bytes: null, title: 'FY 2026 Detention Statistics' },
      { url: 'https://www.ice.gov/doclib/detention/FY25_detentionStats.xlsx', posted: null, bytes: null, title: 'FY 2025 Detention Statistics (end of year)' },
      { url: 'https://www.ice.gov/doclib/detention/FY24_detentionStats.xlsx', posted: null, bytes: null, title: 'FY 2024 Detention Statistics' },
      { url: 'https://www.ice.gov/doclib/detention/FY23_detentionStats.xlsx', posted: null, bytes: null, title: 'FY 2023 Detention Statistics' },
      { url: 'https://www.ice.gov/doclib/detention/FY22-detentionStats.xlsx', posted: null, bytes: null, title: 'FY 2022 Detention Statistics' },
      { url: 'https://www.ice.gov/doclib/detention/FY21-detentionstats.xlsx', posted: null, bytes: null, title: 'FY 2021 Detention Statistics' },
    ]);
    expect(r.publishedOn).toBe('2026-04-09');
    expect(r.signals).toEqual({ newestWorkbook: 'FY26_detentionStats_04092026.xlsx' });
    expect(r.observations).toEqual([]);
    expect(r.issues).toEqual([]);
  });

  it('orders dated files by date, a lettered re-issue first, and a year-end file below the next year\'s dated ones', () => {
    const r = parse(`<h2>Detention Statistics</h2>
      <a href="/doclib/detention/FY24_detentionStats.xlsx">FY24</a>
      <a href="/doclib/detention/FY23_detentionStats04122023.xlsx">old</a>
      <a href="/doclib/detention/FY25_detentionStats10182024.xlsx">FY25 Oct</a>
      <a href="/doclib/detention/FY23_detentionStats04122023b.xlsx">corrected</a>
      <a href="/doclib/detention/FY25_detentionStats11012024.xlsx">FY25 Nov</a>`);
    expect(r.publications!.map((p) => p.url.split('/').pop())).toEqual([
      'FY25_detentionStats11012024.xlsx',
      'FY25_detentionStats10182024.xlsx',
      'FY24_detentionStats.xlsx',
      'FY23_detentionStats04122023b.xlsx',
      'FY23_detentionStats04122023.xlsx',
    ]);
    expect(r.publishedOn).toBe('2024-11-01');
  });

  it('omits publishedOn when only year-end files are linked', () => {
    const r = parse('<a href="/doclib/detention/FY22-detentionStats.xlsx">FY22</a>');
    expect(r.publishedOn).toBeUndefined();
    expect(r.publications).toHaveLength(1);
  });

  it('throws LayoutError when the page links no detention-stats workbook', () => {
    const html = '<html><body><h2>Detention Statistics</h2><a href="/doclib/detention/atd.pdf">ATD</a></body></html>';
    expect(() => parse(html)).toThrow(LayoutError);
    expect(() => parse(html)).toThrow('no detention-stats workbook link (FY…detentionStats….xlsx) on the ICE detention-management page');
  });
});
