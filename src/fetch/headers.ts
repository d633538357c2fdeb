/**
 * The request headers the fetcher sends. Identifying ourselves with a contact URL is the
 * polite default; the browser-like UA exists only because cbp.gov rejects other clients.
 */
import { acceptHeader } from './content-type.js';
import type { FetchRequest } from './types.js';

export interface UserAgents {
  userAgent: string;
  browserUserAgent: string;
}

/** Headers for one request: UA, Accept for the format, encodings we can undo, validators. */
export function requestHeaders(req: FetchRequest, agents: UserAgents): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': req.browserUserAgent ? agents.browserUserAgent : agents.userAgent,
    Accept: acceptHeader(req.expect),
    'Accept-Encoding': 'gzip, deflate, br',
    // Some CDNs vary on language and serve an error page to clients that send none.
    'Accept-Language': 'en-US,en;q=0.9',
  };
  const { etag, lastModified } = req.validators ?? {};
  if (etag) headers['If-None-Match'] = etag;
  if (lastModified) headers['If-Modified-Since'] = lastModified;
  return headers;
}
