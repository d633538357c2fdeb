/**
 * The container runs the service as an unprivileged user: the final stage of the Dockerfile
 * (the image that ships) switches to a non-root USER before its CMD and never back to root.
 * Read as text; no Docker daemon in CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Instructions of the last stage, continuation lines joined, comments dropped, keyword upper-cased. */
function finalStage(dockerfile: string): string[] {
  const lines = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.replace(/^(\S+)/, (k) => k.toUpperCase()));
  const from = lines.map((l, i) => (l.startsWith('FROM ') ? i : -1)).filter((i) => i >= 0);
  expect(from.length, 'Dockerfile has no FROM').toBeGreaterThan(0);
  return lines.slice(from.at(-1));
}

/** The user an instruction list ends up running as (`root` when no USER is given). */
function effectiveUser(stage: readonly string[]): string {
  const users = stage.filter((l) => l.startsWith('USER ')).map((l) => l.slice(5).trim());
  return users.at(-1) ?? 'root';
}

const isRoot = (user: string): boolean => /^(root|0)(:.*)?$/.test(user);

describe('container user', () => {
  it('the final stage runs as a non-root user', () => {
    const stage = finalStage(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
    const user = effectiveUser(stage);
    expect(isRoot(user), `final stage runs as ${user}`).toBe(false);
    const lastIndex = (re: RegExp) => stage.map((l, i) => (re.test(l) ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
    const userAt = lastIndex(/^USER /);
    const cmdAt = lastIndex(/^(CMD|ENTRYPOINT) /);
    expect(cmdAt).toBeGreaterThan(userAt);
  });

  it('the check itself catches a root or missing USER', () => {
    const user = (text: string) => effectiveUser(finalStage(text));
    expect(isRoot(user('FROM a AS build\nUSER node\nFROM b\nCMD ["x"]'))).toBe(true);
    expect(isRoot(user('FROM b\nUSER node\nRUN x\nuser root\nCMD ["x"]'))).toBe(true);
    expect(isRoot(user('FROM b\nUSER 0:0\nCMD ["x"]'))).toBe(true);
    expect(isRoot(user('FROM b\nUSER node:node\nCMD ["x"]'))).toBe(false);
  });
});
