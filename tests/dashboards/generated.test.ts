/**
 * The committed dashboards/generated/*.json are what Grafana loads; they must be exactly what
 * the TypeScript in dashboards/ builds (golden files, STYLE.md item 9).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboards } from '../../dashboards/index.js';
import { generatedFileName, renderDashboard } from '../../dashboards/render.js';
import { GENERATED, generatedFiles } from './dashboard-json.js';

const HINT = 'dashboards/generated/ is out of date with dashboards/*.ts: run `npm run dashboards` (npx tsx dashboards/build.ts) and commit the result';

describe('dashboards/generated', () => {
  const built = buildDashboards();

  it('holds one file per dashboard and nothing else', () => {
    expect(generatedFiles(), HINT).toEqual(built.map(generatedFileName).sort());
  });

  it.each(built.map((d) => [generatedFileName(d), d] as const))('%s matches what the code builds', (file, d) => {
    const committed = fs.readFileSync(path.join(GENERATED, file), 'utf8');
    expect(committed, HINT).toBe(renderDashboard(d));
  });

  it('renders keys sorted at every level, two-space indented, with a trailing newline', () => {
    const text = renderDashboard(built[0]!);
    expect(text.endsWith('}\n')).toBe(true);
    const check = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(check);
      if (v === null || typeof v !== 'object') return;
      const keys = Object.keys(v);
      expect(keys).toEqual([...keys].sort());
      Object.values(v).forEach(check);
    };
    check(JSON.parse(text));
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it('builds the same JSON twice (no clock, no randomness)', () => {
    expect(buildDashboards().map(renderDashboard)).toEqual(built.map(renderDashboard));
  });
});
