/**
 * Revision detection on real vintages: real agency files from ../shared/reference-data (and, for
 * CBP, an earlier vintage written as a fixture with the figures CBP first published) ingested in
 * publication order through the same import path as a scrape.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src/backfill/import-file.js';
import { Store } from '../../src/store/store.js';
import { sourceById } from '../../scrapers/index.js';
import { tempDir } from '../helpers/tmp.js';

const REF = path.resolve(import.meta.dirname, '../../../shared/reference-data');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

function ref(rel: string): Buffer {
  const file = path.join(REF, rel);
  if (!existsSync(file)) throw new Error(`reference file missing: ${file} (the conformance suite needs ../shared/reference-data)`);
  return readFileSync(file);
}

let store: Store;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = Store.open(t.dir);
});
afterEach(() => {
  store.close();
  cleanup();
});

const detained = () =>
  store
    .observations({ series: 'ice_detained', allVintages: true })
    .filter((o) => o.labels.arresting_agency === 'all')
    .map((o) => [o.period, o.value]);

describe('revisions on real vintages', () => {
  it('two ICE FY2025 editions ingested in order give two as-of points, and the state follows the newer one', () => {
    const source = sourceById('ice-detention-stats')!;
    const doclib = 'https://www.ice.gov/doclib/detention/';
    importFile(store, { source, body: ref('ice/xlsx/FY25_detentionStats01032025.xlsx'), url: `${doclib}FY25_detentionStats01032025.xlsx`, now: 1 });
    importFile(store, { source, body: ref('ice/xlsx/FY25_detentionStats01162025.xlsx'), url: `${doclib}FY25_detentionStats01162025.xlsx`, now: 2 });
    expect(detained()).toEqual([
      ['2024-12-23', 39_152],
      ['2025-01-06', 39_703],
    ]);
    const removals = store.observations({ series: 'ice_removals_fytd' }).map((o) => [o.period, o.value]);
    expect(removals).toEqual([
      ['2024-12-23', 69_546],
      ['2025-01-06', 76_939],
    ]);
    expect(store.state('ice-detention-stats')).toMatchObject({ dataAsOf: '2025-01-06', publishedOn: '2025-01-16' });
    // December was in progress at the first pull date: its completion is not a revision.
    const december = store.observations({ series: 'ice_book_ins', allVintages: true }).filter((o) => o.period === '2024-12' && o.labels.arresting_agency === 'all');
    expect(december.map((o) => o.partial)).toEqual([true, false]);
    expect(store.revisionSummaries().filter((r) => r.series === 'ice_book_ins' && r.lastPeriod === '2024-12')).toEqual([]);
  });

  it('the FY2025 CBP page modified in November 2025 revises March 2025 from 7,181 to 7,179', () => {
    const source = sourceById('cbp-nationwide-encounters-fy2025')!;
    const url = 'https://www.cbp.gov/newsroom/stats/nationwide-encounters-fy2025';
    importFile(store, { source, body: readFileSync(path.join(FIXTURES, 'cbp/nationwide-encounters-fy2025-vintage-2025-05.html')), url, now: 1 });
    const second = importFile(store, { source, body: ref('cbp/html/nationwide-encounters-fy2025.excerpt.html'), url, now: 2 });
    expect(second.counts.revised).toBeGreaterThanOrEqual(1);
    const march = store
      .observations({ series: 'usbp_apprehensions', allVintages: true })
      .filter((o) => o.period === '2025-03' && o.labels.region === 'southwest_land_border' && o.labels.kind === 'total');
    expect(march.map((o) => [o.value, o.current, o.revisedFrom])).toEqual([
      [7_181, false, null],
      [7_179, true, 7_181],
    ]);
  });

  it('a later southwest CSV vintage that changes March writes a revision and keeps the earlier value', () => {
    const source = sourceById('cbp-southwest-csv')!;
    const files = 'https://www.cbp.gov/sites/default/files/';
    importFile(store, { source, body: readFileSync(path.join(FIXTURES, 'cbp/sbo-encounters-vintage-2025-07.csv')), url: `${files}2025-08/sbo-encounters-fy22-fy25-jul.csv`, publishedOn: '2025-08-06', now: 1 });
    importFile(store, { source, body: ref('cbp/csv/sbo-encounters-fy22-fy25-aug.csv'), url: `${files}2025-09/sbo-encounters-fy22-fy25-aug.csv`, publishedOn: '2025-09-05', now: 2 });
    const march = store
      .observations({ series: 'cbp_encounters', allVintages: true })
      .filter((o) => o.period === '2025-03' && o.labels.region === 'southwest_land_border' && o.labels.component === 'usbp');
    expect(march.map((o) => [o.value, o.current])).toEqual([
      [7_181, false],
      [7_180, true],
    ]);
    const all = store.observations({ series: 'cbp_encounters' }).find((o) => o.period === '2025-03' && o.labels.region === 'southwest_land_border' && o.labels.component === 'all');
    expect(all?.value).toBe(11_012);
    expect(store.revisionSummaries().find((r) => r.source === 'cbp-southwest-csv' && r.series === 'cbp_encounters')?.count).toBeGreaterThanOrEqual(1);
  });
});
