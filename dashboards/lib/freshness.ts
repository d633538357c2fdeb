import { METRIC } from '../../src/metrics/names.js';
import type { PublicationStatus } from '../../src/server/views.js';
import { valueMappings } from './common.js';
import { STATUS_CODE, STATUS_DISPLAY } from './labels.js';
import { ageOf, days, sel } from './promql.js';

/**
 * The freshness signals in PromQL, kept apart as in the domain brief: our scraper (up, last
 * success), the agency's publication (last published against cadence + grace) and the data
 * (as-of date). Every expression is filtered by `$source` and keeps the `source` label.
 */

const up = sel(METRIC.sourceUp);
const published = sel(METRIC.sourceLastPublished);
const every = sel(METRIC.sourceExpectedInterval);
const grace = sel(METRIC.sourceGrace);
const publicationAge = ageOf(published);

/**
 * The publication status of each source as a number (see {@link STATUS_CODE}), the same
 * definition as `publicationStatus` in src/server/views.ts:
 * scraper failing first (our outage is never shown as the agency's silence); then, with a
 * publication seen, the count of the limits its age exceeds — cadence (due), cadence + grace
 * (overdue), three cadences + grace (silent) — which is 0..3 because the limits ascend; and
 * "nothing seen yet" for a source that is up but has no publication time.
 * (A source never attempted exports up=0 and reads as failing here.)
 */
export const PUBLICATION_STATUS = [
  `((${up} == 0) + ${STATUS_CODE.scraper_failing})`,
  `(
  (${publicationAge} > bool ${every})
  + (${publicationAge} > bool (${every} + ${grace}))
  + (${publicationAge} > bool (3 * ${every} + ${grace}))
)`,
  `(${up} * 0 + ${STATUS_CODE.unknown})`,
].join('\nor\n');

/** Sources in one status (0 when none), for the counters above the table. */
export const sourcesInStatus = (status: PublicationStatus): string =>
  `count((${PUBLICATION_STATUS}) == ${STATUS_CODE[status]}) or vector(0)`;

/** Mappings that turn the status code into its name and colour. */
export const STATUS_MAPPINGS = valueMappings(
  (Object.keys(STATUS_CODE) as PublicationStatus[]).map((s) => [STATUS_CODE[s], STATUS_DISPLAY[s].text, STATUS_DISPLAY[s].color] as const),
);

/**
 * Days past cadence + grace: PublicationOverdue's value (alerts/publication.rules.yml), without
 * its guards (our last read after the deadline; frozen sources), which the table shows apart.
 */
export const DAYS_PAST_DEADLINE = days(`time() - ${published} - (${every} + ${grace})`);

export const DAYS_SINCE_PUBLICATION = days(publicationAge);
export const CADENCE_DAYS = days(every);
export const GRACE_DAYS = days(grace);
export const DATA_AS_OF_LAG_DAYS = days(ageOf(sel(METRIC.sourceDataAsOf)));

/** `enforcement_source_up` as text. */
export const UP_MAPPINGS = valueMappings([
  [1, 'reading fine', 'green'],
  [0, 'failing', 'red'],
]);

/** `enforcement_source_data_as_of_stalled` as text (DataAsOfStalled fires at 1). */
export const STALLED_MAPPINGS = valueMappings([
  [0, 'advancing', 'green'],
  [1, 'stalled (re-post?)', 'orange'],
]);
