import { Counter, Gauge, type Registry } from 'prom-client';
import { periodEndSeconds } from '../core/periods.js';
import { SERIES, seriesMetricName } from '../core/series.js';
import type { Labels } from '../core/types.js';
import { labelsKey } from '../store/observations.js';
import { METRIC, PERIOD_END_SUFFIX } from './names.js';
import type { MetricsSnapshot } from './snapshot.js';

type Snap = () => MetricsSnapshot;
const CACHED = 'Value of the newest complete period; cached from the last scrape of the agency.';

/** One family per exported series (`enforcement_<series>`) plus its period-end family. */
export function registerSeriesFamilies(reg: Registry, snap: Snap): void {
  for (const def of SERIES.filter((s) => s.exported)) {
    const labelNames = ['source', ...def.labelNames];
    const name = seriesMetricName(def.name);
    const rows = () => snap().latest.filter((v) => v.series === def.name);
    new Gauge({
      name,
      help: `${def.help} Unit: ${def.unit}. ${CACHED}`,
      labelNames,
      registers: [reg],
      collect() {
        this.reset();
        for (const v of rows()) this.set({ source: v.source, ...(JSON.parse(v.labels) as Labels) }, v.value);
      },
    });
    new Gauge({
      name: `${name}${PERIOD_END_SUFFIX}`,
      help: `End of the period (Unix seconds) that ${name} holds for the same labels.`,
      labelNames,
      registers: [reg],
      collect() {
        this.reset();
        for (const v of rows()) this.set({ source: v.source, ...(JSON.parse(v.labels) as Labels) }, periodEndSeconds(v.period));
      },
    });
  }
}

/** Revisions, pace ratios, fiscal-year-to-date totals and removals goal tracking. */
export function registerAnalysisFamilies(reg: Registry, snap: Snap): void {
  registerRevisionFamilies(reg, snap);
  const gauge = (name: string, help: string, labelNames: readonly string[], fill: (g: Gauge<string>, s: MetricsSnapshot) => void) =>
    new Gauge({ name, help, labelNames, registers: [reg], collect() { this.reset(); fill(this, snap()); } });
  gauge(METRIC.paceChangeRatio, 'Newest complete month divided by its basis (previous month, or the mean of the three months before it), minus 1.', ['source', 'series', 'key', 'basis'], (g, s) => {
    for (const p of s.pace) g.set({ source: p.source, series: p.series, key: keyOf(p.labels), basis: p.basis }, p.ratio);
  });
  gauge(METRIC.paceShiftThreshold, 'Configured |ratio| beyond which PaceShift fires, per series.', ['series'], (g, s) => {
    for (const def of SERIES.filter((d) => d.exported && d.periodKind === 'month')) {
      g.set({ series: def.name }, s.settings.paceThresholds[def.name] ?? s.settings.defaultPaceThreshold);
    }
  });
  gauge(METRIC.fiscalYearToDate, 'Sum of the monthly values of the newest fiscal year so far (a month in progress included).', ['source', 'series', 'key', 'fiscal_year'], (g, s) => {
    for (const f of s.fytd) g.set({ source: f.source, series: f.series, key: keyOf(f.labels), fiscal_year: String(f.fiscalYear) }, f.total);
  });
  registerRemovalsFamilies(gauge);
}

const keyOf = (labels: string): string => labelsKey(JSON.parse(labels) as Labels);

type GaugeFactory = (name: string, help: string, labelNames: readonly string[], fill: (g: Gauge<string>, s: MetricsSnapshot) => void) => Gauge<string>;

function registerRemovalsFamilies(gauge: GaugeFactory): void {
  const L = ['source', 'fiscal_year'];
  const removals = (name: string, help: string, pick: (r: NonNullable<MetricsSnapshot['removals']>) => number) =>
    gauge(name, help, L, (g, s) => {
      if (s.removals) g.set({ source: s.removals.source, fiscal_year: String(s.removals.fiscalYear) }, pick(s.removals));
    });
  removals(METRIC.removalsAnnualizedPace, 'ICE removals per fiscal year at the fiscal-year-to-date daily rate.', (r) => r.annualizedPace);
  removals(METRIC.removalsCurrentDailyPace, 'ICE removals per day so far this fiscal year (to the data pull date).', (r) => r.currentDailyPace);
  removals(METRIC.removalsGoalProgress, 'ICE fiscal-year-to-date removals divided by the configured annual goal.', (r) => r.goalProgressRatio);
  removals(METRIC.removalsRequiredDailyPace, 'ICE removals per day needed from the data pull date to reach the goal by 30 September.', (r) => r.requiredDailyPace);
  gauge(METRIC.removalsGoal, 'Configured annual removals goal.', [], (g, s) => g.set(s.settings.removalsGoal));
  gauge(METRIC.removalsGoalOffPaceShare, 'Configured share of the goal below which the annualized pace counts as off pace.', [], (g, s) => g.set(s.settings.goalOffPaceShare));
}

function registerRevisionFamilies(reg: Registry, snap: Snap): void {
  new Counter({
    name: METRIC.revisions,
    help: 'Previously published values that a later artifact changed, per series (history kept in the store).',
    labelNames: ['source', 'series'],
    registers: [reg],
    collect() {
      this.reset();
      for (const r of snap().revisions) this.inc({ source: r.source, series: r.series }, r.count);
    },
  });
  const last = (name: string, help: string, pick: (r: MetricsSnapshot['revisions'][number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['source', 'series'],
      registers: [reg],
      collect() {
        this.reset();
        for (const r of snap().revisions) this.set({ source: r.source, series: r.series }, pick(r));
      },
    });
  last(METRIC.revisionLastTimestamp, 'When the newest revision of the series was detected (Unix seconds).', (r) => r.lastAt / 1000);
  last(METRIC.revisionLastOldValue, 'Value before the newest revision of the series.', (r) => r.lastOld);
  last(METRIC.revisionLastNewValue, 'Value after the newest revision of the series.', (r) => r.lastNew);
  new Gauge({
    name: METRIC.revisionLastInfo,
    help: 'Which period and label set the newest revision of the series changed (always 1).',
    labelNames: ['source', 'series', 'period', 'key'],
    registers: [reg],
    collect() {
      this.reset();
      for (const r of snap().revisions) this.set({ source: r.source, series: r.series, period: r.lastPeriod, key: labelsKey(r.lastLabels) }, 1);
    },
  });
}
