/**
 * Counterexamples the property-based suite found, kept as plain tests so they stay fixed
 * whatever seed the properties run with.
 */
import { describe, expect, it } from 'vitest';
import { parseMonthlyUpdate } from '../../scrapers/cbp-monthly-update.js';
import { parseIceStatisticsPage } from '../../scrapers/ice-statistics-page.js';
import { numberAt } from '../../scrapers/lib/ice-sheet-tables.js';
import { parseKhsmPage } from '../../scrapers/ohss-khsm.js';
import type { Sheet } from '../../src/xlsx/read-workbook.js';
import type { ParseIssue } from '../../src/core/types.js';

const release = (body: string) =>
  parseMonthlyUpdate({
    body: Buffer.from(`<html><head><title>x</title></head><body><main><h1>CBP Releases June 2025 Monthly Update</h1>${body}</main></body></html>`),
    url: 'https://www.cbp.gov/newsroom/national-media-release/cbp-releases-june-2025-monthly-update',
  });
const figures = (r: ReturnType<typeof release>) => r.observations.map((o) => [o.labels.figure, o.value]);

describe('cbp-monthly-update regressions', () => {
  it('reads no figure from "2.9 million" and says the prose was not recognised', () => {
    const r = release('<p>Nationwide encounters totaled 2.9 million in fiscal year 2024.</p>');
    expect(figures(r)).toEqual([]);
    expect(r.issues.map((i) => i.code)).toContain('prose_not_recognised');
  });

  it('reads no figure from a malformed number ("6,3195", "6x319", "1.5")', () => {
    expect(figures(release('<p>U.S. Border Patrol apprehensions nationwide totaled 6,3195.</p>'))).toEqual([]);
    expect(figures(release('<p>U.S. Border Patrol apprehensions nationwide totaled 6x319.</p>'))).toEqual([]);
    expect(figures(release('<p>There were 1.5 total nationwide encounters.</p>'))).toEqual([]);
  });

  it('does not glue a heading year to the figure in minified HTML', () => {
    const r = release('<h2>Highlights for June 2025</h2><p>26,197 total nationwide encounters were recorded in June.</p>');
    expect(figures(r)).toEqual([['nationwide_encounters', 26_197]]);
  });

  it('does not read a heading year as a figure before the next paragraph', () => {
    const r = release('<h2>Highlights for January 2019</h2><p>U.S. Border Patrol apprehensions nationwide totaled 0.</p>');
    expect(figures(r)).toEqual([['usbp_nationwide_apprehensions', 0]]);
  });

  it('reads a figure whose sentence wraps across source lines', () => {
    const r = release('<p>U.S. Border Patrol apprehensions at the southwest border\n   totaled 8,386 in September.</p>');
    expect(figures(r)).toEqual([['usbp_southwest_apprehensions', 8_386]]);
  });
});

describe('numberAt (ICE and KHSM workbooks) regressions', () => {
  const sheet = (v: string | number): Sheet => ({ name: 'Detention FY25', cell: () => v }) as unknown as Sheet;
  it.each(['0,5', '1,23', '12,3456', ',5'])('rejects the badly grouped text cell %s as non-numeric', (text) => {
    const issues: ParseIssue[] = [];
    expect(numberAt(sheet(text), 1, 1, 'removals', issues)).toBeNull();
    expect(issues.map((i) => i.code)).toEqual(['non_numeric']);
  });
  it.each([['1,234', 1234], ['76939', 76_939], ['37,721.8', 37_721.8]])('accepts the well-formed text cell %s', (text, value) => {
    expect(numberAt(sheet(text), 1, 1, 'x', [])).toBe(value);
  });
});

describe('page dates in minified HTML', () => {
  it('ohss-khsm-page finds "Data are current through" after a glued paragraph', () => {
    const html = '<html><body><main><p>Source: OHSS</p><p>Data are current through November 2024.</p><a href="/f/usbp.xlsx">USBP</a></main></body></html>';
    expect(parseKhsmPage({ body: Buffer.from(html), url: 'https://ohss.dhs.gov/khsm/cbp-encounters' }).dataAsOf).toBe('2024-11-30');
  });

  it('ice-statistics-page finds "Reviewed:" after a glued block', () => {
    const html =
      '<html><body><main><p>The data on this page is current as of December 31, 2024.</p><p><a href="/x">Detention Management</a></p><div>Reviewed: 01/23/2025</div></main></body></html>';
    const r = parseIceStatisticsPage({ body: Buffer.from(html), url: 'https://www.ice.gov/statistics' });
    expect(r).toMatchObject({ publishedOn: '2025-01-23', dataAsOf: '2024-12-31' });
  });
});
