/**
 * Every `enforcement_*` family a dashboard query reads exists: statically among the names the
 * code declares (METRIC, the exported series families, prom-client's prefixed process figures),
 * and in the `/metrics` of the real exporter serving the demo agency site (`serve --demo`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERIES, seriesMetricName } from '../../src/core/series.js';
import { METRIC, PERIOD_END_SUFFIX } from '../../src/metrics/names.js';
import { startServe } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { loadGenerated, metricNamesIn, queriesOf } from './dashboard-json.js';

/** name → where it is read (first query that reads it). */
const referenced = new Map<string, string>();
for (const d of loadGenerated()) {
  for (const q of queriesOf(d)) for (const name of metricNamesIn(q.expr)) if (!referenced.has(name)) referenced.set(name, q.key);
  for (const v of d.templating.list ?? []) for (const name of metricNamesIn(String(v.query ?? ''))) if (!referenced.has(name)) referenced.set(name, `${d.uid} › variable ${v.name}`);
}

const DECLARED = new Set<string>([
  ...Object.values(METRIC),
  ...SERIES.filter((s) => s.exported).flatMap((s) => [seriesMetricName(s.name), `${seriesMetricName(s.name)}${PERIOD_END_SUFFIX}`]),
]);

describe('metric names in the dashboards', () => {
  it('read at least the core families', () => {
    for (const name of [METRIC.sourceUp, METRIC.sourceLastPublished, METRIC.removalsAnnualizedPace, METRIC.revisions]) expect(referenced.has(name), name).toBe(true);
  });

  it('are declared in src/metrics/names.ts or src/core/series.ts (or are prom-client process figures)', () => {
    const unknown = [...referenced].filter(([name]) => !DECLARED.has(name) && !name.startsWith('enforcement_watch_'));
    expect(unknown, 'a dashboard retypes or misspells a metric name').toEqual([]);
  });
});

describe('metric names in the dashboards, against the demo exporter', () => {
  const tmp = tempDir('ew-dash-metrics-');
  let serve: Awaited<ReturnType<typeof startServe>>;
  let exposed: Set<string>;

  beforeAll(async () => {
    serve = await startServe(['--demo', '--port', '0', '--host', '127.0.0.1', '--data-dir', tmp.dir]);
    const text = await (await fetch(`${serve.url}/metrics`)).text();
    exposed = new Set<string>();
    for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      const [, name, type] = m;
      exposed.add(name!);
      if (type === 'histogram' || type === 'summary') for (const s of ['_bucket', '_sum', '_count']) exposed.add(`${name}${s}`);
    }
  });

  afterAll(async () => {
    await serve?.stop();
    tmp.cleanup();
  });

  it('exist in /metrics of `serve --demo`', () => {
    const missing = [...referenced].filter(([name]) => !exposed.has(name)).map(([name, where]) => `${name} (read by ${where})`);
    expect(missing).toEqual([]);
  });
});
