/**
 * Every launcher of the service starts it with the runtime settings of src/runtime.ts (Node
 * flags and the malloc arena limit): `npm start`, `npm run demo`, the `enforcement-watch`
 * executable's shebang and the container's ENV and CMD. The shebang is also executed, to prove
 * `env -S` on this system really hands those flags and that variable to node.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVICE_ENV, SERVICE_NODE_FLAGS, serviceCommandPrefix } from '../../src/runtime.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
const shebang = `#!/usr/bin/env -S ${serviceCommandPrefix()}`;

describe('service runtime settings', () => {
  it('are what npm start and npm run demo run', () => {
    expect(pkg.scripts.start).toBe(`${serviceCommandPrefix()} dist/src/cli.js serve`);
    expect(pkg.scripts.demo).toBe(`${serviceCommandPrefix()} dist/src/cli.js serve --demo`);
  });

  it('are the shebang of the enforcement-watch executable, source and compiled', () => {
    expect(pkg.bin['enforcement-watch']).toBe('dist/src/cli.js');
    expect(fs.readFileSync(path.join(ROOT, 'src/cli.ts'), 'utf8').split('\n')[0]).toBe(shebang);
    expect(fs.readFileSync(path.join(ROOT, 'dist/src/cli.js'), 'utf8').split('\n')[0]).toBe(shebang);
  });

  it('reach node when the shebang is executed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ew-shebang-'));
    const script = path.join(dir, 'probe.mjs');
    fs.writeFileSync(script, `${shebang}\nconsole.log(JSON.stringify({ flags: process.execArgv, env: process.env }));\n`, { mode: 0o755 });
    const r = spawnSync(script, { encoding: 'utf8', env: { PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` } });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const seen = JSON.parse(r.stdout) as { flags: string[]; env: Record<string, string> };
    expect(seen.flags).toEqual([...SERVICE_NODE_FLAGS]);
    for (const [k, v] of Object.entries(SERVICE_ENV)) expect(seen.env[k]).toBe(v);
  });

  it('are the container\'s environment and command', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    const env = runtime.split('\n').find((l) => l.startsWith('ENV '))!;
    for (const [k, v] of Object.entries(SERVICE_ENV)) expect(env).toMatch(new RegExp(`\\b${k}=${v}\\b`));
    expect(runtime).not.toMatch(/NODE_OPTIONS/);
    const cmd = runtime.split('\n').filter((l) => l.startsWith('CMD ')).at(-1)!;
    expect(JSON.parse(cmd.slice(4))).toEqual(['node', ...SERVICE_NODE_FLAGS, 'dist/src/cli.js', 'serve']);
  });
});
