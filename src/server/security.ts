import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from './http-error.js';

/**
 * Response headers every answer carries (JSON, metrics, downloads, errors and the status page).
 * None of our responses is meant to be framed, embedded by another origin, or to run anything:
 *
 * - `Content-Security-Policy` — `default-src 'none'` for everything that is not the status page
 *   (JSON, CSV, metrics never load sub-resources); the status page replaces it with its own
 *   stricter-than-usual policy (`STATUS_CSP`), stored artifacts with `default-src 'none'; sandbox`.
 * - `X-Frame-Options: DENY` alongside `frame-ancestors 'none'`, for browsers that predate CSP 2.
 * - `Referrer-Policy: no-referrer` — following an agency link from the status page tells the
 *   agency nothing about where the monitor runs.
 * - `Cross-Origin-Opener-Policy` / `Cross-Origin-Resource-Policy: same-origin` — other sites
 *   can neither script a window of ours nor embed our responses (Prometheus and curl are not
 *   browsers and are unaffected).
 * - `Permissions-Policy` — no powerful browser feature is ever needed.
 *
 * No `Strict-Transport-Security`: the service speaks plain HTTP; HSTS belongs on the TLS proxy.
 */
export const DEFAULT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': DEFAULT_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
};

/** Sets {@link SECURITY_HEADERS} before any route runs, so errors and 404s carry them too. */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    next();
  };
}

/**
 * Refuses a body whose declared `Content-Length` is over `limit` at once, without reading it,
 * and closes the connection after the answer (the body parser would read and discard the whole
 * body first, so a client declaring gigabytes would cost us the transfer). Bodies sent chunked
 * are counted by the body parser itself as they arrive.
 */
export function rejectDeclaredTooLarge(limit: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      res.setHeader('Connection', 'close');
      next(new HttpError(413, `request body larger than the limit of ${limit} bytes`));
      return;
    }
    next();
  };
}
