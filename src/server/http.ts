import express, { type NextFunction, type Request, type Response } from 'express';
import type { SourceDef } from '../core/source.js';
import type { Exporter } from '../metrics/exporter.js';
import type { PaceSettings } from '../metrics/snapshot.js';
import type { Store } from '../store/store.js';
import { registerExportRoutes } from './export-routes.js';
import { HttpError } from './http-error.js';
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
}

export { HttpError };

/**
 * The HTTP surface: `/metrics` for Prometheus, `/healthz`, the JSON API, the snapshot and
 * artifact downloads (`export-routes.ts`) and the status page at `/` (`status-routes.ts`).
 * Errors are JSON (`{"error": "..."}`), never stack traces.
 */
export function createApp(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });

  app.get('/metrics', async (_req, res) => {
    const text = await deps.exporter.render();
    res.type(deps.exporter.contentType).send(text);
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: deps.version });
  });
  app.get('/api/v1/sources', (_req, res) => {
    res.json({ sources: sourcesView(deps.store, deps.sources, deps.now()) });
  });
  app.get('/api/v1/observations', (req, res) => {
    res.json(observationsView(deps, req));
  });
  registerExportRoutes(app, deps);
  registerStatusRoutes(app, deps);

  app.use((_req, _res, next) => next(new HttpError(404, 'not found')));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = err instanceof HttpError ? err.status : 500;
    res.status(status).json({ error: status === 500 ? 'internal error' : (err as Error).message });
    if (status === 500) console.error(`enforcement-watch: request failed: ${(err as Error)?.stack ?? String(err)}`);
  });
  return app;
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
