import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cbpEncountersCsv, parseCsvStream } from '../../scrapers/cbp-encounters-csv.js';
import { referenceFromModel, referenceParse, type Reference } from './arbitraries/cbp-csv-reference.js';
import { csvModelArb, csvStyleArb, HEADERS, PLAIN_CSV, renderCsv } from './arbitraries/cbp-csv.js';
import { byteDamageArb, canon, damage, obsSet, outcomeOf, runs, type Outcome } from './arbitraries/outcome.js';

const URL = 'https://www.cbp.gov/sites/default/files/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv';
const parse = (body: Buffer): Outcome => outcomeOf(cbpEncountersCsv.parse, { body, url: URL });
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
/**
 * Row issues name their line, and a ValidationError quotes the first bad row; row order and
 * blank lines change both, so messages are compared without them.
 */
const noLine = (m: string): string => m.replace(/ \(line \d+: .*\)$/, '').replace(/\bline \d+:/g, 'line N:');

/** The parser's outcome equals the reference's: same error class, or the same sums, issues, dates and signals. */
function expectAgrees(out: Outcome, ref: Reference): void {
  expect(out.kind).toBe(ref.kind);
  if (out.kind !== 'ok' || ref.kind !== 'ok') return;
  const r = out.result;
  expect(obsSet(r.observations)).toEqual(obsSet(ref.observations));
  expect(r.issues.map((i) => i.code).sort()).toEqual([...ref.issueCodes].sort());
  expect(r.issues.filter((i) => i.code === 'month_withheld').map((i) => i.message).sort()).toEqual([...ref.withheldMessages].sort());
  expect(r.dataAsOf).toBe(ref.dataAsOf);
  expect(r.signals).toEqual(ref.signals);
  expect(r.publications).toBeUndefined();
}

// ---- Line-level damage ------------------------------------------------------------------------

type LineDamage =
  | { kind: 'dropLine'; line: number }
  | { kind: 'setCount'; line: number; text: string }
  | { kind: 'dropField'; line: number; field: number }
  | { kind: 'insertChar'; line: number; pos: number; ch: string }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'bytes'; damage: Parameters<typeof damage>[1] };

const lineDamageArb: fc.Arbitrary<LineDamage> = fc.oneof(
  fc.record({ kind: fc.constant('dropLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('setCount' as const), line: fc.nat(), text: fc.constantFrom('', 'n/a', '-12', '1.5', '1,234', '0', '007', ' 12 ', '"12"', '1e3', '\u0661') }),
  fc.record({ kind: fc.constant('dropField' as const), line: fc.nat(), field: fc.nat() }),
  fc.record({ kind: fc.constant('insertChar' as const), line: fc.nat(), pos: fc.nat(), ch: fc.constantFrom('"', ',', '\n', '\r', '0', '9', '-', ' ', '\uFEFF', 'x') }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('bytes' as const), damage: byteDamageArb }),
);

function applyLineDamage(text: string, d: LineDamage): Buffer {
  if (d.kind === 'bytes') return damage(utf8(text), d.damage);
  const lines = text.split('\n');
  const i = ('line' in d ? d.line : 0) % lines.length;
  switch (d.kind) {
    case 'dropLine':
      lines.splice(i, 1);
      break;
    case 'setCount':
      lines[i] = lines[i]!.replace(/[^,]*(\r?)$/, `${d.text}$1`);
      break;
    case 'dropField': {
      const fields = lines[i]!.split(',');
      fields.splice(d.field % fields.length, 1);
      lines[i] = fields.join(',');
      break;
    }
    case 'insertChar': {
      const at = d.pos % (lines[i]!.length + 1);
      lines[i] = lines[i]!.slice(0, at) + d.ch + lines[i]!.slice(at);
      break;
    }
    case 'swapLines': {
      const a = d.a % lines.length;
      const b = d.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      break;
    }
  }
  return utf8(lines.join('\n'));
}

async function* chunked(body: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let i = 0; at < body.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield body.subarray(at, at + n);
    at += n;
  }
}

describe('cbp-encounters-csv properties', () => {
  it('parse() sums exactly what a generated CSV states, identically for every rendering (row order, CRLF/LF, final newline, BOM, quoting, blank lines, header case)', () => {
    fc.assert(
      fc.property(csvModelArb({ bad: true }), csvStyleArb, (m, style) => {
        const plain = parse(utf8(renderCsv(m, PLAIN_CSV)));
        expectAgrees(plain, referenceFromModel(m));
        const mutated = parse(utf8(renderCsv(m, style)));
        expect(canon(mutated, noLine)).toEqual(canon(plain, noLine));
      }),
      runs(2500, 0xc5f),
    );
  });

  it('parse() reads columns by position, so a permuted header is a LayoutError, never a wrong number', () => {
    const permuted = csvModelArb().chain((m) => {
      const n = HEADERS[m.layout].length;
      return fc.tuple(fc.constant(m), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }));
    });
    fc.assert(
      fc.property(permuted, csvStyleArb, ([m, columns], style) => {
        fc.pre(columns.some((c, i) => c !== i));
        const out = parse(utf8(renderCsv(m, style, columns)));
        expect(out.kind).toBe('layout');
        if (out.kind === 'layout') expect(out.message).toMatch(/^unrecognised CSV header/);
      }),
      runs(1000, 0xc5f + 1),
    );
  });

  it('parseCsvStream() gives the same result as parse() for any chunking of the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(csvModelArb({ bad: true }), csvStyleArb, fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }), async (m, style, sizes) => {
        const body = utf8(renderCsv(m, style));
        const whole = parse(body);
        let streamed: Outcome;
        try {
          streamed = { kind: 'ok', result: await parseCsvStream(chunked(body, sizes), URL) };
        } catch (err) {
          streamed = { kind: (err as { kind: 'layout' | 'validation' }).kind, message: (err as Error).message };
        }
        expect(canon(streamed)).toEqual(canon(whole));
      }),
      runs(800, 0xc5f + 2),
    );
  });

  it('parse() on a damaged CSV (lines dropped, swapped or garbled, counts made bad, truncated, flipped bytes) agrees with sums recomputed independently from the damaged bytes', () => {
    fc.assert(
      fc.property(csvModelArb({ bad: true }), csvStyleArb, lineDamageArb, (m, style, d) => {
        const body = applyLineDamage(renderCsv(m, style), d);
        expectAgrees(parse(body), referenceParse(body));
      }),
      runs(3000, 0xc5f + 3),
    );
  });
});
