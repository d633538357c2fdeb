/**
 * The alert rules as a product interface: the alert names, their severities and texts, the
 * metric names they read, and the promtool tests that must show each of them firing and not.
 * (The behaviour itself is tested by promtool in promtool.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { METRIC } from '../../src/metrics/names.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ALERTS = path.join(ROOT, 'alerts');

/** The alerts users and receivers depend on by name, with the severity that routes them. */
const INTERFACE = {
  ScrapeFailing: { severity: 'page', perSource: true },
  ParserBroken: { severity: 'page', perSource: true },
  PublicationOverdue: { severity: 'page', perSource: true },
  ExporterDown: { severity: 'page', perSource: false },
  DataAsOfStalled: { severity: 'info', perSource: true },
  DataRevised: { severity: 'info', perSource: true },
  PaceShift: { severity: 'info', perSource: true },
  RemovalsGoalOffPace: { severity: 'info', perSource: true },
  Watchdog: { severity: 'none', perSource: false },
} as const;
type AlertName = keyof typeof INTERFACE;
const NAMES = Object.keys(INTERFACE) as AlertName[];

/**
 * Metric names the rules may read that src/metrics/names.ts does not list yet; each entry is a
 * promise that the exporter serves it. Remove an entry once METRIC has it. (It has been empty
 * since `enforcement_revision_last_info` was added as METRIC.revisionLastInfo.)
 */
const NOT_YET_IN_METRIC: readonly string[] = [];

interface Rule {
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface PromtoolTest {
  alert_rule_test?: { alertname: string; exp_alerts?: { exp_labels?: Record<string, string>; exp_annotations?: Record<string, string> }[] }[];
}

const ymlIn = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.yml')).map((f) => path.join(dir, f));
const rules: Rule[] = ymlIn(ALERTS)
  .flatMap((f) => (parse(fs.readFileSync(f, 'utf8')) as { groups: { rules: Rule[] }[] }).groups)
  .flatMap((g) => g.rules);
const alerts = rules.filter((r): r is Rule & { alert: string } => r.alert !== undefined);
const ruleTests = ymlIn(path.join(ALERTS, 'tests'))
  .flatMap((f) => (parse(fs.readFileSync(f, 'utf8')) as { tests: PromtoolTest[] }).tests)
  .flatMap((t) => t.alert_rule_test ?? []);
const docs = fs.readFileSync(path.join(ROOT, 'docs/alerts.md'), 'utf8');

/** Seconds in a Prometheus duration such as `6h`, `30m` or `1h30m`. */
function seconds(duration: string): number {
  const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
  return [...duration.matchAll(/(\d+)([smhd])/g)].reduce((sum, [, n, u]) => sum + Number(n) * unit[u!]!, 0);
}

const ruleOf = (name: string) => alerts.find((a) => a.alert === name)!;

describe('alert rules: the product interface', () => {
  it('defines every alert of the interface exactly once, and no other', () => {
    const defined = alerts.map((a) => a.alert);
    for (const name of NAMES) expect({ name, count: defined.filter((d) => d === name).length }).toEqual({ name, count: 1 });
    expect([...defined].sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)('%s carries its severity, a summary, a description and a runbook section that exists', (name) => {
    const rule = ruleOf(name);
    expect(rule.labels?.severity).toBe(INTERFACE[name].severity);
    expect(rule.annotations?.summary).toBeTruthy();
    expect(rule.annotations?.description).toBeTruthy();
    expect(rule.annotations?.runbook).toBe(`docs/alerts.md#${name.toLowerCase()}`);
    expect(docs).toMatch(new RegExp(`^### ${name}$`, 'm'));
  });

  it('links per-source alerts to the agency page from enforcement_source_info', () => {
    for (const name of NAMES.filter((n) => INTERFACE[n].perSource)) {
      expect({ name, link: ruleOf(name).annotations?.link }).toEqual({ name, link: expect.stringContaining('enforcement_source_info') });
    }
  });

  it('keeps the durations the end-to-end test rewrites in `for:`: pages for late publications within 1h, scraper pages after a long window', () => {
    expect(seconds(ruleOf('PublicationOverdue').for ?? '0s')).toBeLessThanOrEqual(3600);
    expect(seconds(ruleOf('ScrapeFailing').for ?? '0s')).toBeGreaterThanOrEqual(6 * 3600);
    for (const rule of alerts.filter((a) => a.for !== undefined)) expect(rule.for).toMatch(/^(\d+[smhd])+$/);
  });

  it('reads only metric names that src/metrics/names.ts declares', () => {
    const known = new Set<string>([...Object.values(METRIC), ...NOT_YET_IN_METRIC]);
    const referenced = new Set(
      rules.flatMap((r) => [r.expr, ...Object.values(r.annotations ?? {})]).flatMap((text) => text.match(/\benforcement_[a-z0-9_]+/g) ?? []),
    );
    expect(referenced.size).toBeGreaterThan(20);
    expect([...referenced].filter((m) => !known.has(m))).toEqual([]);
  });
});

describe('alerts/tests: promtool coverage', () => {
  it.each(NAMES)('%s is shown both firing (with its annotations) and not firing', (name) => {
    const cases = ruleTests.filter((t) => t.alertname === name);
    const firing = cases.flatMap((t) => t.exp_alerts ?? []);
    expect(firing.length).toBeGreaterThan(0);
    for (const alert of firing) {
      expect(alert.exp_annotations?.summary).toBeTruthy();
      if (INTERFACE[name].perSource) expect(alert.exp_labels?.source).toBeTruthy();
    }
    // The Watchdog fires by definition; every other alert needs a case where it must stay quiet.
    if (name !== 'Watchdog') expect(cases.some((t) => (t.exp_alerts ?? []).length === 0)).toBe(true);
  });
});
