import { afterAll, describe, expect, it } from 'vitest';
import { EXPORTED_SERIES, labelSet, openMetricsLines, renderOpenMetrics } from '../../src/backfill/openmetrics.js';
import { periodEndSeconds } from '../../src/core/periods.js';
import { iterateHistory } from '../../src/store/exports.js';
import { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { fillHistory } from '../export/history-fixture.js';

const p = (series: string, labels: Record<string, string>, period: string, value: number, source = 'src-a') => ({
  source,
  series,
  labels: JSON.stringify(Object.fromEntries(Object.entries(labels).sort())),
  period,
  value,
});

describe('renderOpenMetrics', () => {
  const sw = { component: 'all', region: 'southwest_land_border' };
  const text = renderOpenMetrics([
    p('ice_detained', { arresting_agency: 'all' }, '2025-01-06', 39_703),
    p('cbp_encounters', sw, '2025-03', 11_012),
    p('cbp_encounters', sw, '2025-01', 29_101),
    p('cbp_encounters', sw, '2025-02', 11_709, 'src-b'),
    p('cbp_encounters', sw, '2025-02', 11_709),
    p('ice_detained', { arresting_agency: 'all' }, '2024-12-23', 39_152),
    p('cbp_encounters_by_category', { citizenship: 'MEXICO' }, '2025-01', 5),
    p('cbp_encounters', sw, '2025-03-31', 1),
  ]);
  const lines = text.split('\n');

  it('writes families sorted by name, HELP and TYPE gauge first, # EOF last', () => {
    expect(lines.filter((l) => l.startsWith('# TYPE'))).toEqual(['# TYPE enforcement_cbp_encounters gauge', '# TYPE enforcement_ice_detained gauge']);
    expect(lines[0]).toMatch(/^# HELP enforcement_cbp_encounters CBP encounters in a month .* Unit: people\.$/);
    expect(lines[1]).toBe('# TYPE enforcement_cbp_encounters gauge');
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(lines.filter((l) => l === '# EOF')).toHaveLength(1);
  });

  it('stamps each sample at the end of its period, in seconds, each series in time order', () => {
    const s = '{source="src-a",component="all",region="southwest_land_border"}';
    const samples = lines.filter((l) => l.startsWith(`enforcement_cbp_encounters${s}`));
    expect(samples).toEqual([
      `enforcement_cbp_encounters${s} 29101 ${periodEndSeconds('2025-01')}`,
      `enforcement_cbp_encounters${s} 11709 ${periodEndSeconds('2025-02')}`,
      `enforcement_cbp_encounters${s} 11012 1743465599`,
    ]);
    expect(lines.filter((l) => l.startsWith('enforcement_ice_detained{'))).toEqual([
      `enforcement_ice_detained{source="src-a",arresting_agency="all"} 39152 ${periodEndSeconds('2024-12-23')}`,
      `enforcement_ice_detained{source="src-a",arresting_agency="all"} 39703 ${Date.parse('2025-01-06T23:59:59Z') / 1000}`,
    ]);
  });

  it('keeps each series contiguous, sources in order', () => {
    const srcs = lines.filter((l) => l.startsWith('enforcement_cbp_encounters{')).map((l) => /source="([^"]+)"/.exec(l)![1]);
    expect(srcs).toEqual(['src-a', 'src-a', 'src-a', 'src-b']);
  });

  it('leaves out unexported series and periods of the wrong kind', () => {
    expect(text).not.toContain('by_category');
    expect(text).not.toMatch(/ 1 \d+$/m);
    const summaries: unknown[] = [];
    [...openMetricsLines([p('cbp_encounters_by_category', {}, '2025-01', 5), p('cbp_encounters', sw, '2025-01', 5)], (s) => summaries.push(s))];
    expect(summaries).toEqual([{ families: 1, series: 1, samples: 1, skipped: 1 }]);
  });

  it('escapes label values', () => {
    expect(labelSet('s', { k: 'a"b\\c\nd' })).toBe('{source="s",k="a\\"b\\\\c\\nd"}');
  });

  it('writes only # EOF for an empty history', () => {
    expect(renderOpenMetrics([])).toBe('# EOF\n');
  });
});

describe('iterateHistory', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('reads current, complete values of the exported series only', () => {
    const store = Store.open(t.dir);
    fillHistory(store);
    const points = [...iterateHistory(store.db, EXPORTED_SERIES)];
    store.close();
    expect(points.some((x) => x.series === 'ice_book_ins')).toBe(false); // every fixture book-in month is partial
    const march = points.filter((x) => x.series === 'cbp_encounters' && x.period === '2025-03' && x.labels.includes('"usbp"'));
    expect(march.map((x) => x.value)).toEqual([7_180]);
    expect(new Set(points.map((x) => x.series))).toEqual(new Set(['cbp_encounters', 'ice_detained', 'ice_removals_fytd', 'ice_average_daily_population']));
  });
});
