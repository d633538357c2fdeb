import { describe, expect, it } from 'vitest';
import { booleanCell, csvRecord, neutralise, numberCell, quoteField, textCell, UTF8_BOM } from '../../src/export/csv.js';
import { csvHeader, csvLine, jsonRow, SNAPSHOT_COLUMNS, snapshotFileName } from '../../src/export/snapshot.js';
import type { ObservationRecord } from '../../src/store/store.js';

const record = (over: Partial<ObservationRecord> = {}): ObservationRecord => ({
  source: 'cbp-southwest-csv',
  series: 'cbp_encounters',
  labels: { region: 'southwest_land_border', component: 'usbp' },
  period: '2025-03',
  value: 7180,
  partial: false,
  current: true,
  url: 'https://www.cbp.gov/sites/default/files/2025-05/sbo-encounters-fy22-fy25-apr.csv',
  sha256: 'a'.repeat(64),
  publishedOn: '2025-05-05',
  fetchedAt: Date.parse('2025-05-05T14:00:00Z'),
  firstSeenAt: Date.parse('2025-05-05T14:00:00Z'),
  lastSeenAt: Date.parse('2025-05-06T14:00:00Z'),
  parserId: 'cbp-encounters-csv',
  parserVersion: 3,
  revisedFrom: 7181,
  ...over,
});

describe('csv cells (RFC 4180)', () => {
  it('quotes fields with commas, quotes, CR or LF and doubles the quotes', () => {
    expect(quoteField('plain')).toBe('plain');
    expect(quoteField('KOREA, SOUTH')).toBe('"KOREA, SOUTH"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('two\nlines')).toBe('"two\nlines"');
    expect(quoteField('cr\rhere')).toBe('"cr\rhere"');
    expect(quoteField('')).toBe('');
  });

  it('ends every record with CRLF', () => {
    expect(csvRecord(['a', 'b'])).toBe('a,b\r\n');
  });

  it('writes the UTF-8 byte-order mark as U+FEFF', () => {
    expect(Buffer.from(UTF8_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

describe('formula-injection neutralisation', () => {
  it.each(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'])('prefixes %j with an apostrophe', (text) => {
    expect(neutralise(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text alone', () => {
    for (const t of ['MEXICO', 'region=southwest', 'https://www.cbp.gov/x.csv', '2025-03', ' =not-first', '']) expect(neutralise(t)).toBe(t);
  });

  it('neutralises, then quotes, a text cell', () => {
    expect(textCell('=1+2,3')).toBe(`"'=1+2,3"`);
    expect(textCell('=say "x"')).toBe(`"'=say ""x"""`);
    expect(textCell(null)).toBe('');
  });

  it('keeps negative numbers in numeric cells as numbers', () => {
    expect(numberCell(-7)).toBe('-7');
    expect(numberCell(-0.25)).toBe('-0.25');
    expect(numberCell(39_152)).toBe('39152');
    expect(numberCell(null)).toBe('');
    expect(() => numberCell(Number.NaN)).toThrow(RangeError);
    expect(booleanCell(true)).toBe('true');
  });
});

describe('snapshot rows', () => {
  it('has a stable header in the documented column order', () => {
    expect(csvHeader()).toBe(
      'source,series,labels,period,value,unit,partial,current,revised,earlier_value,agency_url,published_on,fetched_at,artifact_sha256,parser\r\n',
    );
    expect(SNAPSHOT_COLUMNS).toHaveLength(15);
  });

  it('renders one row with provenance, labels as k=v;k=v and the revision', () => {
    expect(csvLine(record())).toBe(
      `cbp-southwest-csv,cbp_encounters,component=usbp;region=southwest_land_border,2025-03,7180,people,false,true,true,7181,https://www.cbp.gov/sites/default/files/2025-05/sbo-encounters-fy22-fy25-apr.csv,2025-05-05,2025-05-05T14:00:00.000Z,${'a'.repeat(64)},cbp-encounters-csv@3\r\n`,
    );
  });

  it('neutralises text cells from agency data but not the negative value', () => {
    const line = csvLine(record({ labels: { '+k': '=cmd|" /C calc"!A0' }, value: -5, revisedFrom: null, publishedOn: null }));
    const cells = line.slice(0, -2).split(',');
    expect(cells[2]).toBe(`"'+k==cmd|"" /C calc""!A0"`);
    expect(cells[4]).toBe('-5');
    expect(cells[8]).toBe('false');
    expect(cells[9]).toBe('');
    expect(cells[11]).toBe('');
  });

  it('gives the JSON row the same fields with structured labels', () => {
    expect(jsonRow(record())).toEqual({
      source: 'cbp-southwest-csv',
      series: 'cbp_encounters',
      labels: { region: 'southwest_land_border', component: 'usbp' },
      period: '2025-03',
      value: 7180,
      unit: 'people',
      partial: false,
      current: true,
      revised: true,
      earlierValue: 7181,
      agencyUrl: 'https://www.cbp.gov/sites/default/files/2025-05/sbo-encounters-fy22-fy25-apr.csv',
      publishedOn: '2025-05-05',
      fetchedAt: '2025-05-05T14:00:00.000Z',
      sha256: 'a'.repeat(64),
      parser: 'cbp-encounters-csv@3',
    });
  });

  it('names the file after the UTC date of the snapshot', () => {
    expect(snapshotFileName('csv', Date.parse('2025-05-20T23:59:00Z'))).toBe('enforcement-watch-snapshot-2025-05-20.csv');
  });
});
