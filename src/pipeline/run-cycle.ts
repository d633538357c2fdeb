import { errorKindOf, FetchError, LayoutError, type ErrorKind } from '../core/errors.js';
import type { SourceDef } from '../core/source.js';
import type { ParseResult, ParserDef, Publication } from '../core/types.js';
import type { FetchRequest, FetchResult } from '../fetch/types.js';
import type { CaptureInput, FetchLog, IngestCounts, SourceState, Store } from '../store/store.js';
import { nextState, type StepOutcome } from './next-state.js';

export interface HttpFetcher {
  fetch(req: FetchRequest): Promise<FetchResult>;
}

export interface CycleDeps {
  readonly store: Store;
  readonly fetcher: HttpFetcher;
  readonly now: () => number;
}

export interface CycleOutcome {
  readonly source: string;
  readonly ok: boolean;
  readonly errorKind?: ErrorKind;
  readonly message?: string;
  /** The agency asked us (Retry-After) not to come back for this many seconds. */
  readonly retryAfterSeconds?: number;
  readonly changed: boolean;
  readonly counts: IngestCounts;
}

/** Mutable record of one cycle's work, committed at the end in one transaction. */
interface CycleWork {
  readonly fetches: FetchLog[];
  readonly captures: CaptureInput[];
  readonly validators: { url: string; validators: { etag: string | null; lastModified: string | null; sha256: string | null } }[];
}

/**
 * One polling cycle of a source: fetch the landing page (conditionally), parse it, follow the
 * listing to the newest file when the source says so, parse that, and commit everything in one
 * transaction. Any fetch, layout or validation error ends the cycle: the source goes `up 0`
 * with the classified kind, and no stored value or artifact changes. Never throws for those.
 */
export async function runCycle(deps: CycleDeps, source: SourceDef): Promise<CycleOutcome> {
  const started = deps.now();
  const prev = deps.store.state(source.id);
  const work: CycleWork = { fetches: [], captures: [], validators: [] };
  try {
    const landing = await step(deps, source, work, source.landingUrl, source.landing, prev.landingSha256);
    const file = source.follow ? await followStep(deps, source, work, prev, landing) : undefined;
    const state = nextState(prev, { now: deps.now(), started, landing, file, follows: Boolean(source.follow) });
    const counts = deps.store.commitCycle({ source: source.id, now: deps.now(), ...work, state });
    return { source: source.id, ok: true, changed: state.lastChangeAt === state.lastSuccessAt, counts };
  } catch (err) {
    if (!(err instanceof FetchError || err instanceof LayoutError || isValidation(err))) throw err;
    const kind = errorKindOf(err);
    const message = (err as Error).message.split('\n')[0]!.slice(0, 500);
    const state: SourceState = { ...prev, up: false, lastAttemptAt: started, lastErrorKind: kind, lastErrorMessage: message, lastErrorAt: deps.now() };
    deps.store.commitCycle({ source: source.id, now: deps.now(), fetches: work.fetches, captures: [], validators: [], state, errorKind: kind });
    const retryAfterSeconds = err instanceof FetchError ? err.retryAfterSeconds : undefined;
    return { source: source.id, ok: false, errorKind: kind, message, changed: false, counts: zeroCounts(), ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
  }
}

const isValidation = (err: unknown): boolean => err instanceof Error && err.name === 'ValidationError';
const zeroCounts = (): IngestCounts => ({ inserted: 0, unchanged: 0, revised: 0, completed: 0, historical: 0 });

async function followStep(deps: CycleDeps, source: SourceDef, work: CycleWork, prev: SourceState, landing: StepOutcome): Promise<StepOutcome> {
  const follow = source.follow!;
  let pub: Publication | undefined;
  if (landing.parsed) {
    pub = (follow.pick ?? ((p) => p[0]))(landing.parsed.publications ?? []);
    if (!pub) throw new LayoutError(`${source.landing.id}: the listing offers no file to follow`);
  }
  const url = pub?.url ?? prev.fileUrl;
  if (!url) throw new LayoutError(`${source.landing.id}: no file known to follow`);
  const prevSha = url === prev.fileUrl ? prev.fileSha256 : null;
  return { ...(await step(deps, source, work, url, follow.parser, prevSha, pub?.posted ?? null)), publication: pub };
}

/** Fetches one artifact and parses it when its bytes are new; records the fetch and capture in `work`. */
async function step(
  deps: CycleDeps,
  source: SourceDef,
  work: CycleWork,
  url: string,
  parser: ParserDef,
  prevSha: string | null,
  /** The listing's posted date of a followed file: its publication date when the file states none. */
  postedOn: string | null = null,
): Promise<StepOutcome> {
  const startedAt = deps.now();
  const known = deps.store.validators(url);
  const useValidators = known && known.sha256 === prevSha && prevSha !== null;
  let res: FetchResult;
  try {
    res = await deps.fetcher.fetch({
      url,
      expect: parser.format,
      browserUserAgent: source.browserUserAgent,
      validators: useValidators ? { etag: known.etag, lastModified: known.lastModified } : undefined,
    });
  } catch (err) {
    if (err instanceof FetchError) work.fetches.push(errorLog(url, startedAt, deps.now(), err));
    throw err;
  }
  work.fetches.push(okLog(res, startedAt));
  if (res.outcome === 'not_modified') return { url, sha256: prevSha, changed: false, lastModified: res.lastModified };
  // Same bytes as the last good cycle: nothing new to parse or keep (the fetch is still logged).
  if (res.sha256 === prevSha) return { url, sha256: prevSha, changed: false, lastModified: res.lastModified };
  const parsed = parser.parse({ body: res.body, url: res.finalUrl });
  work.validators.push({ url, validators: { etag: res.etag, lastModified: res.lastModified, sha256: res.sha256 } });
  work.captures.push({
    url: res.finalUrl,
    body: res.body,
    contentType: res.contentType || 'application/octet-stream',
    parserId: parser.id,
    parserVersion: parser.version,
    publishedOn: parsed.publishedOn ?? postedOn,
    dataAsOf: parsed.dataAsOf ?? null,
    observations: parsed.observations,
  });
  return { url, sha256: res.sha256, changed: true, parsed, lastModified: res.lastModified };
}

function okLog(res: FetchResult, startedAt: number): FetchLog {
  return {
    url: res.url,
    finalUrl: res.finalUrl,
    startedAt,
    durationMs: res.durationMs,
    httpStatus: res.status,
    outcome: res.outcome,
    etag: res.etag,
    lastModified: res.lastModified,
    bytes: res.outcome === 'ok' ? res.body.length : 0,
    sha256: res.outcome === 'ok' ? res.sha256 : null,
    errorKind: null,
    errorMessage: null,
  };
}

function errorLog(url: string, startedAt: number, now: number, err: FetchError): FetchLog {
  return {
    url,
    finalUrl: null,
    startedAt,
    durationMs: now - startedAt,
    httpStatus: err.status ?? null,
    outcome: 'error',
    etag: null,
    lastModified: null,
    bytes: null,
    sha256: null,
    errorKind: err.kind,
    errorMessage: err.message.slice(0, 500),
  };
}

export type { ParseResult };
