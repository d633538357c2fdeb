import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db } from './database.js';

export interface StoredArtifact {
  readonly sha256: string;
  readonly bytes: number;
  readonly contentType: string;
  readonly body: Buffer;
}

export const sha256Hex = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

/**
 * Content-addressed artifact storage: each distinct body is stored once, gzip-compressed, keyed
 * by the SHA-256 of the uncompressed bytes. Writing is part of the caller's transaction, so an
 * observation is never committed without the artifact it came from.
 */
export function putArtifact(db: Db, body: Buffer, contentType: string, now: number): string {
  const sha = sha256Hex(body);
  const exists = db.prepare('SELECT 1 FROM artifacts WHERE sha256 = ?').get(sha);
  if (!exists) {
    db.prepare('INSERT INTO artifacts (sha256, bytes, content_type, encoding, data, stored_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      sha,
      body.length,
      contentType,
      'gzip',
      gzipSync(body),
      now,
    );
  }
  return sha;
}

/** The stored artifact, verified against its hash; undefined when unknown. */
export function getArtifact(db: Db, sha: string): StoredArtifact | undefined {
  const row = db.prepare('SELECT sha256, bytes, content_type, encoding, data FROM artifacts WHERE sha256 = ?').get(sha) as
    | { sha256: string; bytes: number; content_type: string; encoding: string; data: Buffer }
    | undefined;
  if (!row) return undefined;
  const body = row.encoding === 'gzip' ? gunzipSync(row.data) : row.data;
  if (sha256Hex(body) !== row.sha256) throw new Error(`artifact ${sha} does not match its hash`);
  return { sha256: row.sha256, bytes: row.bytes, contentType: row.content_type, body };
}
