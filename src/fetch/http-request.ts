/**
 * One HTTP GET exchange (one hop, one attempt) over node:http/node:https, with exact
 * connect, read and total timeouts and a byte cap that stops reading the moment it is
 * passed. Redirects, retries, decoding and per-host ordering are the caller's business:
 * this module only reports what the server said, or throws a classified FetchError.
 */
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { FetchError } from '../core/errors.js';
import { classifyNetworkError, prematureEnd, timeoutError, tooLargeError } from './classify.js';
import { parseRetryAfter, statusError } from './retry.js';
import { REDIRECT_STATUSES } from './url-policy.js';

export interface HopOptions {
  headers: Readonly<Record<string, string>>;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** Time left for this hop; the request is cut off when it runs out. */
  totalTimeoutMs: number;
  maxBodyBytes: number;
  /** Called with the headers of a 2xx before its body is read; throw a FetchError to refuse it. */
  acceptResponse: (headers: IncomingHttpHeaders) => void;
  /** Epoch ms, for HTTP-date Retry-After values. */
  now: () => number;
  signal?: AbortSignal;
}

/** What one hop produced. `raw` is the body as sent (still Content-Encoded). */
export type HopResult =
  | { kind: 'redirect'; status: number; location: string | undefined }
  | { kind: 'not_modified'; headers: IncomingHttpHeaders }
  | { kind: 'body'; status: number; headers: IncomingHttpHeaders; raw: Buffer };

/**
 * Performs one GET of `url`. Resolves with a redirect (body not read), a 304 (no body) or a
 * 2xx body within the cap. Rejects with a FetchError: network kinds, `timeout`, `http_4xx`,
 * `http_5xx`, `http_429` (with `retryAfterSeconds` for 429/503), `too_large`, `truncated`,
 * whatever `acceptResponse` throws; or with `signal.reason` when aborted.
 */
export function requestOnce(url: URL, opts: HopOptions): Promise<HopResult> {
  return new Promise<HopResult>((resolve, reject) => {
    new Exchange(url, opts, resolve, reject).start();
  });
}

type TimerName = 'connect' | 'read' | 'total';

class Exchange {
  private req: ClientRequest | undefined;
  private settled = false;
  private readonly timers = new Map<TimerName, NodeJS.Timeout>();

  constructor(
    private readonly url: URL,
    private readonly opts: HopOptions,
    private readonly resolve: (result: HopResult) => void,
    private readonly reject: (err: unknown) => void,
  ) {}

  start(): void {
    const { signal } = this.opts;
    if (signal?.aborted) return this.fail(signal.reason);
    const transport = this.url.protocol === 'https:' ? https : http;
    // agent: false → a fresh connection per hop, so the connect timer always measures a
    // real connect and no pooled socket outlives the host-queue slot.
    const req = transport.request(this.url, { method: 'GET', headers: this.opts.headers, agent: false });
    this.req = req;
    this.arm('total', this.opts.totalTimeoutMs, `no complete response within ${this.opts.totalTimeoutMs} ms`);
    this.arm('connect', this.opts.connectTimeoutMs, `no connection within ${this.opts.connectTimeoutMs} ms`);
    req.on('socket', (socket) => this.onSocket(socket));
    req.on('response', (res) => this.onResponse(res));
    // Before the response this is a connect/DNS/hang-up failure; during the body a real
    // socket error (RST, EPIPE), which is a reset whatever Content-Length said.
    req.on('error', (err) => this.fail(classifyNetworkError(err, this.url)));
    signal?.addEventListener('abort', this.onAbort, { once: true });
    req.end();
  }

  private readonly onAbort = (): void => this.fail(this.opts.signal?.reason);

  private onSocket(socket: Socket): void {
    const connected = this.url.protocol === 'https:' ? 'secureConnect' : 'connect';
    socket.once(connected, () => {
      this.clear('connect');
      this.armRead('waiting for response headers');
    });
  }

  private onResponse(res: IncomingMessage): void {
    this.clear('read');
    const status = res.statusCode ?? 0;
    if (status === 304) return this.succeed({ kind: 'not_modified', headers: res.headers });
    if (REDIRECT_STATUSES.has(status)) {
      return this.succeed({ kind: 'redirect', status, location: res.headers.location });
    }
    if (status >= 400) return this.fail(statusError(status, this.url, this.retryAfter(status, res.headers)));
    if (status < 200 || status >= 300) {
      // 300, 305 and other 3xx we do not follow: the page is not where we can get it.
      return this.fail(new FetchError('redirect', `unexpected HTTP ${status} from ${this.url.href}`, false));
    }
    try {
      this.checkDeclaredLength(res.headers);
      this.opts.acceptResponse(res.headers);
    } catch (err) {
      return this.fail(err);
    }
    this.readBody(res, status);
  }

  /** Retry-After only means "come back later" on 429 and 503 (RFC 9110 §10.2.3). */
  private retryAfter(status: number, headers: IncomingHttpHeaders): number | undefined {
    if (status !== 429 && status !== 503) return undefined;
    return parseRetryAfter(headers['retry-after'], this.opts.now());
  }

  /** Refuses before reading a byte when the server already says the body is too big. */
  private checkDeclaredLength(headers: IncomingHttpHeaders): void {
    const declared = declaredLength(headers);
    if (declared !== undefined && declared > this.opts.maxBodyBytes) {
      throw tooLargeError(`Content-Length ${declared} exceeds the ${this.opts.maxBodyBytes}-byte cap`);
    }
  }

  private readBody(res: IncomingMessage, status: number): void {
    const declared = declaredLength(res.headers);
    const chunks: Buffer[] = [];
    let received = 0;
    this.armRead('reading the body');
    res.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > this.opts.maxBodyBytes) {
        return this.fail(tooLargeError(`body exceeds the ${this.opts.maxBodyBytes}-byte cap`));
      }
      chunks.push(chunk);
      this.armRead('reading the body');
    });
    res.on('end', () => {
      if (!res.complete) return this.fail(prematureEnd(declared, received));
      this.succeed({ kind: 'body', status, headers: res.headers, raw: Buffer.concat(chunks, received) });
    });
    // Node reports a connection closed before the body's end as an 'aborted' error.
    res.on('error', () => this.fail(prematureEnd(declared, received)));
    res.on('close', () => this.fail(prematureEnd(declared, received)));
  }

  private armRead(phase: string): void {
    this.arm('read', this.opts.readTimeoutMs, `no data for ${this.opts.readTimeoutMs} ms ${phase}`);
  }

  /** (Re)starts a named timer; when it fires the exchange fails with `timeout`. */
  private arm(name: TimerName, ms: number, message: string): void {
    this.clear(name);
    this.timers.set(name, setTimeout(() => this.fail(timeoutError(`${this.url.host}: ${message}`)), ms));
  }

  private clear(name: TimerName): void {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  private succeed(result: HopResult): void {
    if (this.finish()) this.resolve(result);
  }

  private fail(err: unknown): void {
    if (this.finish()) this.reject(err);
  }

  /**
   * Settles at most once: stops every timer and closes the connection, which also stops
   * reading an oversized or unwanted body at once. Returns false if already settled.
   */
  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    for (const name of [...this.timers.keys()]) this.clear(name);
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    this.req?.destroy();
    return true;
  }
}

/** The declared Content-Length, when present and a plain non-negative integer. */
function declaredLength(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['content-length'];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
