import { describe, expect, it } from 'vitest';
import { fiscalYearToDate, paceFigures, removalsPace } from '../../src/metrics/pace.js';
import type { CurrentValue } from '../../src/store/store.js';

const L = JSON.stringify({ region: 'southwest_land_border' });
const month = (period: string, value: number, partial = false): CurrentValue => ({ source: 's', series: 'cbp_encounters', labels: L, period, value, partial });
const fytd = (period: string, value: number, fy = '2025'): CurrentValue => ({
  source: 'ice-detention-stats',
  series: 'ice_removals_fytd',
  labels: JSON.stringify({ fiscal_year: fy }),
  period,
  value,
  partial: false,
});

describe('paceFigures', () => {
  it('compares the newest complete month with the previous month and the trailing three-month mean', () => {
    const out = paceFigures([month('2025-01', 100), month('2025-02', 200), month('2025-03', 300), month('2025-04', 100)]);
    expect(out).toEqual([
      { source: 's', series: 'cbp_encounters', labels: L, period: '2025-04', basis: 'previous_month', ratio: 100 / 300 - 1 },
      { source: 's', series: 'cbp_encounters', labels: L, period: '2025-04', basis: 'trailing_3_month_mean', ratio: 100 / 200 - 1 },
    ]);
  });

  it('never compares a partial month: the newest complete month is used instead', () => {
    const out = paceFigures([month('2025-01', 100), month('2025-02', 100), month('2025-03', 100), month('2025-04', 100), month('2025-05', 5, true)]);
    expect(out.map((p) => [p.period, p.ratio])).toEqual([
      ['2025-04', 0],
      ['2025-04', 0],
    ]);
  });

  it('gives no trailing ratio when a month of the window is missing', () => {
    const out = paceFigures([month('2025-01', 100), month('2025-03', 100), month('2025-04', 150)]);
    expect(out.map((p) => p.basis)).toEqual(['previous_month']);
  });

  it('gives no ratio against a zero basis', () => {
    expect(paceFigures([month('2025-03', 0), month('2025-04', 10)])).toEqual([]);
  });
});

describe('fiscalYearToDate', () => {
  it('sums the months of the newest fiscal year only (October starts a year)', () => {
    const out = fiscalYearToDate([month('2024-09', 1000), month('2024-10', 10), month('2024-11', 20), month('2024-12', 5, true)]);
    expect(out).toEqual([{ source: 's', series: 'cbp_encounters', labels: L, fiscalYear: 2025, total: 35 }]);
  });
});

describe('removalsPace', () => {
  it('annualizes the fiscal-year-to-date removals and gives the daily pace required to reach the goal', () => {
    // 76,939 removals as of 2025-01-06: day 98 of FY2025 (365 days; 267 days left to 30 September).
    const r = removalsPace([fytd('2024-12-23', 69_546), fytd('2025-01-06', 76_939)], 1_000_000)!;
    expect(r.asOf).toBe('2025-01-06');
    expect(r.currentDailyPace).toBeCloseTo(76_939 / 98, 9);
    expect(r.annualizedPace).toBeCloseTo((76_939 / 98) * 365, 6);
    expect(r.goalProgressRatio).toBeCloseTo(0.076939, 9);
    expect(r.requiredDailyPace).toBeCloseTo((1_000_000 - 76_939) / 267, 9);
  });

  it('needs no further pace once the goal is reached', () => {
    expect(removalsPace([fytd('2025-09-30', 271_484)], 200_000)!.requiredDailyPace).toBe(0);
  });

  it('is null without a removals figure', () => {
    expect(removalsPace([month('2025-01', 1)], 1_000_000)).toBeNull();
  });
});
