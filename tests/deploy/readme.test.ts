/**
 * The README's quick start stays true: two commands, one that runs the service on its embedded
 * defaults and one that runs the tests, the latter being what `.ci/run` runs; and the runtime
 * settings it names are those of src/runtime.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVICE_ENV, SERVICE_NODE_FLAGS } from '../../src/runtime.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
const firstBlock = /```sh\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? '';
const commands = firstBlock
  .split('\n')
  .map((l) => l.replace(/#.*$/, '').trim())
  .filter(Boolean);

describe('README quick start', () => {
  it('is two commands: install and start the service, then run the tests', () => {
    expect(commands).toEqual(['npm ci && npm start', 'npm test']);
  });

  it('names the test command .ci/run runs, and .ci/run installs with npm ci', () => {
    const ci = fs
      .readFileSync(path.join(ROOT, '.ci/run'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ci.at(-1)).toBe(commands[1]);
    expect(ci.some((l) => /^npm ci\b/.test(l))).toBe(true);
  });

  it('states the runtime settings npm start uses', () => {
    for (const flag of SERVICE_NODE_FLAGS) expect(quickStart).toContain(flag);
    for (const [k, v] of Object.entries(SERVICE_ENV)) expect(quickStart).toContain(`${k}=${v}`);
  });
});
