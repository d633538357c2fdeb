import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgencySite } from '../../src/demo/agency-site.js';
import { Fetcher } from '../../src/fetch/index.js';
import { runCycle, type CycleDeps } from '../../src/pipeline/run-cycle.js';
import { Store } from '../../src/store/store.js';
import { listingHtml, testSource } from '../helpers/test-sources.js';
import { tempDir } from '../helpers/tmp.js';

let site: AgencySite;
let store: Store;
let deps: CycleDeps;
let cleanup: () => void;
let clock = Date.parse('2025-05-01T12:00:00Z');

const html = (s: string) => ({ body: Buffer.from(s), contentType: 'text/html; charset=utf-8' });
const csv = (s: string) => ({ body: Buffer.from(s), contentType: 'text/csv' });

beforeEach(async () => {
  site = new AgencySite();
  const origin = await site.listen();
  const t = tempDir();
  cleanup = t.cleanup;
  store = Store.open(t.dir);
  const fetcher = new Fetcher({ allowedHosts: [new URL(origin).host], maxRetries: 0, connectTimeoutMs: 2000, readTimeoutMs: 2000 });
  deps = { store, fetcher, now: () => clock };
  site.set('/listing', html(listingHtml([{ href: '/files/2025-04.csv', posted: '2025-04-05' }])));
  site.set('/files/2025-04.csv', csv('period,value\n2025-02,8347\n2025-03,7181\n'));
});

afterEach(async () => {
  await site.close();
  store.close();
  cleanup();
});

describe('runCycle', () => {
  it('follows the listing to the newest file and stores its values with provenance', async () => {
    const out = await runCycle(deps, testSource(site.origin));
    expect(out).toMatchObject({ ok: true, changed: true, counts: { inserted: 2 } });
    const rows = store.observations({});
    expect(rows.map((r) => [r.period, r.value])).toEqual([
      ['2025-02', 8347],
      ['2025-03', 7181],
    ]);
    expect(rows[0]).toMatchObject({ url: `${site.origin}/files/2025-04.csv`, publishedOn: '2025-04-05', parserId: 'test-csv' });
    const state = store.state('test-source');
    expect(state).toMatchObject({ up: true, publishedOn: '2025-04-05', dataAsOf: '2025-03-31', dataAsOfStalled: false });
    expect(state.publishedAt).toBe(Date.parse('2025-04-05T00:00:00Z'));
  });

  it('costs no body bytes when nothing changed at the agency (conditional requests)', async () => {
    await runCycle(deps, testSource(site.origin));
    clock += 900_000;
    const out = await runCycle(deps, testSource(site.origin));
    expect(out).toMatchObject({ ok: true, changed: false });
    const fetches = store.db.prepare('SELECT outcome, bytes FROM fetches ORDER BY id').all() as { outcome: string; bytes: number }[];
    expect(fetches.slice(2)).toEqual([
      { outcome: 'not_modified', bytes: 0 },
      { outcome: 'not_modified', bytes: 0 },
    ]);
    expect(store.state('test-source').lastSuccessAt).toBe(clock);
    // The running totals /metrics reads agree with the fetch log.
    const log = store.db.prepare("SELECT sum(outcome = 'ok') AS ok, sum(outcome = 'not_modified') AS nm, sum(bytes) AS bytes FROM fetches").get() as { ok: number; nm: number; bytes: number };
    expect(store.fetchStats()).toEqual([expect.objectContaining({ source: 'test-source', ok: log.ok, notModified: log.nm, error: 0, bytes: log.bytes })]);
  });

  it('records a revision when a new file changes a past month', async () => {
    await runCycle(deps, testSource(site.origin));
    site.set('/listing', html(listingHtml([{ href: '/files/2025-04.csv', posted: '2025-04-05' }, { href: '/files/2025-05.csv', posted: '2025-05-05' }])));
    site.set('/files/2025-05.csv', csv('period,value\n2025-02,8347\n2025-03,7180\n2025-04,8383\n'));
    clock += 86_400_000;
    const out = await runCycle(deps, testSource(site.origin));
    expect(out.counts).toMatchObject({ inserted: 1, revised: 1, unchanged: 1 });
    expect(store.revisionSummaries()[0]).toMatchObject({ lastOld: 7181, lastNew: 7180, lastPeriod: '2025-03' });
    expect(store.state('test-source')).toMatchObject({ publishedOn: '2025-05-05', dataAsOf: '2025-04-30' });
  });

  it('flags a republication whose data as-of date did not advance', async () => {
    await runCycle(deps, testSource(site.origin));
    site.set('/listing', html(listingHtml([{ href: '/files/again.csv', posted: '2025-05-05' }])));
    site.set('/files/again.csv', csv('period,value\n2025-02,8347\n2025-03,7181\n\n'));
    const out = await runCycle(deps, testSource(site.origin));
    expect(out.ok).toBe(true);
    expect(store.state('test-source')).toMatchObject({ publishedOn: '2025-05-05', dataAsOf: '2025-03-31', dataAsOfStalled: true });
  });

  it('reports a layout change as a layout error and changes nothing stored', async () => {
    await runCycle(deps, testSource(site.origin));
    const before = store.observations({ allVintages: true });
    site.set('/listing', html(listingHtml([{ href: '/files/new.csv', posted: '2025-05-05' }])));
    site.set('/files/new.csv', csv('Month,Count\n2025-03,1\n'));
    const out = await runCycle(deps, testSource(site.origin));
    expect(out).toMatchObject({ ok: false, errorKind: 'layout' });
    expect(out.message).toMatch(/unexpected header/);
    expect(store.observations({ allVintages: true })).toEqual(before);
    expect(store.state('test-source')).toMatchObject({ up: false, lastErrorKind: 'layout', publishedOn: '2025-04-05' });
    expect(store.errorCounts()).toEqual([{ source: 'test-source', kind: 'layout', count: 1 }]);
    expect((store.db.prepare('SELECT count(*) AS n FROM artifacts').get() as { n: number }).n).toBe(2);
  });

  it('classifies an agency server that is down and keeps the last good state', async () => {
    await runCycle(deps, testSource(site.origin));
    const origin = site.origin;
    await site.close();
    const out = await runCycle(deps, testSource(origin));
    expect(out).toMatchObject({ ok: false, errorKind: 'refused' });
    expect(store.state('test-source')).toMatchObject({ up: false, lastErrorKind: 'refused', dataAsOf: '2025-03-31' });
    expect(store.observations({})).toHaveLength(2);
    site = new AgencySite();
    await site.listen();
  });

  it('classifies an HTTP error from the agency', async () => {
    site.set('/listing', { ...html('oops'), status: 503 });
    const out = await runCycle(deps, testSource(site.origin));
    expect(out).toMatchObject({ ok: false, errorKind: 'http_5xx' });
    expect(store.errorCounts()).toEqual([{ source: 'test-source', kind: 'http_5xx', count: 1 }]);
  });

  it('keeps the publication time when an undated listing changes without a new file', async () => {
    const undated = (extra: string) => html(`<html><body>${extra}<a href="/files/plain.csv" data-posted="">x</a></body></html>`);
    const source = { ...testSource(site.origin), landing: { ...testSource(site.origin).landing, parse: undatedListing } };
    site.set('/listing', undated(''));
    site.set('/files/plain.csv', { ...csv('period,value\n2025-03,7181\n'), lastModified: 'Thu, 01 May 2025 10:00:00 GMT' });
    await runCycle(deps, source);
    expect(store.state('test-source').publishedAt).toBe(Date.parse('2025-05-01T10:00:00Z'));
    site.set('/listing', undated('<p>New banner</p>'));
    clock += 3_600_000;
    const out = await runCycle(deps, source);
    expect(out).toMatchObject({ ok: true, changed: true });
    expect(store.state('test-source').publishedAt).toBe(Date.parse('2025-05-01T10:00:00Z'));
  });
});

function undatedListing({ body, url }: { body: Buffer; url: string }) {
  const href = /href="([^"]+)"/.exec(body.toString())![1]!;
  return { observations: [], issues: [], publications: [{ url: new URL(href, url).toString(), posted: null, bytes: null }] };
}
