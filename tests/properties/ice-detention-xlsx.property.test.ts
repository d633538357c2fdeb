import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iceDetentionXlsxParser } from '../../scrapers/ice-detention-xlsx.js';
import type { FixtureValue } from '../../src/xlsx/write-workbook.js';
import { byteDamageArb, canon, damage, extraObservations, obsSet, outcomeOf, resultOf, runs, type Outcome } from './arbitraries/outcome.js';
import {
  expectedIce,
  iceBlocks,
  iceLayoutArb,
  iceModelArb,
  iceSheets,
  iceSpellingArb,
  PLAIN_ICE,
  REAL_ICE_LAYOUT,
  type IceBlocks,
  type IceModel,
} from './arbitraries/ice-workbook.js';
import { thousands } from './arbitraries/common.js';
import { PLAIN_WORKBOOK, stored, workbookSpellingArb, writeSheets, xlsxNumbers, type Block } from './arbitraries/xlsx.js';

const URL = 'https://www.ice.gov/doclib/detention/FY25_detentionStats01162025.xlsx';
const parse = (body: Buffer): Outcome => outcomeOf(iceDetentionXlsxParser.parse, { body, url: URL });
const plainWorkbook = (m: IceModel): Buffer => writeSheets(iceSheets(m, PLAIN_ICE, REAL_ICE_LAYOUT), PLAIN_WORKBOOK);

// ---- Damage to the tables' cells ---------------------------------------------------------------

type CellEdit = 'text' | 'negative' | 'remove' | 'badGrouping' | 'garble' | 'dropRow' | 'dropBlock';
interface CellDamage {
  readonly block: keyof IceBlocks;
  /** Aim at the n-th numeric cell of the block (the figures), rather than at any cell. */
  readonly numeric: boolean;
  readonly row: number;
  readonly col: number;
  readonly edit: CellEdit;
  readonly text: string;
}

const cellDamageArb: fc.Arbitrary<CellDamage> = fc.record({
  block: fc.constantFrom('detained', 'bookIns', 'removals', 'removals', 'adp', 'pullDate'),
  numeric: fc.boolean(),
  row: fc.nat(),
  col: fc.nat(),
  edit: fc.constantFrom('text', 'text', 'negative', 'remove', 'badGrouping', 'badGrouping', 'badGrouping', 'garble', 'dropRow', 'dropBlock'),
  text: fc.constantFrom('n/a', '', '-', '1.5.2', '(b)(6)', '*', 'x12'),
});

/** The damaged cell: any cell by (row, col), or the n-th numeric cell of the block. */
function targetCell(rows: readonly (readonly FixtureValue[])[], d: CellDamage): [number, number] {
  const numeric = rows.flatMap((row, r) => row.flatMap((v, c) => (typeof v === 'number' ? [[r, c] as [number, number]] : [])));
  if (d.numeric && numeric.length > 0) return numeric[(d.row + d.col) % numeric.length]!;
  const r = d.row % rows.length;
  return [r, d.col % rows[r]!.length];
}

/** Applies the damage to one block of the tables. */
function damageBlocks(blocks: IceBlocks, d: CellDamage): IceBlocks {
  const rows = blocks[d.block].map((r) => [...r]);
  const [r, c] = targetCell(rows, d);
  const v = rows[r]![c] ?? null;
  const set = (x: FixtureValue): void => void (rows[r]![c] = x);
  switch (d.edit) {
    case 'text':
      set(d.text);
      break;
    case 'negative':
      if (typeof v === 'number') set(-(Math.abs(v) + 1));
      break;
    case 'remove':
      set(null);
      break;
    case 'badGrouping':
      // Digits whose grouping is not a thousands grouping state no integer: `12,3456`, `123,5`.
      if (typeof v === 'number' && Number.isInteger(v)) set(v >= 1000 ? `${thousands(v)}5` : `${v},5`);
      break;
    case 'garble':
      if (typeof v === 'string' && v.length > 1) set(`${v.slice(0, Math.ceil(v.length / 2))}x${v.slice(Math.ceil(v.length / 2))}`);
      break;
    case 'dropRow':
      rows.splice(r, 1);
      break;
    case 'dropBlock':
      rows.length = 0;
      break;
  }
  return { ...blocks, [d.block]: rows as Block };
}

/** Every number the damaged tables state: numeric cells, and text that is a well-formed count. */
function statedNumbers(blocks: IceBlocks): Set<number> {
  const out = new Set<number>();
  for (const b of Object.values(blocks) as Block[]) {
    for (const v of b.flat()) {
      if (typeof v === 'number') out.add(v);
      else if (typeof v === 'string' && /^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(v.trim())) out.add(Number(v.trim().replace(/,/g, '')));
    }
  }
  return out;
}

describe('ice-detention-xlsx properties', () => {
  it('parse() reads exactly the figures of a generated workbook, identically wherever the tables sit (rows, columns, sheets, sheet order, extra sheets, last year\'s tables, shared or inline strings, padded names and labels, numbers as text)', () => {
    fc.assert(
      fc.property(iceModelArb, iceSpellingArb, iceLayoutArb, workbookSpellingArb, (m, s, layout, w) => {
        const plain = parse(plainWorkbook(m));
        const want = expectedIce(m);
        const r = resultOf(plain);
        expect(r.issues).toEqual([]);
        expect(obsSet(r.observations)).toEqual(obsSet(want.observations));
        expect(r.dataAsOf).toBe(want.dataAsOf);
        expect(r.signals).toEqual(want.signals);
        expect(r.publishedOn).toBe('2025-01-16');
        expect(canon(parse(writeSheets(iceSheets(m, s, layout), w)))).toEqual(canon(plain));
      }),
      runs(400, 0x1ce5),
    );
  });

  it('parse() answers damaged cells (bad text, negative, removed, badly grouped digits, garbled labels, dropped rows and tables) with an error or issues, never a figure the workbook did not state', () => {
    fc.assert(
      fc.property(iceModelArb, iceLayoutArb, cellDamageArb, (m, anyLayout, d) => {
        // Without last year's tables: with them, a damaged title rightly falls back to last year's table.
        const layout = { ...anyLayout, lastYear: false };
        const blocks = damageBlocks(iceBlocks(m, PLAIN_ICE), d);
        const out = parse(writeSheets(iceSheets(m, PLAIN_ICE, layout, blocks), PLAIN_WORKBOOK));
        if (out.kind !== 'ok') return;
        const r = out.result;
        const stated = statedNumbers(blocks);
        for (const o of r.observations) expect(stated.has(o.value), `${o.series} ${o.period} = ${o.value} is not a number the workbook states`).toBe(true);
        const expected = expectedIce(m).observations;
        expect(extraObservations(r.observations, expected), 'figures the original workbook did not emit').toEqual([]);
        if (obsSet(r.observations).join() !== obsSet(expected).join()) expect(r.issues.length, 'figures were dropped without an issue').toBeGreaterThan(0);
      }),
      runs(700, 0x1ce5 + 1),
    );
  });

  it('parse() on a truncated or byte-flipped workbook (compressed or stored) fails with a library error or emits only numbers its bytes state', () => {
    fc.assert(
      fc.property(iceModelArb, fc.boolean(), byteDamageArb, (m, uncompressed, d) => {
        const good = plainWorkbook(m);
        const bytes = damage(uncompressed ? stored(good) : good, d);
        const out = parse(bytes);
        if (out.kind !== 'ok') return;
        const stated = xlsxNumbers(bytes);
        for (const o of out.result.observations) expect(stated.has(o.value), `${o.series} ${o.period} = ${o.value} is not in the bytes`).toBe(true);
      }),
      runs(700, 0x1ce5 + 2),
    );
  });
});
