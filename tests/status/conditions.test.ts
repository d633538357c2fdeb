import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../scrapers/index.js';
import { takeSnapshot, type PaceSettings } from '../../src/metrics/snapshot.js';
import { activeConditions } from '../../src/status/conditions.js';
import { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { fillHistory, NOW } from '../export/history-fixture.js';

const SETTINGS: PaceSettings = { removalsGoal: 1_000_000, goalOffPaceShare: 0.8, defaultPaceThreshold: 0.4, paceThresholds: {} };
const t = tempDir();
let store: Store;

beforeAll(() => {
  store = Store.open(t.dir);
  fillHistory(store);
});
afterAll(() => {
  store.close();
  t.cleanup();
});

const conditions = (now = NOW, settings = SETTINGS) => activeConditions(takeSnapshot(store, SOURCES, settings, now));
const names = (now?: number, settings?: PaceSettings) => conditions(now, settings).map((c) => `${c.alert}:${c.source}`).sort();

describe('activeConditions', () => {
  it('lists what the alert rules would see: failing scrapers, broken parser, overdue, stalled, revised, pace, off pace', () => {
    expect(names()).toEqual([
      'DataAsOfStalled:ohss-khsm-encounters',
      'DataRevised:cbp-southwest-csv',
      // April 2025 against the mean of January–March, for all, ofo and usbp.
      'PaceShift:cbp-southwest-csv',
      'PaceShift:cbp-southwest-csv',
      'PaceShift:cbp-southwest-csv',
      'ParserBroken:cbp-nationwide-encounters',
      'PublicationOverdue:ice-detention-stats',
      'RemovalsGoalOffPace:ice-detention-stats',
      'ScrapeFailing:cbp-nationwide-csv',
    ]);
  });

  it('says how late, when it was due and what failed', () => {
    const c = conditions();
    expect(c.find((x) => x.alert === 'PublicationOverdue')!.summary).toBe(
      'ICE detention statistics (detention-management workbooks) is 106 days overdue (last published 2025-01-16, due with grace by 2025-02-03).',
    );
    expect(c.find((x) => x.alert === 'ScrapeFailing')).toMatchObject({ severity: 'page', holdsFor: '6h' });
    expect(c.find((x) => x.alert === 'ScrapeFailing')!.summary).toMatch(/our fetch fails \(timeout: no headers within 30000 ms\)/);
    expect(c.find((x) => x.alert === 'DataRevised')!.summary).toBe(
      'cbp_encounters (component=all,region=southwest_land_border) for 2025-03 revised from 11,013 to 11,012 (detected 2025-05-19 23:00 UTC).',
    );
    expect(c.find((x) => x.alert === 'PaceShift' && x.summary.includes('component=all'))!.summary).toMatch(
      /^cbp_encounters \(component=all,region=southwest_land_border\): 2025-04 is -\d+(\.\d)?% against its trailing 3-month mean\.$/,
    );
    expect(c.find((x) => x.alert === 'RemovalsGoalOffPace')!.summary).toBe(
      'Removals on pace for 286,559 in fiscal year 2025 (as of 2025-01-06), below 80% of the 1,000,000 goal; 3,457 removals a day would be needed from that date on to reach it.',
    );
  });

  it('never calls a frozen publication overdue, and drops a revision after a day', () => {
    const later = names(NOW + 2 * 86_400_000);
    expect(later).not.toContain('DataRevised:cbp-southwest-csv');
    // The OHSS tables are past cadence + grace too, but frozen: marked on the page, never paged.
    expect(later.filter((n) => n.startsWith('PublicationOverdue'))).toEqual(['PublicationOverdue:ice-detention-stats']);
  });

  it('does not page overdue when our last successful read predates the deadline', () => {
    // cbp-nationwide-encounters is down since before any deadline: ParserBroken, never PublicationOverdue.
    expect(names(NOW + 60 * 86_400_000)).not.toContain('PublicationOverdue:cbp-nationwide-encounters');
  });

  it('compares the goal with the configured share and goal', () => {
    expect(names(NOW, { ...SETTINGS, removalsGoal: 300_000 })).not.toContain('RemovalsGoalOffPace:ice-detention-stats');
  });
});
