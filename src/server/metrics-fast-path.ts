import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Exporter } from '../metrics/exporter.js';
import { SECURITY_HEADERS } from './security.js';

/**
 * Answers `GET /metrics` (and `HEAD`) straight from the exporter's cached bytes, in front of
 * express; everything else goes to `app`. Why: Prometheus scrapes this path forever, and the
 * express pipeline plus a string-to-bytes copy per request cost most of its time (see
 * docs/benchmarks.md). Same headers as the express route, security headers included; a render
 * failure answers a JSON 500 like the rest of the API.
 */
export function withMetricsFastPath(exporter: Exporter, app: RequestListener): RequestListener {
  return (req, res) => {
    if (!isMetricsRequest(req)) return app(req, res);
    const cached = exporter.cachedBody();
    if (cached) return sendCached(res, exporter.contentType, cached, req.method === 'HEAD');
    exporter.renderBody().then(
      (body) => send(res, 200, exporter.contentType, body, req.method === 'HEAD'),
      (err: unknown) => {
        console.error(`enforcement-watch: /metrics render failed: ${(err as Error)?.stack ?? String(err)}`);
        send(res, 500, 'application/json; charset=utf-8', Buffer.from('{"error":"internal error"}'), false);
      },
    );
  };
}

function isMetricsRequest(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '';
  return url === '/metrics' || url.startsWith('/metrics?');
}

/** Headers of the cached body, built once per render rather than once per scrape. */
let prepared: { body: Buffer; headers: Record<string, string | number> } | null = null;

function sendCached(res: ServerResponse, contentType: string, body: Buffer, headOnly: boolean): void {
  if (prepared?.body !== body) prepared = { body, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': body.length } };
  res.writeHead(200, prepared.headers);
  res.end(headOnly ? undefined : body);
}

function send(res: ServerResponse, status: number, contentType: string, body: Buffer, headOnly: boolean): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(headOnly ? undefined : body);
}
