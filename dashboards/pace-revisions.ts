import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { METRIC } from '../src/metrics/names.js';
import { revisions } from './lib/annotations.js';
import { ALERT_THRESHOLDS } from './lib/alert-thresholds.js';
import { column, q, stat, steps, table, timeseries, UNIT, valueMappings, withThresholdLines } from './lib/common.js';
import { PACE_BASIS } from './lib/labels.js';
import { composeDashboard } from './lib/layout.js';
import { ageOf, bare, millis, sel } from './lib/promql.js';

/**
 * Pace and revisions: did the pace of a series change (PaceShift), are removals on course for
 * the goal (RemovalsGoalOffPace), and which published numbers were revised (DataRevised)?
 */
export function paceAndRevisions(): Dashboard {
  return composeDashboard(
    {
      uid: 'ew-pace-revisions',
      title: 'Enforcement watch: pace and revisions',
      description: 'Month-on-month and trailing-mean pace changes with the PaceShift threshold, removals goal tracking, and revisions of already-published numbers.',
      from: 'now-1y',
      annotations: [revisions()],
    },
    [
      { row: 'Pace of each series', panels: [paceAgainstTrailingMean(), paceAgainstPreviousMonth(), paceTable()] },
      { row: 'Removals goal tracking', panels: [goalFigures(), annualizedPaceOverTime(), dailyPaceOverTime(), fiscalYearToDateTable()] },
      { row: 'Revisions', panels: [revisionsBySeries(), newestRevisions()] },
    ],
  );
}

// --- Pace -----------------------------------------------------------------------------------

const trailing = sel(METRIC.paceChangeRatio, { basis: PACE_BASIS.trailing });
const previous = sel(METRIC.paceChangeRatio, { basis: PACE_BASIS.previous });
const threshold = bare(METRIC.paceShiftThreshold);
const PACE_NOTE =
  'Ratios compare the newest complete month with its basis, minus 1 (partial months are never compared); computed by the exporter (src/metrics/pace.ts).';
const paceSteps = () => steps('red', [-ALERT_THRESHOLDS.paceShiftRatio, 'green'], [ALERT_THRESHOLDS.paceShiftRatio, 'red']);

function paceAgainstTrailingMean() {
  return withThresholdLines(
    timeseries(
      {
        title: 'Change against the trailing 3-month mean (PaceShift)',
        unit: UNIT.ratio,
        description: `Newest complete month against the mean of the three months before it, per series and key. PaceShift fires when the absolute change exceeds the series' threshold (${METRIC.paceShiftThreshold}, drawn as series; the dashed lines are the config default ±${ALERT_THRESHOLDS.paceShiftRatio}). ${PACE_NOTE}`,
      },
      [
        q(trailing, '{{series}} {{key}} ({{source}})'),
        q(`max by (series) (${threshold} and on(series) ${trailing})`, 'PaceShift threshold {{series}}'),
        q(`-max by (series) (${threshold} and on(series) ${trailing})`, '−PaceShift threshold {{series}}'),
      ],
    ),
    paceSteps(),
  );
}

function paceAgainstPreviousMonth() {
  return timeseries(
    {
      title: 'Change on the previous month',
      unit: UNIT.ratio,
      description: `Newest complete month against the month before, per series and key. Too noisy to alert on; PaceShift quotes it in its text. ${PACE_NOTE}`,
    },
    [q(previous, '{{series}} {{key}} ({{source}})')],
  );
}

function paceTable() {
  const row = (expr: string) => q(`max by (source, series, key) (${expr})`);
  let panel = table(
    {
      title: 'Pace by series, newest complete month',
      unit: UNIT.ratio,
      description: `One row per series and key. "Beyond threshold" is PaceShift's condition (|change against the trailing mean| > threshold; the alert also waits 1h). ${PACE_NOTE}`,
    },
    [
      row(trailing),
      row(previous),
      row(`${trailing} * 0 + on(series) group_left() ${threshold}`),
      row(`abs(${trailing}) > bool on(series) group_left() ${threshold}`),
    ],
    ['Against trailing 3-month mean', 'Against previous month', 'PaceShift threshold', 'Beyond threshold'],
    { rename: { source: 'Source', series: 'Series', key: 'Key' } },
  );
  panel = column(panel, 'Against trailing 3-month mean', UNIT.ratio, { thresholds: paceSteps() });
  return column(panel, 'Beyond threshold', UNIT.none, {
    mappings: valueMappings([
      [0, 'within', 'green'],
      [1, 'PaceShift', 'red'],
    ]),
  });
}

// --- Goal tracking --------------------------------------------------------------------------

const GOAL = bare(METRIC.removalsGoal);
const OFF_PACE_LEVEL = `${bare(METRIC.removalsGoalOffPaceShare)} * ${GOAL}`;
const GOAL_NOTE = 'Computed by the exporter from the newest "ICE Removals" fiscal-year-to-date figure of the ICE detention statistics workbook.';

function goalFigures() {
  return stat(
    {
      title: 'Goal and off-pace level',
      unit: UNIT.count,
      width: 6,
      height: 8,
      description: `The configured annual removals goal (${METRIC.removalsGoal}) and the level below which the annualized pace counts as off pace (${METRIC.removalsGoalOffPaceShare} × goal; RemovalsGoalOffPace). Config: goals.removalsPerFiscalYear, goals.offPaceShare.`,
    },
    [q(GOAL, 'goal'), q(OFF_PACE_LEVEL, 'off-pace level')],
  );
}

function annualizedPaceOverTime() {
  const { removalsGoal, removalsOffPaceShare } = ALERT_THRESHOLDS;
  return withThresholdLines(
    timeseries(
      {
        title: 'Annualized removals pace (RemovalsGoalOffPace)',
        unit: UNIT.count,
        width: 9,
        description: `Removals the fiscal year would end with at the fiscal-year-to-date daily rate. RemovalsGoalOffPace fires below the off-pace level (series; the dashed line is the config default ${removalsOffPaceShare} × ${removalsGoal}). ${GOAL_NOTE}`,
      },
      [q(sel(METRIC.removalsAnnualizedPace), 'FY{{fiscal_year}} annualized pace'), q(OFF_PACE_LEVEL, 'off-pace level'), q(GOAL, 'goal')],
    ),
    steps('red', [removalsOffPaceShare * removalsGoal, 'transparent']),
  );
}

function dailyPaceOverTime() {
  return timeseries(
    {
      title: 'Removals per day: so far and needed',
      unit: UNIT.perDay,
      width: 9,
      description: `Removals per day so far this fiscal year, and per day needed from the data pull date to reach the goal by 30 September (0 once reached). ${GOAL_NOTE}`,
    },
    [q(sel(METRIC.removalsCurrentDailyPace), 'so far (FY{{fiscal_year}})'), q(sel(METRIC.removalsRequiredDailyPace), 'needed (FY{{fiscal_year}})')],
  );
}

function fiscalYearToDateTable() {
  return table(
    {
      title: 'Fiscal year to date by series',
      unit: UNIT.count,
      height: 8,
      description: `Sum of the monthly values of the newest fiscal year so far, a month in progress included (${METRIC.fiscalYearToDate}), per monthly series and key.`,
    },
    [q(sel(METRIC.fiscalYearToDate))],
    ['Fiscal year to date'],
    { rename: { source: 'Source', series: 'Series', key: 'Key', fiscal_year: 'Fiscal year' } },
  );
}

// --- Revisions ------------------------------------------------------------------------------

/** Per (source, series), with the period and key of the newest revision joined in. */
const revisionRow = (expr: string) =>
  q(`max by (source, series, period, key) ((${expr}) * on(source, series) group_left(period, key) ${sel(METRIC.revisionLastInfo)})`);

function revisionsBySeries() {
  return timeseries(
    {
      title: 'Revisions recorded, by series',
      unit: UNIT.count,
      width: 24,
      description: `Previously published values that a later vintage changed, counted per series since the store began (${METRIC.revisions}; history kept in the store). A step up is a new revision.`,
    },
    [q(`sum by (series) (${sel(METRIC.revisions)})`, '{{series}}')],
  );
}

function newestRevisions() {
  let panel = table(
    {
      title: 'Newest revision of each series',
      unit: UNIT.count,
      description: `Per series: revisions so far, when the newest was detected, the period and key it changed, old and new value. DataRevised is active for ${ALERT_THRESHOLDS.dataRevisedWindow / 3600} h after a revision (red "Time since").`,
    },
    [
      revisionRow(sel(METRIC.revisions)),
      revisionRow(millis(sel(METRIC.revisionLastTimestamp))),
      revisionRow(ageOf(sel(METRIC.revisionLastTimestamp))),
      revisionRow(sel(METRIC.revisionLastOldValue)),
      revisionRow(sel(METRIC.revisionLastNewValue)),
      revisionRow(`${sel(METRIC.revisionLastNewValue)} - ${sel(METRIC.revisionLastOldValue)}`),
    ],
    ['Revisions', 'Detected', 'Time since', 'Old value', 'New value', 'Change'],
    { rename: { source: 'Source', series: 'Series', period: 'Period', key: 'Key' } },
  );
  panel = column(panel, 'Detected', UNIT.dateTime);
  return column(panel, 'Time since', UNIT.seconds, { thresholds: steps('red', [ALERT_THRESHOLDS.dataRevisedWindow, 'text']) });
}
