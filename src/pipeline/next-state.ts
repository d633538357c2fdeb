import { dayStartSeconds, periodEndSeconds } from '../core/periods.js';
import type { ParseIssue, ParseResult, Publication } from '../core/types.js';
import type { SourceState } from '../store/store.js';

/** What one fetch step of a cycle produced. `parsed` is absent when the bytes were not new. */
export interface StepOutcome {
  readonly url: string;
  readonly sha256: string | null;
  readonly changed: boolean;
  readonly parsed?: ParseResult;
  readonly lastModified: string | null;
  /** The listing entry that led to this file (follow steps only). */
  readonly publication?: Publication;
}

export interface CycleSteps {
  readonly now: number;
  readonly started: number;
  readonly landing: StepOutcome;
  readonly file: StepOutcome | undefined;
  /** The source follows a listing to a file: the file carries the data, the listing the posting date. */
  readonly follows: boolean;
}

/**
 * The source state after a successful cycle. Keeps the three freshness signals apart:
 * our success (`lastSuccessAt`), the agency's publication (`publishedAt`: its own date when it
 * gives one, else HTTP Last-Modified, else when we first saw the new content), and the data
 * (`dataAsOf`: the end of the newest reference period). `dataAsOfStalled` is set when new
 * content did not move the as-of date forward (agencies have re-posted stale data as new).
 */
export function nextState(prev: SourceState, c: CycleSteps): SourceState {
  const data = c.follows ? c.file : c.landing;
  const anyChange = c.landing.changed || Boolean(c.file?.changed);
  const publishedOn = newestPublishedOn(c) ?? prev.publishedOn;
  const dataAsOf = data?.parsed ? dataAsOfOf(data.parsed) ?? prev.dataAsOf : prev.dataAsOf;
  return {
    ...prev,
    up: true,
    lastAttemptAt: c.started,
    lastSuccessAt: c.now,
    lastChangeAt: anyChange ? c.now : prev.lastChangeAt,
    publishedOn,
    // A listing edit (a banner, a footer) is not a publication: only the data-bearing artifact counts.
    publishedAt: publishedAtOf(prev, publishedOn, data, Boolean(data?.changed), c.now),
    dataAsOf,
    dataAsOfStalled: stalled(prev, data, dataAsOf),
    lastErrorKind: null,
    lastErrorMessage: null,
    landingSha256: c.landing.sha256,
    fileUrl: c.file?.url ?? prev.fileUrl,
    fileSha256: c.file?.sha256 ?? prev.fileSha256,
    issues: c.landing.parsed || c.file?.parsed ? issuesOf(c) : prev.issues,
    signals: { ...prev.signals, ...c.landing.parsed?.signals, ...c.file?.parsed?.signals },
  };
}

function newestPublishedOn(c: CycleSteps): string | null {
  const candidates = [c.file?.parsed?.publishedOn, c.file?.publication?.posted ?? undefined, c.landing.parsed?.publishedOn];
  const dates = candidates.filter((d): d is string => typeof d === 'string');
  return dates.length ? dates.sort().at(-1)! : null;
}

function publishedAtOf(prev: SourceState, publishedOn: string | null, data: StepOutcome | undefined, changed: boolean, now: number): number | null {
  if (publishedOn) return dayStartSeconds(publishedOn) * 1000;
  if (data?.changed && data.lastModified) {
    const t = Date.parse(data.lastModified);
    if (!Number.isNaN(t)) return t;
  }
  return changed ? now : prev.publishedAt;
}

/** The parser's as-of date, else the end of the newest complete period among its observations. */
export function dataAsOfOf(parsed: ParseResult): string | null {
  if (parsed.dataAsOf) return parsed.dataAsOf;
  let best: number | null = null;
  for (const o of parsed.observations) {
    if (o.partial) continue;
    const end = periodEndSeconds(o.period);
    if (best === null || end > best) best = end;
  }
  return best === null ? null : new Date(best * 1000).toISOString().slice(0, 10);
}

function stalled(prev: SourceState, data: StepOutcome | undefined, dataAsOf: string | null): boolean {
  if (!data?.changed || !data.parsed) return prev.dataAsOfStalled;
  if (prev.dataAsOf === null || dataAsOf === null || prev.fileSha256 === null && prev.landingSha256 === null) return false;
  return dataAsOf <= prev.dataAsOf;
}

function issuesOf(c: CycleSteps): ParseIssue[] {
  return [...(c.landing.parsed?.issues ?? []), ...(c.file?.parsed?.issues ?? [])].slice(0, 100);
}
