import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/core/errors.js';
import { SOURCES } from '../../scrapers/index.js';
import { tempDir } from '../helpers/tmp.js';

const t = tempDir();
afterAll(t.cleanup);
const known = SOURCES.map((s) => s.id);

function load(yaml: string, env: NodeJS.ProcessEnv = {}) {
  const file = path.join(t.dir, `c${Math.random().toString(36).slice(2)}.yml`);
  fs.writeFileSync(file, yaml);
  return loadConfig({ file, env, knownSources: known });
}

function errorOf(yaml: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    load(yaml, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('security settings in the config', () => {
  it('default to no token (mutating endpoints off), 16 KiB JSON, 64 MiB uploads, 120/min with a burst of 60', () => {
    const c = loadConfig({ env: {}, knownSources: known });
    expect(c.apiToken).toBeUndefined();
    expect(c.server).toEqual({ trustProxy: false, maxJsonBytes: 16 * 1024, maxUploadBytes: 64 * 1024 * 1024, rateLimit: { enabled: true, perMinute: 120, burst: 60 } });
  });

  it('take the token from ENFORCEMENT_WATCH_API_TOKEN', () => {
    expect(load('', { ENFORCEMENT_WATCH_API_TOKEN: 'a-long-enough-token-1234' }).apiToken).toBe('a-long-enough-token-1234');
  });

  it('take limits from the file', () => {
    const c = load('server:\n  trustProxy: 1\n  maxUploadBytes: 1048576\n  rateLimit:\n    perMinute: 600\n    burst: 100\n');
    expect(c.server).toMatchObject({ trustProxy: 1, maxUploadBytes: 1_048_576, rateLimit: { enabled: true, perMinute: 600, burst: 100 } });
  });

  it.each([
    ['a short token', 'apiToken: short\n', /^apiToken: /],
    ['a token with a space', 'apiToken: "sixteen chars and more"\n', 'apiToken: must be printable ASCII without spaces (it is sent in an HTTP header)'],
    ['a zero upload cap', 'server:\n  maxUploadBytes: 0\n', /^server\.maxUploadBytes: /],
    ['a JSON limit under 1 KiB', 'server:\n  maxJsonBytes: 10\n', /^server\.maxJsonBytes: /],
    ['an empty burst', 'server:\n  rateLimit:\n    burst: 0\n', /^server\.rateLimit\.burst: /],
    ['a zero rate', 'server:\n  rateLimit:\n    perMinute: 0\n', /^server\.rateLimit\.perMinute: /],
    ['an unknown key', 'server:\n  rateLimit:\n    perHour: 5\n', /^server\.rateLimit\.perHour: /],
  ])('refuse %s', (_name, yaml, message) => {
    if (typeof message === 'string') expect(errorOf(yaml)).toBe(message);
    else expect(errorOf(yaml)).toMatch(message);
  });
});
