import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { configSchema } from '../../src/config/schema.js';

/**
 * The numbers the alert rules fire at, so panel thresholds show the same lines. Nothing here is
 * retyped: durations and windows are read from `alerts/*.rules.yml`, and the thresholds the rules
 * read as metrics (pace shift, goal, off-pace share) are the config schema's defaults. A deployment
 * that configures other values sees them as series on the panels (the exporter serves them);
 * the static colour steps follow the defaults.
 */

interface Rule {
  readonly alert?: string;
  readonly expr?: string;
  readonly for?: string;
}

/** The repository root: the nearest folder above this file holding `alerts/`. */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'alerts', 'meta.rules.yml'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('dashboards: alerts/ not found above dashboards/lib');
    dir = up;
  }
  return dir;
}

function loadRules(): ReadonlyMap<string, Rule> {
  const dir = path.join(repoRoot(), 'alerts');
  const rules = new Map<string, Rule>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yml')).sort()) {
    const doc = parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { groups: { rules: Rule[] }[] };
    for (const r of doc.groups.flatMap((g) => g.rules)) if (r.alert) rules.set(r.alert, r);
  }
  return rules;
}

const RULES = loadRules();

function rule(name: string): Rule {
  const r = RULES.get(name);
  if (!r) throw new Error(`dashboards: alert rule ${name} not found in alerts/*.yml`);
  return r;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** The `for:` of an alert in seconds (0 when it has none). */
export function forSeconds(name: string): number {
  const text = rule(name).for;
  if (text === undefined) return 0;
  const m = /^(\d+)([smhd])$/.exec(text);
  if (!m) throw new Error(`dashboards: cannot read for: ${text} of ${name}`);
  return Number(m[1]) * UNIT_SECONDS[m[2]!]!;
}

/** How long DataRevised stays active after a revision: the `< N` of its expression. */
function dataRevisedWindowSeconds(): number {
  const m = /enforcement_revision_last_timestamp_seconds\s*<\s*(\d+)/.exec(rule('DataRevised').expr ?? '');
  if (!m) throw new Error('dashboards: DataRevised no longer compares the revision age with a constant');
  return Number(m[1]);
}

const DEFAULTS = configSchema.parse({});

/** Every threshold a panel shows, named after the alert it mirrors. */
export const ALERT_THRESHOLDS = {
  /** ScrapeFailing: a source has been failing this long (seconds). */
  scrapeFailingAfter: forSeconds('ScrapeFailing'),
  /** ParserBroken: a layout or validation error lasting this long (seconds). */
  parserBrokenAfter: forSeconds('ParserBroken'),
  /** ExporterDown: Prometheus cannot scrape the exporter this long (seconds). */
  exporterDownAfter: forSeconds('ExporterDown'),
  /** PublicationOverdue fires when its value (days past cadence + grace) is above 0. */
  publicationOverdueDays: 0,
  /** DataRevised stays active this long after a revision (seconds). */
  dataRevisedWindow: dataRevisedWindowSeconds(),
  /** PaceShift: |ratio against the trailing 3-month mean| above this (config default). */
  paceShiftRatio: DEFAULTS.pace.defaultThreshold,
  /** RemovalsGoalOffPace: annualized pace below share × goal (config defaults). */
  removalsGoal: DEFAULTS.goals.removalsPerFiscalYear,
  removalsOffPaceShare: DEFAULTS.goals.offPaceShare,
} as const;
