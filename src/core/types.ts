/**
 * The contract between parsers, the pipeline and the store.
 *
 * A parser is a pure function over the bytes of one fetched artifact: no clock, no I/O, no
 * logging. Success: it returns a {@link ParseResult} whose observations are numbers the input
 * actually contains (or exact sums of them). Partial failure: a bad row or an impossible value
 * becomes a {@link ParseIssue} and that value is not emitted. Failure: when the artifact does
 * not have the expected layout at all it throws a `LayoutError` with a one-line reason — never
 * an empty success, never a zero.
 */

export type Labels = Readonly<Record<string, string>>;

export interface Observation {
  /** Series name from the catalog in `src/core/series.ts` (without the `enforcement_` prefix). */
  readonly series: string;
  readonly labels: Labels;
  /** `YYYY-MM` for monthly values, `YYYY-MM-DD` (the data as-of date) for point-in-time values. */
  readonly period: string;
  readonly value: number;
  /** The month was still in progress at the data as-of date (e.g. ICE book-ins so far). */
  readonly partial?: boolean;
}

export interface ParseIssue {
  /** Short machine code, e.g. `total_mismatch`, `non_numeric`, `negative`. */
  readonly code: string;
  readonly message: string;
}

/** One file offered by a listing page. */
export interface Publication {
  readonly url: string;
  /** The agency's posted date, `YYYY-MM-DD`, or null when the listing gives none. */
  readonly posted: string | null;
  readonly bytes: number | null;
  readonly title?: string;
}

export interface ParseResult {
  readonly observations: Observation[];
  readonly issues: ParseIssue[];
  /** Files a listing page points to, newest first. */
  readonly publications?: Publication[];
  /** The agency's own publication date of this artifact (`YYYY-MM-DD`): Last Modified, posted date, file date. */
  readonly publishedOn?: string;
  /** End of the newest reference period the artifact covers (`YYYY-MM-DD`). */
  readonly dataAsOf?: string;
  /** Other publication signals worth keeping (e.g. the reporting month in a Tableau workbook name). */
  readonly signals?: Readonly<Record<string, string>>;
}

export interface ParseInput {
  readonly body: Buffer;
  /** The URL the artifact was fetched from (file names carry dates for some agencies). */
  readonly url: string;
}

export type Parser = (input: ParseInput) => ParseResult;

export interface ParserDef {
  /** Kebab-case id used by the CLI `parse` command. */
  readonly id: string;
  /** Bumped whenever the parser's output for the same input can change. */
  readonly version: number;
  readonly description: string;
  /** What the artifact must look like on the wire. */
  readonly format: 'html' | 'csv' | 'xlsx';
  readonly parse: Parser;
}
