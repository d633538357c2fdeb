/**
 * A store with a realistic history for export, backfill and status-page tests: several years of
 * monthly CBP southwest encounters (with the real March 2025 revision 7,181 → 7,180), ICE
 * detention workbooks (detained, FYTD removals, book-ins with a partial month, average daily
 * population for four fiscal years), and source states that cover every publication status.
 */
import { fiscalMonthPeriod } from '../../src/core/periods.js';
import type { Observation } from '../../src/core/types.js';
import { emptyState, type SourceState, type Store } from '../../src/store/store.js';

/** The fixture's clock: 2025-05-20T00:00:00Z. */
export const NOW = Date.parse('2025-05-20T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const SW_CSV_URL_1 = 'https://www.cbp.gov/sites/default/files/2025-04/sbo-encounters-fy22-fy25-mar.csv';
export const SW_CSV_URL_2 = 'https://www.cbp.gov/sites/default/files/2025-05/sbo-encounters-fy22-fy25-apr.csv';

const sw = (component: string, period: string, value: number): Observation => ({
  series: 'cbp_encounters',
  labels: { region: 'southwest_land_border', component },
  period,
  value,
});

/** Months FY2022-10 … 2025-02 with deterministic USBP and OFO figures. */
export function swMonths(): { period: string; usbp: number; ofo: number }[] {
  const out: { period: string; usbp: number; ofo: number }[] = [];
  for (let fy = 2022; fy <= 2025; fy++) {
    for (const m of [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      const period = fiscalMonthPeriod(fy, m);
      if (period > '2025-02') continue;
      const i = out.length;
      out.push({ period, usbp: 150_000 - i * 3_000 + (i % 5) * 1_111, ofo: 30_000 + (i % 7) * 913 });
    }
  }
  return out;
}

function swObservations(extra: { period: string; usbp: number; ofo: number }[]): Observation[] {
  return [...swMonths(), ...extra].flatMap((m) => [sw('usbp', m.period, m.usbp), sw('ofo', m.period, m.ofo), sw('all', m.period, m.usbp + m.ofo)]);
}

const state = (source: string, s: Partial<SourceState>): SourceState => ({ ...emptyState(source), ...s });
const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function fillHistory(store: Store): void {
  const csv = (url: string, publishedOn: string, observations: Observation[], body: string) => ({
    url, body: Buffer.from(body), contentType: 'text/csv', parserId: 'cbp-encounters-csv', parserVersion: 1, publishedOn, dataAsOf: null, observations,
  });
  // The March 2025 release, then the April one that revises USBP March 7,181 → 7,180.
  const v1 = swObservations([{ period: '2025-03', usbp: 7_181, ofo: 3_832 }]);
  const v2 = swObservations([{ period: '2025-03', usbp: 7_180, ofo: 3_832 }, { period: '2025-04', usbp: 8_383, ofo: 4_011 }]);
  store.commitCycle({
    source: 'cbp-southwest-csv', now: NOW - 40 * DAY, fetches: [], validators: [],
    state: state('cbp-southwest-csv', { up: true, lastSuccessAt: NOW - 40 * DAY, publishedOn: '2025-04-05', publishedAt: day('2025-04-05'), dataAsOf: '2025-03-31' }),
    captures: [csv(SW_CSV_URL_1, '2025-04-05', v1, 'Fiscal Year,Month (abbv),...,march vintage\r\n')],
  });
  store.commitCycle({
    source: 'cbp-southwest-csv', now: NOW - HOUR, fetches: [], validators: [],
    state: state('cbp-southwest-csv', { up: true, lastAttemptAt: NOW - 10 * 60_000, lastSuccessAt: NOW - 10 * 60_000, lastChangeAt: NOW - HOUR, publishedOn: '2025-05-05', publishedAt: day('2025-05-05'), dataAsOf: '2025-04-30' }),
    captures: [csv(SW_CSV_URL_2, '2025-05-05', v2, 'Fiscal Year,Month (abbv),...,april vintage\r\n')],
  });
  fillIce(store);
  fillStates(store);
}

/** ICE workbooks: 2024-10-07, 2024-12-23 and 2025-01-06 pulls, with monthly ADP for FY2022 on. */
function fillIce(store: Store): void {
  const pulls = [
    { pull: '2024-10-07', file: 'FY25_detentionStats10102024.xlsx', published: '2024-10-10', detained: [23_000, 14_684], removals: 12_000 },
    { pull: '2024-12-23', file: 'FY25_detentionStats12272024.xlsx', published: '2024-12-27', detained: [24_100, 15_052], removals: 69_546 },
    { pull: '2025-01-06', file: 'FY25_detentionStats01162025.xlsx', published: '2025-01-16', detained: [24_431, 15_272], removals: 76_939 },
  ];
  for (const [n, p] of pulls.entries()) {
    const [ice, cbp] = p.detained as [number, number];
    const obs: Observation[] = [
      { series: 'ice_detained', labels: { arresting_agency: 'ice' }, period: p.pull, value: ice },
      { series: 'ice_detained', labels: { arresting_agency: 'cbp' }, period: p.pull, value: cbp },
      { series: 'ice_detained', labels: { arresting_agency: 'all' }, period: p.pull, value: ice + cbp },
      { series: 'ice_removals_fytd', labels: { fiscal_year: '2025' }, period: p.pull, value: p.removals },
      ...adp(p.pull),
      { series: 'ice_book_ins', labels: { arresting_agency: 'all' }, period: p.pull.slice(0, 7), value: 9_000 + n, partial: true },
    ];
    store.commitCycle({
      source: 'ice-detention-stats', now: Date.parse(`${p.published}T23:00:00Z`), fetches: [], validators: [],
      state: state('ice-detention-stats', { up: true, lastSuccessAt: NOW - 5 * 60_000, lastAttemptAt: NOW - 5 * 60_000, publishedOn: p.published, publishedAt: day(p.published), dataAsOf: p.pull, fileUrl: `https://www.ice.gov/doclib/detention/${p.file}` }),
      captures: [{
        url: `https://www.ice.gov/doclib/detention/${p.file}`, body: Buffer.from(`PK\x03\x04 workbook ${p.file}`, 'latin1'),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', parserId: 'ice-detention-xlsx', parserVersion: 2,
        publishedOn: p.published, dataAsOf: p.pull, observations: obs,
      }],
    });
  }
}

/** Average daily population, complete months FY2022-10 … the month before the pull. */
function adp(pull: string): Observation[] {
  const out: Observation[] = [];
  for (let fy = 2022; fy <= 2025; fy++) {
    for (const m of [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      const period = fiscalMonthPeriod(fy, m);
      if (period >= pull.slice(0, 7)) continue;
      out.push({ series: 'ice_average_daily_population', labels: { arresting_agency: 'all' }, period, value: adpValue(period) });
    }
  }
  return out;
}

/** The fixture's average daily population of a month (exact, for backfill assertions). */
export const adpValue = (period: string): number => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return 20_000 + (y - 2021) * 3_000 + m * 97.5;
};

/** States for the other sources: failing scraper, layout broken, due, frozen. */
function fillStates(store: Store): void {
  const commit = (s: SourceState, errorKind?: SourceState['lastErrorKind']) =>
    store.commitCycle({ source: s.source, now: NOW - 60_000, fetches: [], captures: [], validators: [], state: s, ...(errorKind ? { errorKind } : {}) });
  commit(state('cbp-nationwide-encounters', {
    up: false, lastAttemptAt: NOW - 60_000, lastSuccessAt: NOW - 2 * DAY, publishedOn: '2025-05-14', publishedAt: day('2025-05-14'), dataAsOf: '2025-04-30',
    lastErrorKind: 'layout', lastErrorMessage: 'no table with a <th>Southwest</th> row <script>alert(1)</script>', lastErrorAt: NOW - 60_000,
  }), 'layout');
  commit(state('cbp-nationwide-csv', { up: false, lastAttemptAt: NOW - 60_000, lastErrorKind: 'timeout', lastErrorMessage: 'no headers within 30000 ms', lastErrorAt: NOW - 60_000 }), 'timeout');
  commit(state('cbp-monthly-update', { up: true, lastSuccessAt: NOW - 60_000, publishedOn: '2025-04-15', publishedAt: day('2025-04-15'), dataAsOf: '2025-03-31' }));
  commit(state('cbp-southwest-page', { up: true, lastSuccessAt: NOW - 60_000, publishedOn: '2025-05-16', publishedAt: day('2025-05-16'), dataAsOf: '2025-04-30' }));
  commit(state('cbp-nationwide-encounters-fy2025', { up: true, lastSuccessAt: NOW - 60_000, publishedOn: '2025-05-14', publishedAt: day('2025-05-14'), dataAsOf: '2025-04-30' }));
  commit(state('ice-statistics', { up: true, lastSuccessAt: NOW - 60_000, publishedOn: '2025-01-30', publishedAt: day('2025-01-30'), dataAsOf: '2024-12-31' }));
  commit(state('ohss-monthly-tables', { up: true, lastSuccessAt: NOW - 60_000, publishedOn: '2025-01-16', publishedAt: day('2025-01-16'), dataAsOf: '2024-11-30' }));
  commit(state('ohss-khsm-encounters', { up: true, lastSuccessAt: NOW - 60_000, publishedOn: '2025-01-16', publishedAt: day('2025-01-16'), dataAsOf: '2024-11-30', dataAsOfStalled: true }));
}
