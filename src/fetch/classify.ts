/**
 * Turns Node's socket and DNS errors into the project's FetchError kinds, so the error
 * counters say *why* a source failed (our DNS, their refusal, a dropped connection) instead
 * of one opaque "network error".
 */
import { FetchError } from '../core/errors.js';

interface CodeRule {
  kind: 'dns' | 'refused' | 'reset' | 'timeout';
  retryable: boolean;
  describe: string;
}

const CODE_RULES: Readonly<Record<string, CodeRule>> = {
  ENOTFOUND: { kind: 'dns', retryable: false, describe: 'host name does not resolve' },
  // EAI_AGAIN is the resolver saying "try again later": worth one more attempt.
  EAI_AGAIN: { kind: 'dns', retryable: true, describe: 'DNS lookup failed temporarily' },
  ECONNREFUSED: { kind: 'refused', retryable: true, describe: 'connection refused' },
  ECONNRESET: { kind: 'reset', retryable: true, describe: 'connection reset' },
  EPIPE: { kind: 'reset', retryable: true, describe: 'connection closed while sending' },
  ETIMEDOUT: { kind: 'timeout', retryable: true, describe: 'operating system connect timeout' },
};

/** The `code` of a Node system error, if it has one. */
function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Classifies an error raised by node:http/node:net for `url`. Unknown causes (TLS
 * certificate problems, unreachable networks, malformed responses) become a non-retryable
 * `network` error carrying the original message, since waiting will not fix them.
 */
export function classifyNetworkError(err: unknown, url: URL): FetchError {
  if (err instanceof FetchError) return err;
  const code = errorCode(err);
  const rule = code === undefined || !Object.hasOwn(CODE_RULES, code) ? undefined : CODE_RULES[code];
  const detail = err instanceof Error ? err.message : String(err);
  if (rule) return new FetchError(rule.kind, `${rule.describe}: ${url.host} (${detail})`, rule.retryable);
  return new FetchError('network', `${url.host}: ${detail}`, false);
}

/**
 * The error for a response body that stopped before its end. A declared Content-Length
 * that was not reached is `truncated`; a chunked body that stops is a hang-up, `reset`.
 * Both are retryable: a flaky connection or CDN usually serves the file whole next time.
 */
export function prematureEnd(declared: number | undefined, received: number): FetchError {
  if (declared !== undefined && received < declared) {
    return new FetchError('truncated', `body ended after ${received} of ${declared} bytes`, true);
  }
  return new FetchError('reset', `connection closed mid-body after ${received} bytes`, true);
}

/** `timeout` errors are retryable: a slow server is often a busy one. */
export function timeoutError(message: string): FetchError {
  return new FetchError('timeout', message, true);
}

/** The refusal for a body over the cap; not retryable, the file will not shrink. */
export function tooLargeError(message: string): FetchError {
  return new FetchError('too_large', message, false);
}
