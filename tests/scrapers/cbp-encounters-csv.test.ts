import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutError, ValidationError } from '../../src/core/errors.js';
import type { ParseResult } from '../../src/core/types.js';
import { cbpEncountersCsv, EncountersCsvAggregator, parseCsvStream } from '../../scrapers/cbp-encounters-csv.js';

const NW_URL = 'https://www.cbp.gov/sites/default/files/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv';
const SW_URL = 'https://www.cbp.gov/sites/default/files/2025-09/sbo-encounters-fy22-fy25-aug.csv';
const NW_HEADER =
  'Fiscal Year,Month Grouping,Month (abbv),Component,Land Border Region,Area of Responsibility,AOR (Abbv),Demographic,Citizenship,Title of Authority,Encounter Type,Encounter Count';

function bytes(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/cbp/${name}`, import.meta.url));
}

function parse(body: Buffer, url = NW_URL): ParseResult {
  return cbpEncountersCsv.parse({ body, url });
}

/** The value of one observation, or undefined; fails when the labels match more than one. */
function value(r: ParseResult, series: string, period: string, labels: Record<string, string>): number | undefined {
  const hits = r.observations.filter(
    (o) => o.series === series && o.period === period && Object.entries(labels).every(([k, v]) => o.labels[k] === v),
  );
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0]?.value;
}

const enc = (r: ParseResult, period: string, region: string, component: string) =>
  value(r, 'cbp_encounters', period, { region, component });

async function* chunks(body: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

describe('cbp-encounters-csv', () => {
  it('parse() sums the southwest file per month and component (CRLF, no final newline, unsorted rows)', () => {
    const r = parse(bytes('sbo-encounters-small.csv'), SW_URL);
    expect(r.issues).toEqual([]);
    expect(enc(r, '2024-10', 'southwest_land_border', 'usbp')).toBe(41279);
    expect(enc(r, '2024-10', 'southwest_land_border', 'ofo')).toBe(28201);
    expect(enc(r, '2024-10', 'southwest_land_border', 'all')).toBe(69480);
    expect(enc(r, '2025-03', 'southwest_land_border', 'usbp')).toBe(6712);
    expect(enc(r, '2025-03', 'southwest_land_border', 'ofo')).toBe(3404);
    expect(enc(r, '2025-03', 'southwest_land_border', 'all')).toBe(10116);
    expect(enc(r, '2025-07', 'southwest_land_border', 'all')).toBe(6917);
    expect(r.observations.filter((o) => o.series === 'cbp_encounters')).toHaveLength(9);
    expect(r.observations.filter((o) => o.series === 'cbp_encounters_by_category')).toHaveLength(55);
    expect(r.observations.some((o) => o.labels.region === 'nationwide' || o.series === 'cbp_encounters_by_aor')).toBe(false);
    expect(r.dataAsOf).toBe('2025-07-31');
    expect(r.signals).toEqual({ layout: 'southwest_sbo', rows: '55' });
  });

  it('parse() labels the southwest categories in snake_case and keeps the agency text for people', () => {
    const r = parse(bytes('sbo-encounters-small.csv'), SW_URL);
    const labels = { region: 'southwest_land_border', component: 'usbp', demographic: 'UAC', citizenship: 'Mexico', authority: 'title_8', encounter_type: 'apprehensions' };
    expect(value(r, 'cbp_encounters_by_category', '2025-03', labels)).toBe(411);
  });

  it('parse() sums the nationwide file by region, component, AOR and category with quoted commas, "" quotes and a BOM', () => {
    const r = parse(bytes('nationwide-aor-small.csv'));
    expect(r.issues).toEqual([]);
    expect(enc(r, '2025-10', 'nationwide', 'all')).toBe(518);
    expect(enc(r, '2025-10', 'nationwide', 'usbp')).toBe(335);
    expect(enc(r, '2025-10', 'nationwide', 'ofo')).toBe(183);
    expect(enc(r, '2025-10', 'southwest_land_border', 'usbp')).toBe(260);
    expect(enc(r, '2025-10', 'southwest_land_border', 'all')).toBe(380);
    expect(enc(r, '2025-10', 'northern_land_border', 'all')).toBe(46);
    expect(enc(r, '2025-10', 'other', 'ofo')).toBe(61);
    expect(enc(r, '2025-10', 'other', 'all')).toBe(92);
    expect(enc(r, '2022-04', 'northern_land_border', 'ofo')).toBe(1076);
    expect(enc(r, '2022-04', 'nationwide', 'all')).toBe(1076);
    // A row with count 0 is a reported zero, unlike a group with no rows (absent).
    expect(enc(r, '2022-04', 'southwest_land_border', 'usbp')).toBe(0);
    expect(enc(r, '2022-04', 'other', 'all')).toBeUndefined();
    expect(value(r, 'cbp_encounters_by_aor', '2025-10', { region: 'southwest_land_border', component: 'usbp', aor: 'TCA' })).toBe(228);
    expect(value(r, 'cbp_encounters_by_aor', '2025-10', { region: 'southwest_land_border', component: 'usbp', aor: 'YUM' })).toBe(32);
    expect(value(r, 'cbp_encounters_by_aor', '2022-04', { region: 'northern_land_border', component: 'ofo', aor: 'Boston' })).toBe(1076);
    expect(r.dataAsOf).toBe('2025-10-31');
    expect(r.signals).toEqual({ layout: 'nationwide_aor', rows: '32' });
  });

  it('parse() keeps citizenship text with commas, escaped quotes and non-ASCII letters intact', () => {
    const r = parse(bytes('nationwide-aor-small.csv'));
    const cat = (citizenship: string, region: string, period: string, authority = 'title_8', type = 'inadmissibles') =>
      value(r, 'cbp_encounters_by_category', period, { region, component: 'ofo', demographic: 'Single Adults', citizenship, authority, encounter_type: type });
    expect(cat('CHINA, PEOPLES REPUBLIC OF', 'other', '2025-10')).toBe(57);
    expect(cat('KOREA, REPUBLIC OF ("SOUTH")', 'other', '2025-10')).toBe(4);
    expect(cat("CÔTE D'IVOIRE", 'northern_land_border', '2025-10')).toBe(2);
    expect(cat('CHINA, PEOPLES REPUBLIC OF', 'northern_land_border', '2022-04', 'title_42', 'expulsions')).toBe(1);
  });

  it('parse() gives the same result for any chunking, including one byte at a time through parseCsvStream', async () => {
    const body = bytes('nationwide-aor-small.csv');
    const whole = parse(body);
    expect(await parseCsvStream(chunks(body, 1), NW_URL)).toEqual(whole);
    expect(await parseCsvStream(chunks(body, 7), NW_URL)).toEqual(whole);
    const sw = bytes('sbo-encounters-small.csv');
    expect(await parseCsvStream(chunks(sw, 2), SW_URL)).toEqual(parse(sw, SW_URL));
  });

  it('parse() reads LF with a final newline exactly like CRLF without one', () => {
    const crlf = bytes('sbo-encounters-small.csv');
    const lf = Buffer.from(`${crlf.toString('utf8').replace(/\r\n/g, '\n')}\n`);
    expect(parse(lf, SW_URL)).toEqual(parse(crlf, SW_URL));
  });

  it('parse() records a revised month as the new vintage states it (March 2025: 7,181 then 7,180)', () => {
    const jul = parse(bytes('sbo-encounters-vintage-2025-07.csv'), SW_URL);
    const aug = parse(bytes('sbo-encounters-vintage-2025-08.csv'), SW_URL);
    expect(enc(jul, '2025-03', 'southwest_land_border', 'usbp')).toBe(7181);
    expect(enc(jul, '2025-03', 'southwest_land_border', 'all')).toBe(11013);
    expect(enc(aug, '2025-03', 'southwest_land_border', 'usbp')).toBe(7180);
    expect(enc(aug, '2025-03', 'southwest_land_border', 'all')).toBe(11012);
    expect(enc(aug, '2025-07', 'southwest_land_border', 'all')).toBe(7824);
    expect(enc(aug, '2025-08', 'southwest_land_border', 'all')).toBe(9740);
    expect(jul.dataAsOf).toBe('2025-07-31');
    expect(aug.dataAsOf).toBe('2025-08-31');
  });

  it('parse() reports each bad row with its line number and withholds every month a bad row touches', () => {
    const r = parse(bytes('nationwide-aor-bad-rows.csv'));
    expect(r.issues).toEqual([
      { code: 'column_count', message: 'line 4: 13 columns, expected 12; month 2022-05 withheld' },
      { code: 'negative', message: 'line 6: encounter count -5; month 2022-06 withheld' },
      { code: 'column_count', message: 'line 9: 13 columns, expected 12; month 2025-11 withheld' },
      { code: 'non_numeric', message: 'line 10: encounter count "n/a"; month 2025-11 withheld' },
      { code: 'unknown_month', message: 'line 11: month "OKT"; every month of FY2023 withheld' },
      { code: 'bad_quoting', message: 'line 12: unbalanced quotes; month 2022-07 withheld' },
      { code: 'unknown_component', message: 'line 13: component "Air and Marine Operations"; month 2025-12 withheld' },
      { code: 'month_withheld', message: 'month 2022-05 not emitted: 1 bad row(s) would leave its sums incomplete' },
      { code: 'month_withheld', message: 'month 2022-06 not emitted: 1 bad row(s) would leave its sums incomplete' },
      { code: 'month_withheld', message: 'month 2025-11 not emitted: 2 bad row(s) would leave its sums incomplete' },
      { code: 'month_withheld', message: 'every month of FY2023 not emitted: 1 bad row(s) would leave its sums incomplete' },
      { code: 'month_withheld', message: 'month 2022-07 not emitted: 1 bad row(s) would leave its sums incomplete' },
      { code: 'month_withheld', message: 'month 2025-12 not emitted: 1 bad row(s) would leave its sums incomplete' },
    ]);
    expect([...new Set(r.observations.map((o) => o.period))]).toEqual(['2022-04', '2025-10']);
    expect(enc(r, '2022-04', 'northern_land_border', 'ofo')).toBe(850);
    expect(enc(r, '2022-04', 'nationwide', 'all')).toBe(850);
    expect(enc(r, '2025-10', 'southwest_land_border', 'usbp')).toBe(1151);
    expect(r.observations).toHaveLength(16);
    // The newest month in the file, even though its sums are withheld.
    expect(r.dataAsOf).toBe('2025-12-31');
  });

  it('parse() lists the first 50 bad rows and counts the rest', () => {
    const bad = Array.from({ length: 60 }, (_, i) => `2022,FYTD,MAR,U.S. Border Patrol,Other,Miami Sector,MIP,Single Adults,CUBA,Title 8,Apprehensions,x${i}`);
    const good = '2022,FYTD,APR,U.S. Border Patrol,Other,Miami Sector,MIP,Single Adults,CUBA,Title 8,Apprehensions,9';
    const r = parse(Buffer.from([NW_HEADER, ...bad, good].join('\n')));
    expect(r.issues.filter((i) => i.code === 'non_numeric')).toHaveLength(50);
    expect(r.issues.slice(50)).toEqual([
      { code: 'issues_truncated', message: '10 more bad rows not listed' },
      { code: 'month_withheld', message: 'month 2022-03 not emitted: 60 bad row(s) would leave its sums incomplete' },
    ]);
    expect(enc(r, '2022-04', 'other', 'usbp')).toBe(9);
  });

  it('parse() reports ValidationError when bad rows leave no month to emit', () => {
    const body = Buffer.from(`${NW_HEADER}\nFY22,FYTD,APR,U.S. Border Patrol,Other,Miami Sector,MIP,Single Adults,CUBA,Title 8,Apprehensions,3\n`);
    expect(() => parse(body)).toThrow(ValidationError);
  });

  it('parse() reports LayoutError for an empty file', () => {
    expect(() => parse(bytes('empty.csv'))).toThrow(new LayoutError(`empty file (${NW_URL})`));
    expect(() => parse(Buffer.from('\ufeff\r\n\r\n'))).toThrow(LayoutError);
  });

  it('parse() reports LayoutError for a header without data rows', () => {
    expect(() => parse(bytes('header-only.csv'), SW_URL)).toThrow(new LayoutError(`CSV header but no data rows (${SW_URL})`));
  });

  it('parse() reports LayoutError for an unknown header (an extra column)', () => {
    expect(() => parse(bytes('unknown-header.csv'))).toThrow(/^unrecognised CSV header "Fiscal Year,.*Encounter Count,Notes"/);
  });

  it('parse() reports LayoutError when an "Access Denied" HTML page is served instead of the CSV', () => {
    expect(() => parse(bytes('access-denied.html'))).toThrow(new LayoutError(`an HTML page was served instead of the CSV (${NW_URL})`));
  });

  it('the aggregator stops at once on a line longer than 1 MiB instead of buffering it', () => {
    const aggregator = new EncountersCsvAggregator(NW_URL);
    expect(() => {
      for (let i = 0; i < 20; i++) aggregator.push(Buffer.alloc(64 * 1024, 'x'));
    }).toThrow(/longer than 1048576 characters/);
  });

  it('parseCsvStream() sums a 70,000-row stream exactly, reading it chunk by chunk', async () => {
    const months = ['OCT', 'NOV', 'DEC', 'JAN'];
    let expected = 0;
    async function* rows(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${NW_HEADER}\r\n`);
      for (let i = 0; i < 70_000; i++) {
        const count = i % 97;
        if (months[i % 4] === 'JAN') expected += count;
        yield Buffer.from(`2026 (FYTD),FYTD,${months[i % 4]},U.S. Border Patrol,Southwest Land Border,Tucson Sector,TCA,Single Adults,"C${i % 150}, X",Title 8,Apprehensions,${count}\r\n`);
      }
    }
    const r = await parseCsvStream(rows(), NW_URL);
    expect(r.issues).toEqual([]);
    expect(enc(r, '2026-01', 'nationwide', 'all')).toBe(expected);
    expect(r.signals).toEqual({ layout: 'nationwide_aor', rows: '70000' });
    expect(r.dataAsOf).toBe('2026-01-31');
  });

  it('declares its parser contract', () => {
    expect(cbpEncountersCsv).toMatchObject({ id: 'cbp-encounters-csv', version: 1, format: 'csv' });
  });
});
