import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  readonly body: Buffer;
  readonly contentType: string;
  /** HTTP date sent as Last-Modified (and used for If-Modified-Since). */
  readonly lastModified?: string;
  /** Status to answer with instead of 200 (e.g. 503 to play an outage). */
  readonly status?: number;
}

/**
 * A small agency-like web server: serves a mutable table of routes by path, with strong ETags
 * and Last-Modified so conditional requests get 304s like from the real sites. Used by demo
 * mode and by integration tests that play an agency publishing, going silent or changing layout.
 */
export class AgencySite {
  readonly #routes = new Map<string, Route>();
  readonly #server = http.createServer((req, res) => this.#handle(req, res));
  /** Requests seen per path (tests assert politeness with it). */
  readonly hits = new Map<string, number>();
  #origin = '';

  get origin(): string {
    return this.#origin;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(port, host, resolve));
    const addr = this.#server.address() as AddressInfo;
    this.#origin = `http://${host}:${addr.port}`;
    return this.#origin;
  }

  set(path: string, route: Route): void {
    this.#routes.set(path, route);
  }

  delete(path: string): void {
    this.#routes.delete(path);
  }

  get(path: string): Route | undefined {
    return this.#routes.get(path);
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
    const route = this.#routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>Page Not Found</h1></body></html>');
      return;
    }
    if (route.status && route.status !== 200) {
      res.writeHead(route.status, { 'content-type': 'text/html' }).end(`<html><body>Error ${route.status}</body></html>`);
      return;
    }
    const etag = `"${createHash('sha256').update(route.body).digest('hex').slice(0, 32)}"`;
    const headers: Record<string, string> = { 'content-type': route.contentType, etag };
    if (route.lastModified) headers['last-modified'] = route.lastModified;
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh = inm ? inm === etag : Boolean(ims && route.lastModified && Date.parse(ims) >= Date.parse(route.lastModified));
    if (fresh) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(route.body.length) }).end(req.method === 'HEAD' ? undefined : route.body);
  }
}
