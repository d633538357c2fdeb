import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../src/core/errors.js';
import type { ParseResult } from '../../src/core/types.js';
import { cbpDatasetListing, pickNationwideAorCsv, pickSouthwestSboCsv } from '../../scrapers/cbp-dataset-listing.js';

const NW_URL = 'https://www.cbp.gov/document/stats/nationwide-encounters';
const SW_URL = 'https://www.cbp.gov/document/stats/southwest-land-border-encounters';
const FILES = 'https://www.cbp.gov/sites/default/files';

function read(name: string): string {
  return readFileSync(new URL(`../fixtures/cbp/${name}`, import.meta.url), 'utf8');
}

function parse(html: string, url = NW_URL): ParseResult {
  return cbpDatasetListing.parse({ body: Buffer.from(html), url });
}

describe('cbp-dataset-listing', () => {
  it('parse() lists every attachment newest first with absolute URL, posted date, exact bytes and dataset title', () => {
    const r = parse(read('document-stats-nationwide-encounters.html'));
    expect(r.issues).toEqual([]);
    expect(r.observations).toEqual([]);
    expect(r.publications).toEqual([
      {
        url: `${FILES}/2026-09/nationwide-encounters-fy23-fy26-aug-state.csv`,
        posted: '2026-09-04',
        bytes: 2869939,
        title: 'FY23 - FY26 (FYTD) Nationwide Encounters by State - August',
      },
      {
        url: `${FILES}/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv`,
        posted: '2026-09-04',
        bytes: 6730588,
        title: 'FY23 - FY26 (FYTD) Nationwide Encounters by Area of Responsibility - August',
      },
      {
        url: `${FILES}/2026-08/nationwide-encounters-fy23-fy26-jul-aor.csv`,
        posted: '2026-08-05',
        bytes: 6616104,
        title: 'FY23 - FY26 (FYTD) Nationwide Encounters by Area of Responsibility - July',
      },
      {
        url: `${FILES}/2026-08/nationwide-encounters-fy23-fy26-jul-state.csv`,
        posted: '2026-08-05',
        bytes: 2822236,
        title: 'FY23 - FY26 (FYTD) Nationwide Encounters by State - July',
      },
      {
        url: `${FILES}/2025-11/nationwide-encounters-fy22-fy25-aor.csv`,
        posted: '2025-10-15',
        bytes: 7225934,
        title: 'FY22 - FY25 Nationwide Encounters by Area of Responsibility',
      },
      {
        url: `${FILES}/2025-11/nationwide-encounters-fy22-fy25-state.csv`,
        posted: '2025-10-15',
        bytes: 2964680,
        title: 'FY22 - FY25 Nationwide Encounters by State',
      },
      {
        url: `${FILES}/assets/documents/2023-Sep/nationwide-encounters-data-dictionary.pdf`,
        posted: '2023-09-29',
        bytes: 124951,
        title: 'Nationwide Encounters Data Dictionary',
      },
      // Only in the Dashboard Dataset list: no posted date or size, so it sorts last.
      {
        url: `${FILES}/2026-07/nationwide-encounters-fy23-fy26-jun-aor.csv`,
        posted: null,
        bytes: null,
        title: 'FY23 - FY26 (FYTD) Nationwide Encounters by Area of Responsibility - June',
      },
    ]);
    expect(r.publishedOn).toBe('2026-09-04');
  });

  it('pickNationwideAorCsv() chooses the newest by-AOR CSV even when the State file is listed first', () => {
    const r = parse(read('document-stats-nationwide-encounters.html'));
    expect(pickNationwideAorCsv(r.publications!)).toEqual({
      url: `${FILES}/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv`,
      posted: '2026-09-04',
      bytes: 6730588,
      title: 'FY23 - FY26 (FYTD) Nationwide Encounters by Area of Responsibility - August',
    });
  });

  it('parse() reads the southwest listing and pickSouthwestSboCsv() chooses the newest sbo-encounters CSV', () => {
    const r = parse(read('document-stats-southwest-land-border-encounters.html'), SW_URL);
    expect(r.issues).toEqual([]);
    expect(r.publishedOn).toBe('2025-09-05');
    expect(r.publications!.map((p) => [p.url.replace(FILES, ''), p.posted])).toEqual([
      ['/2025-09/nationwide-encounters-fy22-fy25-aug-aor.csv', '2025-09-05'],
      ['/2025-09/sbo-encounters-fy22-fy25-aug.csv', '2025-09-05'],
      ['/2025-08/sbo-encounters-fy22-fy25-jul.csv', '2025-08-06'],
      ['/2024-10/sbo-encounters-fy21-fy24.csv', '2024-10-17'],
      ['/assets/documents/2023-Sep/southwest-land-border-encounters-data-dictionary.pdf', '2023-09-29'],
    ]);
    expect(pickSouthwestSboCsv(r.publications!)).toEqual({
      url: `${FILES}/2025-09/sbo-encounters-fy22-fy25-aug.csv`,
      posted: '2025-09-05',
      bytes: 162059,
      title: 'FY22 - FY25 (FYTD) Southwest Land Border Encounters - August',
    });
    expect(pickNationwideAorCsv(r.publications!)?.url).toBe(`${FILES}/2025-09/nationwide-encounters-fy22-fy25-aug-aor.csv`);
  });

  it('picks return undefined when no file of their kind is listed', () => {
    const r = parse(read('document-stats-southwest-land-border-encounters.html'), SW_URL);
    const onlyPdf = r.publications!.filter((p) => p.url.endsWith('.pdf'));
    expect(pickSouthwestSboCsv(onlyPdf)).toBeUndefined();
    expect(pickNationwideAorCsv([])).toBeUndefined();
  });

  it('parse() falls back to the Dashboard Dataset links when the attachment table is gone', () => {
    const r = parse(read('document-stats-links-only.html'));
    expect(r.issues).toEqual([]);
    expect(r.publications!.map((p) => [p.url, p.posted, p.bytes])).toEqual([
      [`${FILES}/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv`, null, null],
      [`${FILES}/2026-09/nationwide-encounters-fy23-fy26-aug-state.csv`, null, null],
      [`${FILES}/2026-08/nationwide-encounters-fy23-fy26-jul-aor.csv`, null, null],
    ]);
    expect(r.publishedOn).toBeUndefined();
    expect(pickNationwideAorCsv(r.publications!)?.url).toBe(`${FILES}/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv`);
  });

  it('parse() reports bad_date and keeps the file with a null posted date', () => {
    const html = read('document-stats-nationwide-encounters.html').replaceAll('08/05/2026', '2026-08-05');
    const r = parse(html);
    expect(r.issues).toEqual([
      { code: 'bad_date', message: `${FILES}/2026-08/nationwide-encounters-fy23-fy26-jul-aor.csv: posted date "2026-08-05" is not MM/DD/YYYY` },
      { code: 'bad_date', message: `${FILES}/2026-08/nationwide-encounters-fy23-fy26-jul-state.csv: posted date "2026-08-05" is not MM/DD/YYYY` },
    ]);
    const jul = r.publications!.find((p) => p.url.endsWith('jul-aor.csv'));
    expect(jul).toMatchObject({ posted: null, bytes: 6616104 });
  });

  it('parse() reports LayoutError when there is no attachment table and no CSV link', () => {
    expect(() => parse(read('document-stats-no-files.html'))).toThrow(
      new LayoutError('no "Attachment | Size | Date" table and no CSV links on the listing page'),
    );
  });

  it('parse() reports LayoutError for an "Access Denied" page', () => {
    expect(() => parse(read('access-denied.html'))).toThrow(LayoutError);
  });

  it('declares its parser contract', () => {
    expect(cbpDatasetListing).toMatchObject({ id: 'cbp-dataset-listing', version: 1, format: 'html' });
  });
});
