import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as StateTimelineBuilder } from '@grafana/grafana-foundation-sdk/statetimeline';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { seriesDef, type SeriesName } from '../../src/core/series.js';

/**
 * Shared defaults of every dashboard: the datasource, units, query and panel factories.
 * A panel factory takes a {@link PanelSpec} so no panel can be built without a title, a
 * description and a unit, and gives every query the `${datasource}` variable and a refId.
 */

/** Every panel and query reads from the `datasource` variable (type prometheus). */
export const DATASOURCE: common.DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/**
 * Grafana units. Date units take milliseconds (the dashboards run in UTC so an agency's calendar
 * dates stay put); `suffix:x` and `time:FORMAT` are Grafana's custom units.
 */
export const UNIT = {
  count: 'short',
  people: 'short',
  perDay: 'suffix:/day',
  days: 'suffix:days',
  seconds: 's',
  bytes: 'bytes',
  ratio: 'percentunit',
  day: 'time:YYYY-MM-DD',
  month: 'time:YYYY-MM',
  dateTime: 'dateTimeAsIso',
  none: 'none',
} as const;

export interface PanelSpec {
  readonly title: string;
  /** What the panel shows and where the number comes from. */
  readonly description: string;
  /** Grafana unit of the panel's values (fieldConfig.defaults.unit). */
  readonly unit: string;
  readonly width?: number;
  readonly height?: number;
}

export interface Query {
  readonly expr: string;
  readonly legend?: string;
}

export const q = (expr: string, legend?: string): Query => (legend === undefined ? { expr } : { expr, legend });

/** refIds in query order: A, B, C… */
export const refId = (index: number): string => String.fromCharCode(65 + index);

type Mode = 'range' | 'instant' | 'table';

function target(query: Query, index: number, mode: Mode): prometheus.DataqueryBuilder {
  const t = new prometheus.DataqueryBuilder().datasource(DATASOURCE).expr(query.expr).refId(refId(index));
  if (query.legend !== undefined) t.legendFormat(query.legend);
  if (mode === 'range') return t.range();
  t.instant();
  return mode === 'table' ? t.format(prometheus.PromQueryFormat.Table) : t;
}

interface Basics {
  title(t: string): unknown;
  description(d: string): unknown;
  unit(u: string): unknown;
  datasource(d: common.DataSourceRef): unknown;
  height(h: number): unknown;
  span(w: number): unknown;
  withTarget(t: prometheus.DataqueryBuilder): unknown;
}

function basics<P extends Basics>(panel: P, spec: PanelSpec, queries: readonly Query[], mode: Mode, size: { w: number; h: number }): P {
  panel.title(spec.title);
  panel.description(spec.description);
  panel.unit(spec.unit);
  panel.datasource(DATASOURCE);
  panel.span(spec.width ?? size.w);
  panel.height(spec.height ?? size.h);
  queries.forEach((query, i) => panel.withTarget(target(query, i, mode)));
  return panel;
}

/** Threshold steps: a base colour, then `[from, colour]` pairs in ascending order. */
export function steps(base: string, ...rest: readonly (readonly [number, string])[]): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder()
    .mode(dashboard.ThresholdsMode.Absolute)
    .steps([{ value: null, color: base }, ...rest.map(([value, color]) => ({ value, color }))]);
}

/** Value → text and colour, for codes such as the publication status or `up`. */
export function valueMappings(entries: readonly (readonly [number, string, string])[]): dashboard.ValueMapping[] {
  const options: Record<string, dashboard.ValueMappingResult> = {};
  entries.forEach(([value, text, color], index) => (options[String(value)] = { text, color, index }));
  return [{ type: dashboard.MappingType.ValueToText, options }];
}

/** A single number (or a few) at the evaluation time, coloured by thresholds. */
export function stat(spec: PanelSpec, queries: readonly Query[]): StatBuilder {
  return basics(new StatBuilder(), spec, queries, 'instant', { w: 6, h: 5 })
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .colorMode(common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.None)
    .textMode(common.BigValueTextMode.ValueAndName)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Thresholds))
    .thresholds(steps('blue'));
}

/**
 * A stat whose last query is the data as-of date of the others (the end of the reference
 * period, in Unix seconds): every headline number is shown with the date it describes.
 */
export function statWithAsOf(spec: PanelSpec, values: readonly Query[], asOf: Query, asOfUnit: string = UNIT.day): StatBuilder {
  return stat(spec, [...values, asOf]).overrideByQuery(refId(values.length), [
    { id: 'unit', value: asOfUnit },
    { id: 'color', value: { mode: 'fixed', fixedColor: 'text' } },
  ]);
}

/**
 * Values over time. Figures change when an agency publishes, so lines are drawn as steps, and
 * gaps stay gaps (a missing value is not a zero).
 */
export function timeseries(spec: PanelSpec, queries: readonly Query[]): TimeseriesBuilder {
  return basics(new TimeseriesBuilder(), spec, queries, 'range', { w: 12, h: 8 })
    .drawStyle(common.GraphDrawStyle.Line)
    .lineInterpolation(common.LineInterpolation.StepAfter)
    .lineWidth(2)
    .fillOpacity(10)
    .showPoints(common.VisibilityMode.Never)
    .spanNulls(false)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.PaletteClassic))
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending))
    .thresholds(steps('green'));
}

const DAY_MS = 86_400_000;

/**
 * Values of one observation series over time, queried with `history()` (backfilled samples at
 * period ends, then live values). Monthly flows are drawn as steps over the month each value
 * describes; point-in-time figures (detained, removals to date) as lines between data pull dates.
 * Gaps longer than a period plus a few days stay gaps: a month or a workbook that never came
 * shows as a break, never as a bridge.
 */
export function historyTimeseries(spec: PanelSpec, series: SeriesName, queries: readonly Query[]): TimeseriesBuilder {
  const monthly = seriesDef(series)?.periodKind === 'month';
  return timeseries(spec, queries)
    .lineInterpolation(monthly ? common.LineInterpolation.StepBefore : common.LineInterpolation.Linear)
    .spanNulls((monthly ? 35 : 31) * DAY_MS)
    .showPoints(common.VisibilityMode.Auto);
}

/** Draws the panel's thresholds as dashed lines: the alert's line on the chart. */
export function withThresholdLines(panel: TimeseriesBuilder, thresholds: dashboard.ThresholdsConfigBuilder): TimeseriesBuilder {
  return panel.thresholds(thresholds).thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
}

/** Stacks the series of a time series panel (parts of one whole, e.g. ICE + CBP arrests). */
export function stacked(panel: TimeseriesBuilder): TimeseriesBuilder {
  return panel.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal)).fillOpacity(40);
}

/**
 * A table of instant queries that share their label columns, merged into one row per label set;
 * `columns` names the value column of each query in order; label columns can be renamed or hidden.
 * Prometheus's own `job` and `instance` labels and the sample time are dropped.
 */
export function table(
  spec: PanelSpec,
  queries: readonly Query[],
  columns: readonly string[],
  labels: { rename?: Readonly<Record<string, string>>; hide?: readonly string[] } = {},
): TableBuilder {
  if (columns.length !== queries.length) throw new Error(`table "${spec.title}": ${queries.length} queries but ${columns.length} column names`);
  const renameByName: Record<string, string> = { ...labels.rename };
  // Grafana names the value column "Value" for a single query, "Value #<refId>" for several.
  columns.forEach((c, i) => (renameByName[queries.length === 1 ? 'Value' : `Value #${refId(i)}`] = c));
  const excludeByName = { Time: true, job: true, instance: true };
  const panel = basics(new TableBuilder(), spec, queries, 'table', { w: 24, h: 9 })
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({ id: 'organize', options: { excludeByName, renameByName, indexByName: {} } })
    .cellHeight(common.TableCellHeight.Sm)
    .thresholds(steps('text'));
  // Hidden, not removed: a hidden column still feeds data links (`${__data.fields.url}`).
  for (const h of labels.hide ?? []) panel.overrideByName(h, [{ id: 'custom.hidden', value: true }]);
  return panel;
}

/** Sets a table column's unit (and optionally thresholds, value mappings or a link) by its display name. */
export function column(
  panel: TableBuilder,
  name: string,
  unit: string,
  extra: { thresholds?: dashboard.ThresholdsConfigBuilder; mappings?: dashboard.ValueMapping[]; link?: { title: string; url: string } } = {},
): TableBuilder {
  const props: dashboard.DynamicConfigValue[] = [{ id: 'unit', value: unit }];
  if (extra.link) props.push({ id: 'links', value: [{ ...extra.link, targetBlank: true }] });
  if (extra.thresholds) {
    props.push({ id: 'thresholds', value: extra.thresholds.build() });
    props.push({ id: 'custom.cellOptions', value: { type: 'color-text' } });
  }
  if (extra.mappings) {
    props.push({ id: 'mappings', value: extra.mappings });
    props.push({ id: 'custom.cellOptions', value: { type: 'color-background', mode: 'basic' } });
  }
  return panel.overrideByName(name, props);
}

/** Discrete states over time (one row per series), coloured by value mappings. */
export function stateTimeline(spec: PanelSpec, queries: readonly Query[], mappings: dashboard.ValueMapping[]): StateTimelineBuilder {
  return basics(new StateTimelineBuilder(), spec, queries, 'range', { w: 24, h: 8 })
    .mappings(mappings)
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom))
    .showValue(common.VisibilityMode.Never)
    .mergeValues(true)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Fixed).fixedColor('text'))
    .thresholds(steps('text'));
}

/**
 * The alerts Prometheus holds, firing and pending (Grafana lists the rules of every Prometheus
 * datasource that manages alerts). The Watchdog always fires and is left out. It runs no query;
 * unit and datasource are set like everywhere else so every panel reads the same.
 */
export function alertList(spec: PanelSpec): dashboard.PanelBuilder {
  return new dashboard.PanelBuilder()
    .type('alertlist')
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(DATASOURCE)
    .span(spec.width ?? 12)
    .height(spec.height ?? 8)
    .options({
      viewMode: 'list',
      groupMode: 'default',
      groupBy: [],
      maxItems: 50,
      sortOrder: 3,
      dashboardAlerts: false,
      alertName: '',
      alertInstanceLabelFilter: '{alertname!="Watchdog"}',
      datasource: '',
      showInstances: true,
      stateFilter: { firing: true, pending: true, noData: false, normal: false, error: true },
    });
}
