/**
 * Names of every Prometheus family the exporter serves, in one place. The exporter, the
 * dashboards and the tests of the alert rules import them from here; nothing retypes them.
 * Per-series families (`enforcement_<series>`) are derived from `src/core/series.ts`.
 */
export const METRIC = {
  // Per source, always present (one broken source never hides the others).
  sourceUp: 'enforcement_source_up',
  sourceInfo: 'enforcement_source_info',
  sourceLastAttempt: 'enforcement_source_last_attempt_timestamp_seconds',
  sourceLastSuccess: 'enforcement_source_last_success_timestamp_seconds',
  sourceLastChange: 'enforcement_source_last_change_timestamp_seconds',
  sourceLastPublished: 'enforcement_source_last_published_timestamp_seconds',
  sourceDataAsOf: 'enforcement_source_data_as_of_timestamp_seconds',
  sourceDataAsOfStalled: 'enforcement_source_data_as_of_stalled',
  sourceExpectedInterval: 'enforcement_source_expected_interval_seconds',
  sourceGrace: 'enforcement_source_grace_seconds',
  sourceNextExpected: 'enforcement_source_next_expected_publication_timestamp_seconds',
  sourceLastErrorInfo: 'enforcement_source_last_error_info',
  sourceFetchErrors: 'enforcement_source_fetch_errors_total',
  sourceParseErrors: 'enforcement_source_parse_errors_total',
  sourceParseIssues: 'enforcement_source_parse_issues',
  sourceFetchDuration: 'enforcement_source_fetch_duration_seconds',
  sourceFetchBytes: 'enforcement_source_fetch_body_bytes_total',
  sourceFetches: 'enforcement_source_fetches_total',
  // Revisions.
  revisions: 'enforcement_revisions_total',
  revisionLastTimestamp: 'enforcement_revision_last_timestamp_seconds',
  revisionLastOldValue: 'enforcement_revision_last_old_value',
  revisionLastNewValue: 'enforcement_revision_last_new_value',
  revisionLastInfo: 'enforcement_revision_last_info',
  // Pace and goal tracking.
  paceChangeRatio: 'enforcement_pace_change_ratio',
  paceShiftThreshold: 'enforcement_pace_shift_threshold_ratio',
  fiscalYearToDate: 'enforcement_fiscal_year_to_date',
  removalsAnnualizedPace: 'enforcement_removals_annualized_pace',
  removalsGoal: 'enforcement_removals_goal',
  removalsGoalProgress: 'enforcement_removals_goal_progress_ratio',
  removalsRequiredDailyPace: 'enforcement_removals_required_daily_pace',
  removalsCurrentDailyPace: 'enforcement_removals_current_daily_pace',
  removalsGoalOffPaceShare: 'enforcement_removals_goal_off_pace_share',
  // Exporter itself.
  buildInfo: 'enforcement_build_info',
  storeObservations: 'enforcement_store_observations',
  storeArtifactBytes: 'enforcement_store_artifact_bytes',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Suffix of the per-series family that carries the end of the exported period. */
export const PERIOD_END_SUFFIX = '_period_end_timestamp_seconds';
