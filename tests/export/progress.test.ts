import { describe, expect, it } from 'vitest';
import { progress } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, write: (c: string) => chunks.push(c) };
}

describe('progress', () => {
  it('logs one plain line per 10% step when not on a terminal', () => {
    const s = stream(false);
    let t = 0;
    const p = progress('export', 1000, { stream: s, unit: 'rows', now: () => t });
    for (let i = 0; i <= 1000; i += 5) p.update(i);
    t = 2500;
    p.done();
    expect(s.chunks).toHaveLength(12);
    expect(s.chunks[0]).toBe('export: 0% (0/1,000 rows)\n');
    expect(s.chunks[5]).toBe('export: 50% (500/1,000 rows)\n');
    expect(s.chunks[10]).toBe('export: 100% (1,000/1,000 rows)\n');
    expect(s.chunks[11]).toBe('export: done, 1,000 rows in 2.5s\n');
    expect(s.chunks.join('')).not.toMatch(/\r|\x1b/);
  });

  it('redraws one bar in place on a terminal, at most ten times a second', () => {
    const s = stream(true);
    let t = 0;
    const p = progress('backfill', 200, { stream: s, unit: 'values', now: () => t });
    for (let i = 1; i <= 200; i++) {
      t += 1;
      p.update(i);
    }
    expect(s.chunks.length).toBeLessThanOrEqual(3);
    expect(s.chunks[0]).toBe('\r\x1b[2Kbackfill [........................]   0% 1/200 values');
    p.done('finished');
    expect(s.chunks.at(-2)).toBe('\r\x1b[2Kbackfill [########################] 100% 200/200 values');
    expect(s.chunks.at(-1)).toBe('\r\x1b[2Kbackfill: finished in 0.2s\n');
  });

  it('accepts a total that is learned later and ignores updates after done', () => {
    const s = stream(false);
    const p = progress('rows', 0, { stream: s, now: () => 0 });
    p.update(5, 10);
    p.done();
    p.update(10);
    expect(s.chunks).toEqual(['rows: 50% (5/10)\n', 'rows: done, 5 in 0.0s\n']);
  });
});
