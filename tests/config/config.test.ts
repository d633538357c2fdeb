import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { resolveSources } from '../../src/config/resolve.js';
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

function errorOf(yaml: string): string {
  try {
    load(yaml);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the embedded defaults without a file', () => {
    const c = loadConfig({ env: {}, knownSources: known });
    expect(c).toMatchObject({ port: 9464, dataDir: './data', goals: { removalsPerFiscalYear: 1_000_000, offPaceShare: 0.8 }, pace: { defaultThreshold: 0.4 } });
    expect(c.http.maxBodyBytes).toBe(32 * 1024 * 1024);
  });

  it('lets environment variables override the file', () => {
    const c = load('port: 8000\ndataDir: /var/lib/ew\n', { PORT: '9999', DATA_DIR: '/tmp/x' });
    expect(c.port).toBe(9999);
    expect(c.dataDir).toBe('/tmp/x');
  });

  it('applies per-source overrides of cadence and URL', () => {
    const c = load('sources:\n  ice-detention-stats:\n    expectedIntervalHours: 1\n    graceHours: 0.5\n  ice-statistics:\n    enabled: false\n');
    const sources = resolveSources(SOURCES, c);
    const ice = sources.find((s) => s.id === 'ice-detention-stats')!;
    expect(ice.cadence).toEqual({ expectedIntervalSeconds: 3600, graceSeconds: 1800 });
    expect(sources.find((s) => s.id === 'ice-statistics')).toBeUndefined();
  });

  it('names an unknown top-level key', () => {
    expect(errorOf('prot: 1\n')).toMatch(/^prot: /);
  });

  it('names a bad nested field', () => {
    expect(errorOf('http:\n  maxRetries: -1\n')).toMatch(/^http\.maxRetries: /);
  });

  it('names a port of the wrong type', () => {
    expect(errorOf('port: "abc"\n')).toMatch(/^port: .*number/);
  });

  it('names an unknown source', () => {
    expect(errorOf('sources:\n  ice-detentoin:\n    graceHours: 1\n')).toMatch(/^sources\.ice-detentoin: unknown source/);
  });

  it('names an invalid cron schedule', () => {
    expect(errorOf('sources:\n  ice-detention-stats:\n    schedule: "every day"\n')).toBe(
      'sources.ice-detention-stats.schedule: invalid cron expression "every day"',
    );
  });

  it('names a landing URL that is not http(s)', () => {
    expect(errorOf('sources:\n  ice-statistics:\n    landingUrl: "ftp://example.org/x"\n')).toMatch(/^sources\.ice-statistics\.landingUrl: /);
  });

  it('names an unknown series in pace thresholds', () => {
    expect(errorOf('pace:\n  thresholds:\n    nonsense: 0.2\n')).toBe('pace.thresholds.nonsense: unknown series');
  });

  it('rejects a goal share above 1', () => {
    expect(errorOf('goals:\n  offPaceShare: 1.5\n')).toMatch(/^goals\.offPaceShare: /);
  });

  it('rejects YAML that does not parse', () => {
    expect(errorOf('port: [1,\n')).toMatch(/^\(file\): .*not valid YAML/);
  });

  it('rejects a document that is not a mapping', () => {
    expect(errorOf('- 1\n- 2\n')).toBe('(root): expected a mapping');
  });
});
