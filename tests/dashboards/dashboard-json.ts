/**
 * Reading the committed dashboard JSON (dashboards/generated/*.json) the way Grafana does:
 * panels (rows flattened), their targets, and the annotation queries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const GENERATED = path.join(ROOT, 'dashboards', 'generated');

export interface DatasourceRef {
  readonly type?: string;
  readonly uid?: string;
}

export interface ThresholdsJson {
  readonly mode: string;
  readonly steps: readonly { readonly value: number | null; readonly color: string }[];
}

export interface TargetJson {
  readonly refId?: string;
  readonly expr?: string;
  readonly instant?: boolean;
  readonly range?: boolean;
  readonly format?: string;
  readonly legendFormat?: string;
  readonly datasource?: DatasourceRef;
}

export interface OverrideJson {
  readonly matcher: { readonly id: string; readonly options?: unknown };
  readonly properties: readonly { readonly id: string; readonly value?: unknown }[];
}

export interface PanelJson {
  readonly id?: number;
  readonly type: string;
  readonly title?: string;
  readonly description?: string;
  readonly datasource?: DatasourceRef;
  readonly fieldConfig?: { readonly defaults?: { readonly unit?: string; readonly thresholds?: ThresholdsJson }; readonly overrides?: readonly OverrideJson[] };
  readonly targets?: readonly TargetJson[];
  readonly panels?: readonly PanelJson[];
}

export interface AnnotationJson {
  readonly name: string;
  readonly expr?: string;
  readonly datasource?: DatasourceRef;
  readonly builtIn?: number;
}

export interface VariableJson {
  readonly name: string;
  readonly type: string;
  readonly query?: unknown;
  readonly datasource?: DatasourceRef;
  readonly allValue?: string;
}

export interface DashboardJson {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly PanelJson[];
  readonly annotations: { readonly list?: readonly AnnotationJson[] };
  readonly templating: { readonly list?: readonly VariableJson[] };
}

export function generatedFiles(): string[] {
  return fs.readdirSync(GENERATED).filter((f) => f.endsWith('.json')).sort();
}

export function loadGenerated(): DashboardJson[] {
  return generatedFiles().map((f) => JSON.parse(fs.readFileSync(path.join(GENERATED, f), 'utf8')) as DashboardJson);
}

/** Every panel, rows' nested panels included, rows themselves included. */
export function allPanels(d: DashboardJson): PanelJson[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** Every panel that shows data (rows excluded). */
export function dataPanels(d: DashboardJson): PanelJson[] {
  return allPanels(d).filter((p) => p.type !== 'row');
}

export interface QueryJson {
  /** `<uid> › <panel title> › <refId>` or `<uid> › annotation <name>`. */
  readonly key: string;
  readonly expr: string;
  readonly kind: 'instant' | 'range';
}

/** Every PromQL expression of a dashboard: panel targets and annotation queries. */
export function queriesOf(d: DashboardJson): QueryJson[] {
  const out: QueryJson[] = [];
  for (const p of dataPanels(d)) {
    for (const t of p.targets ?? []) {
      if (t.expr) out.push({ key: `${d.uid} › ${p.title} › ${t.refId}`, expr: t.expr, kind: t.instant ? 'instant' : 'range' });
    }
  }
  for (const a of d.annotations.list ?? []) if (a.expr) out.push({ key: `${d.uid} › annotation ${a.name}`, expr: a.expr, kind: 'range' });
  return out;
}

/** Metric names of this project (`enforcement_…`, process figures included) an expression reads. */
export function metricNamesIn(expr: string): string[] {
  return [...new Set(expr.match(/\benforcement_[a-z0-9_]+/g) ?? [])].sort();
}

export function panelByTitle(d: DashboardJson, title: string): PanelJson {
  const p = dataPanels(d).find((x) => x.title === title);
  if (!p) throw new Error(`${d.uid} has no panel "${title}"`);
  return p;
}
