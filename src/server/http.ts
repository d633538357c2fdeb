import express, { type NextFunction, type Request, type Response } from 'express';
import { serverSchema, type ServerSettings } from '../config/schema.js';
import type { SourceDef } from '../core/source.js';
import type { Exporter } from '../metrics/exporter.js';
import type { PaceSettings } from '../metrics/snapshot.js';
import type { Scheduler } from '../pipeline/scheduler.js';
import type { Store } from '../store/store.js';
import { registerExportRoutes } from './export-routes.js';
import { HttpError, toHttpError } from './http-error.js';
import { registerMutatingRoutes } from './mutating-routes.js';
import { rateLimit } from './rate-limit.js';
import { rejectDeclaredTooLarge, securityHeaders } from './security.js';
import { registerStatusRoutes } from './status-routes.js';
import { sourcesView } from './views.js';

export interface ServerDeps {
  readonly store: Store;
  readonly exporter: Exporter;
  readonly sources: readonly SourceDef[];
  readonly now: () => number;
  readonly version: string;
  /** Goal and pace settings for the status page; when absent they are read back from the exporter's gauges. */
  readonly settings?: PaceSettings;
  /** Limits of the HTTP surface (`config.server`); the schema's defaults when absent. */
  readonly limits?: ServerSettings;
  /** With both set, the mutating endpoints exist (see `mutating-routes.ts`); without, they answer 404. */
  readonly apiToken?: string;
  readonly scheduler?: Pick<Scheduler, 'run' | 'isRunning'>;
}

export { HttpError };

/**
 * The HTTP surface: `/metrics` for Prometheus, `/healthz`, the JSON API, the snapshot and
 * artifact downloads (`export-routes.ts`), the token-guarded scrape and import endpoints
 * (`mutating-routes.ts`) and the status page at `/` (`status-routes.ts`).
 *
 * Every response carries the security headers (`security.ts`); `/api/*` is rate limited per
 * client (`rate-limit.ts`), `/metrics` and `/healthz` never are; request bodies are bounded.
 * Errors are JSON (`{"error": "..."}`), never stack traces, including express's own
 * (malformed URL encoding, bad or too-large bodies). See docs/security.md.
 */
export function createApp(deps: ServerDeps): express.Express {
  const limits = deps.limits ?? serverSchema.parse({});
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', limits.trustProxy);
  app.use(securityHeaders());

  // Before the rate limiter: Prometheus and the container health check are never refused.
  // The service answers /metrics ahead of express (metrics-fast-path.ts); this route serves an
  // app used on its own, from the same cached bytes.
  app.get('/metrics', async (_req, res) => {
    res.type(deps.exporter.contentType).send(await deps.exporter.renderBody());
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: deps.version });
  });

  app.use('/api', rateLimit(limits.rateLimit));
  // The import endpoint reads its own (large, raw) body; no other request may send more than
  // maxJsonBytes, and a JSON body is parsed (and refused when malformed) before any route.
  const control = deps.apiToken && deps.scheduler ? { apiToken: deps.apiToken, scheduler: deps.scheduler, maxUploadBytes: limits.maxUploadBytes } : undefined;
  registerMutatingRoutes(app, deps, control);
  app.use(rejectDeclaredTooLarge(limits.maxJsonBytes), express.json({ limit: limits.maxJsonBytes }));

  app.get('/api/v1/sources', (_req, res) => {
    res.json({ sources: sourcesView(deps.store, deps.sources, deps.now()) });
  });
  app.get('/api/v1/observations', (req, res) => {
    res.json(observationsView(deps, req));
  });
  registerExportRoutes(app, deps);
  registerStatusRoutes(app, deps);

  app.use((_req, _res, next) => next(new HttpError(404, 'not found')));
  app.use(errorHandler);
  return app;
}

/** Answers any error as `{"error": "..."}` (plus the error's own fields); a bug is a bare 500, logged. */
function errorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err); // express closes the connection: the client sees a failed response, not a truncated one
    return;
  }
  const known = toHttpError(err);
  if (!known) console.error(`enforcement-watch: request failed: ${(err as Error)?.stack ?? String(err)}`);
  const status = known?.status ?? 500;
  for (const [k, v] of Object.entries(known?.headers ?? {})) res.setHeader(k, v);
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json({ error: known?.message ?? 'internal error', ...known?.details });
}

const PERIOD = /^\d{4}(-\d{2}){0,2}$/;
const NAME = /^[a-z0-9_-]{1,64}$/;

function observationsView(deps: ServerDeps, req: Request) {
  const q = (name: string, pattern: RegExp): string | undefined => {
    const v = req.query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !pattern.test(v)) throw new HttpError(400, `invalid query parameter "${name}"`);
    return v;
  };
  const query = {
    series: q('series', NAME),
    source: q('source', NAME),
    from: q('from', PERIOD),
    to: q('to', PERIOD),
    allVintages: q('vintages', /^(all|current)$/) === 'all',
    limit: 100_000,
  };
  const rows = deps.store.observations(query);
  return {
    query,
    count: rows.length,
    observations: rows.map((r) => ({
      ...r,
      fetchedAt: new Date(r.fetchedAt).toISOString(),
      firstSeenAt: new Date(r.firstSeenAt).toISOString(),
      lastSeenAt: new Date(r.lastSeenAt).toISOString(),
    })),
  };
}
