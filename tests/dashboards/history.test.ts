/**
 * `history()` (dashboards/lib/promql.ts) joins the history backfilled from the store (one sample
 * per period end, no job/instance) with the live exporter's series. Its PromQL is checked with
 * the real `promtool test rules` on made-up series: which source of the two answers when, that
 * sparse samples are not stretched over the lookback window, and that `$source` filters both.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { history } from '../../dashboards/lib/promql.js';
import { seriesMetricName } from '../../src/core/series.js';
import { tempDir } from '../helpers/tmp.js';

const tmp = tempDir('ew-dash-history-');
afterAll(() => tmp.cleanup());

/** The panel's query as Grafana sends it with source "s" selected and a 1-minute step. */
const expr = history('cbp_encounters', { component: 'usbp' }).replaceAll('$source', 's').replaceAll('$__interval', '1m');
const name = seriesMetricName('cbp_encounters');
const LIVE = 'job="enforcement-watch",instance="exporter:9464"';
const want = (value: number) => [{ labels: `{component="usbp",source="s"}`, value }];

const test = {
  rule_files: [],
  evaluation_interval: '1m',
  tests: [
    {
      interval: '1m',
      input_series: [
        // Backfilled: the values of two months, each at its period end (minutes 0 and 10).
        { series: `${name}{source="s",component="usbp"}`, values: '100 _x9 200' },
        // Live: scraped from minute 8 on, the newest complete month.
        { series: `${name}{source="s",component="usbp",${LIVE}}`, values: '_x8 300x10' },
        // Another source, filtered out by $source in both parts.
        { series: `${name}{source="t",component="usbp"}`, values: '7x20' },
        { series: `${name}{source="t",component="usbp",${LIVE}}`, values: '7x20' },
      ],
      promql_expr_test: [
        { expr, eval_time: '0m', exp_samples: want(100) },
        // 5 minutes after a backfilled sample and before the first scrape: nothing (the panel
        // bridges to the next period end; the sample is not repeated for the lookback window).
        { expr, eval_time: '5m', exp_samples: [] },
        { expr, eval_time: '9m', exp_samples: want(300) },
        // Both exist: the period-stamped history wins.
        { expr, eval_time: '10m', exp_samples: want(200) },
        { expr, eval_time: '12m', exp_samples: want(300) },
      ],
    },
  ],
};

describe('history() in PromQL (promtool test rules)', () => {
  it('reads backfilled periods first, then the live series, without job/instance', async () => {
    const file = path.join(tmp.dir, 'history.test.yml');
    fs.writeFileSync(file, stringify(test));
    let out: string;
    try {
      const { stdout, stderr } = await promisify(execFile)('promtool', ['test', 'rules', file], { timeout: 30_000 });
      out = stdout + stderr;
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
      if (e.code === 'ENOENT') throw new Error('promtool is not installed or not on PATH: run `bash scripts/ensure-test-deps.sh`');
      throw new Error(`promtool test rules failed for\n${expr}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
    expect(out).toContain('SUCCESS');
  });
});
