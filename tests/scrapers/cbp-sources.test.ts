import { describe, expect, it } from 'vitest';
import { days } from '../../src/core/source.js';
import { cbpParsers, cbpSources, parseCsvStream, pickNationwideAorCsv, pickSouthwestSboCsv } from '../../scrapers/cbp.js';

const byId = (id: string) => cbpSources.find((s) => s.id === id)!;

describe('cbp sources', () => {
  it('declares the six CBP sources with unique kebab-case ids', () => {
    expect(cbpSources.map((s) => s.id)).toEqual([
      'cbp-nationwide-encounters',
      'cbp-nationwide-encounters-fy2025',
      'cbp-nationwide-csv',
      'cbp-southwest-csv',
      'cbp-southwest-page',
      'cbp-monthly-update',
    ]);
    expect(cbpSources.every((s) => s.agency === 'CBP' && s.browserUserAgent === true)).toBe(true);
  });

  it('registers every parser a source uses, each once, with version 1', () => {
    expect(cbpParsers.map((p) => p.id)).toEqual([
      'cbp-encounters-table',
      'cbp-dataset-listing',
      'cbp-encounters-csv',
      'cbp-southwest-page',
      'cbp-media-release-listing',
      'cbp-monthly-update',
    ]);
    for (const s of cbpSources) {
      for (const p of [s.landing, s.follow?.parser]) if (p) expect(cbpParsers).toContain(p);
    }
    expect(cbpParsers.every((p) => p.version === 1 && p.description.length > 0)).toBe(true);
  });

  it('polls the current-FY page every 15 minutes and expects it monthly with 7 days grace', () => {
    expect(byId('cbp-nationwide-encounters')).toMatchObject({
      landingUrl: 'https://www.cbp.gov/newsroom/stats/nationwide-encounters',
      schedule: '*/15 * * * *',
      cadence: { expectedIntervalSeconds: days(31), graceSeconds: days(7) },
      landing: { id: 'cbp-encounters-table' },
    });
  });

  it('marks the FY2025 page frozen with a yearly cadence and hourly polling', () => {
    expect(byId('cbp-nationwide-encounters-fy2025')).toMatchObject({
      landingUrl: 'https://www.cbp.gov/newsroom/stats/nationwide-encounters-fy2025',
      schedule: '0 * * * *',
      frozen: true,
      cadence: { expectedIntervalSeconds: days(365), graceSeconds: days(30) },
    });
  });

  it('follows the listings to the CSV chosen by the AOR and sbo picks', () => {
    expect(byId('cbp-nationwide-csv').follow).toEqual({ parser: expect.objectContaining({ id: 'cbp-encounters-csv' }), pick: pickNationwideAorCsv });
    expect(byId('cbp-southwest-csv').follow).toEqual({ parser: expect.objectContaining({ id: 'cbp-encounters-csv' }), pick: pickSouthwestSboCsv });
    expect(byId('cbp-southwest-csv').landingUrl).toBe('https://www.cbp.gov/document/stats/southwest-land-border-encounters');
    expect(typeof parseCsvStream).toBe('function');
  });

  it('gives the monthly update 14 days grace and follows the newest release', () => {
    const s = byId('cbp-monthly-update');
    expect(s.cadence).toEqual({ expectedIntervalSeconds: days(31), graceSeconds: days(14) });
    expect(s.landing.id).toBe('cbp-media-release-listing');
    expect(s.follow?.parser.id).toBe('cbp-monthly-update');
    expect(s.follow?.pick).toBeUndefined();
  });
});
