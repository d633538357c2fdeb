import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { METRIC } from '../../src/metrics/names.js';
import { DATASOURCE } from './common.js';

/**
 * Puts panels on a dashboard: the two variables every dashboard has, rows in order, panels left
 * to right, and panel ids numbered 1, 2, 3… in that order (rows included), so ids are unique and
 * stable across builds.
 */

/** Tag every generated dashboard carries; the dashboard links list them by it. */
export const TAG = 'enforcement-watch';

export interface PanelLike extends cog.Builder<dashboard.Panel> {
  id(id: number): unknown;
}

export interface Section {
  readonly row: string;
  readonly panels: readonly PanelLike[];
}

export interface DashboardMeta {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  /** Default time range, e.g. `now-1y`. */
  readonly from: string;
  readonly annotations?: readonly cog.Builder<dashboard.AnnotationQuery>[];
}

export function composeDashboard(meta: DashboardMeta, sections: readonly Section[]): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder(meta.title)
    .uid(meta.uid)
    .description(meta.description)
    .tags([TAG])
    .editable()
    .timezone('utc')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .refresh('5m')
    .time({ from: meta.from, to: 'now' })
    .link(new dashboard.DashboardLinkBuilder('Dashboards').type(dashboard.DashboardLinkType.Dashboards).tags([TAG]).asDropdown(true).includeVars(true).keepTime(true))
    .withVariable(datasourceVariable())
    .withVariable(sourceVariable());
  for (const a of meta.annotations ?? []) builder.annotation(a);
  let id = 0;
  for (const section of sections) {
    builder.withRow(new dashboard.RowBuilder(section.row).id(++id));
    for (const panel of section.panels) {
      panel.id(++id);
      builder.withPanel(panel);
    }
  }
  const built = builder.build();
  // The SDK places annotation toggles and links in Grafana 12's "controls" menu; drop that so
  // they stay on the dashboard's top bar in every Grafana (11 ignores the field anyway).
  for (const a of built.annotations?.list ?? []) delete a.placement;
  for (const l of built.links ?? []) delete l.placement;
  return built;
}

/** The datasource variable: any Prometheus that scrapes the exporter. */
export function datasourceVariable(): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder('datasource').label('Data source').type('prometheus');
}

/**
 * The source variable, read from the exporter: every source of the registry exports
 * `enforcement_source_info`, so its `source` label values are the registry's ids.
 */
export function sourceVariable(): dashboard.QueryVariableBuilder {
  const query = `label_values(${METRIC.sourceInfo}, source)`;
  return new dashboard.QueryVariableBuilder('source')
    .label('Source')
    .description('Publications watched (scrapers/index.ts), as the exporter reports them in enforcement_source_info.')
    .datasource(DATASOURCE)
    .query(query)
    .definition(query)
    .refresh(dashboard.VariableRefresh.OnDashboardLoad)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ selected: true, text: 'All', value: '$__all' });
}
