import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const t = tempDir();
afterAll(t.cleanup);
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

function write(name: string, content: string | Buffer): string {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('cli parse', () => {
  it('prints observations and issues as JSON and exits 0 for a matching file', () => {
    const file = write('sbo.csv', 'Fiscal Year,Month Grouping,Month (abbv),Component,Demographic,Citizenship Grouping,Title of Authority,Encounter Type,Encounter Count\r\n2025 (FYTD),FYTD,MAR,U.S. Border Patrol,Single Adults,Mexico,Title 8,Apprehensions,7180\r\n2025 (FYTD),FYTD,MAR,Office of Field Operations,Single Adults,Other,Title 8,Inadmissibles,3832');
    const r = runCli(['parse', 'cbp-encounters-csv', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { observations: { series: string; labels: Record<string, string>; period: string; value: number }[]; issues: unknown[] };
    expect(out.issues).toEqual([]);
    const all = out.observations.find((o) => o.series === 'cbp_encounters' && o.labels.component === 'all' && o.labels.region === 'southwest_land_border');
    expect(all).toEqual({ series: 'cbp_encounters', labels: { region: 'southwest_land_border', component: 'all' }, period: '2025-03', value: 11012 });
  });

  it('returns publications with posted dates from a listing parser', () => {
    const r = runCli(['parse', 'cbp-dataset-listing', path.join(FIXTURES, 'cbp', 'document-stats-nationwide-encounters.html'), '--url', 'https://www.cbp.gov/document/stats/nationwide-encounters']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { publications: { url: string; posted: string | null; bytes: number | null }[] };
    expect(out.publications.length).toBeGreaterThan(0);
    expect(out.publications[0]!.posted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const p of out.publications) {
      expect(p.url).toMatch(/^https:\/\/www\.cbp\.gov\//);
      if (p.posted !== null) expect(p.posted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('exits 2 with a one-line reason when the file does not match the layout', () => {
    const file = write('error.csv', '<html><head><title>Access Denied</title></head><body>Access Denied</body></html>');
    const r = runCli(['parse', 'cbp-encounters-csv', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^cbp-encounters-csv: /);
  });

  it('exits 2 for an empty file: never an empty success', () => {
    const r = runCli(['parse', 'ice-detention-xlsx', write('empty.xlsx', '')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('names the known parsers when the id is unknown', () => {
    const r = runCli(['parse', 'nope', write('x.txt', 'x')]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/unknown parser "nope"; parsers: .*cbp-encounters-table/);
  });
});

describe('cli', () => {
  it('fails with the offending path when the config file is invalid', () => {
    const cfg = write('bad.yml', 'goals:\n  offPaceShare: 2\n');
    const r = runCli(['sources', '--config', cfg]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^enforcement-watch: invalid configuration: goals\.offPaceShare: /);
  });

  it('fails with a clear message when the data directory is not usable', () => {
    const file = write('not-a-dir', 'x');
    const r = runCli(['scrape', '--once', '--source', 'ice-statistics', '--data-dir', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data directory .* is not a writable folder/);
  });

  it('lists the sources with their cadence', () => {
    const r = runCli(['sources', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; cadence: { expectedIntervalSeconds: number } }[];
    expect(rows.find((s) => s.id === 'ice-detention-stats')?.cadence.expectedIntervalSeconds).toBe(15 * 86_400);
  });
});
