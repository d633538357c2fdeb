import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { METRIC } from '../src/metrics/names.js';
import { publications, revisions, silences } from './lib/annotations.js';
import { ALERT_THRESHOLDS } from './lib/alert-thresholds.js';
import { historyTimeseries, q, stacked, statWithAsOf, steps, UNIT, withThresholdLines } from './lib/common.js';
import { APPREHENSION_KIND, ARRESTING_AGENCY, COMPONENT, HEADLINE_SOURCE, REGION } from './lib/labels.js';
import { composeDashboard } from './lib/layout.js';
import { bare, history, millis, periodEndMetric, sel, seriesMetric } from './lib/promql.js';

/**
 * Overview: the numbers watchdogs and journalists look for — ICE removals against the stated
 * goal, detention, and the border — each headline with the date its data describes.
 */
export function overview(): Dashboard {
  return composeDashboard(
    {
      uid: 'ew-overview',
      title: 'Enforcement watch: overview',
      description: 'ICE removals against the goal, ICE detention and southwest border figures, each with its data as-of date. Marks: publications, revisions, silent sources.',
      from: 'now-1y',
      annotations: [publications(), revisions(), silences()],
    },
    [
      { row: 'ICE removals against the goal', panels: [removalsToDate(), annualizedPace(), goalProgress(), dailyPace(), removalsAgainstGoal()] },
      { row: 'ICE detention', panels: [detainedNow(), detainedByAgency(), averageDailyPopulation()] },
      { row: 'Border', panels: [southwestLatest(), usbpLatest(), southwestByMonth(), usbpByBorder()] },
    ],
  );
}

// --- ICE removals ---------------------------------------------------------------------------

/** Only the fiscal year the goal figures describe (the exporter also keeps closed years). */
const currentFiscalYear = (expr: string): string => `${expr} and on(source, fiscal_year) ${sel(METRIC.removalsAnnualizedPace)}`;
const REMOVALS_TO_DATE = currentFiscalYear(sel(seriesMetric('ice_removals_fytd')));
const REMOVALS_AS_OF = q(millis(currentFiscalYear(sel(periodEndMetric('ice_removals_fytd')))), 'data as of');
const GOAL = bare(METRIC.removalsGoal);
const OFF_PACE_LINE = `${bare(METRIC.removalsGoalOffPaceShare)} * ${GOAL}`;
const SOURCE_NOTE = 'Source: the "ICE Removals" table of the ICE detention statistics workbook (data pull date = as of).';

function removalsToDate() {
  return statWithAsOf(
    { title: 'ICE removals so far this fiscal year', unit: UNIT.count, description: `Removals in the current fiscal year (October to September) up to the workbook's data pull date. ${SOURCE_NOTE}` },
    [q(REMOVALS_TO_DATE, 'FY{{fiscal_year}}')],
    REMOVALS_AS_OF,
  );
}

function annualizedPace() {
  const { removalsGoal, removalsOffPaceShare } = ALERT_THRESHOLDS;
  return statWithAsOf(
    {
      title: 'Annualized removals pace',
      unit: UNIT.count,
      description: `Removals the fiscal year would end with at the fiscal-year-to-date daily rate (exporter: ${METRIC.removalsAnnualizedPace}). Red below ${removalsOffPaceShare} × ${removalsGoal}, where RemovalsGoalOffPace fires (config defaults). ${SOURCE_NOTE}`,
    },
    [q(sel(METRIC.removalsAnnualizedPace), 'FY{{fiscal_year}} pace')],
    REMOVALS_AS_OF,
  ).thresholds(steps('red', [removalsOffPaceShare * removalsGoal, 'green']));
}

function goalProgress() {
  return statWithAsOf(
    { title: 'Share of the goal done', unit: UNIT.ratio, description: `Fiscal-year-to-date removals divided by the configured annual goal (${METRIC.removalsGoalProgress}). ${SOURCE_NOTE}` },
    [q(sel(METRIC.removalsGoalProgress), 'FY{{fiscal_year}}')],
    REMOVALS_AS_OF,
  );
}

function dailyPace() {
  return statWithAsOf(
    {
      title: 'Removals per day: so far and needed',
      unit: UNIT.perDay,
      description: `Removals per day so far this fiscal year (${METRIC.removalsCurrentDailyPace}) and per day needed from the data pull date to reach the goal by 30 September (${METRIC.removalsRequiredDailyPace}). ${SOURCE_NOTE}`,
    },
    [q(sel(METRIC.removalsCurrentDailyPace), 'so far'), q(sel(METRIC.removalsRequiredDailyPace), 'needed')],
    REMOVALS_AS_OF,
  );
}

function removalsAgainstGoal() {
  const { removalsGoal, removalsOffPaceShare } = ALERT_THRESHOLDS;
  return withThresholdLines(
    historyTimeseries(
      {
        title: 'ICE removals this fiscal year against the goal',
        unit: UNIT.count,
        width: 24,
        description: `Fiscal-year-to-date removals at each data pull date, one line per fiscal year (backfilled history, then live); the goal; the level below which the annualized pace is off pace (RemovalsGoalOffPace); and the on-goal path: where the count would stand at the data pull date had removals run at the goal's even daily rate (removals to date ÷ annualized pace × goal). ${SOURCE_NOTE}`,
      },
      'ice_removals_fytd',
      [
        q(history('ice_removals_fytd'), 'FY{{fiscal_year}} removals to date'),
        q(`(${REMOVALS_TO_DATE}) / ${sel(METRIC.removalsAnnualizedPace)} * ignoring(source, fiscal_year) group_left() ${GOAL}`, 'on-goal path at the as-of date'),
        q(GOAL, 'goal'),
        q(OFF_PACE_LINE, 'off-pace level (alert)'),
      ],
    ),
    steps('transparent', [removalsOffPaceShare * removalsGoal, 'red']),
  );
}

// --- ICE detention --------------------------------------------------------------------------

const DETENTION_NOTE = 'Source: the "ICE Currently Detained by Criminality and Arresting Agency" table of the ICE detention statistics workbook.';

function detainedNow() {
  return statWithAsOf(
    { title: 'In ICE detention', unit: UNIT.people, description: `People in ICE detention on the data pull date, ICE and CBP arrests together. ${DETENTION_NOTE}` },
    [q(sel(seriesMetric('ice_detained'), { arresting_agency: ARRESTING_AGENCY.all }), 'detained')],
    q(millis(sel(periodEndMetric('ice_detained'), { arresting_agency: ARRESTING_AGENCY.all })), 'data as of'),
  );
}

function detainedByAgency() {
  return stacked(
    historyTimeseries(
      {
        title: 'Detained population by arresting agency',
        unit: UNIT.people,
        width: 9,
        description: `People in ICE detention at each data pull date (about every two weeks), split by the agency that made the arrest (ICE or CBP), stacked; backfilled history, then live. A break is a gap of more than a month between workbooks. ${DETENTION_NOTE}`,
      },
      'ice_detained',
      [q(history('ice_detained', { arresting_agency: `!=${ARRESTING_AGENCY.all}` }), '{{arresting_agency}}')],
    ),
  );
}

function averageDailyPopulation() {
  return stacked(
    historyTimeseries(
      {
        title: 'Average daily detention population by month',
        unit: UNIT.people,
        width: 9,
        description: 'Average daily ICE detention population per month, by arresting agency, stacked; each step spans the month it describes (backfilled history, then the newest complete month live). Source: "ICE Average Daily Population by Arresting Agency, Month and Criminality" in the ICE detention statistics workbook.',
      },
      'ice_average_daily_population',
      [q(history('ice_average_daily_population', { arresting_agency: `!=${ARRESTING_AGENCY.all}` }), '{{arresting_agency}}')],
    ),
  );
}

// --- Border ---------------------------------------------------------------------------------

const southwestMatchers = (component: string) => ({ source: HEADLINE_SOURCE.southwestEncounters, region: REGION.southwest, component });
const usbpMatchers = (region: string) => ({ source: HEADLINE_SOURCE.usbpApprehensions, region, kind: APPREHENSION_KIND.total });
const southwest = (component: string) => sel(seriesMetric('cbp_encounters'), southwestMatchers(component));
const usbpTotal = (region: string) => sel(seriesMetric('usbp_apprehensions'), usbpMatchers(region));
const SW_NOTE = 'Source: the CBP Southwest Land Border Encounters CSV (sum of every row of the month).';
const USBP_NOTE = 'Source: the static table on the CBP Nationwide Encounters page (U.S. Border Patrol apprehensions).';

function southwestLatest() {
  return statWithAsOf(
    { title: 'Southwest border encounters, newest month', unit: UNIT.people, width: 12, description: `Encounters at the southwest land border in the newest complete month: Border Patrol (USBP, between ports) and Field Operations (OFO, at ports), and both. ${SW_NOTE}` },
    [q(southwest(COMPONENT.all), 'USBP + OFO'), q(southwest(COMPONENT.usbp), 'USBP'), q(southwest(COMPONENT.ofo), 'OFO')],
    q(millis(sel(periodEndMetric('cbp_encounters'), { source: HEADLINE_SOURCE.southwestEncounters, region: REGION.southwest, component: COMPONENT.all })), 'month'),
    UNIT.month,
  );
}

function usbpLatest() {
  return statWithAsOf(
    { title: 'USBP apprehensions, newest month', unit: UNIT.people, width: 12, description: `Border Patrol apprehensions in the newest complete month, nationwide and by border. ${USBP_NOTE}` },
    [q(usbpTotal(REGION.nationwide), 'nationwide'), q(usbpTotal(REGION.southwest), 'southwest border'), q(usbpTotal(REGION.northern), 'northern border')],
    q(millis(sel(periodEndMetric('usbp_apprehensions'), { source: HEADLINE_SOURCE.usbpApprehensions, region: REGION.nationwide, kind: APPREHENSION_KIND.total })), 'month'),
    UNIT.month,
  );
}

function southwestByMonth() {
  return stacked(
    historyTimeseries(
      {
        title: 'Southwest border encounters by month (USBP and OFO)',
        unit: UNIT.people,
        description: `Encounters per month, stacked by CBP component; each step spans the month it describes (backfilled history, then the newest complete month live). A break is a month CBP did not report. ${SW_NOTE}`,
      },
      'cbp_encounters',
      [q(history('cbp_encounters', southwestMatchers(`=~${COMPONENT.usbp}|${COMPONENT.ofo}`)), '{{component}}')],
    ),
  );
}

function usbpByBorder() {
  return historyTimeseries(
    {
      title: 'USBP apprehensions by border',
      unit: UNIT.people,
      description: `Border Patrol apprehensions per month at the southwest and the northern border; each step spans the month it describes (backfilled history, then the newest complete month live). One line per page: the current fiscal year's and the frozen past years' pages overlap where they report the same month. ${USBP_NOTE}`,
    },
    'usbp_apprehensions',
    [q(history('usbp_apprehensions', { region: `=~${REGION.southwest}|${REGION.northern}`, kind: APPREHENSION_KIND.total }), '{{region}} ({{source}})')],
  );
}
