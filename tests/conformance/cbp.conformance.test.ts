/**
 * Conformance: the CBP parsers on the REAL archived pages and files in ../shared/reference-data,
 * checked against the hand-made ground truth there. This suite must fail (never skip) when the
 * reference data is missing: a green run has to mean the parsers read the real layouts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../src/core/types.js';
import { cbpDatasetListing, pickNationwideAorCsv } from '../../scrapers/cbp-dataset-listing.js';
import { cbpEncountersCsv } from '../../scrapers/cbp-encounters-csv.js';
import { cbpEncountersTable } from '../../scrapers/cbp-encounters-table.js';
import { cbpSouthwestPage } from '../../scrapers/cbp-southwest-page.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const refDir = path.resolve(repoRoot, '../shared/reference-data');

function ref(relative: string): Buffer {
  const file = path.join(refDir, relative);
  if (!existsSync(file)) throw new Error(`reference file missing: ${file} (the conformance suite needs ../shared/reference-data)`);
  return readFileSync(file);
}

/** Ground-truth CSV rows as objects; a tiny independent reader (quoted fields, no embedded newlines). */
function groundTruth(name: string): Record<string, string>[] {
  const [header, ...lines] = ref(`ground-truth/${name}`).toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (line: string): string[] =>
    [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
  const names = split(header!);
  return lines.map((line) => Object.fromEntries(split(line).map((v, i) => [names[i]!, v])));
}

function value(r: ParseResult, series: string, period: string, labels: Record<string, string>): number | undefined {
  const hits = r.observations.filter(
    (o) => o.series === series && o.period === period && Object.entries(labels).every(([k, v]) => o.labels[k] === v),
  );
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0]?.value;
}

const SBO = 'cbp/csv/sbo-encounters-fy22-fy25-aug.csv';
const sboResult = (): ParseResult =>
  cbpEncountersCsv.parse({ body: ref(SBO), url: 'https://www.cbp.gov/sites/default/files/2025-09/sbo-encounters-fy22-fy25-aug.csv' });
const sw = (r: ParseResult, period: string, component: string) =>
  value(r, 'cbp_encounters', period, { region: 'southwest_land_border', component });

const PAGES: Record<string, string> = {
  'https://www.cbp.gov/newsroom/stats/nationwide-encounters-fy2025': 'cbp/html/nationwide-encounters-fy2025.excerpt.html',
  'https://www.cbp.gov/newsroom/stats/nationwide-encounters': 'cbp/html/nationwide-encounters-current-fy2026.excerpt.html',
};
const pages = new Map<string, ParseResult>();
const pageResult = (url: string): ParseResult => {
  if (!pages.has(url)) pages.set(url, cbpEncountersTable.parse({ body: ref(PAGES[url]!), url }));
  return pages.get(url)!;
};
const ROW_REGION: Record<string, string> = {
  'Nationwide Total Apprehensions': 'nationwide',
  'Southwest Border Total Apprehensions': 'southwest_land_border',
  'Northern Border Total Apprehensions': 'northern_land_border',
};

describe('CBP conformance on ../shared/reference-data', () => {
  it('finds the reference data next to the repository', () => {
    expect(existsSync(refDir), `missing ${refDir}`).toBe(true);
  });

  it('cbp-encounters-csv matches every month of the SW ground truth (USBP, OFO, total)', () => {
    const r = sboResult();
    expect(r.issues).toEqual([]);
    const truth = groundTruth('cbp-swb-monthly-encounters-fy2022-fy2025aug.csv');
    expect(truth).toHaveLength(47);
    for (const row of truth) {
      expect(sw(r, row.month!, 'usbp'), `${row.month} usbp`).toBe(Number(row.usbp_swb_apprehensions_t8_plus_t42));
      expect(sw(r, row.month!, 'ofo'), `${row.month} ofo`).toBe(Number(row.ofo_swb_inadmissibles_t8_plus_t42));
      expect(sw(r, row.month!, 'all'), `${row.month} total`).toBe(Number(row.swb_total_encounters));
    }
    const months = new Set(r.observations.filter((o) => o.series === 'cbp_encounters').map((o) => o.period));
    expect([...months].sort()).toEqual(truth.map((t) => t.month).sort());
    expect(r.dataAsOf).toBe('2025-08-31');
    expect(r.signals).toEqual({ layout: 'southwest_sbo', rows: '1936' });
  });

  it('cbp-encounters-csv gives the headline SW figures: March 2025 11,012, July 2025 7,824 and the FY totals', () => {
    const r = sboResult();
    expect(sw(r, '2025-03', 'all')).toBe(11_012);
    expect(sw(r, '2025-07', 'all')).toBe(7_824);
    const fyTotal = (fy: number) =>
      r.observations
        .filter((o) => o.series === 'cbp_encounters' && o.labels.component === 'all')
        .filter((o) => (o.period >= `${fy - 1}-10` && o.period <= `${fy}-09`))
        .reduce((sum, o) => sum + o.value, 0);
    expect(fyTotal(2022)).toBe(2_378_944);
    expect(fyTotal(2023)).toBe(2_475_669);
    expect(fyTotal(2024)).toBe(2_135_005);
    expect(fyTotal(2025)).toBe(432_059);
  });

  it('cbp-encounters-table matches every row of the HTML ground truth on both pages', () => {
    const truth = groundTruth('cbp-usbp-apprehensions-html-tables.csv');
    expect(truth).toHaveLength(21);
    for (const row of truth) {
      const r = pageResult(row.page_url!);
      expect(PAGES[row.page_url!]).toBe(row.archived_copy);
      expect(r.issues).toEqual([]);
      expect(r.publishedOn).toBe(row.page_last_modified);
      const got = value(r, 'usbp_apprehensions', row.month!, { region: ROW_REGION[row.row_label!]!, kind: 'total' });
      expect(got, `${row.page_url} ${row.month} ${row.row_label}`).toBe(row.value === '' ? undefined : Number(row.value));
    }
  });

  it('cbp-encounters-table reads USBP SW border March 2025 on the FY2025 page as 7,179', () => {
    const r = pageResult('https://www.cbp.gov/newsroom/stats/nationwide-encounters-fy2025');
    expect(value(r, 'usbp_apprehensions', '2025-03', { region: 'southwest_land_border', kind: 'total' })).toBe(7_179);
    expect(r.observations).toHaveLength(108);
    expect(r.dataAsOf).toBe('2025-09-30');
  });

  it('cbp-encounters-table reads the current-FY page through Aug-26 and its workbook month', () => {
    const r = pageResult('https://www.cbp.gov/newsroom/stats/nationwide-encounters');
    expect(r.observations).toHaveLength(99);
    expect(r.dataAsOf).toBe('2026-08-31');
    expect(r.signals).toEqual({ workbook: 'CBPNationwideEncountersAUGFY26', reportingMonth: '2026-08' });
  });

  it('cbp-dataset-listing picks the newest AOR CSV: …/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv, 2026-09-04, 6,730,588 bytes', () => {
    const r = cbpDatasetListing.parse({
      body: ref('cbp/html/document-stats-nationwide-encounters-listing.excerpt.html'),
      url: 'https://www.cbp.gov/document/stats/nationwide-encounters',
    });
    expect(r.issues).toEqual([]);
    expect(r.publishedOn).toBe('2026-09-04');
    expect(pickNationwideAorCsv(r.publications!)).toEqual({
      url: 'https://www.cbp.gov/sites/default/files/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv',
      posted: '2026-09-04',
      bytes: 6_730_588,
      title: 'FY23 - FY26 (FYTD) Nationwide Encounters by Area of Responsibility - August',
    });
  });

  it('cbp-dataset-listing agrees with the posting history for every dated file it lists', () => {
    const r = cbpDatasetListing.parse({
      body: ref('cbp/html/document-stats-nationwide-encounters-listing.excerpt.html'),
      url: 'https://www.cbp.gov/document/stats/nationwide-encounters',
    });
    const history = new Map(groundTruthHistory().map((h) => [`https://www.cbp.gov${h.href}`, h]));
    const dated = r.publications!.filter((p) => p.posted !== null && p.url.endsWith('.csv'));
    expect(dated).toHaveLength(13);
    for (const p of dated) {
      const h = history.get(p.url);
      expect(h, p.url).toBeDefined();
      expect([p.posted, p.bytes]).toEqual([h!.posted_date, Number(h!.size_bytes)]);
    }
    // The 15 rows cut from the excerpt's table are still listed (undated) from the Dashboard Dataset list.
    expect(r.publications!.filter((p) => p.posted === null)).toHaveLength(15);
  });

  it('cbp-encounters-csv parses the nationwide head excerpt (quoted commas) without issues', () => {
    const r = cbpEncountersCsv.parse({
      body: ref('cbp/csv/nationwide-encounters-fy22-fy25-aor.head.csv'),
      url: 'https://www.cbp.gov/sites/default/files/2025-11/nationwide-encounters-fy22-fy25-aor.csv',
    });
    expect(r.issues).toEqual([]);
    expect(value(r, 'cbp_encounters', '2022-04', { region: 'northern_land_border', component: 'ofo' })).toBe(1_622);
    expect(value(r, 'cbp_encounters', '2022-04', { region: 'nationwide', component: 'all' })).toBe(1_622);
    expect(value(r, 'cbp_encounters_by_aor', '2022-04', { region: 'northern_land_border', component: 'ofo', aor: 'Boston' })).toBe(1_538);
    expect(value(r, 'cbp_encounters_by_aor', '2022-04', { region: 'northern_land_border', component: 'ofo', aor: 'Buffalo' })).toBe(84);
    const china = { region: 'northern_land_border', component: 'ofo', demographic: 'Single Adults', citizenship: 'CHINA, PEOPLES REPUBLIC OF', authority: 'title_8', encounter_type: 'inadmissibles' };
    expect(value(r, 'cbp_encounters_by_category', '2022-04', china)).toBe(13);
    expect(r.dataAsOf).toBe('2022-04-30');
  });

  it('cbp-encounters-csv parses the nationwide tail excerpt ("2026 (FYTD)", rows ending with OCT) without issues', () => {
    const r = cbpEncountersCsv.parse({
      body: ref('cbp/csv/nationwide-encounters-fy23-fy26-aug-aor_0.tail.csv'),
      url: 'https://www.cbp.gov/sites/default/files/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv',
    });
    expect(r.issues).toEqual([]);
    expect(value(r, 'cbp_encounters', '2025-10', { region: 'southwest_land_border', component: 'usbp' })).toBe(1_901);
    expect(value(r, 'cbp_encounters_by_aor', '2025-10', { region: 'southwest_land_border', component: 'usbp', aor: 'TCA' })).toBe(1_740);
    expect(value(r, 'cbp_encounters_by_aor', '2025-10', { region: 'southwest_land_border', component: 'usbp', aor: 'YUM' })).toBe(161);
    expect(r.dataAsOf).toBe('2025-10-31');
  });

  it('cbp-southwest-page reads the workbook month AUGFY26 and Last Modified from the real page', () => {
    const r = cbpSouthwestPage.parse({
      body: ref('cbp/html/southwest-land-border-encounters.excerpt.html'),
      url: 'https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters',
    });
    expect(r).toEqual({
      observations: [],
      issues: [],
      publishedOn: '2026-09-16',
      dataAsOf: '2026-08-31',
      signals: { workbook: 'CBPSBOEnforcementActionsDashboardsAUGFY26', reportingMonth: '2026-08' },
    });
  });
});

function groundTruthHistory(): Record<string, string>[] {
  const [header, ...lines] = ref('publication-history/cbp-nationwide-encounters-csv-postings.csv').toString('utf8').split(/\r?\n/).filter(Boolean);
  const names = header!.split(',');
  // No field in this file is quoted or holds a comma.
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])));
}
