import { STATUS_CODES } from 'node:http';

/** A client error with an HTTP status; anything else becomes a 500 without details. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers (`WWW-Authenticate`, `Retry-After`, …). */
    readonly headers: Readonly<Record<string, string>> = {},
    /** Extra JSON fields next to `error` (e.g. the parser and reason of a refused import). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * Errors raised by express itself and its body parsers carry a 4xx `status` and a `type`. Their
 * messages can quote the request (a JSON parse error echoes the body) or name internals, so each
 * known type gets a fixed message of ours; an unknown 4xx gets the status's reason phrase.
 */
interface FrameworkError {
  readonly status?: unknown;
  readonly statusCode?: unknown;
  readonly type?: unknown;
  readonly limit?: unknown;
}

const BY_TYPE: Readonly<Record<string, (e: FrameworkError) => string>> = {
  'entity.too.large': (e) => `request body larger than the limit of ${typeof e.limit === 'number' ? `${e.limit} bytes` : 'this endpoint'}`,
  'entity.parse.failed': () => 'malformed JSON body',
  'entity.verify.failed': () => 'request body refused',
  'encoding.unsupported': () => 'Content-Encoding is not supported; send the body uncompressed',
  'charset.unsupported': () => 'unsupported charset',
  'request.aborted': () => 'request aborted',
  'request.size.invalid': () => 'request body size does not match Content-Length',
  'stream.encoding.set': () => 'request body could not be read',
  'stream.not.readable': () => 'request body could not be read',
  'parameters.too.many': () => 'too many parameters',
};

/**
 * The HTTP error to answer for anything thrown by a route or middleware: our {@link HttpError}
 * as is; an express / body-parser 4xx with a fixed message; a malformed percent-encoding in a
 * path parameter as 400; everything else as `undefined` (a bug: 500, logged, no details sent).
 */
export function toHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as FrameworkError;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status > 499) return undefined;
  if (err instanceof URIError) return new HttpError(400, 'malformed percent-encoding in the URL');
  const byType = typeof e.type === 'string' && Object.hasOwn(BY_TYPE, e.type) ? BY_TYPE[e.type] : undefined;
  return new HttpError(status, byType ? byType(e) : (STATUS_CODES[status] ?? 'bad request').toLowerCase());
}
