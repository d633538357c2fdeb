import { createHash } from 'node:crypto';
import type express from 'express';
import type { PaceSettings } from '../metrics/snapshot.js';
import { buildStatusModel, settingsFromExporter } from '../status/model.js';
import { renderStatusPage } from '../status/page.js';
import { STATUS_CSS } from '../status/styles.js';
import type { ServerDeps } from './http.js';

/**
 * Strict policy for the status page: nothing but our own stylesheet loads, no script at all,
 * no framing, no forms, no base-URL tricks. It replaces the API's `default-src 'none'` policy
 * (`security.ts`), which also sets the other security headers on every response.
 */
export const STATUS_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CSS_ETAG = `"${createHash('sha256').update(STATUS_CSS).digest('hex').slice(0, 32)}"`;

/**
 * `GET /`: the server-rendered status page; `GET /status.css`: its stylesheet. The rendered
 * page is reused for a few seconds while the store has not changed, so a burst of visitors
 * costs one render.
 */
export function registerStatusRoutes(app: express.Express, deps: ServerDeps): void {
  let settings: Promise<PaceSettings> | undefined = deps.settings ? Promise.resolve(deps.settings) : undefined;
  let cache: { generation: number; at: number; page: string } | null = null;

  app.get('/', async (_req, res) => {
    const now = deps.now();
    const gen = deps.store.generation;
    if (!cache || cache.generation !== gen || now - cache.at > 5_000 || now < cache.at) {
      settings ??= settingsFromExporter(deps.exporter).catch((err: unknown) => {
        settings = undefined;
        throw err;
      });
      const model = buildStatusModel(deps, await settings, now);
      cache = { generation: gen, at: now, page: renderStatusPage(model) };
    }
    res.set({ 'Content-Security-Policy': STATUS_CSP, 'Cache-Control': 'no-cache' });
    res.type('html').send(cache.page);
  });

  app.get('/status.css', (req, res) => {
    res.set({ 'Cache-Control': 'public, max-age=3600', ETag: CSS_ETAG });
    if (req.headers['if-none-match'] === CSS_ETAG) {
      res.status(304).end();
      return;
    }
    res.type('css').send(STATUS_CSS);
  });

  // Browsers ask for it on every visit; answer without a JSON 404 in the console.
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
}
