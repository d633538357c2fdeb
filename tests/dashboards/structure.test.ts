/**
 * The shape Grafana and the readers rely on, checked on the committed JSON: unique uids and
 * panel ids, refIds, title/description/unit/datasource on every panel, the two variables, the
 * `$source` filter on every per-source family, and thresholds that are the alert rules' own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../src/config/schema.js';
import { METRIC } from '../../src/metrics/names.js';
import { allPanels, dataPanels, loadGenerated, panelByTitle, queriesOf, ROOT, type DashboardJson, type PanelJson, type ThresholdsJson } from './dashboard-json.js';

const dashboards = loadGenerated();
const byUid = (uid: string): DashboardJson => {
  const d = dashboards.find((x) => x.uid === uid);
  if (!d) throw new Error(`no dashboard ${uid}`);
  return d;
};
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/** Families without a `source` label; every other `enforcement_*` selector must carry `source=~"$source"`. */
const NO_SOURCE_LABEL = new Set<string>([METRIC.paceShiftThreshold, METRIC.removalsGoal, METRIC.removalsGoalOffPaceShare, METRIC.buildInfo, METRIC.storeObservations, METRIC.storeArtifactBytes]);

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
}
const RULES: Rule[] = fs
  .readdirSync(path.join(ROOT, 'alerts'))
  .filter((f) => f.endsWith('.yml'))
  .flatMap((f) => (parse(fs.readFileSync(path.join(ROOT, 'alerts', f), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules));
const rule = (name: string): Rule => RULES.find((r) => r.alert === name)!;
const DEFAULTS = configSchema.parse({});

/** Whitespace and the dashboard's `$source` filter removed, so a panel and a rule can be compared. */
const normalize = (expr: string): string => expr.replaceAll('{source=~"$source"}', '').replaceAll('source=~"$source",', '').replace(/\s+/g, '');

const stepsOf = (t: ThresholdsJson | undefined) => t?.steps.map((s) => [s.value, s.color]);
const columnProperty = (p: PanelJson, column: string, id: string): unknown =>
  p.fieldConfig?.overrides?.find((o) => o.matcher.id === 'byName' && o.matcher.options === column)?.properties.find((x) => x.id === id)?.value;

describe('dashboards/generated/*.json', () => {
  it('are four dashboards with unique uids that Grafana accepts', () => {
    const uids = dashboards.map((d) => d.uid);
    expect(uids.sort()).toEqual(['ew-exporter-health', 'ew-overview', 'ew-pace-revisions', 'ew-publication-health']);
    for (const uid of uids) expect(uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    expect(new Set(dashboards.map((d) => d.title)).size).toBe(dashboards.length);
  });

  describe.each(dashboards.map((d) => [d.uid, d] as const))('%s', (_uid, d) => {
    it('numbers every panel, rows included, with a unique id', () => {
      const ids = allPanels(d).map((p) => p.id);
      for (const id of ids) expect(Number.isInteger(id)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it.each(dataPanels(d).map((p) => [p.title ?? `(panel ${p.id})`, p] as const))('panel "%s" has a title, a description, a unit and the datasource variable', (_t, p) => {
      expect(p.title?.trim()).toBeTruthy();
      expect((p.description ?? '').length, 'description says what the panel shows and where it comes from').toBeGreaterThan(40);
      expect(p.fieldConfig?.defaults?.unit).toBeTruthy();
      expect(p.datasource).toEqual(DATASOURCE);
    });

    it.each(dataPanels(d).filter((p) => p.type !== 'alertlist').map((p) => [p.title!, p] as const))('panel "%s" has queries with unique refIds on the datasource variable', (_t, p) => {
      const targets = p.targets ?? [];
      expect(targets.length).toBeGreaterThan(0);
      const refIds = targets.map((t) => t.refId);
      for (const r of refIds) expect(r).toMatch(/^[A-Z]$/);
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const t of targets) {
        expect(t.datasource).toEqual(DATASOURCE);
        expect(t.expr?.trim()).toBeTruthy();
        expect(Boolean(t.instant) !== Boolean(t.range), `${t.refId} is either instant or range`).toBe(true);
      }
    });

    it('has the datasource (prometheus) and source (from enforcement_source_info) variables', () => {
      const vars = d.templating.list ?? [];
      expect(vars.map((v) => v.name)).toEqual(['datasource', 'source']);
      expect(vars[0]).toMatchObject({ type: 'datasource', query: 'prometheus' });
      expect(vars[1]).toMatchObject({ type: 'query', query: `label_values(${METRIC.sourceInfo}, source)`, datasource: DATASOURCE, allValue: '.*' });
    });

    it('filters every per-source family by $source', () => {
      for (const q of queriesOf(d)) {
        for (const m of q.expr.matchAll(/\b(enforcement_[a-z0-9_]+)(\{[^}]*\})?/g)) {
          const [, name, selector] = m;
          if (NO_SOURCE_LABEL.has(name!) || name!.startsWith('enforcement_watch_')) continue;
          expect(selector ?? '', `${q.key}: ${name}`).toContain('source=~"$source"');
        }
      }
    });

    it('reads annotations from the datasource variable', () => {
      for (const a of d.annotations.list ?? []) expect(a.datasource).toEqual(DATASOURCE);
    });
  });
});

describe('thresholds match the alert rules', () => {
  const overview = byUid('ew-overview');
  const publication = byUid('ew-publication-health');
  const pace = byUid('ew-pace-revisions');
  const exporter = byUid('ew-exporter-health');
  const offPace = DEFAULTS.goals.offPaceShare * DEFAULTS.goals.removalsPerFiscalYear;

  it('RemovalsGoalOffPace: annualized pace red below share × goal', () => {
    expect(rule('RemovalsGoalOffPace').expr).toContain(METRIC.removalsAnnualizedPace);
    const stat = panelByTitle(overview, 'Annualized removals pace');
    expect(stat.targets?.[0]?.expr).toContain(METRIC.removalsAnnualizedPace);
    expect(stepsOf(stat.fieldConfig?.defaults?.thresholds)).toEqual([[null, 'red'], [offPace, 'green']]);
    expect(stepsOf(panelByTitle(pace, 'Annualized removals pace (RemovalsGoalOffPace)').fieldConfig?.defaults?.thresholds)).toEqual([[null, 'red'], [offPace, 'transparent']]);
  });

  it('PublicationOverdue: the panels show its value, red above 0', () => {
    const alertValue = normalize(rule('PublicationOverdue').expr!);
    const chart = panelByTitle(publication, 'Days past cadence + grace');
    expect(alertValue.startsWith(`${normalize(chart.targets![0]!.expr!)}>0`)).toBe(true);
    expect(stepsOf(chart.fieldConfig?.defaults?.thresholds)).toEqual([[null, 'transparent'], [0, 'red']]);
    const table = panelByTitle(publication, 'Publication status by source');
    expect(stepsOf(columnProperty(table, 'Days past cadence + grace', 'thresholds') as ThresholdsJson)).toEqual([[null, 'green'], [0, 'red']]);
  });

  it('PaceShift: ±the default threshold, and the table flags the rule\'s own condition', () => {
    const t = DEFAULTS.pace.defaultThreshold;
    const chart = panelByTitle(pace, 'Change against the trailing 3-month mean (PaceShift)');
    expect(stepsOf(chart.fieldConfig?.defaults?.thresholds)).toEqual([[null, 'red'], [-t, 'green'], [t, 'red']]);
    const condition = normalize(rule('PaceShift').expr!).split('and')[1]!.replace(/^on\(source,series,key\)/, '').replace(/^\((.*)\)$/, '$1');
    const flag = panelByTitle(pace, 'Pace by series, newest complete month').targets![3]!.expr!;
    expect(normalize(flag).replace('>bool', '>')).toContain(condition);
  });

  it('DataRevised: a revision is red for as long as the alert stays active', () => {
    const window = Number(/<\s*(\d+)/.exec(rule('DataRevised').expr!)![1]);
    const table = panelByTitle(pace, 'Newest revision of each series');
    expect(stepsOf(columnProperty(table, 'Time since', 'thresholds') as ThresholdsJson)).toEqual([[null, 'red'], [window, 'text']]);
  });

  it('ScrapeFailing: the time since the last good read is drawn against its for:', () => {
    const m = /^(\d+)h$/.exec(rule('ScrapeFailing').for!)!;
    const chart = panelByTitle(exporter, 'Time since our last good read');
    expect(stepsOf(chart.fieldConfig?.defaults?.thresholds)).toEqual([[null, 'transparent'], [Number(m[1]) * 3600, 'red']]);
  });

  it('ExporterDown: the exporter stat watches up of the job the rule watches', () => {
    expect(rule('ExporterDown').expr).toContain('up{job="enforcement-watch"}');
    expect(panelByTitle(exporter, 'Exporter scraped by Prometheus').targets![0]!.expr).toBe('up{job="enforcement-watch"}');
  });
});

describe('publication health', () => {
  const d = byUid('ew-publication-health');

  it('marks publications, revisions and silent sources', () => {
    expect((d.annotations.list ?? []).map((a) => a.name)).toEqual(['Publications', 'Revisions', 'Silent sources']);
  });

  it('lists the active alerts, the Watchdog left out', () => {
    const list = dataPanels(d).find((p) => p.type === 'alertlist') as PanelJson & { options?: Record<string, unknown> };
    expect(list.options).toMatchObject({ alertInstanceLabelFilter: '{alertname!="Watchdog"}', stateFilter: { firing: true, pending: true } });
  });
});
