/**
 * Workbook helpers for the XLSX properties: tables as blocks of cells placed on sheets at any
 * position, the workbook spellings that mean the same data (sheet order, extra sheets, shared or
 * inline strings, stray spaces in sheet names, numbers as text), re-zipping a workbook
 * uncompressed so flipped bytes land in its XML, and the numbers a workbook's bytes state.
 */
import fc from 'fast-check';
import { inflateSync, strFromU8, unzipSync } from 'fflate';
import { writeWorkbook, zipFiles, type FixtureSheet, type FixtureValue } from '../../../src/xlsx/write-workbook.js';
import { thousands } from './common.js';

/** A rectangular block of cells, row by row; `null` leaves a cell empty. */
export type Block = readonly (readonly FixtureValue[])[];

export interface Placement {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
}

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Writes blocks at their placements (1-based row/col of the top-left cell) into per-sheet cell maps. */
export function placeBlocks(sheetCount: number, blocks: readonly { block: Block; at: Placement }[]): Record<string, FixtureValue>[] {
  const sheets = Array.from({ length: sheetCount }, () => ({}) as Record<string, FixtureValue>);
  for (const { block, at } of blocks) {
    block.forEach((values, r) =>
      values.forEach((v, c) => {
        if (v !== null) sheets[at.sheet]![`${columnLetters(at.col + c)}${at.row + r}`] = v;
      }),
    );
  }
  return sheets;
}

/**
 * Stacks blocks on sheets top to bottom with at least `minGap` empty rows between them, each
 * shifted right by its own offset: no two blocks share a row, so no table runs into another.
 */
export function stackLayout(blocks: readonly Block[], choice: readonly { sheet: number; gap: number; col: number }[], sheetCount: number): Placement[] {
  const nextRow = Array.from({ length: sheetCount }, () => 1);
  return blocks.map((b, i) => {
    const c = choice[i % choice.length]!;
    const sheet = c.sheet % sheetCount;
    const row = nextRow[sheet]! + c.gap;
    nextRow[sheet] = row + b.length + 1;
    return { sheet, row, col: 1 + c.col };
  });
}

export const layoutChoiceArb = (n: number): fc.Arbitrary<{ sheet: number; gap: number; col: number }[]> =>
  fc.array(fc.record({ sheet: fc.nat(), gap: fc.integer({ min: 1, max: 6 }), col: fc.integer({ min: 0, max: 8 }) }), { minLength: n, maxLength: n });

export interface WorkbookSpelling {
  readonly strings: 'shared' | 'inline';
  /** A permutation seed for the sheet order (0 keeps it). */
  readonly order: number;
  readonly trailingSpaces: boolean;
  /** Integers written as text with thousands separators (`"1,234"`), where the parser accepts that. */
  readonly numbersAsText: boolean;
}

export const PLAIN_WORKBOOK: WorkbookSpelling = { strings: 'shared', order: 0, trailingSpaces: false, numbersAsText: false };
export const workbookSpellingArb: fc.Arbitrary<WorkbookSpelling> = fc.record({
  strings: fc.constantFrom('shared', 'inline'),
  order: fc.nat(),
  trailingSpaces: fc.boolean(),
  numbersAsText: fc.boolean(),
});


/** Writes named sheets of cells as an XLSX in the given spelling. */
export function writeSheets(sheets: readonly { name: string; cells: Record<string, FixtureValue> }[], s: WorkbookSpelling): Buffer {
  const order = sheets.map((_, i) => i);
  // Deterministic shuffle from the seed (Fisher–Yates with an LCG).
  let seed = s.order >>> 0;
  for (let i = order.length - 1; i > 0 && s.order !== 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out: FixtureSheet[] = order.map((i) => {
    const { name, cells } = sheets[i]!;
    const written = s.numbersAsText
      ? Object.fromEntries(Object.entries(cells).map(([ref, v]) => [ref, typeof v === 'number' && Number.isInteger(v) && v >= 1000 ? thousands(v) : v]))
      : cells;
    return { name: s.trailingSpaces ? ` ${name}  ` : name, cells: written };
  });
  return writeWorkbook(out, { strings: s.strings });
}

/** The same package re-zipped without compression, so damaged bytes land in the XML text. */
export function stored(xlsx: Uint8Array): Buffer {
  const parts = unzipSync(xlsx);
  return zipFiles(parts, 0);
}

/**
 * Every number a workbook's bytes can be read to state (integers with or without thousands
 * separators, decimals as written, `14277.2258064516`), found without the parsers' reader: the
 * raw bytes (stored parts), every part fflate unzips, and every deflate stream that starts after
 * a local file header anywhere in the bytes (a damaged directory may still point at it).
 */
const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function xlsxNumbers(bytes: Uint8Array): Set<number> {
  const texts: string[] = [strFromU8(bytes, true)];
  try {
    for (const part of Object.values(unzipSync(bytes))) texts.push(strFromU8(part, true));
  } catch {
    // a damaged package: the local headers below still say where the data is
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = buf.indexOf(LOCAL_HEADER); at >= 0 && at + 30 <= bytes.length; at = buf.indexOf(LOCAL_HEADER, at + 1)) {
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const size = view.getUint32(at + 18, true);
    for (const data of [bytes.subarray(start, start + size), bytes.subarray(start)]) {
      try {
        texts.push(strFromU8(inflateSync(data), true));
      } catch {
        // not a deflate stream from here
      }
    }
  }
  const out = new Set<number>();
  for (const text of texts) {
    for (const m of text.matchAll(/[\d.,]*\d[\d.,]*/g)) {
      const run = m[0].replace(/[.,]+$/, '').replace(/^[.,]+/, '');
      if (/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(run)) out.add(Number(run.replace(/,/g, '')));
    }
  }
  return out;
}
