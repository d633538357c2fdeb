import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { METRIC } from '../../src/metrics/names.js';
import { DATASOURCE } from './common.js';
import { PUBLICATION_STATUS } from './freshness.js';
import { STATUS_CODE } from './labels.js';
import { millis, sel } from './promql.js';

/**
 * Annotation queries marking publications, revisions and silences on the time series panels.
 * The timestamps are the gauges' values (`useValueForTime`), so a mark sits at the agency's own
 * publication time (or when we detected the revision), not at the scrape that first saw it;
 * every sample of the same value collapses into one mark.
 */

function prometheusAnnotation(name: string, color: string, expr: string, title: string): dashboard.AnnotationQueryBuilder {
  return new dashboard.AnnotationQueryBuilder()
    .name(name)
    .datasource(DATASOURCE)
    .enable(true)
    .iconColor(color)
    .expr(expr)
    .titleFormat(title)
    .tagKeys('source')
    .step('1h');
}

/** A mark at each new publication of a source (its `last_published` timestamp changing). */
export function publications(): dashboard.AnnotationQueryBuilder {
  return prometheusAnnotation('Publications', 'blue', millis(sel(METRIC.sourceLastPublished)), '{{source}} published').useValueForTime(true);
}

/** A mark at each detected revision of an already-published number, per series. */
export function revisions(): dashboard.AnnotationQueryBuilder {
  return prometheusAnnotation('Revisions', 'orange', millis(sel(METRIC.revisionLastTimestamp)), '{{series}} revised ({{source}})').useValueForTime(true);
}

/** A region over the time a source was silent for months (publication status "silent"). */
export function silences(): dashboard.AnnotationQueryBuilder {
  return prometheusAnnotation('Silent sources', 'red', `(${PUBLICATION_STATUS}) == ${STATUS_CODE.silent}`, '{{source}} silent for months');
}
