import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

/**
 * Dashboard JSON as committed: keys sorted at every level (so a diff shows only real changes),
 * two-space indentation, trailing newline. Array order is kept: it is the panel order.
 */
export function renderDashboard(d: Dashboard): string {
  return `${JSON.stringify(sortKeys(d), null, 2)}\n`;
}

/** The file a dashboard is written to, relative to `dashboards/generated/`. */
export function generatedFileName(d: Dashboard): string {
  if (!d.uid) throw new Error(`dashboard "${d.title}" has no uid`);
  return `${d.uid}.json`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}
