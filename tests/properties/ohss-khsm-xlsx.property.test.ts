import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ohssKhsmXlsxParser } from '../../scrapers/ohss-khsm.js';
import type { FixtureValue } from '../../src/xlsx/write-workbook.js';
import {
  expectedKhsm,
  khsmModelArb,
  khsmPeriod,
  khsmRows,
  khsmSheets,
  khsmSpellingArb,
  PLAIN_KHSM,
  type KhsmModel,
  type KhsmRowCells,
} from './arbitraries/khsm-workbook.js';
import { byteDamageArb, canon, damage, extraObservations, obsSet, outcomeOf, resultOf, runs, type Outcome } from './arbitraries/outcome.js';
import { thousands } from './arbitraries/common.js';
import { PLAIN_WORKBOOK, stored, writeSheets, xlsxNumbers } from './arbitraries/xlsx.js';

const URL = 'https://ohss.dhs.gov/sites/default/files/2025-01/KHSM%20Encounters%20%28USBP%29%20fy25m11.xlsx';
const parse = (body: Buffer): Outcome => outcomeOf(ohssKhsmXlsxParser.parse, { body, url: URL });
const plainWorkbook = (m: KhsmModel): Buffer => writeSheets(khsmSheets(m, PLAIN_KHSM), PLAIN_WORKBOOK);

// ---- Damage to rows, headers and sheet names ------------------------------------------------------

type RowEdit = 'month' | 'fyText' | 'fyFraction' | 'fyBlank' | 'qtyText' | 'qtyNegative' | 'qtyBlank' | 'qtyBadGrouping' | 'region' | 'duplicate' | 'drop';
type KhsmDamage =
  | { readonly kind: 'row'; readonly sheet: 'count' | 'region'; readonly row: number; readonly edit: RowEdit; readonly pick: number }
  | { readonly kind: 'header'; readonly which: 'Fiscal Year' | 'Month' | 'Quantity' }
  | { readonly kind: 'sheet'; readonly which: 'Monthly Count' | 'Monthly Region' };

const khsmDamageArb: fc.Arbitrary<KhsmDamage> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('row' as const),
      sheet: fc.constantFrom('count' as const, 'region' as const),
      row: fc.nat(),
      edit: fc.constantFrom<RowEdit>('month', 'fyText', 'fyFraction', 'fyBlank', 'qtyText', 'qtyNegative', 'qtyBlank', 'qtyBadGrouping', 'qtyBadGrouping', 'region', 'duplicate', 'drop'),
      pick: fc.nat(),
    }),
  },
  fc.record({ kind: fc.constant('header' as const), which: fc.constantFrom('Fiscal Year' as const, 'Month' as const, 'Quantity' as const) }),
  fc.record({ kind: fc.constant('sheet' as const), which: fc.constantFrom('Monthly Count' as const, 'Monthly Region' as const) }),
);

function damageRows(rows: KhsmRowCells[], edit: RowEdit, at: number, pick: number): KhsmRowCells[] {
  if (rows.length === 0) return rows;
  const out = rows.map((r) => [...r] as KhsmRowCells);
  const i = at % out.length;
  const r = out[i]!;
  const qty = r[3];
  switch (edit) {
    case 'month':
      r[1] = ['13 October', '02 October', 'October', '', '00 October', '1 Octobre'][pick % 6]!;
      break;
    case 'fyText':
      r[0] = String(r[0]);
      break;
    case 'fyFraction':
      r[0] = (r[0] as number) + 0.5;
      break;
    case 'fyBlank':
      r[0] = null;
      break;
    case 'qtyText':
      r[3] = ['n/a', '-', '(D)', 'x10'][pick % 4]!;
      break;
    case 'qtyNegative':
      r[3] = -((qty as number) + 10);
      break;
    case 'qtyBlank':
      r[3] = null;
      break;
    case 'qtyBadGrouping':
      // Digits grouped other than in thousands state no integer: `12,3456`, `120,5`.
      r[3] = (qty as number) >= 1000 ? `${thousands(qty as number)}5` : `${qty},5`;
      break;
    case 'region':
      if (r[2] !== null) r[2] = `${r[2]}x`;
      break;
    case 'duplicate':
      out.splice(i + 1, 0, [r[0], r[1], r[2], (qty as number) + 10]);
      break;
    case 'drop':
      out.splice(i, 1);
      break;
  }
  return out;
}

const NAMES = ['october', 'november', 'december', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september'];

/** The period a row states, read independently: an integer fiscal year and `NN Name` with NN the fiscal month of Name. */
function rowPeriod(r: KhsmRowCells): string | null {
  const m = /^(\d{1,2})\s+([A-Za-z]+)$/.exec(String(r[1] ?? '').replace(/\s+/g, ' ').trim());
  if (typeof r[0] !== 'number' || !Number.isInteger(r[0]) || !m) return null;
  const n = Number(m[1]);
  const name = m[2]!.toLowerCase();
  if (n < 1 || n > 12 || name.length < 3 || !NAMES[n - 1]!.startsWith(name)) return null;
  return khsmPeriod(r[0], n);
}

/** The quantity a cell states: a number, or text that is a well-formed count. */
function stated(v: FixtureValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^(\d{1,3}(,\d{3})+|\d+)$/.test(v.trim())) return Number(v.trim().replace(/,/g, ''));
  return null;
}

/** How many of `actual` issue codes the undamaged workbook would not have reported (multiset difference). */
function newIssues(actual: readonly string[], before: readonly string[]): number {
  const left = [...before];
  return actual.filter((c) => {
    const i = left.indexOf(c);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  }).length;
}

describe('ohss-khsm-xlsx properties', () => {
  it('parse() reads exactly the monthly counts and regions of a generated workbook, identically for every spelling (sheet order and names, extra sheets, header anywhere, column order and gaps, row order, month labels, quantities as text, shared or inline strings)', () => {
    fc.assert(
      fc.property(khsmModelArb, khsmSpellingArb, (m, s) => {
        const plain = parse(plainWorkbook(m));
        const want = expectedKhsm(m);
        const r = resultOf(plain);
        expect(obsSet(r.observations)).toEqual(obsSet(want.observations));
        expect(r.issues.map((i) => i.code).sort()).toEqual([...want.issueCodes].sort());
        expect(r.dataAsOf).toBe(want.dataAsOf);
        expect(r.signals).toEqual({ newestDataMonth: want.newestDataMonth });
        expect(canon(parse(writeSheets(khsmSheets(m, s), { ...PLAIN_WORKBOOK, strings: s.strings })))).toEqual(canon(plain));
      }),
      runs(1200, 0x0455a),
    );
  });

  it('parse() answers damaged rows, headers and sheet names with an error or issues, and emits only quantities stated on the row of their month', () => {
    fc.assert(
      fc.property(khsmModelArb, khsmDamageArb, (m, d) => {
        const rows = khsmRows(m, PLAIN_KHSM);
        let sheets = khsmSheets(m, PLAIN_KHSM);
        if (d.kind === 'row') {
          const damaged = { ...rows, [d.sheet]: damageRows(rows[d.sheet], d.edit, d.row, d.pick) };
          sheets = khsmSheets(m, PLAIN_KHSM, damaged);
          Object.assign(rows, damaged);
        } else if (d.kind === 'header') {
          const from = d.which === 'Fiscal Year' ? 'Fiscal\r\nYear' : d.which;
          sheets = sheets.map((sh) => ({ ...sh, cells: Object.fromEntries(Object.entries(sh.cells).map(([k, v]) => [k, v === from ? `${d.which}s` : v])) }));
        } else {
          sheets = sheets.map((sh) => (sh.name === d.which ? { ...sh, name: `${d.which}s` } : sh));
        }
        const out = parse(writeSheets(sheets, PLAIN_WORKBOOK));
        if (d.kind === 'header' || (d.kind === 'sheet' && d.which === 'Monthly Count')) {
          if (d.kind === 'sheet' || rows.count.length > 0) expect(out.kind).toBe('layout');
          return;
        }
        if (out.kind !== 'ok') return;
        const r = out.result;
        for (const o of r.observations) {
          const source = o.labels.region === 'all' ? rows.count : rows.region;
          const onItsRow = source.some(
            (row) => rowPeriod(row) === o.period && stated(row[3]!) === o.value && (o.labels.region === 'all' || String(row[2]).toLowerCase().replace(/[^a-z0-9]+/g, '_') === o.labels.region),
          );
          expect(onItsRow, `${o.labels.region} ${o.period} = ${o.value} is not stated on a row of that month`).toBe(true);
        }
        // Damage that cannot make a new figure valid: the counts stay a subset, and what is dropped is reported.
        // (A region whose month's total row is damaged is emitted unchecked, with the total's issue.)
        const silent = d.kind === 'row' && (d.edit === 'drop' || d.edit === 'fyBlank' || d.edit === 'region' || d.edit === 'duplicate');
        if (!silent) {
          const expected = expectedKhsm(m);
          const mayAddRegions = d.kind === 'row' && d.sheet === 'count';
          const compared = mayAddRegions ? r.observations.filter((o) => o.labels.region === 'all') : r.observations;
          expect(extraObservations(compared, expected.observations)).toEqual([]);
          if (obsSet(r.observations).join() !== obsSet(expected.observations).join()) expect(newIssues(r.issues.map((i) => i.code), expected.issueCodes), 'figures were dropped without an issue').toBeGreaterThan(0);
        }
      }),
      runs(1500, 0x0455a + 1),
    );
  });

  it('parse() on a truncated or byte-flipped workbook (compressed or stored) fails with a library error or emits only numbers its bytes state', () => {
    fc.assert(
      fc.property(khsmModelArb, fc.boolean(), byteDamageArb, (m, uncompressed, d) => {
        const good = plainWorkbook(m);
        const bytes = damage(uncompressed ? stored(good) : good, d);
        const out = parse(bytes);
        if (out.kind !== 'ok') return;
        const numbers = xlsxNumbers(bytes);
        for (const o of out.result.observations) expect(numbers.has(o.value), `${o.labels.region} ${o.period} = ${o.value} is not in the bytes`).toBe(true);
      }),
      runs(1200, 0x0455a + 2),
    );
  });
});
