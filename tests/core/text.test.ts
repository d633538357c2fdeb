import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText, formatNumber } from '../../src/core/text.js';
import { filesUnder } from '../helpers/files.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const intl = (n: number, digits: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

describe('formatNumber()', () => {
  it('groups thousands and drops trailing zeros', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(-1234.5, 1)).toBe('-1,234.5');
    expect(formatNumber(12.5, 3)).toBe('12.5');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(0)).toBe('0');
  });

  it('rounds the shortest decimal form half away from zero, as Intl does', () => {
    expect(formatNumber(1.005, 2)).toBe('1.01'); // toFixed(2) gives 1.00
    expect(formatNumber(2.5)).toBe('3');
    expect(formatNumber(-2.5)).toBe('-3');
    expect(formatNumber(999.995, 2)).toBe('1,000');
    expect(formatNumber(-0.04, 1)).toBe('-0');
    expect(formatNumber(1e21)).toBe('1,000,000,000,000,000,000,000');
    expect(formatNumber(1e-7, 1)).toBe('0');
  });

  it('prints what toLocaleString("en-US") prints for any number and up to 3 decimals', () => {
    const number = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e22, max: 1e22 }),
      fc.integer({ min: -1e9, max: 1e9 }).map((i) => i / 1000),
      fc.integer({ min: -1e6, max: 1e6 }).map((i) => i + 0.5),
      fc.integer({ min: 0, max: 30 }).chain((e) => fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x * 10 ** (e - 10))),
    );
    fc.assert(
      fc.property(number, fc.integer({ min: 0, max: 3 }), (n, digits) => {
        expect(formatNumber(n, digits)).toBe(intl(n, digits));
      }),
      { numRuns: 20_000 },
    );
  });

  it('names non-finite values as Intl does', () => {
    for (const n of [NaN, Infinity, -Infinity]) expect(formatNumber(n)).toBe(intl(n, 0));
  });
});

describe('compareText()', () => {
  it('orders by code units, independent of locale collation', () => {
    expect(['b', 'B', 'a', '_', '2025-10-01', '2025-09-30'].sort(compareText)).toEqual(['2025-09-30', '2025-10-01', 'B', '_', 'a', 'b']);
    expect(compareText('x', 'x')).toBe(0);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => compareText(a, b) === -compareText(b, a) && (compareText(a, b) === 0) === (a === b)));
  });
});

describe('service code', () => {
  it('never calls into ICU: no localeCompare, toLocale*String or Intl outside src/core/text.ts', () => {
    const offenders: string[] = [];
    const files = [...filesUnder(path.join(REPO, 'src'), '.ts'), ...filesUnder(path.join(REPO, 'scrapers'), '.ts')];
    for (const file of files.filter((f) => f !== path.join(REPO, 'src/core/text.ts'))) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\.localeCompare\(|\.toLocale(Date|Time)?String\(|\bIntl\./.test(line)) offenders.push(`${path.relative(REPO, file)}:${i + 1}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
