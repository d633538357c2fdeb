import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../src/core/errors.js';
import type { ParseResult } from '../../src/core/types.js';
import { cbpMediaReleaseListing, cbpMonthlyUpdate } from '../../scrapers/cbp-monthly-update.js';

const LISTING_URL = 'https://www.cbp.gov/newsroom/media-releases/all';
const RELEASES = 'https://www.cbp.gov/newsroom/national-media-release';

function read(name: string): string {
  return readFileSync(new URL(`../fixtures/cbp/${name}`, import.meta.url), 'utf8');
}

function release(html: string, slug = 'cbp-releases-september-2025-monthly-update'): ParseResult {
  return cbpMonthlyUpdate.parse({ body: Buffer.from(html), url: `${RELEASES}/${slug}` });
}

const figure = (name: string, period: string, value: number) => ({
  series: 'cbp_release_figure',
  labels: { figure: name },
  period,
  value,
});

describe('cbp-media-release-listing', () => {
  it('parse() lists the monthly-update releases newest first by data month, with their listed dates', () => {
    const r = cbpMediaReleaseListing.parse({ body: Buffer.from(read('media-releases-listing.html')), url: LISTING_URL });
    expect(r.issues).toEqual([]);
    expect(r.observations).toEqual([]);
    expect(r.publications).toEqual([
      { url: `${RELEASES}/cbp-releases-september-2025-monthly-update`, posted: '2025-10-24', bytes: null, title: 'CBP Releases September 2025 Monthly Update' },
      { url: `${RELEASES}/cbp-releases-august-2025-monthly-update`, posted: '2025-09-22', bytes: null, title: 'CBP Releases August 2025 Monthly Update' },
      { url: `${RELEASES}/cbp-releases-june-2025-monthly-update-0`, posted: '2025-07-15', bytes: null, title: 'CBP Releases June 2025 Monthly Update' },
      { url: `${RELEASES}/cbp-releases-may-2025-monthly-update`, posted: '2025-06-18', bytes: null, title: 'CBP Releases May 2025 Monthly Update' },
      // Linked from the footer: no date of its own, and the oldest month.
      { url: `${RELEASES}/cbp-releases-march-2024-monthly-update`, posted: null, bytes: null, title: 'Archive' },
    ]);
    expect(r.publishedOn).toBe('2025-10-24');
  });

  it('parse() reports no_monthly_update_listed for a listing whose page shows no monthly update', () => {
    const r = cbpMediaReleaseListing.parse({ body: Buffer.from(read('media-releases-listing-no-update.html')), url: LISTING_URL });
    expect(r.publications).toEqual([]);
    expect(r.publishedOn).toBeUndefined();
    expect(r.issues).toEqual([
      { code: 'no_monthly_update_listed', message: 'the listing links no "CBP Releases <Month> <Year> Monthly Update" release' },
    ]);
  });

  it('parse() reports LayoutError for a page that links no media release', () => {
    expect(() => cbpMediaReleaseListing.parse({ body: Buffer.from(read('nationwide-encounters-fy2025.html')), url: LISTING_URL })).toThrow(
      new LayoutError('no links to media releases on the listing page'),
    );
    expect(() => cbpMediaReleaseListing.parse({ body: Buffer.from(read('access-denied.html')), url: LISTING_URL })).toThrow(LayoutError);
  });

  it('declares its parser contract', () => {
    expect(cbpMediaReleaseListing).toMatchObject({ id: 'cbp-media-release-listing', version: 1, format: 'html' });
  });
});

describe('cbp-monthly-update', () => {
  it('parse() reads the September 2025 release: date and headline figures for 2025-09', () => {
    expect(release(read('release-september-2025.html'))).toEqual({
      observations: [figure('usbp_southwest_apprehensions', '2025-09', 8386), figure('nationwide_encounters', '2025-09', 26002)],
      issues: [],
      publishedOn: '2025-10-24',
      dataAsOf: '2025-09-30',
    });
  });

  it('parse() reads "USBP apprehended 6,319 … along the southwest border" and a long-form release date', () => {
    const r = release(read('release-august-2025.html'), 'cbp-releases-august-2025-monthly-update');
    expect(r.observations).toEqual([figure('usbp_southwest_apprehensions', '2025-08', 6319), figure('nationwide_encounters', '2025-08', 26197)]);
    expect(r.publishedOn).toBe('2025-09-22');
    expect(r.issues).toEqual([]);
  });

  it('parse() reads nationwide USBP apprehensions and ignores the prior-year comparison', () => {
    const r = release(read('release-june-2025.html'), 'cbp-releases-june-2025-monthly-update-0');
    expect(r.observations).toEqual([
      figure('usbp_southwest_apprehensions', '2025-06', 6072),
      figure('usbp_nationwide_apprehensions', '2025-06', 8024),
      figure('nationwide_encounters', '2025-06', 25228),
    ]);
    expect(r.publishedOn).toBe('2025-07-15');
  });

  it('parse() still accepts a release whose prose is not recognised, with issue prose_not_recognised', () => {
    expect(release(read('release-april-2025-unrecognised.html'), 'cbp-releases-april-2025-monthly-update')).toEqual({
      observations: [],
      issues: [{ code: 'prose_not_recognised', message: 'no headline figure recognised in the 2025-04 release' }],
      publishedOn: '2025-05-12',
      dataAsOf: '2025-04-30',
    });
  });

  it('parse() reports ambiguous_figure and emits nothing for a figure stated with two values', () => {
    const r = release(read('release-may-2025-ambiguous.html'), 'cbp-releases-may-2025-monthly-update');
    expect(r.observations).toEqual([figure('usbp_southwest_apprehensions', '2025-05', 8725)]);
    expect(r.issues).toEqual([{ code: 'ambiguous_figure', message: 'nationwide_encounters: the prose states 29502 and 170723; not emitted' }]);
    expect(r.publishedOn).toBe('2025-06-18');
  });

  it('parse() falls back to <time datetime> when there is no "Release Date:" text', () => {
    const html = read('release-september-2025.html').replace('<span class="text-bold">Release Date:</span> ', '');
    expect(release(html).publishedOn).toBe('2025-10-24');
  });

  it('parse() reports published_date_missing when the page states no date', () => {
    const html = read('release-august-2025.html').replace('Release Date: September 22, 2025', '');
    const r = release(html, 'cbp-releases-august-2025-monthly-update');
    expect(r.publishedOn).toBeUndefined();
    expect(r.issues).toEqual([{ code: 'published_date_missing', message: 'no release date on the page' }]);
  });

  it('parse() reports LayoutError for a page that is not a monthly-update release', () => {
    expect(() => release(read('not-a-release.html'), 'cbp-officers-el-paso')).toThrow(
      new LayoutError('not a CBP monthly-update release (title "CBP officers at El Paso seize over $1.8 million in methamphetamine")'),
    );
    expect(() => release(read('access-denied.html'))).toThrow(LayoutError);
  });

  it('declares its parser contract', () => {
    expect(cbpMonthlyUpdate).toMatchObject({ id: 'cbp-monthly-update', version: 1, format: 'html' });
  });
});
