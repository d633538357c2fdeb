/**
 * The small set of error classes that decide behaviour. The class (and for fetches the
 * `kind`) becomes the `kind` label on error counters; nothing is swallowed with a log line.
 *
 * - {@link FetchError}: the agency's server could not be read (our side or theirs).
 *   `retryable` says whether the fetcher may try again within the same cycle.
 * - {@link LayoutError}: the page or file no longer matches what the parser expects
 *   (layout drift). Never retried; it raises `ParserBroken`.
 * - {@link ValidationError}: the structure was found but the numbers are impossible in a way
 *   that poisons the whole artifact (a partial failure is reported as a parse issue instead).
 * - {@link StoreError}: the data directory or database cannot be used safely.
 * - {@link ConfigError}: the configuration file does not match the schema; names the path.
 */

/** Classified reasons a fetch fails; the `kind` label of `enforcement_source_fetch_errors_total`. */
export const FETCH_ERROR_KINDS = [
  'timeout',
  'dns',
  'refused',
  'reset',
  'truncated',
  'http_4xx',
  'http_5xx',
  'http_429',
  'too_large',
  'bad_content_type',
  'redirect',
  'host_not_allowed',
  'decode',
  'network',
] as const;
export type FetchErrorKind = (typeof FETCH_ERROR_KINDS)[number];

/** Every value the `kind` label of error metrics can take. */
export const ERROR_KINDS = [...FETCH_ERROR_KINDS, 'layout', 'validation'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    /** Seconds the server asked us to wait (Retry-After), when it said so. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export class LayoutError extends Error {
  override readonly name = 'LayoutError';
  readonly kind = 'layout' as const;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly kind = 'validation' as const;
}

export class StoreError extends Error {
  override readonly name = 'StoreError';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** Dotted path of the offending field, e.g. `sources.ice-detention.cadence.graceHours`. */
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** The error-kind label for any error raised during a source cycle. */
export function errorKindOf(err: unknown): ErrorKind {
  if (err instanceof FetchError) return err.kind;
  if (err instanceof LayoutError) return 'layout';
  if (err instanceof ValidationError) return 'validation';
  return 'network';
}
