/**
 * The only changes the alerting end-to-end test makes to the project's alert configuration,
 * as pure text rewrites (comments, expressions, labels, annotations, routes and inhibit rules
 * stay byte-for-byte as written). Each rewrite checks, by parsing the result, that it reached
 * every place it had to, so a config that grows a new shape fails loudly instead of running
 * half-rewritten with production timings.
 */
import { parse } from 'yaml';

interface RuleFile {
  groups: { rules: { alert?: string; for?: string }[] }[];
}

/**
 * Rewrites every `for: <duration>` line of a Prometheus rule file to `for: <to>` (production
 * values are 5m..6h; an end-to-end run cannot wait that long). Rules without `for:` (DataRevised,
 * Watchdog) stay without one. Returns the new text and the alerts whose `for` changed.
 */
export function shortenForClauses(text: string, to: string): { text: string; changed: { alert: string; from: string }[] } {
  const out = text.replace(/^(\s+)for:[ \t]*\S+[ \t]*$/gm, `$1for: ${to}`);
  const before = (parse(text) as RuleFile).groups.flatMap((g) => g.rules);
  const after = (parse(out) as RuleFile).groups.flatMap((g) => g.rules);
  const changed = before.filter((r) => r.for !== undefined).map((r) => ({ alert: r.alert ?? '(recording rule)', from: r.for! }));
  const stillLong = after.filter((r) => r.for !== undefined && r.for !== to);
  if (stillLong.length > 0 || after.filter((r) => r.for === to).length !== changed.length) {
    throw new Error(`shortenForClauses: could not rewrite every for: (${JSON.stringify(stillLong)})`);
  }
  return { text: out, changed };
}

export interface AlertmanagerTimings {
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
}

interface Route {
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
}

interface AmConfig {
  route: Route;
  receivers: { name: string; webhook_configs?: { url: string }[] }[];
}

/**
 * Points every webhook receiver of an Alertmanager config at `webhookOrigin` (keeping the
 * `/hooks/<receiver>` path, so the receiver that got a notification is visible in the URL) and
 * replaces every `group_wait`, `group_interval` and `repeat_interval` (top route and sub-routes)
 * with the given short values.
 */
export function rewriteAlertmanagerConfig(text: string, webhookOrigin: string, t: AlertmanagerTimings): string {
  const timing: Record<string, string> = { group_wait: t.groupWait, group_interval: t.groupInterval, repeat_interval: t.repeatInterval };
  let out = text.replace(/^(\s+)(group_wait|group_interval|repeat_interval):[ \t]*\S+[ \t]*$/gm, (_m, indent: string, key: string) => `${indent}${key}: ${timing[key]}`);
  out = out.replace(/^(\s*-?\s*url:[ \t]*)\S+?(\/hooks\/[\w-]+)[ \t]*$/gm, `$1${webhookOrigin}$2`);
  const cfg = parse(out) as AmConfig;
  const routes: Route[] = [];
  const walk = (r: Route): void => {
    routes.push(r);
    r.routes?.forEach(walk);
  };
  walk(cfg.route);
  for (const r of routes) {
    for (const [key, value] of Object.entries(timing)) {
      const v = r[key as keyof Route];
      if (v !== undefined && v !== value) throw new Error(`rewriteAlertmanagerConfig: ${key} left at ${String(v)}`);
    }
  }
  for (const rec of cfg.receivers) {
    for (const w of rec.webhook_configs ?? []) {
      if (w.url !== `${webhookOrigin}/hooks/${rec.name}`) throw new Error(`rewriteAlertmanagerConfig: receiver ${rec.name} still sends to ${w.url}`);
    }
  }
  return out;
}

/** A Prometheus config for the test: one job `enforcement-watch`, the rules beside it, one Alertmanager. */
export function prometheusConfig(o: { exporter: string; alertmanager: string; scrapeInterval: string; evaluationInterval: string; ruleGlob: string }): string {
  return [
    'global:',
    `  scrape_interval: ${o.scrapeInterval}`,
    `  scrape_timeout: ${o.scrapeInterval}`,
    `  evaluation_interval: ${o.evaluationInterval}`,
    'rule_files:',
    `  - ${o.ruleGlob}`,
    'alerting:',
    '  alertmanagers:',
    '    - static_configs:',
    `        - targets: ['${o.alertmanager}']`,
    'scrape_configs:',
    '  - job_name: enforcement-watch',
    '    static_configs:',
    `      - targets: ['${o.exporter}']`,
    '',
  ].join('\n');
}
