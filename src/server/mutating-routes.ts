import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { commitImport, prepareImport, type ImportResult, type PreparedImport } from '../backfill/import-file.js';
import { LayoutError, ValidationError } from '../core/errors.js';
import { isDayPeriod } from '../core/periods.js';
import type { SourceDef } from '../core/source.js';
import type { Scheduler } from '../pipeline/scheduler.js';
import { HttpError } from './http-error.js';
import type { ServerDeps } from './http.js';
import { rejectDeclaredTooLarge } from './security.js';

/** What the mutating endpoints need besides the read-only dependencies. */
export interface ControlDeps {
  /** The shared secret; the endpoints do not exist without it. */
  readonly apiToken: string;
  readonly scheduler: Pick<Scheduler, 'run' | 'isRunning'>;
  readonly maxUploadBytes: number;
}

/**
 * `POST /api/v1/sources/:id/scrape`: runs one cycle of the source now (or joins the one already
 * running) and answers its outcome. `POST /api/v1/sources/:id/import[?url=][&published=]`: the
 * raw request body is a file a person downloaded by hand, stored exactly as the `import` command
 * would (`backfill/import-file.ts`); a file that does not match the layout → 422 with the
 * parser's reason, nothing stored.
 *
 * Both require `Authorization: Bearer <apiToken>` (401 with `WWW-Authenticate: Bearer`
 * otherwise) and are not registered at all without a token, so they answer 404 like any path
 * that does not exist.
 */
export function registerMutatingRoutes(app: express.Express, deps: ServerDeps, control: ControlDeps | undefined): void {
  if (!control) return;
  const auth = bearerAuth(control.apiToken);
  const source = sourceParam(deps.sources);

  app.post('/api/v1/sources/:id/scrape', auth, source, async (_req, res) => {
    const def = res.locals.source as SourceDef;
    const joined = control.scheduler.isRunning(def.id);
    const outcome = await control.scheduler.run(def);
    // The scheduler has logged the crash; the client only learns that it happened.
    if (!outcome) throw new HttpError(500, `the cycle of ${def.id} failed unexpectedly; see the server log`);
    res.json({ ...outcome, joinedRunningCycle: joined });
  });

  app.post(
    '/api/v1/sources/:id/import',
    auth,
    source,
    importQuery,
    rejectDeclaredTooLarge(control.maxUploadBytes),
    // Any content type: agencies serve XLSX, CSV and HTML. No gzip: the cap is on the bytes we hold.
    express.raw({ type: () => true, limit: control.maxUploadBytes, inflate: false }),
    (req, res) => {
      const def = res.locals.source as SourceDef;
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'send the file as the request body');
      const { url, publishedOn } = res.locals.import as { url: string; publishedOn?: string };
      const prepared = prepare(def, body, url, publishedOn);
      // A cycle in flight would commit a state computed before this import and undo its dates.
      if (control.scheduler.isRunning(def.id)) throw new HttpError(409, `a scrape of ${def.id} is running; retry in a few seconds`, { 'Retry-After': '5' });
      res.json(importView(def, url, commitImport(deps.store, prepared, deps.now())));
    },
  );
}

/** Parses without storing; a layout or validation failure becomes a 422 with the parser's reason. */
function prepare(def: SourceDef, body: Buffer, url: string, publishedOn: string | undefined): PreparedImport {
  try {
    return prepareImport({ source: def, body, url, publishedOn });
  } catch (err) {
    if (!(err instanceof LayoutError || err instanceof ValidationError)) throw err;
    const parser = def.follow?.parser ?? def.landing;
    throw new HttpError(422, 'the file does not match the layout; nothing stored', {}, { parser: parser.id, kind: err.kind, reason: err.message.split('\n')[0]!.slice(0, 500) });
  }
}

function importView(def: SourceDef, url: string, r: ImportResult) {
  return {
    source: def.id,
    url,
    parser: `${r.parser.id}@${r.parser.version}`,
    sha256: r.sha256,
    observations: r.observations,
    counts: r.counts,
    publishedOn: r.publishedOn,
    dataAsOf: r.dataAsOf,
    advanced: r.advanced,
    issueCount: r.issues.length,
    issues: r.issues.slice(0, 100),
  };
}

/**
 * Checks `Authorization: Bearer <token>` in constant time: both sides are hashed to 32 bytes
 * first, so neither the content nor the length of the secret shows in the timing.
 */
export function bearerAuth(token: string): RequestHandler {
  const expected = digest(token);
  const challenge = 'Bearer realm="enforcement-watch"';
  return (req: Request, _res: Response, next: NextFunction) => {
    const m = /^Bearer +([\x21-\x7e]+) *$/i.exec(req.headers.authorization ?? '');
    if (!m) {
      next(new HttpError(401, 'this endpoint needs Authorization: Bearer <token>', { 'WWW-Authenticate': challenge }));
      return;
    }
    if (!timingSafeEqual(digest(m[1]!), expected)) {
      next(new HttpError(401, 'invalid token', { 'WWW-Authenticate': `${challenge}, error="invalid_token"` }));
      return;
    }
    next();
  };
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

function sourceParam(sources: readonly SourceDef[]): RequestHandler {
  return (req, res, next) => {
    const def = sources.find((s) => s.id === req.params.id);
    if (!def) {
      next(new HttpError(404, `no configured source "${String(req.params.id).slice(0, 64)}"`));
      return;
    }
    res.locals.source = def;
    next();
  };
}

const DEFAULT_URL = 'file:///upload';

/** `?url=` (the agency's http(s) URL, default `file:///upload`) and `?published=YYYY-MM-DD`; checked before the body is read. */
const importQuery: RequestHandler = (req, res, next) => {
  const { url = DEFAULT_URL, published } = req.query;
  const httpUrl = typeof url === 'string' && url.length <= 2048 && /^https?:\/\//i.test(url) && URL.canParse(url);
  if (url !== DEFAULT_URL && !httpUrl) {
    next(new HttpError(400, 'url must be the absolute http(s) URL the file was published at'));
    return;
  }
  if (published !== undefined && (typeof published !== 'string' || !isDayPeriod(published))) {
    next(new HttpError(400, 'published must be a date YYYY-MM-DD'));
    return;
  }
  res.locals.import = { url, publishedOn: published };
  next();
};
