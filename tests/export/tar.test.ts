import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { splitName, tarHeader, TarWriter } from '../../src/export/tar.js';
import { tempDir } from '../helpers/tmp.js';

const run = promisify(execFile);
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Runs a system tool; a missing one fails the test with a hint instead of skipping. */
async function sh(bin: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await run(bin, args, { cwd })).stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${bin} is not installed; the tar tests need GNU tar and coreutils`);
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

describe('tarHeader', () => {
  it('writes a ustar header whose checksum verifies', () => {
    const h = tarHeader({ name: 'dir/file.txt', size: 1234, type: 'file', mtime: 1_747_699_200 });
    expect(h).toHaveLength(512);
    expect(h.toString('ascii', 0, 12)).toBe('dir/file.txt');
    expect(h.toString('ascii', 124, 135)).toBe((1234).toString(8).padStart(11, '0'));
    expect(h.toString('ascii', 156, 157)).toBe('0');
    expect(h.toString('ascii', 257, 263)).toBe('ustar\0');
    const stored = parseInt(h.toString('ascii', 148, 154), 8);
    const copy = Buffer.from(h);
    copy.fill(' ', 148, 156);
    expect(stored).toBe(copy.reduce((a, b) => a + b, 0));
  });

  it('splits a long path into prefix and name at a slash', () => {
    const p = `enforcement-watch-snapshot-2025-05-20/artifacts/${'f'.repeat(64)}.xlsx`;
    expect(p.length).toBeGreaterThan(100);
    expect(splitName(p)).toEqual({ prefix: 'enforcement-watch-snapshot-2025-05-20/artifacts', name: `${'f'.repeat(64)}.xlsx` });
    expect(splitName('short.txt')).toEqual({ prefix: '', name: 'short.txt' });
  });

  it('refuses names that would escape the folder or cannot fit', () => {
    expect(() => splitName('../etc/passwd')).toThrow(/unsafe/);
    expect(() => splitName('/abs')).toThrow(/unsafe/);
    expect(() => splitName('naïve.txt')).toThrow(/non-ASCII/);
    expect(() => splitName('x'.repeat(101))).toThrow(/too long/);
  });
});

describe('TarWriter', () => {
  it('writes a .tar.gz that system tar extracts and sha256sum -c verifies', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const files: Record<string, Buffer> = {
      'README.txt': Buffer.from('hello\r\n'),
      'empty.csv': Buffer.alloc(0),
      'exactly-512.bin': Buffer.alloc(512, 7),
      [`artifacts/${'e'.repeat(64)}.xlsx`]: Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251)),
    };
    const manifest = Object.entries(files)
      .map(([name, body]) => `${createHash('sha256').update(body).digest('hex')}  ${name}\n`)
      .join('');
    const archive = path.join(t.dir, 'out.tar.gz');
    const gzip = createGzip();
    const done = pipeline(gzip, fs.createWriteStream(archive));
    const tar = new TarWriter(gzip, 1_747_699_200);
    await tar.directory('bundle');
    await tar.file('bundle/MANIFEST.sha256', manifest);
    await tar.directory('bundle/artifacts');
    for (const [name, body] of Object.entries(files)) await tar.file(`bundle/${name}`, body);
    await tar.close();
    await done;

    const listing = await sh('tar', ['-tzvf', archive], t.dir);
    expect(listing).toMatch(/2025-05-20/);
    await sh('tar', ['-xzf', archive], t.dir);
    const check = await sh('sha256sum', ['-c', 'MANIFEST.sha256'], path.join(t.dir, 'bundle'));
    expect(check.trim().split('\n')).toHaveLength(4);
    expect(check).not.toMatch(/FAILED/);
    expect(fs.readFileSync(path.join(t.dir, 'bundle', `artifacts/${'e'.repeat(64)}.xlsx`))).toEqual(files[`artifacts/${'e'.repeat(64)}.xlsx`]);
  });

  it('streams a file from disk', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const src = path.join(t.dir, 'big.csv');
    fs.writeFileSync(src, 'x,y\r\n'.repeat(100_000));
    const archive = path.join(t.dir, 'disk.tar.gz');
    const gzip = createGzip();
    const done = pipeline(gzip, fs.createWriteStream(archive));
    const tar = new TarWriter(gzip, 0);
    await tar.fileFromDisk('copy/big.csv', src);
    await tar.close();
    await done;
    fs.mkdirSync(path.join(t.dir, 'x'));
    await sh('tar', ['-xzf', archive, '-C', 'x'], t.dir);
    expect(fs.readFileSync(path.join(t.dir, 'x/copy/big.csv'))).toEqual(fs.readFileSync(src));
  });
});
