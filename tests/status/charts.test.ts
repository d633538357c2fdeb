import { describe, expect, it } from 'vitest';
import { renderChart, renderLegend, xTicks, yTicks } from '../../src/status/charts.js';
import { keyCharts } from '../../src/status/key-series.js';
import type { CurrentValue } from '../../src/store/store.js';

const v = (series: string, labels: Record<string, string>, period: string, value: number, source = 's', partial = false): CurrentValue => ({
  source,
  series,
  labels: JSON.stringify(labels),
  period,
  value,
  partial,
});

describe('axes', () => {
  it('rounds y ticks to 1-2-2.5-5 steps from zero to at least the maximum', () => {
    expect(yTicks(39_703)).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(yTicks(1_000_000)).toEqual([0, 200_000, 400_000, 600_000, 800_000, 1_000_000]);
    expect(yTicks(0)).toEqual([0, 1]);
  });

  it('puts x ticks on month or year starts, at most about seven', () => {
    const fy = xTicks(Date.UTC(2024, 9, 1), Date.UTC(2025, 8, 30));
    expect(fy.map((t) => t.label)).toEqual(['Oct 2024', 'Dec 2024', 'Feb 2025', 'Apr 2025', 'Jun 2025', 'Aug 2025']);
    const years = xTicks(Date.UTC(2021, 9, 15), Date.UTC(2025, 3, 15));
    expect(years.map((t) => t.label)).toEqual(['2022', '2023', '2024', '2025']);
  });
});

describe('renderChart', () => {
  const spec = {
    id: 'c',
    title: 'People <detained>',
    description: 'A & B',
    series: [
      { name: 'Total', points: [{ x: Date.UTC(2025, 0, 6), y: 39_703 }, { x: Date.UTC(2024, 11, 23), y: 39_152 }] },
      { name: 'Goal', kind: 'ref' as const, points: [{ x: Date.UTC(2024, 11, 1), y: 0 }, { x: Date.UTC(2025, 1, 1), y: 40_000 }] },
    ],
  };

  it('draws a named, described SVG image with one path per series and escaped text', () => {
    const svg = renderChart(spec).html;
    expect(svg).toMatch(/^<svg class="chart" role="img" aria-labelledby="c-title c-desc"/);
    expect(svg).toContain('<title id="c-title">People &lt;detained&gt;</title>');
    expect(svg).toContain('<desc id="c-desc">A &amp; B</desc>');
    expect(svg.match(/<path class="line /g)).toHaveLength(2);
    expect(svg).toContain('class="line s0"');
    expect(svg).toContain('class="line ref"');
    expect(svg.match(/<circle /g)).toHaveLength(2);
    // Points are drawn in time order whatever order they came in.
    const d = /class="line s0" d="M([\d.]+) [\d.]+ L([\d.]+)/.exec(svg)!;
    expect(Number(d[1])).toBeLessThan(Number(d[2]));
    expect(renderLegend(spec).html).toBe('<ul class="legend"><li><span class="swatch s0" aria-hidden="true"></span>Total</li><li><span class="swatch ref" aria-hidden="true"></span>Goal</li></ul>');
  });

  it('says so in text when there is nothing to draw', () => {
    expect(renderChart({ ...spec, series: [] }).html).toBe('<p class="empty">No data stored yet for this chart.</p>');
  });

  it('draws a single point (one workbook so far) as a visible marker', () => {
    const svg = renderChart({ ...spec, series: [{ name: 'Total', points: [{ x: Date.UTC(2025, 0, 6), y: 39_703 }] }] }).html;
    expect(svg.match(/<circle /g)).toHaveLength(1);
  });
});

describe('keyCharts', () => {
  const values = [
    v('ice_removals_fytd', { fiscal_year: '2024' }, '2024-09-30', 271_484),
    v('ice_removals_fytd', { fiscal_year: '2025' }, '2024-12-23', 69_546),
    v('ice_removals_fytd', { fiscal_year: '2025' }, '2025-01-06', 76_939),
    v('ice_detained', { arresting_agency: 'all' }, '2025-01-06', 39_703),
    v('ice_detained', { arresting_agency: 'ice' }, '2025-01-06', 14_557),
    v('ice_detained', { arresting_agency: 'cbp' }, '2025-01-06', 25_146),
    v('cbp_encounters', { component: 'all', region: 'southwest_land_border' }, '2025-03', 11_012, 'cbp-nationwide-csv'),
    v('cbp_encounters', { component: 'all', region: 'southwest_land_border' }, '2025-03', 11_012, 'cbp-southwest-csv'),
    v('cbp_encounters', { component: 'all', region: 'southwest_land_border' }, '2025-02', 11_709, 'cbp-southwest-csv'),
    v('cbp_encounters', { component: 'all', region: 'southwest_land_border' }, '2025-04', 5_000, 'cbp-southwest-csv', true),
    v('cbp_encounters', { component: 'all', region: 'northern_land_border' }, '2025-03', 3_000, 'cbp-southwest-csv'),
  ];
  const [removals, detained, encounters] = keyCharts(values, 1_000_000);

  it('charts the newest fiscal year of removals against the straight-line goal pace', () => {
    expect(removals!.title).toBe('ICE removals in fiscal year 2025 to date, against the pace to 1,000,000');
    expect(removals!.description).toBe('76,939 removals as of 2025-01-06; the straight-line pace to the goal would be 268,493 by that date (29% of it).');
    expect(removals!.series[0]!.points).toHaveLength(2);
    expect(removals!.series[1]).toMatchObject({ kind: 'ref', points: [{ x: Date.UTC(2024, 9, 1), y: 0 }, { x: Date.UTC(2025, 9, 1), y: 1_000_000 }] });
    expect(removals!.table.rows).toEqual([
      ['2024-12-23', '69,546', '230,137'],
      ['2025-01-06', '76,939', '268,493'],
    ]);
  });

  it('charts the detained population by arresting agency', () => {
    expect(detained!.description).toBe('39,703 people in ICE detention on 2025-01-06 (arrested by ICE: 14,557, arrested by CBP: 25,146).');
    expect(detained!.series.map((s) => s.name)).toEqual(['Total detained', 'Arrested by ICE', 'Arrested by CBP']);
  });

  it('charts complete southwest months from the southwest file', () => {
    expect(encounters!.sources).toEqual(['cbp-southwest-csv']);
    expect(encounters!.description).toBe('11,012 encounters at the southwest land border in 2025-03 (2025-02: 11,709).');
    expect(encounters!.table.rows).toEqual([
      ['2025-03', '11,012'],
      ['2025-02', '11,709'],
    ]);
  });

  it('renders empty charts as notes when nothing is stored', () => {
    const empty = keyCharts([], 1_000_000);
    expect(empty.map((c) => c.series.length)).toEqual([0, 0, 0]);
    expect(empty.map((c) => renderChart(c).html)).toEqual(Array(3).fill('<p class="empty">No data stored yet for this chart.</p>'));
  });
});
