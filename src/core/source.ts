import type { ParserDef, Publication } from './types.js';

/**
 * One agency publication we watch. A source fetches its landing page (an HTML page or a listing
 * of files) and parses it; when `follow` is set it then fetches the file the listing points to
 * (by default the newest, i.e. the first publication) and parses that too.
 *
 * Cadence is the agency's publication rhythm (not our polling schedule): a source is late when
 * no new publication was seen within `expectedIntervalSeconds + graceSeconds`.
 */
export interface SourceDef {
  /** Kebab-case, unique; the `source` label everywhere. */
  readonly id: string;
  readonly agency: 'CBP' | 'ICE' | 'DHS OHSS';
  readonly title: string;
  /** The page a human would open to check; also the first URL fetched. */
  readonly landingUrl: string;
  /** node-cron expression for polling (conditional requests make frequent polls cheap). */
  readonly schedule: string;
  readonly cadence: Cadence;
  /** cbp.gov rejects clients without a browser-like User-Agent. */
  readonly browserUserAgent?: boolean;
  readonly landing: ParserDef;
  readonly follow?: FollowStep;
  /** True when the publication is known to be frozen or discontinued (shown on dashboards). */
  readonly frozen?: boolean;
}

export interface Cadence {
  readonly expectedIntervalSeconds: number;
  readonly graceSeconds: number;
}

export interface FollowStep {
  readonly parser: ParserDef;
  /** Chooses the file to fetch from the listing's publications; default: the first (newest). */
  readonly pick?: (publications: readonly Publication[]) => Publication | undefined;
}

export const DAY_SECONDS = 86_400;
export const days = (n: number): number => n * DAY_SECONDS;
