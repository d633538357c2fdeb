import type { ErrorKind } from '../core/errors.js';
import type { Observation } from '../core/types.js';
import { getArtifact, putArtifact, type StoredArtifact } from './artifacts.js';
import { openDatabase, type Db } from './database.js';
import { ingestObservations, type IngestCounts } from './observations.js';
import * as q from './queries.js';
import * as st from './state.js';

/** One HTTP exchange, as logged in `fetches`. */
export interface FetchLog {
  readonly url: string;
  readonly finalUrl: string | null;
  readonly startedAt: number;
  readonly durationMs: number | null;
  readonly httpStatus: number | null;
  readonly outcome: 'ok' | 'not_modified' | 'error';
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly bytes: number | null;
  readonly sha256: string | null;
  readonly errorKind: ErrorKind | null;
  readonly errorMessage: string | null;
}

/** A parsed artifact to keep, with the observations it gave. */
export interface CaptureInput {
  readonly url: string;
  readonly body: Buffer;
  readonly contentType: string;
  readonly parserId: string;
  readonly parserVersion: number;
  readonly publishedOn: string | null;
  readonly dataAsOf: string | null;
  readonly observations: readonly Observation[];
}

export interface CycleCommit {
  readonly source: string;
  readonly now: number;
  readonly fetches: readonly FetchLog[];
  readonly captures: readonly CaptureInput[];
  readonly validators: readonly { url: string; validators: st.Validators }[];
  readonly state: st.SourceState;
  /** Error kind to count when the cycle failed (state.up is false). */
  readonly errorKind?: ErrorKind;
}

/**
 * The project's only door to SQLite. Every cycle is written in one transaction: artifacts,
 * captures, observations, revisions, validators and the source state land together or not at
 * all, so a crash or a bad input never leaves an observation without its artifact or a
 * half-updated state. `generation` changes after every write (render caches key on it).
 */
export class Store {
  #generation = 0;
  private constructor(readonly db: Db) {}

  static open(dataDir: string): Store {
    return new Store(openDatabase(dataDir));
  }

  get generation(): number {
    return this.#generation;
  }

  state(source: string): st.SourceState {
    return st.readState(this.db, source);
  }

  states(): st.SourceState[] {
    return st.readAllStates(this.db);
  }

  validators(url: string): st.Validators | undefined {
    return st.readValidators(this.db, url);
  }

  errorCounts(): { source: string; kind: string; count: number }[] {
    return st.readErrorCounts(this.db);
  }

  /** Writes a whole cycle atomically; returns the ingest counts summed over its captures. */
  commitCycle(c: CycleCommit): IngestCounts {
    const total: IngestCounts = { inserted: 0, unchanged: 0, revised: 0, completed: 0, historical: 0 };
    this.db.transaction(() => {
      for (const f of c.fetches) this.#logFetch(c.source, f);
      for (const cap of c.captures) {
        const counts = this.#capture(c.source, cap, c.now);
        for (const k of Object.keys(total) as (keyof IngestCounts)[]) total[k] += counts[k];
      }
      for (const v of c.validators) st.writeValidators(this.db, v.url, v.validators, c.now);
      if (c.errorKind) st.incrementErrorCount(this.db, c.source, c.errorKind);
      st.writeState(this.db, c.state);
    })();
    this.#generation++;
    return total;
  }

  #capture(source: string, cap: CaptureInput, now: number): IngestCounts {
    const sha = putArtifact(this.db, cap.body, cap.contentType, now);
    this.db
      .prepare(
        `INSERT INTO captures (source, url, sha256, parser_id, parser_version, first_fetched_at, last_fetched_at, published_on, data_as_of)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (source, url, sha256) DO UPDATE SET last_fetched_at = excluded.last_fetched_at`,
      )
      .run(source, cap.url, sha, cap.parserId, cap.parserVersion, now, now, cap.publishedOn, cap.dataAsOf);
    const { id } = this.db.prepare('SELECT id FROM captures WHERE source = ? AND url = ? AND sha256 = ?').get(source, cap.url, sha) as {
      id: number;
    };
    return ingestObservations(this.db, source, id, cap.publishedOn, cap.observations, now);
  }

  #logFetch(source: string, f: FetchLog): void {
    const st = this.#statements();
    st.logFetch.run(source, f.url, f.finalUrl, f.startedAt, f.durationMs, f.httpStatus, f.outcome, f.etag, f.lastModified, f.bytes, f.sha256, f.errorKind, f.errorMessage);
    st.countFetch.run(source, f.outcome === 'ok' ? 1 : 0, f.outcome === 'not_modified' ? 1 : 0, f.outcome === 'error' ? 1 : 0, f.bytes ?? 0, f.durationMs);
  }

  #prepared: ReturnType<Store['prepareStatements']> | null = null;
  #statements() {
    return (this.#prepared ??= this.prepareStatements());
  }

  private prepareStatements() {
    return {
      logFetch: this.db.prepare(
        `INSERT INTO fetches (source, url, final_url, started_at, duration_ms, http_status, outcome, etag, last_modified, bytes, sha256, error_kind, error_message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      countFetch: this.db.prepare(
        `INSERT INTO fetch_stats (source, ok, not_modified, error, bytes, last_duration_ms) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (source) DO UPDATE SET ok = ok + excluded.ok, not_modified = not_modified + excluded.not_modified,
           error = error + excluded.error, bytes = bytes + excluded.bytes, last_duration_ms = excluded.last_duration_ms`,
      ),
    };
  }

  /** Per source: fetches by outcome, body bytes downloaded, and the duration of the newest fetch. */
  fetchStats(): { source: string; ok: number; notModified: number; error: number; bytes: number; lastDurationMs: number | null }[] {
    return this.db.prepare('SELECT source, ok, not_modified AS notModified, error, bytes, last_duration_ms AS lastDurationMs FROM fetch_stats ORDER BY source').all() as {
      source: string;
      ok: number;
      notModified: number;
      error: number;
      bytes: number;
      lastDurationMs: number | null;
    }[];
  }

  observations(query: q.ObservationQuery): q.ObservationRecord[] {
    return q.queryObservations(this.db, query);
  }

  currentValues(series: readonly string[]): q.CurrentValue[] {
    return q.currentValues(this.db, series);
  }

  revisionSummaries(): q.RevisionSummary[] {
    return q.revisionSummaries(this.db);
  }

  artifact(sha256: string): StoredArtifact | undefined {
    return getArtifact(this.db, sha256);
  }

  /** Row counts for the exporter's own health figures. */
  sizes(): { observations: number; vintages: number; artifactBytes: number } {
    const r = this.db
      .prepare(
        `SELECT (SELECT count(*) FROM series_keys) AS observations, (SELECT count(*) FROM vintages) AS vintages,
                (SELECT coalesce(sum(length(data)), 0) FROM artifacts) AS artifactBytes`,
      )
      .get() as { observations: number; vintages: number; artifactBytes: number };
    return r;
  }

  close(): void {
    this.db.close();
  }
}

export type { SourceState, Validators } from './state.js';
export { emptyState } from './state.js';
export type { ObservationRecord, ObservationQuery, CurrentValue, RevisionSummary } from './queries.js';
export type { IngestCounts } from './observations.js';
