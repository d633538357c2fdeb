/**
 * Real local HTTP servers for tests: the project tests HTTP against sockets, never against
 * mocks of node:http (STYLE.md §11). Reusable by any test that needs a fake agency site.
 *
 * Usage:
 * ```ts
 * const pool = serverPool();
 * afterEach(() => pool.closeAll());
 *
 * it('...', async () => {
 *   const site = await pool.start((req, res) => {
 *     res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n');
 *   });
 *   await somethingThatFetches(site.url('/data.csv'));
 *   expect(site.requests).toHaveLength(1);
 *   expect(site.requests[0]!.headers['user-agent']).toContain('enforcement-watch');
 * });
 * ```
 * - Servers listen on 127.0.0.1 with a free port chosen by the OS; `site.url(path,
 *   'localhost')` reaches the same server under another host name (a different "host" for
 *   per-host logic, same socket).
 * - `requests` records method, path and headers of every request, before the handler runs.
 * - A handler may be async, hold the response open, write slowly, or destroy
 *   `res.socket`; `close()` destroys every open connection, so hanging handlers never keep
 *   a test (or the worker) alive. A handler that throws gets its connection destroyed.
 * - `unusedPort()` gives a port with nothing listening (for "connection refused").
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import net from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
}

export interface TestServer {
  readonly port: number;
  /** `127.0.0.1:<port>`, the form an allow-list entry takes. */
  readonly host: string;
  /** Absolute URL on this server; `hostname` defaults to 127.0.0.1. */
  url(path?: string, hostname?: string): string;
  /** Every request received so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Stops listening and destroys open connections. Idempotent. */
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with an OS-chosen free port. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    Promise.resolve()
      .then(() => handler(req, res))
      .catch(() => res.socket?.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    port,
    host: `127.0.0.1:${port}`,
    requests,
    url: (path = '/', hostname = '127.0.0.1') => `http://${hostname}:${port}${path}`,
    close: () => (closed ??= closeServer(server, sockets)),
  };
}

function closeServer(server: http.Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function unusedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Starts servers and closes them all in one call (put `closeAll` in `afterEach`). */
export function serverPool(): { start: (handler: Handler) => Promise<TestServer>; closeAll: () => Promise<void> } {
  const open: TestServer[] = [];
  return {
    start: async (handler) => {
      const server = await startServer(handler);
      open.push(server);
      return server;
    },
    closeAll: async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    },
  };
}

/** Resolves after `ms` real milliseconds (for handlers that must stall or drip). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
