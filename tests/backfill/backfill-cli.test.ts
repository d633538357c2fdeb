import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill } from '../../src/cli/backfill.js';
import { Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { fillHistory } from '../export/history-fixture.js';

const t = tempDir();
const flags = (extra: Record<string, unknown>) => ({ 'data-dir': path.join(t.dir, 'data'), ...extra }) as Parameters<typeof runBackfill>[0];

beforeAll(() => {
  const store = Store.open(path.join(t.dir, 'data'));
  fillHistory(store);
  store.close();
});
afterAll(() => t.cleanup());

describe('backfill command', () => {
  it('writes the OpenMetrics file under its final name only when complete', () => {
    const out = path.join(t.dir, 'history.om');
    expect(runBackfill(flags({ out }))).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.startsWith('# HELP enforcement_cbp_encounters ')).toBe(true);
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(text.match(/^enforcement_\w+\{/gm)).toHaveLength(180);
    expect(fs.readdirSync(t.dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('needs --out (exit 64) and a folder it can write to (exit 73)', () => {
    expect(runBackfill(flags({}))).toBe(64);
    expect(runBackfill(flags({ out: path.join(t.dir, 'missing', 'h.om') }))).toBe(73);
  });
});
