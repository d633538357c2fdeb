import { describe, expect, it } from 'vitest';
import { SERIES } from '../../src/core/series.js';
import { DAY_SECONDS } from '../../src/core/source.js';
import { iceDhsParsers, iceDhsSources } from '../../scrapers/ice-dhs.js';

describe('iceDhsSources', () => {
  it('declares the four ICE and OHSS sources with their cadences, schedules and parsers', () => {
    expect(
      iceDhsSources.map((s) => ({
        id: s.id,
        landing: s.landing.id,
        follow: s.follow?.parser.id,
        every: s.cadence.expectedIntervalSeconds / DAY_SECONDS,
        grace: s.cadence.graceSeconds / DAY_SECONDS,
        schedule: s.schedule,
        frozen: s.frozen ?? false,
      })),
    ).toEqual([
      { id: 'ice-detention-stats', landing: 'ice-detention-page', follow: 'ice-detention-xlsx', every: 15, grace: 3, schedule: '*/15 * * * *', frozen: false },
      { id: 'ice-statistics', landing: 'ice-statistics-page', follow: undefined, every: 92, grace: 30, schedule: '0 * * * *', frozen: true },
      { id: 'ohss-monthly-tables', landing: 'ohss-monthly-listing', follow: undefined, every: 31, grace: 31, schedule: '0 * * * *', frozen: true },
      { id: 'ohss-khsm-encounters', landing: 'ohss-khsm-page', follow: 'ohss-khsm-xlsx', every: 31, grace: 31, schedule: '0 * * * *', frozen: true },
    ]);
    expect(iceDhsSources.find((s) => s.id === 'ohss-monthly-tables')!.landingUrl).toBe(
      'https://ohss.dhs.gov/topics/immigration/immigration-enforcement/immigration-enforcement-and-legal-processes-monthly-tables',
    );
  });

  it('follows the USBP workbook from the KHSM page even when it is not listed first', () => {
    const pick = iceDhsSources.find((s) => s.id === 'ohss-khsm-encounters')!.follow!.pick!;
    const pubs = [
      { url: 'https://ohss.dhs.gov/f/KHSM%20Encounters%20%28OFO%29.xlsx', posted: null, bytes: null },
      { url: 'https://ohss.dhs.gov/f/KHSM%20Encounters%20%28USBP%29.xlsx', posted: null, bytes: null },
    ];
    expect(pick(pubs)).toBe(pubs[1]);
    expect(pick([pubs[0]!])).toBe(pubs[0]);
  });
});

describe('iceDhsParsers', () => {
  it('lists every parser once with version 1, a description and a format', () => {
    expect(iceDhsParsers.map((p) => [p.id, p.version, p.format])).toEqual([
      ['ice-detention-page', 1, 'html'],
      ['ice-detention-xlsx', 1, 'xlsx'],
      ['ice-statistics-page', 1, 'html'],
      ['ohss-monthly-listing', 1, 'html'],
      ['ohss-khsm-page', 1, 'html'],
      ['ohss-khsm-xlsx', 1, 'xlsx'],
    ]);
    expect(iceDhsParsers.every((p) => p.description.length > 20 && typeof p.parse === 'function')).toBe(true);
  });

  it('includes every parser a source uses', () => {
    const used = iceDhsSources.flatMap((s) => [s.landing, ...(s.follow ? [s.follow.parser] : [])]);
    expect(used.every((p) => iceDhsParsers.includes(p))).toBe(true);
    expect(SERIES.map((s) => s.name)).toEqual(expect.arrayContaining(['ice_detained', 'ohss_usbp_encounters']));
  });
});
