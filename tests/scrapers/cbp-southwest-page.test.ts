import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../src/core/errors.js';
import type { ParseResult } from '../../src/core/types.js';
import { cbpSouthwestPage } from '../../scrapers/cbp-southwest-page.js';

const URL_SW = 'https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters';

function parseFixture(name: string): ParseResult {
  return cbpSouthwestPage.parse({ body: readFileSync(new URL(`../fixtures/cbp/${name}`, import.meta.url)), url: URL_SW });
}

describe('cbp-southwest-page', () => {
  it('parse() decodes the reporting month from the workbook name AUGFY26 as 2026-08', () => {
    expect(parseFixture('southwest-land-border-encounters.html')).toEqual({
      observations: [],
      issues: [],
      publishedOn: '2026-09-16',
      dataAsOf: '2026-08-31',
      signals: { workbook: 'CBPSBOEnforcementActionsDashboardsAUGFY26', reportingMonth: '2026-08' },
    });
  });

  it('parse() places OCT of FY26 in calendar year 2025', () => {
    const r = parseFixture('southwest-land-border-encounters-octfy26.html');
    expect(r.signals).toEqual({ workbook: 'CBPSBOEnforcementActionsDashboardsOCTFY26', reportingMonth: '2025-10' });
    expect(r.dataAsOf).toBe('2025-10-31');
    expect(r.publishedOn).toBe('2025-11-17');
  });

  it('parse() also reads the Nationwide page workbook CBPNationwideEncountersAUGFY26', () => {
    const r = parseFixture('nationwide-encounters-fy2026-current.html');
    expect(r.signals).toEqual({ workbook: 'CBPNationwideEncountersAUGFY26', reportingMonth: '2026-08' });
    expect(r.issues).toEqual([]);
  });

  it('parse() reports workbook_mismatch when iframes name different months and keeps the newest', () => {
    const r = parseFixture('southwest-land-border-encounters-mixed-months.html');
    expect(r.signals).toEqual({ workbook: 'CBPSBOEnforcementActionsDashboardsAUGFY26', reportingMonth: '2026-08' });
    expect(r.issues).toEqual([
      {
        code: 'workbook_mismatch',
        message: 'iframes name different months: CBPSBOEnforcementActionsDashboardsAUGFY26, CBPSBOEnforcementActionsDashboardsJULFY26',
      },
    ]);
  });

  it('parse() reports workbook_not_recognised but keeps publishedOn when the workbook has no month code', () => {
    const r = parseFixture('southwest-land-border-encounters-unnamed-workbook.html');
    expect(r).toEqual({
      observations: [],
      issues: [
        { code: 'workbook_not_recognised', message: 'no workbook name ends in a month code (workbooks seen: CBPSBOEnforcementActionsDashboards)' },
      ],
      publishedOn: '2026-10-02',
    });
  });

  it('parse() reports published_date_missing when only the workbook is left', () => {
    const html = readFileSync(new URL('../fixtures/cbp/southwest-land-border-encounters.html', import.meta.url), 'utf8').replace(
      /Last Modified: [^<]*/,
      '',
    );
    const r = cbpSouthwestPage.parse({ body: Buffer.from(html), url: URL_SW });
    expect(r.issues).toEqual([{ code: 'published_date_missing', message: 'no "Last Modified" date on the page' }]);
    expect(r.signals?.reportingMonth).toBe('2026-08');
  });

  it('parse() reports LayoutError when there is neither a month-coded workbook nor a Last Modified date', () => {
    expect(() => parseFixture('southwest-land-border-encounters-no-signals.html')).toThrow(
      new LayoutError('no Tableau workbook with a month code (e.g. …AUGFY26) and no "Last Modified" date'),
    );
  });

  it('parse() reports LayoutError for an "Access Denied" page', () => {
    expect(() => parseFixture('access-denied.html')).toThrow(LayoutError);
  });

  it('declares its parser contract', () => {
    expect(cbpSouthwestPage).toMatchObject({ id: 'cbp-southwest-page', version: 1, format: 'html' });
  });
});
