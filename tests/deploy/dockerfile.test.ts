/**
 * The Dockerfile and .dockerignore, read as text (no Docker daemon in CI): a multi-stage build on
 * node:20-bookworm-slim with the native toolchain for better-sqlite3, a runtime stage with
 * production dependencies only, a non-root user, the store on /data, and a healthcheck that
 * needs nothing but node. Also proves the build context is enough: the code the image compiles
 * imports nothing outside the folders it copies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../helpers/files.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const text = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
/** Instructions with line continuations joined and comments dropped. */
const lines = text
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const stages = lines.reduce<string[][]>((acc, l) => (l.startsWith('FROM ') ? [...acc, [l]] : (acc.at(-1)?.push(l), acc)), []);
const [build, runtime] = stages as [string[], string[]];
const has = (stage: string[], re: RegExp) => stage.some((l) => re.test(l));

/** Paths the Dockerfile copies from the build context. */
const copied = lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from=')).flatMap((l) => l.split(/\s+/).slice(1, -1));

describe('Dockerfile', () => {
  it('has a build and a runtime stage on node:20-bookworm-slim', () => {
    expect(stages.map((s) => s[0])).toEqual(['FROM node:20-bookworm-slim AS build', 'FROM node:20-bookworm-slim AS runtime']);
  });

  it('builds with npm ci, the toolchain better-sqlite3 compiles with, and the project\'s build', () => {
    expect(has(build, /apt-get install .*\bpython3\b.*\bmake\b.*\bg\+\+/)).toBe(true);
    expect(has(build, /\bnpm ci\b/)).toBe(true);
    expect(has(build, /npm rebuild better-sqlite3/)).toBe(true);
    expect(has(build, /npm run build/)).toBe(true);
    expect(has(build, /npm prune --omit=dev/)).toBe(true);
  });

  it('runs production dependencies only, as a non-root user, with the store on /data', () => {
    expect(runtime.filter((l) => l.startsWith('COPY ')).every((l) => l.includes('--from=build'))).toBe(true);
    expect(has(runtime, /\bnpm (ci|install)\b/)).toBe(false);
    expect(has(runtime, /^USER node$/)).toBe(true);
    expect(has(runtime, /^ENV .*\bDATA_DIR=\/data\b/)).toBe(true);
    expect(has(runtime, /^VOLUME \["\/data"\]$/)).toBe(true);
    expect(has(runtime, /chown node:node \/data/)).toBe(true);
  });

  it('exposes 9464, checks /healthz with node itself, and serves', () => {
    expect(has(runtime, /^EXPOSE 9464$/)).toBe(true);
    const health = runtime.find((l) => l.startsWith('HEALTHCHECK '))!;
    expect(health).toMatch(/CMD \["node", "-e", ".*\/healthz.*"\]$/);
    expect(health).not.toMatch(/curl|wget/);
    expect(runtime.at(-1)).toBe('CMD ["node", "--optimize-for-size", "--max-semi-space-size=2", "dist/src/cli.js", "serve"]');
  });

  it('copies what the build needs, and .dockerignore lets exactly that through', () => {
    expect(copied.sort()).toEqual(['package-lock.json', 'package.json', 'scrapers', 'src', 'tsconfig.json']);
    const ignore = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignore).toContain('*');
    for (const p of copied) expect(ignore.some((l) => l === `!${p}` || l === `!${p}/`), p).toBe(true);
  });

  it('compiles code that imports nothing outside the copied folders', () => {
    const outside: string[] = [];
    for (const file of [...filesUnder(path.join(ROOT, 'src'), '.ts'), ...filesUnder(path.join(ROOT, 'scrapers'), '.ts')]) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = path.relative(ROOT, path.resolve(path.dirname(file), m[1]!));
        if (!/^(src|scrapers)\//.test(target)) outside.push(`${path.relative(ROOT, file)} → ${m[1]}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
