import type express from 'express';
import type { Request, Response } from 'express';
import { seriesDef } from '../core/series.js';
import { artifactFileName, safeContentType } from '../export/artifact-file.js';
import { snapshotFileName, writeSnapshot, type SnapshotFormat, type Sink } from '../export/snapshot.js';
import { artifactMeta, withReadSnapshot, type SnapshotQuery } from '../store/exports.js';
import { HttpError } from './http-error.js';
import type { ServerDeps } from './http.js';

const NAME = /^[a-z0-9_-]{1,64}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * `GET /api/v1/snapshot?format=csv|json[&all_vintages=1][&source=][&series=]`: the journalist
 * snapshot as a download, streamed page by page from one consistent read of the store.
 * `GET /api/v1/artifacts/:sha256`: a stored agency file, byte for byte, as an attachment.
 */
export function registerExportRoutes(app: express.Express, deps: ServerDeps): void {
  app.get('/api/v1/snapshot', async (req, res) => {
    const format = (param(req, 'format', /^(csv|json)$/) ?? 'csv') as SnapshotFormat;
    const all = param(req, 'all_vintages', /^(0|1|true|false)$/);
    const query: SnapshotQuery = { allVintages: all === '1' || all === 'true', source: param(req, 'source', NAME), series: param(req, 'series', NAME) };
    if (query.series && !seriesDef(query.series)) throw new HttpError(400, `unknown series "${query.series}"`);
    const generatedAt = deps.now();
    res.set({
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${snapshotFileName(format, generatedAt)}"`,
      'Cache-Control': 'no-store',
    });
    try {
      await withReadSnapshot(deps.store, (db) => writeSnapshot(db, { generatedAt, version: deps.version, query }, { [format]: responseSink(res) }));
      res.end();
    } catch (err) {
      // Mid-stream, a JSON error cannot follow the data: cut the connection so the client sees
      // a failed download rather than a file that looks complete.
      if (!res.headersSent) {
        res.removeHeader('Content-Disposition');
        throw err;
      }
      if (!(err instanceof ClientGone)) console.error(`enforcement-watch: snapshot download failed: ${(err as Error)?.stack ?? String(err)}`);
      res.destroy();
    }
  });

  app.get('/api/v1/artifacts/:sha256', (req, res) => {
    const sha = req.params.sha256;
    if (typeof sha !== 'string' || !SHA256.test(sha)) throw new HttpError(400, 'an artifact is named by its SHA-256: 64 lowercase hex digits');
    const meta = artifactMeta(deps.store.db, sha);
    const artifact = meta ? deps.store.artifact(sha) : undefined;
    if (!meta || !artifact) throw new HttpError(404, 'no stored artifact has that SHA-256');
    // setHeader, not res.set: express would append a charset the agency did not send.
    const headers: Record<string, string> = {
      'Content-Type': safeContentType(artifact.contentType),
      'Content-Disposition': `attachment; filename="${artifactFileName(sha, artifact.contentType, meta.url)}"`,
      'Content-Length': String(artifact.body.length),
      // Agency HTML must never run on our origin, even if a browser ignored the attachment.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      // Content-addressed: the bytes behind a hash never change.
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Repr-Digest': `sha-256=:${Buffer.from(sha, 'hex').toString('base64')}:`,
    };
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.end(artifact.body);
  });
}

function param(req: Request, name: string, pattern: RegExp): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !pattern.test(v)) throw new HttpError(400, `invalid query parameter "${name}"`);
  return v;
}

class ClientGone extends Error {}

/** Writes to the response, waiting for `drain` when the client reads slowly; fails when it left. */
function responseSink(res: Response): Sink {
  return (chunk) => {
    if (res.destroyed) throw new ClientGone('client closed the connection');
    if (res.write(chunk)) return;
    return new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        res.off('drain', onDrain);
        res.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new ClientGone('client closed the connection'));
      res.on('drain', onDrain);
      res.on('close', onClose);
    });
  };
}
