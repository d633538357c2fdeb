import { once } from 'node:events';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * A minimal POSIX ustar writer (regular files and directories only), enough for export
 * bundles that `tar -xzf` and every archive tool read. Streams: file bodies are written as
 * they come, with backpressure, so a bundle of large agency files never sits in memory.
 *
 * Limits, checked: names of ASCII characters, at most 100 bytes after an optional split into a
 * 155-byte prefix at a `/`; files under 8 GiB (11 octal digits).
 */

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1;

export interface TarEntry {
  readonly name: string;
  readonly size: number;
  readonly type: 'file' | 'directory';
  /** Unix seconds. */
  readonly mtime: number;
  readonly mode?: number;
}

/** Splits a path into ustar `prefix` and `name` fields, or throws when it cannot fit. */
export function splitName(path: string): { prefix: string; name: string } {
  if (!/^[\x21-\x7e][\x20-\x7e]*$/.test(path) || path.startsWith('/') || path.split('/').includes('..')) {
    throw new RangeError(`tar: unsafe or non-ASCII entry name "${path}"`);
  }
  if (path.length <= 100) return { prefix: '', name: path };
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (prefix.length <= 155 && name.length <= 100 && name.length > 0) return { prefix, name };
  }
  throw new RangeError(`tar: entry name too long for ustar: "${path}"`);
}

function octal(value: number, width: number): string {
  // width - 1 digits, then NUL.
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** The 512-byte ustar header of an entry. */
export function tarHeader(e: TarEntry): Buffer {
  if (!Number.isInteger(e.size) || e.size < 0 || e.size > MAX_SIZE) throw new RangeError(`tar: bad size ${e.size} for ${e.name}`);
  const path = e.type === 'directory' && !e.name.endsWith('/') ? `${e.name}/` : e.name;
  const { prefix, name } = splitName(path);
  const h = Buffer.alloc(BLOCK, 0);
  const put = (offset: number, text: string) => h.write(text, offset, 'ascii');
  put(0, name);
  put(100, octal(e.mode ?? (e.type === 'directory' ? 0o755 : 0o644), 8));
  put(108, octal(0, 8)); // uid
  put(116, octal(0, 8)); // gid
  put(124, octal(e.type === 'directory' ? 0 : e.size, 12));
  put(136, octal(Math.max(0, Math.floor(e.mtime)), 12));
  put(148, '        '); // checksum counts as spaces while it is computed
  put(156, e.type === 'directory' ? '5' : '0');
  put(257, 'ustar\0');
  put(263, '00');
  put(345, prefix);
  let sum = 0;
  for (const byte of h) sum += byte;
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK, 0);

/** Writes a tar stream entry by entry into `out` (e.g. a gzip stream piped to a file). */
export class TarWriter {
  #closed = false;
  constructor(
    private readonly out: Writable,
    private readonly mtime: number,
  ) {}

  async directory(name: string): Promise<void> {
    await this.#write(tarHeader({ name, size: 0, type: 'directory', mtime: this.mtime }));
  }

  async file(name: string, body: Buffer | string): Promise<void> {
    const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    await this.#write(tarHeader({ name, size: data.length, type: 'file', mtime: this.mtime }));
    await this.#write(data);
    await this.#write(padding(data.length));
  }

  /** Streams a file from disk; its size must not change while it is read. */
  async fileFromDisk(name: string, diskPath: string): Promise<void> {
    const { size } = fs.statSync(diskPath);
    await this.#write(tarHeader({ name, size, type: 'file', mtime: this.mtime }));
    let written = 0;
    for await (const chunk of fs.createReadStream(diskPath)) {
      written += (chunk as Buffer).length;
      await this.#write(chunk as Buffer);
    }
    if (written !== size) throw new Error(`tar: ${diskPath} changed size while being archived`);
    await this.#write(padding(size));
  }

  /** Writes the two zero blocks that end an archive and ends the output stream. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#write(Buffer.alloc(BLOCK * 2, 0));
    this.out.end();
    await finished(this.out);
  }

  async #write(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    if (this.out.destroyed) throw new Error('tar: the output stream failed or was closed');
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}
