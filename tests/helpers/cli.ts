import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');
/** The compiled CLI, as `npm start` runs it (`npm test` builds it first). */
export const CLI = path.join(REPO, 'dist/src/cli.js');

function assertBuilt(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it before vitest)`);
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  assertBuilt();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `serve` and resolves once it prints its listening URL; `stop()` sends SIGTERM and waits. */
export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 60 s:\n${out}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+?)\/metrics/.exec(out);
      if (m) (clearTimeout(timer), resolve(m[1]!));
    });
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`serve exited with ${code}:\n${out}`))));
  });
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { url, output: () => out, stop };
}
