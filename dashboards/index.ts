import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { exporterHealth } from './exporter-health.js';
import { overview } from './overview.js';
import { paceAndRevisions } from './pace-revisions.js';
import { publicationHealth } from './publication-health.js';

/**
 * The dashboards, in the order they are listed (docs/dashboards.md says what each answers).
 * `npm run dashboards` writes each to `dashboards/generated/<uid>.json`, which Grafana loads
 * through deploy/grafana/provisioning/dashboards/.
 */
export const DASHBOARDS: readonly (() => Dashboard)[] = [
  overview, //           removals against the goal, detention, the border — each with its as-of date
  publicationHealth, //  per source: on time, due, overdue or silent; our last good read; alerts
  paceAndRevisions, //   pace changes (PaceShift), goal tracking, revised numbers (DataRevised)
  exporterHealth, //     our scrapers and the exporter process
];

export function buildDashboards(): Dashboard[] {
  return DASHBOARDS.map((build) => build());
}
