/**
 * Removes Content-Encoding with a bound. The DECOMPRESSED size is capped as well as the raw
 * one, so a small gzip bomb cannot fill memory: zlib stops as soon as output passes the cap.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { FetchError } from '../core/errors.js';
import { tooLargeError } from './classify.js';

type Decoder = (buf: Buffer, opts: { maxOutputLength: number }) => Promise<Buffer>;

const gunzip: Decoder = promisify(zlib.gunzip);
const inflate: Decoder = promisify(zlib.inflate);
const inflateRaw: Decoder = promisify(zlib.inflateRaw);
const brotli: Decoder = promisify(zlib.brotliDecompress);

/**
 * "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate; a zlib
 * header is 0x?8 with the first two bytes a multiple of 31 (RFC 1950 §2.2).
 */
function deflateDecoder(buf: Buffer): Decoder {
  const [b0, b1] = [buf[0] ?? 0, buf[1] ?? 0];
  const zlibWrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
  return zlibWrapped ? inflate : inflateRaw;
}

function decoderFor(coding: string, buf: Buffer): Decoder {
  if (coding === 'gzip' || coding === 'x-gzip') return gunzip;
  if (coding === 'deflate') return deflateDecoder(buf);
  if (coding === 'br') return brotli;
  throw new FetchError('decode', `unsupported Content-Encoding ${coding}`, false);
}

/** Content codings in the order to undo them (the header lists them in the order applied). */
export function contentCodings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
    .reverse();
}

/**
 * Decodes `raw` per the Content-Encoding header. Output over `maxBytes` → `too_large`;
 * corrupt or unsupported data → `decode`. Neither is retryable.
 */
export async function decodeBody(raw: Buffer, header: string | undefined, maxBytes: number): Promise<Buffer> {
  let body = raw;
  for (const coding of contentCodings(header)) {
    // An empty body (e.g. 204) with a coding label has nothing to decode.
    if (body.length === 0) return body;
    const decode = decoderFor(coding, body);
    try {
      body = await decode(body, { maxOutputLength: maxBytes });
    } catch (err) {
      throw decodeFailure(err, coding, maxBytes);
    }
  }
  return body;
}

function decodeFailure(err: unknown, coding: string, maxBytes: number): FetchError {
  if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
    return tooLargeError(`${coding} body decompresses to more than ${maxBytes} bytes`);
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new FetchError('decode', `corrupt ${coding} body: ${detail}`, false);
}
