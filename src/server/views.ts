import type { SourceDef } from '../core/source.js';
import type { SourceState, Store } from '../store/store.js';

export type PublicationStatus = 'on_time' | 'due' | 'overdue' | 'silent' | 'scraper_failing' | 'unknown';

/**
 * Where a source stands, keeping our failure apart from the agency's silence:
 * `scraper_failing` (our fetch or parse fails), `silent` (overdue by more than three cadences:
 * the agency has effectively stopped), `overdue` (past cadence + grace), `due` (past the
 * expected date, within grace), `on_time`, `unknown` (no publication seen yet).
 */
export function publicationStatus(def: SourceDef, state: SourceState, now: number): PublicationStatus {
  if (state.up === false) return 'scraper_failing';
  if (state.publishedAt === null) return 'unknown';
  const age = (now - state.publishedAt) / 1000;
  const { expectedIntervalSeconds: every, graceSeconds: grace } = def.cadence;
  if (age > 3 * every + grace) return 'silent';
  if (age > every + grace) return 'overdue';
  if (age > every) return 'due';
  return 'on_time';
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The JSON shape of `/api/v1/sources`. */
export function sourcesView(store: Store, sources: readonly SourceDef[], now: number) {
  return sources.map((def) => {
    const s = store.state(def.id);
    const nextExpected = s.publishedAt === null ? null : s.publishedAt + def.cadence.expectedIntervalSeconds * 1000;
    return {
      id: def.id,
      agency: def.agency,
      title: def.title,
      url: def.landingUrl,
      frozen: Boolean(def.frozen),
      schedule: def.schedule,
      cadence: { expectedIntervalSeconds: def.cadence.expectedIntervalSeconds, graceSeconds: def.cadence.graceSeconds },
      status: publicationStatus(def, s, now),
      up: s.up,
      lastAttemptAt: iso(s.lastAttemptAt),
      lastSuccessAt: iso(s.lastSuccessAt),
      lastChangeAt: iso(s.lastChangeAt),
      publishedOn: s.publishedOn,
      publishedAt: iso(s.publishedAt),
      nextExpectedAt: iso(nextExpected),
      daysLate: nextExpected === null ? null : Math.max(0, Math.floor((now - nextExpected - def.cadence.graceSeconds * 1000) / 86_400_000)),
      dataAsOf: s.dataAsOf,
      dataAsOfStalled: s.dataAsOfStalled,
      lastError: s.lastErrorKind ? { kind: s.lastErrorKind, message: s.lastErrorMessage, at: iso(s.lastErrorAt) } : null,
      file: s.fileUrl ? { url: s.fileUrl, sha256: s.fileSha256 } : null,
      issues: s.issues,
      signals: s.signals,
    };
  });
}
