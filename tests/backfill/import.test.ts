import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importFile } from '../../src/backfill/import-file.js';
import { runImport } from '../../src/cli/import.js';
import { AgencySite } from '../../src/demo/agency-site.js';
import { Fetcher } from '../../src/fetch/index.js';
import { runCycle } from '../../src/pipeline/run-cycle.js';
import { sha256Hex } from '../../src/store/artifacts.js';
import { DB_FILE_NAME } from '../../src/store/database.js';
import { Store } from '../../src/store/store.js';
import { fy25Cells, iceWorkbook } from '../fixtures/ice/detention-workbook.js';
import { listingHtml, testSource } from '../helpers/test-sources.js';
import { tempDir } from '../helpers/tmp.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const JULY = path.join(FIXTURES, 'cbp/sbo-encounters-vintage-2025-07.csv');
const AUGUST = path.join(FIXTURES, 'cbp/sbo-encounters-vintage-2025-08.csv');
const JULY_URL = 'https://www.cbp.gov/sites/default/files/2025-08/sbo-encounters-fy22-fy25-jul.csv';
const AUGUST_URL = 'https://www.cbp.gov/sites/default/files/2025-09/sbo-encounters-fy22-fy25-aug.csv';
const NOW = Date.parse('2025-09-10T12:00:00Z');

let t: { dir: string; cleanup: () => void };
let errors: string[];
beforeEach(() => {
  t = tempDir();
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((msg: unknown) => void errors.push(String(msg)));
});
afterEach(() => {
  vi.restoreAllMocks();
  t.cleanup();
});

type Flags = Parameters<typeof runImport>[1];
const flags = (extra: Record<string, unknown> = {}) => ({ 'data-dir': t.dir, ...extra }) as Flags;
const withStore = <T>(fn: (s: Store) => T): T => {
  const s = Store.open(t.dir);
  try {
    return fn(s);
  } finally {
    s.close();
  }
};
const usbpSwMarch = (s: Store) =>
  s.observations({ series: 'cbp_encounters', allVintages: true }).filter((r) => r.period === '2025-03' && r.labels.component === 'usbp' && r.labels.region === 'southwest_land_border');

describe('import command', () => {
  it('stores a hand-downloaded file with the provenance and state a scrape would give', () => {
    expect(runImport(['cbp-southwest-csv', JULY], flags({ url: JULY_URL, published: '2025-08-05' }), () => NOW)).toBe(0);
    withStore((s) => {
      const [march] = usbpSwMarch(s);
      const body = fs.readFileSync(JULY);
      expect(march).toMatchObject({ value: 7_181, url: JULY_URL, sha256: sha256Hex(body), publishedOn: '2025-08-05', parserId: 'cbp-encounters-csv', fetchedAt: NOW, current: true });
      expect(s.artifact(sha256Hex(body))?.body).toEqual(body);
      expect(s.state('cbp-southwest-csv')).toMatchObject({
        up: null,
        publishedOn: '2025-08-05',
        publishedAt: Date.parse('2025-08-05T00:00:00Z'),
        dataAsOf: '2025-07-31',
        fileUrl: JULY_URL,
        fileSha256: sha256Hex(body),
      });
    });
  });

  it('records a newer file as revisions and an older one as history, moving the state only forward', () => {
    expect(runImport(['cbp-southwest-csv', JULY], flags({ url: JULY_URL, published: '2025-08-05' }), () => NOW)).toBe(0);
    expect(runImport(['cbp-southwest-csv', AUGUST], flags({ url: AUGUST_URL, published: '2025-09-04' }), () => NOW + 1000)).toBe(0);
    withStore((s) => {
      expect(usbpSwMarch(s).map((r) => [r.value, r.current, r.revisedFrom])).toEqual([
        [7_181, false, null],
        [7_180, true, 7_181],
      ]);
      expect(s.revisionSummaries()).toEqual(expect.arrayContaining([expect.objectContaining({ series: 'cbp_encounters', lastOld: 7_181, lastNew: 7_180, lastPeriod: '2025-03' })]));
      expect(s.state('cbp-southwest-csv')).toMatchObject({ publishedOn: '2025-09-04', dataAsOf: '2025-08-31', fileUrl: AUGUST_URL });
    });
    // The July file again, under another URL: older than the current vintage, so history only.
    expect(runImport(['cbp-southwest-csv', JULY], flags({ url: `${JULY_URL}?copy`, published: '2025-08-05' }), () => NOW + 2000)).toBe(0);
    withStore((s) => {
      expect(usbpSwMarch(s).filter((r) => r.current).map((r) => r.value)).toEqual([7_180]);
      expect(s.state('cbp-southwest-csv')).toMatchObject({ publishedOn: '2025-09-04', dataAsOf: '2025-08-31', fileUrl: AUGUST_URL });
    });
  });

  it('reads the publication date from an ICE file name and records only the name without --url', () => {
    const file = path.join(t.dir, 'FY25_detentionStats01162025.xlsx');
    fs.writeFileSync(file, iceWorkbook(fy25Cells()));
    expect(runImport(['ice-detention-stats', file], flags(), () => NOW)).toBe(0);
    withStore((s) => {
      const [removals] = s.observations({ series: 'ice_removals_fytd' });
      expect(removals).toMatchObject({ value: 76_939, period: '2025-01-06', publishedOn: '2025-01-16', url: 'file:///FY25_detentionStats01162025.xlsx', parserId: 'ice-detention-xlsx' });
      expect(s.state('ice-detention-stats')).toMatchObject({ publishedOn: '2025-01-16', dataAsOf: '2025-01-06' });
    });
  });

  it('exits 2 with the layout reason and stores nothing for a file of the wrong layout', () => {
    const code = runImport(['cbp-southwest-csv', path.join(FIXTURES, 'cbp/unknown-header.csv')], flags(), () => NOW);
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(/^cbp-encounters-csv: .*header/m);
    expect(fs.existsSync(path.join(t.dir, DB_FILE_NAME))).toBe(false);
  });

  it('leaves an existing store untouched when the file is bad', () => {
    expect(runImport(['cbp-southwest-csv', JULY], flags({ url: JULY_URL, published: '2025-08-05' }), () => NOW)).toBe(0);
    const count = () => withStore((s) => s.db.prepare('SELECT (SELECT count(*) FROM artifacts) + (SELECT count(*) FROM vintages) + (SELECT count(*) FROM captures) AS n').get());
    const before = { rows: count(), state: withStore((s) => s.state('cbp-southwest-csv')) };
    expect(runImport(['cbp-southwest-csv', path.join(FIXTURES, 'cbp/empty.csv')], flags(), () => NOW)).toBe(2);
    expect({ rows: count(), state: withStore((s) => s.state('cbp-southwest-csv')) }).toEqual(before);
  });

  it.each([
    [[], {}, 64],
    [['no-such-source', JULY], {}, 64],
    [['cbp-southwest-csv', JULY], { published: '05/08/2025' }, 64],
    [['cbp-southwest-csv', JULY], { url: 'not a url' }, 64],
    [['cbp-southwest-csv', '/no/such/file.csv'], {}, 66],
  ])('refuses %j %j with exit %i', (args, extra, code) => {
    expect(runImport(args as string[], flags(extra), () => NOW)).toBe(code);
  });
});

describe('importFile then a scrape of the same file', () => {
  it('is not new content to the scraper (no stalled flag, no new vintages)', async () => {
    const site = new AgencySite();
    const origin = await site.listen();
    const csv = 'period,value\n2025-02,8347\n2025-03,7181\n';
    site.set('/listing', { body: Buffer.from(listingHtml([{ href: '/files/2025-04.csv', posted: '2025-04-05' }])), contentType: 'text/html' });
    site.set('/files/2025-04.csv', { body: Buffer.from(csv), contentType: 'text/csv' });
    const store = Store.open(t.dir);
    try {
      const source = testSource(origin);
      const imported = importFile(store, { source, body: Buffer.from(csv), url: `${origin}/files/2025-04.csv`, publishedOn: '2025-04-05', now: NOW });
      expect(imported.counts.inserted).toBe(2);
      const fetcher = new Fetcher({ allowedHosts: [new URL(origin).host], maxRetries: 0, connectTimeoutMs: 2000, readTimeoutMs: 2000 });
      const out = await runCycle({ store, fetcher, now: () => NOW + 60_000 }, source);
      expect(out).toMatchObject({ ok: true, counts: { inserted: 0, revised: 0 } });
      expect(store.state('test-source')).toMatchObject({ up: true, dataAsOf: '2025-03-31', dataAsOfStalled: false, publishedOn: '2025-04-05' });
      expect(store.observations({ allVintages: true })).toHaveLength(2);
    } finally {
      store.close();
      await site.close();
    }
  });
});
