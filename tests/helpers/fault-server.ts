/**
 * A fault-injection agency site for tests: serves a table of good routes (like
 * `AgencySite`, with strong ETags, Last-Modified and 304s) and lets a test replace the answer
 * for one path with a {@link Fault}: a hang, a slow drip, a reset or truncated body, an error
 * status, a redirect, a hostile payload (100 MB stream, gzip bomb, XLSX zip bomb).
 *
 * ```ts
 * const site = await startFaultServer(demoRoutes());
 * site.inject('/listing', faults.hang());
 * await somethingThatFetches(site.url('/listing'));
 * site.clear();                          // every path serves its good route again
 * ```
 *
 * - Built on `startServer` (http-server.ts): `close()` destroys open connections, so a hanging
 *   fault never keeps the test alive; a fault that throws gets its connection destroyed.
 * - Faults that stream stop as soon as the client goes away and write with backpressure, so a
 *   100 MB body is never held in this process's memory ({@link StreamStats} says how much went
 *   out).
 * - Hostile payload builders ({@link gzipBomb}, {@link xlsxBomb}) compress through zlib streams
 *   from one small zero buffer, so building them costs no large allocation either.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import type { Route } from '../../src/demo/agency-site.js';
import { pause, startServer, type TestServer } from './http-server.js';

/** Answers one request in place of the good route (which is passed along, when there is one). */
export type Fault = (req: IncomingMessage, res: ServerResponse, route: Route | undefined) => void | Promise<void>;

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `127.0.0.1:<port>`, the form an allow-list entry takes. */
  readonly host: string;
  url(path: string, hostname?: string): string;
  /** Serves `fault` at `path` (pathname, percent-encoded as requested) until {@link clear}. */
  inject(path: string, fault: Fault): void;
  /** Removes every injected fault. */
  clear(): void;
  /** Requests received for `path` since the server started. */
  hits(path: string): number;
  /** Resolves once `path` has received `count` requests in total (rejects after `timeoutMs`). */
  waitForHits(path: string, count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a fault server on 127.0.0.1 serving `routes` (path → good answer). */
export async function startFaultServer(routes: ReadonlyMap<string, Route>): Promise<FaultServer> {
  const injected = new Map<string, Fault>();
  const server: TestServer = await startServer(async (req, res) => {
    const path = pathOf(req);
    const route = routes.get(path);
    const fault = injected.get(path);
    if (fault) return fault(req, res, route);
    serveRoute(req, res, route);
  });
  const hits = (path: string): number => server.requests.filter((r) => pathOf({ url: r.path }) === path).length;
  return {
    origin: `http://${server.host}`,
    host: server.host,
    url: (path, hostname) => server.url(path, hostname),
    inject: (path, fault) => void injected.set(path, fault),
    clear: () => injected.clear(),
    hits,
    async waitForHits(path, count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (hits(path) < count) {
        if (Date.now() > deadline) throw new Error(`${path} got ${hits(path)} of ${count} requests within ${timeoutMs} ms`);
        await pause(10);
      }
    },
    close: () => server.close(),
  };
}

function pathOf(req: { url?: string }): string {
  return new URL(req.url ?? '/', 'http://x').pathname;
}

/** The good answer, as `AgencySite` gives it: 404 page, or the body with validators (304 when fresh). */
function serveRoute(req: IncomingMessage, res: ServerResponse, route: Route | undefined): void {
  if (!route) {
    res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>Page Not Found</h1></body></html>');
    return;
  }
  const etag = `"${createHash('sha256').update(route.body).digest('hex').slice(0, 32)}"`;
  const headers: Record<string, string> = { 'content-type': route.contentType, etag };
  if (route.lastModified) headers['last-modified'] = route.lastModified;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': String(route.body.length) }).end(route.body);
}

/** Resolves when the client has gone away (or the server destroyed the socket). */
function clientGone(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || res.socket?.destroyed) return resolve();
    res.once('close', () => resolve());
  });
}

/** Writes `chunk`, waiting for `drain` when the socket buffer is full; false once the client is gone. */
async function writeWithBackpressure(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

/** How much a streaming fault sent before it finished or the client went away. */
export interface StreamStats {
  bytesSent: number;
}

const bodyOf = (route: Route | undefined): Buffer => {
  if (!route) throw new Error('this fault needs a good route to corrupt');
  return route.body;
};

/** The fault catalogue. Each factory returns a {@link Fault}. */
export const faults = {
  /** Accepts the connection and never sends a byte (timeout before headers). */
  hang: (): Fault => (_req, res) => clientGone(res),

  /** An error status (with optional headers such as Retry-After) and a small HTML error page. */
  status:
    (code: number, headers: Record<string, string> = {}): Fault =>
    (_req, res) => {
      res.writeHead(code, { 'content-type': 'text/html', ...headers }).end(`<html><body><h1>Error ${code}</h1></body></html>`);
    },

  /** A redirect to `location` (absolute, or relative to the request). */
  redirect:
    (location: string, code = 302): Fault =>
    (_req, res) => {
      res.writeHead(code, { location, 'content-type': 'text/html' }).end();
    },

  /** Status 200 with this body and Content-Type (an error page, the wrong type, bad bytes). */
  serve:
    (body: Buffer | string, contentType: string, headers: Record<string, string> = {}): Fault =>
    (_req, res) => {
      const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
      res.writeHead(200, { 'content-type': contentType, 'content-length': String(buf.length), ...headers }).end(buf);
    },

  /**
   * Sends the route's headers and its first `firstBytes`, then one byte every `gapMs` until the
   * body is done or the client leaves. A `gapMs` above the client's read timeout stalls it; a
   * shorter one is a slow-loris body that only a total timeout stops.
   */
  drip:
    (opts: { gapMs: number; firstBytes?: number }): Fault =>
    async (_req, res, route) => {
      const body = bodyOf(route);
      res.writeHead(200, { 'content-type': route!.contentType, 'content-length': String(body.length) });
      let at = opts.firstBytes ?? 1024;
      res.write(body.subarray(0, at));
      const gone = clientGone(res);
      let left = true;
      void gone.then(() => (left = false));
      while (left && at < body.length) {
        await Promise.race([pause(opts.gapMs), gone]);
        if (!left) break;
        res.write(body.subarray(at, at + 1));
        at += 1;
      }
      if (left) res.end();
    },

  /**
   * Declares the full Content-Length, sends half, then resets the TCP connection (RST). The
   * short pause lets the half body reach the client first: reset at once, the kernel may drop
   * the unsent bytes and the client sees a plain close instead.
   */
  resetMidBody: (): Fault => (_req, res, route) => {
    const body = bodyOf(route);
    res.writeHead(200, { 'content-type': route!.contentType, 'content-length': String(body.length) });
    res.write(body.subarray(0, body.length >> 1), () => setTimeout(() => res.socket?.resetAndDestroy(), 20));
  },

  /** Declares the full Content-Length, sends half, then closes the connection cleanly (FIN). */
  truncate: (): Fault => (_req, res, route) => {
    const body = bodyOf(route);
    res.writeHead(200, { 'content-type': route!.contentType, 'content-length': String(body.length) });
    res.write(body.subarray(0, body.length >> 1), () => res.socket?.end());
  },

  /**
   * Streams `bytes` of filler generated on the fly (one reused 64 KiB chunk, written with
   * backpressure), chunked unless `declareLength`. Stops when the client goes away.
   */
  stream:
    (opts: { bytes: number; contentType: string; declareLength?: boolean; stats?: StreamStats }): Fault =>
    async (_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 'enforcement,0\n');
      const headers: Record<string, string> = { 'content-type': opts.contentType };
      if (opts.declareLength) headers['content-length'] = String(opts.bytes);
      res.writeHead(200, headers);
      let sent = 0;
      while (sent < opts.bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, opts.bytes - sent));
        if (!(await writeWithBackpressure(res, piece))) break;
        sent += piece.length;
        if (opts.stats) opts.stats.bytesSent = sent;
      }
      if (sent >= opts.bytes) res.end();
    },
};

/** Feeds `total` zero bytes through a zlib compressor from one small buffer; returns the output. */
async function compressZeros(compressor: zlib.Gzip | zlib.DeflateRaw, total: number): Promise<Buffer> {
  const out: Buffer[] = [];
  compressor.on('data', (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => {
    compressor.once('end', resolve);
    compressor.once('error', reject);
  });
  const zeros = Buffer.alloc(1024 * 1024);
  for (let left = total; left > 0; left -= zeros.length) {
    if (!compressor.write(zeros.subarray(0, Math.min(left, zeros.length)))) {
      await new Promise((resolve) => compressor.once('drain', resolve));
    }
  }
  compressor.end();
  await done;
  return Buffer.concat(out);
}

/**
 * A gzip bomb: `members` concatenated gzip members of `memberBytes` zeros each (gzip decoders,
 * Node's included, decode every member), e.g. 64 × 16 MiB = 1 GiB from about 1 MB.
 */
export async function gzipBomb(memberBytes = 16 * 1024 * 1024, members = 64): Promise<{ body: Buffer; inflatedBytes: number }> {
  const member = await compressZeros(zlib.createGzip({ level: 9 }), memberBytes);
  return { body: Buffer.concat(Array.from({ length: members }, () => member)), inflatedBytes: memberBytes * members };
}

interface ZipPart {
  readonly name: string;
  /** Raw deflate data (method 8). */
  readonly data: Buffer;
  readonly crc: number;
  /** What the headers claim; a lying bomb claims less than the data inflates to. */
  readonly declaredSize: number;
}

const XLSX_PARTS: Readonly<Record<string, string>> = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

function smallPart(name: string, text: string): ZipPart {
  const raw = Buffer.from(text);
  return { name, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), declaredSize: raw.length };
}

/** A ZIP archive (every entry deflated) with local headers, central directory and end record. */
function zipArchive(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.crc >>> 0, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(p.declaredSize, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    central.push(dir, name);
    offset += local.length + name.length + p.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const deflatedCache = new Map<number, Promise<{ data: Buffer; crc: number }>>();

/** Raw deflate of `bytes` zeros and their CRC-32, computed once per size. */
function deflatedZeros(bytes: number): Promise<{ data: Buffer; crc: number }> {
  let entry = deflatedCache.get(bytes);
  if (!entry) {
    entry = compressZeros(zlib.createDeflateRaw({ level: 9 }), bytes).then((data) => {
      let crc = 0;
      const zeros = Buffer.alloc(1024 * 1024);
      for (let left = bytes; left > 0; left -= zeros.length) crc = zlib.crc32(zeros.subarray(0, Math.min(left, zeros.length)), crc);
      return { data, crc };
    });
    deflatedCache.set(bytes, entry);
  }
  return entry;
}

/**
 * An XLSX zip bomb: a package whose `xl/workbook.xml` inflates to `inflatedBytes` of zeros.
 * - `honest`: the ZIP headers declare the real size (about 1000:1, refused from the
 *   central directory before anything is inflated);
 * - `lying`: the headers declare 64 KiB, so only the running count while inflating can stop it.
 */
export async function xlsxBomb(kind: 'honest' | 'lying', inflatedBytes = 128 * 1024 * 1024): Promise<Buffer> {
  const { data, crc } = await deflatedZeros(inflatedBytes);
  const bomb: ZipPart = { name: 'xl/workbook.xml', data, crc, declaredSize: kind === 'honest' ? inflatedBytes : 64 * 1024 };
  return zipArchive([...Object.entries(XLSX_PARTS).map(([name, text]) => smallPart(name, text)), bomb]);
}
