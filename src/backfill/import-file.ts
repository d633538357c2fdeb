import { dayStartSeconds } from '../core/periods.js';
import type { SourceDef } from '../core/source.js';
import type { ParseIssue, ParseResult, ParserDef } from '../core/types.js';
import { dataAsOfOf } from '../pipeline/next-state.js';
import { sha256Hex } from '../store/artifacts.js';
import type { IngestCounts, SourceState, Store } from '../store/store.js';

/**
 * Ingests a file a person downloaded by hand (agencies sometimes block automated clients) with
 * the same provenance and revision handling as a scrape: the file is parsed by the parser of
 * the step it belongs to, stored as an artifact, and its observations go through
 * `Store.commitCycle` (vintages, revisions, "historical" for files older than the current one).
 *
 * The source state changes only forward: the publication date and data as-of date move when
 * the file is newer than what is known, never back. Scraper health (`up`, errors, last
 * success) is ours and is left alone: an import is not a successful fetch. When the file is the
 * newest known, its hash (and URL) are recorded as the source's current file, so the next
 * scrape that fetches the same bytes from the same URL sees nothing new.
 *
 * Failure: the parser's `LayoutError` or `ValidationError` propagates before anything is stored.
 */

export interface ImportInput {
  readonly source: SourceDef;
  readonly body: Buffer;
  /** Where the file was published (the agency URL); file names carry dates for some parsers. */
  readonly url: string;
  /** The agency's publication date when the person knows it; overrides the parser's. */
  readonly publishedOn?: string;
  readonly now: number;
}

export interface ImportResult {
  readonly parser: ParserDef;
  readonly sha256: string;
  readonly observations: number;
  readonly issues: readonly ParseIssue[];
  readonly counts: IngestCounts;
  readonly publishedOn: string | null;
  readonly dataAsOf: string | null;
  /** Whether the file moved the source's publication date / data as-of date forward. */
  readonly advanced: { readonly publication: boolean; readonly data: boolean };
}

/** The parser of the step the file belongs to: the followed file's, else the landing page's. */
export const importParser = (source: SourceDef): ParserDef => source.follow?.parser ?? source.landing;

const CONTENT_TYPES: Readonly<Record<ParserDef['format'], string>> = {
  html: 'text/html',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A parsed file ready to be committed. */
export interface PreparedImport {
  readonly input: Omit<ImportInput, 'now'>;
  readonly parser: ParserDef;
  readonly parsed: ParseResult;
  readonly sha256: string;
}

/** Parses the file; throws the parser's `LayoutError`/`ValidationError` without touching any store. */
export function prepareImport(input: Omit<ImportInput, 'now'>): PreparedImport {
  const parser = importParser(input.source);
  const parsed = parser.parse({ body: input.body, url: input.url });
  return { input, parser, parsed, sha256: sha256Hex(input.body) };
}

/** Stores a prepared file in one transaction (artifact, capture, observations, state). */
export function commitImport(store: Store, p: PreparedImport, now: number): ImportResult {
  const { input, parser, parsed, sha256 } = p;
  const publishedOn = input.publishedOn ?? parsed.publishedOn ?? null;
  const dataAsOf = dataAsOfOf(parsed);
  const prev = store.state(input.source.id);
  const { state, advanced } = importedState(prev, { publishedOn, dataAsOf, sha256, url: input.url, follows: Boolean(input.source.follow) });
  const counts = store.commitCycle({
    source: input.source.id,
    now,
    fetches: [],
    validators: [],
    state,
    captures: [
      {
        url: input.url,
        body: input.body,
        contentType: CONTENT_TYPES[parser.format],
        parserId: parser.id,
        parserVersion: parser.version,
        publishedOn,
        dataAsOf: parsed.dataAsOf ?? null,
        observations: parsed.observations,
      },
    ],
  });
  return { parser, sha256, observations: parsed.observations.length, issues: parsed.issues, counts, publishedOn, dataAsOf, advanced };
}

/** Parses and stores in one call. */
export function importFile(store: Store, input: ImportInput): ImportResult {
  return commitImport(store, prepareImport(input), input.now);
}

interface Imported {
  readonly publishedOn: string | null;
  readonly dataAsOf: string | null;
  readonly sha256: string;
  readonly url: string;
  readonly follows: boolean;
}

/** The source state after an import: publication and data dates only move forward. */
export function importedState(prev: SourceState, f: Imported): { state: SourceState; advanced: ImportResult['advanced'] } {
  const publication = f.publishedOn !== null && (prev.publishedOn === null || f.publishedOn > prev.publishedOn);
  const data = f.dataAsOf !== null && (prev.dataAsOf === null || f.dataAsOf > prev.dataAsOf);
  let state: SourceState = prev;
  if (publication) state = { ...state, publishedOn: f.publishedOn, publishedAt: dayStartSeconds(f.publishedOn!) * 1000 };
  if (data) state = { ...state, dataAsOf: f.dataAsOf, dataAsOfStalled: false };
  // The newest file known: remember it so a scrape of the same bytes is not new content.
  if (publication || (f.publishedOn === null && data)) {
    state = f.follows ? { ...state, fileUrl: f.url, fileSha256: f.sha256 } : { ...state, landingSha256: f.sha256 };
  }
  return { state, advanced: { publication, data } };
}
