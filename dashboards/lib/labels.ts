import { sourceById } from '../../scrapers/index.js';
import type { PublicationStatus } from '../../src/server/views.js';

/**
 * Label values and source ids the dashboards select on. They belong to the parsers and the
 * registry; they are gathered here so no panel retypes them, and the query test against the
 * demo exporter (tests/dashboards/queries.test.ts) fails when one drifts.
 */

/** `region` of `cbp_encounters` (scrapers/lib/cbp-csv.ts) and `usbp_apprehensions` (scrapers/cbp-encounters-table.ts). */
export const REGION = {
  southwest: 'southwest_land_border',
  northern: 'northern_land_border',
  nationwide: 'nationwide',
} as const;

/** `component` of `cbp_encounters`: the two CBP components and their roll-up. */
export const COMPONENT = { usbp: 'usbp', ofo: 'ofo', all: 'all' } as const;

/** `kind` of `usbp_apprehensions`: the region total (the at-large/at-entry split adds up to it). */
export const APPREHENSION_KIND = { total: 'total' } as const;

/** `arresting_agency` of the ICE detention series: `ice`, `cbp` and their roll-up `all`. */
export const ARRESTING_AGENCY = { all: 'all' } as const;

/** `basis` of `enforcement_pace_change_ratio` (src/metrics/pace.ts). PaceShift alerts on the trailing mean. */
export const PACE_BASIS = { trailing: 'trailing_3_month_mean', previous: 'previous_month' } as const;

function registered(id: string): string {
  if (!sourceById(id)) throw new Error(`dashboards: source "${id}" is not in scrapers/index.ts`);
  return id;
}

/**
 * The publication each headline figure is read from when several carry the same numbers (the
 * nationwide and the southwest CSVs both hold the southwest border; the current and the frozen
 * FY2025 encounters pages both hold USBP apprehensions). Checked against the registry at build.
 */
export const HEADLINE_SOURCE = {
  southwestEncounters: registered('cbp-southwest-csv'),
  usbpApprehensions: registered('cbp-nationwide-encounters'),
} as const;

/**
 * Numeric codes of the publication status in PromQL (see `publicationStatus` in
 * src/server/views.ts). `satisfies` keeps the list complete when a status is added there.
 */
export const STATUS_CODE = {
  on_time: 0,
  due: 1,
  overdue: 2,
  silent: 3,
  scraper_failing: 4,
  unknown: 5,
} as const satisfies Record<PublicationStatus, number>;

/** How each status reads and is coloured on the dashboards. */
export const STATUS_DISPLAY: Readonly<Record<PublicationStatus, { text: string; color: string }>> = {
  on_time: { text: 'on time', color: 'green' },
  due: { text: 'due', color: 'yellow' },
  overdue: { text: 'overdue', color: 'orange' },
  silent: { text: 'silent for months', color: 'red' },
  scraper_failing: { text: 'our scraper failing', color: 'purple' },
  unknown: { text: 'nothing seen yet', color: 'text' },
};

/** Prometheus job of the exporter (deploy/prometheus.yml; ExporterDown watches `up` of it). */
export const EXPORTER_JOB = 'enforcement-watch';

/**
 * prom-client's default process and Node.js figures, exported with this prefix
 * (`collectDefaultMetrics({ prefix })` in src/metrics/exporter.ts).
 */
const PROCESS_PREFIX = 'enforcement_watch_';
const processMetric = (name: string): string => `${PROCESS_PREFIX}${name}`;

export const PROCESS_METRIC = {
  residentMemory: processMetric('process_resident_memory_bytes'),
  cpuSeconds: processMetric('process_cpu_seconds_total'),
  startTime: processMetric('process_start_time_seconds'),
  openFds: processMetric('process_open_fds'),
  heapUsed: processMetric('nodejs_heap_size_used_bytes'),
  eventLoopLagP99: processMetric('nodejs_eventloop_lag_p99_seconds'),
} as const;
