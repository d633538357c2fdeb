import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../src/core/errors.js';
import type { Observation, ParseResult } from '../../src/core/types.js';
import { cbpEncountersTable, monthHeaderPeriod } from '../../scrapers/cbp-encounters-table.js';

const FY2025_URL = 'https://www.cbp.gov/newsroom/stats/nationwide-encounters-fy2025';
const CURRENT_URL = 'https://www.cbp.gov/newsroom/stats/nationwide-encounters';

function parseFixture(name: string, url = FY2025_URL): ParseResult {
  return cbpEncountersTable.parse({ body: readFileSync(new URL(`../fixtures/cbp/${name}`, import.meta.url)), url });
}

function value(result: ParseResult, region: string, kind: string, period: string): number | undefined {
  const hits = result.observations.filter(
    (o: Observation) => o.labels.region === region && o.labels.kind === kind && o.period === period,
  );
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0]?.value;
}

function layoutMessage(name: string): string {
  try {
    parseFixture(name);
  } catch (err) {
    expect(err).toBeInstanceOf(LayoutError);
    return (err as Error).message;
  }
  throw new Error(`${name} parsed without a LayoutError`);
}

describe('cbp-encounters-table', () => {
  it('parse() reads every region, kind and month of the FY2025 page with exact values', () => {
    const r = parseFixture('nationwide-encounters-fy2025.html');
    expect(r.issues).toEqual([]);
    expect(r.observations).toHaveLength(3 * 3 * 12);
    expect(r.observations.every((o) => o.series === 'usbp_apprehensions')).toBe(true);
    expect(value(r, 'southwest_land_border', 'total', '2025-03')).toBe(7179);
    expect(value(r, 'southwest_land_border', 'at_large', '2025-03')).toBe(830);
    expect(value(r, 'southwest_land_border', 'at_entry', '2025-03')).toBe(6349);
    expect(value(r, 'nationwide', 'total', '2024-10')).toBe(58115);
    expect(value(r, 'nationwide', 'at_entry', '2024-10')).toBe(56448);
    expect(value(r, 'northern_land_border', 'total', '2025-09')).toBe(593);
    expect(value(r, 'northern_land_border', 'at_large', '2025-09')).toBe(521);
  });

  it('parse() maps June-25 and July-25 headers to 2025-06 and 2025-07', () => {
    const r = parseFixture('nationwide-encounters-fy2025.html');
    expect(value(r, 'southwest_land_border', 'total', '2025-06')).toBe(6066);
    expect(value(r, 'southwest_land_border', 'total', '2025-07')).toBe(4592);
  });

  it('parse() takes publishedOn from "Last Modified" and dataAsOf from the newest month with values', () => {
    const r = parseFixture('nationwide-encounters-fy2025.html');
    expect(r.publishedOn).toBe('2025-11-14');
    expect(r.dataAsOf).toBe('2025-09-30');
    expect(r.signals).toBeUndefined();
  });

  it('parse() treats "-" as unreported (absent, not zero) on the current-FY page', () => {
    const r = parseFixture('nationwide-encounters-fy2026-current.html', CURRENT_URL);
    expect(r.issues).toEqual([]);
    expect(r.observations).toHaveLength(3 * 3 * 11);
    expect(r.observations.some((o) => o.period === '2026-09')).toBe(false);
    expect(value(r, 'southwest_land_border', 'total', '2026-08')).toBe(8870);
    expect(value(r, 'nationwide', 'total', '2025-10')).toBe(9947);
    expect(r.dataAsOf).toBe('2026-08-31');
    expect(r.publishedOn).toBe('2026-09-16');
  });

  it('parse() reports the embedded Tableau workbook month as a signal', () => {
    const r = parseFixture('nationwide-encounters-fy2026-current.html', CURRENT_URL);
    expect(r.signals).toEqual({ workbook: 'CBPNationwideEncountersAUGFY26', reportingMonth: '2026-08' });
  });

  it('parse() finds the table by content past a decoy table and reads Sept-25, wrapped and padded cells', () => {
    const r = parseFixture('nationwide-encounters-traps.html');
    expect(r.issues).toEqual([]);
    expect(r.observations).toHaveLength(108);
    expect(value(r, 'southwest_land_border', 'total', '2025-09')).toBe(8386);
    expect(value(r, 'nationwide', 'at_large', '2025-09')).toBe(2902);
    expect(value(r, 'northern_land_border', 'at_entry', '2024-10')).toBe(1099);
    expect(r.publishedOn).toBe('2025-11-14');
  });

  it('parse() reports each vintage as published: March 2025 SW is 7,181 in May 2025 and 7,179 in November 2025', () => {
    const may = parseFixture('nationwide-encounters-fy2025-vintage-2025-05.html');
    const nov = parseFixture('nationwide-encounters-fy2025.html');
    expect(may.issues).toEqual([]);
    expect(may.publishedOn).toBe('2025-05-13');
    expect(may.dataAsOf).toBe('2025-04-30');
    expect(value(may, 'southwest_land_border', 'total', '2025-03')).toBe(7181);
    expect(value(may, 'southwest_land_border', 'at_entry', '2025-03')).toBe(6351);
    expect(value(nov, 'southwest_land_border', 'total', '2025-03')).toBe(7179);
    expect(value(may, 'southwest_land_border', 'total', '2025-05')).toBeUndefined();
  });

  it('parse() reports total_mismatch and emits none of the three values for that region and month', () => {
    const r = parseFixture('nationwide-encounters-total-mismatch.html');
    expect(r.issues).toEqual([
      {
        code: 'total_mismatch',
        message: 'Southwest Border Total Apprehensions 2025-03: total 7197 ≠ At Large 830 + At Entry 6349; not emitted',
      },
    ]);
    for (const kind of ['total', 'at_large', 'at_entry']) {
      expect(value(r, 'southwest_land_border', kind, '2025-03')).toBeUndefined();
    }
    expect(value(r, 'southwest_land_border', 'total', '2025-02')).toBe(8349);
    expect(value(r, 'nationwide', 'total', '2025-03')).toBe(8193);
    expect(r.observations).toHaveLength(105);
  });

  it('parse() reports non-numeric, negative and partly reported cells and withholds those region-months', () => {
    const r = parseFixture('nationwide-encounters-bad-cells.html');
    expect(r.issues.map((i) => i.code)).toEqual(['non_numeric', 'incomplete', 'negative']);
    expect(r.issues[0]!.message).toBe(
      'Nationwide Total Apprehensions 2025-02 at_large: "n/a" is not a count; the month\'s three values are not emitted',
    );
    expect(r.issues[2]!.message).toContain('Northern Border Total Apprehensions 2025-01 at_entry: "-12"');
    expect(value(r, 'nationwide', 'total', '2025-02')).toBeUndefined();
    expect(value(r, 'southwest_land_border', 'total', '2024-12')).toBeUndefined();
    expect(value(r, 'northern_land_border', 'at_large', '2025-01')).toBeUndefined();
    expect(value(r, 'nationwide', 'total', '2025-01')).toBe(30127);
    expect(r.observations).toHaveLength(108 - 9);
  });

  it('parse() reports LayoutError when the totals table is missing', () => {
    expect(layoutMessage('nationwide-encounters-missing-table.html')).toBe('no table with a "… Total Apprehensions" region row');
  });

  it('parse() reports LayoutError when a region row is renamed', () => {
    expect(layoutMessage('nationwide-encounters-renamed-row.html')).toBe(
      'region row "Southwest Border Total Apprehensions" not found',
    );
  });

  it('parse() reports LayoutError for an extra column whose header is not a month', () => {
    expect(layoutMessage('nationwide-encounters-extra-column.html')).toBe('unrecognised month header "FY 2025 Total"');
  });

  it('parse() reports LayoutError when the month header row is missing', () => {
    expect(layoutMessage('nationwide-encounters-no-header.html')).toBe('no month header row above the region rows');
  });

  it('parse() reports LayoutError for an "Access Denied" page', () => {
    expect(layoutMessage('access-denied.html')).toBe('CBP encounters page: server returned an error page ("Access Denied")');
  });

  it('parse() reports LayoutError when a row has more values than month columns', () => {
    const html = readFileSync(new URL('../fixtures/cbp/nationwide-encounters-fy2025.html', import.meta.url), 'utf8').replace(
      '<td>58,115</td>',
      '<td>58,115</td><td>1</td>',
    );
    expect(() => cbpEncountersTable.parse({ body: Buffer.from(html), url: FY2025_URL })).toThrow(
      new LayoutError('row "Nationwide Total Apprehensions" has 13 values for 12 month columns'),
    );
  });

  it('parse() reports LayoutError when a region is not followed by At Large and At Entry rows', () => {
    const html = readFileSync(new URL('../fixtures/cbp/nationwide-encounters-fy2025.html', import.meta.url), 'utf8').replace(
      /<tr><th scope="row"><em>At Large<\/em><\/th>(<td>[^<]*<\/td>)+<\/tr>/,
      '',
    );
    expect(() => cbpEncountersTable.parse({ body: Buffer.from(html), url: FY2025_URL })).toThrow(
      new LayoutError('"Nationwide Total Apprehensions" is not followed by "At Large" and "At Entry" rows'),
    );
  });

  it('parse() reports published_date_missing when the Last Modified block is gone', () => {
    const html = readFileSync(new URL('../fixtures/cbp/nationwide-encounters-fy2025.html', import.meta.url), 'utf8').replace(
      'Last Modified: Nov 14, 2025',
      '',
    );
    const r = cbpEncountersTable.parse({ body: Buffer.from(html), url: FY2025_URL });
    expect(r.publishedOn).toBeUndefined();
    expect(r.issues).toEqual([{ code: 'published_date_missing', message: 'no "Last Modified" date on the page' }]);
    expect(r.observations).toHaveLength(108);
  });

  it('monthHeaderPeriod() reads two- and four-digit years and rejects non-months', () => {
    expect(monthHeaderPeriod('Oct-24')).toBe('2024-10');
    expect(monthHeaderPeriod('Sept-25')).toBe('2025-09');
    expect(monthHeaderPeriod('June-25')).toBe('2025-06');
    expect(monthHeaderPeriod('Aug 2025')).toBe('2025-08');
    expect(monthHeaderPeriod('Monthly Totals')).toBeNull();
    expect(monthHeaderPeriod('FY 2025 Total')).toBeNull();
  });

  it('declares its parser contract', () => {
    expect(cbpEncountersTable).toMatchObject({ id: 'cbp-encounters-table', version: 1, format: 'html' });
  });
});
