import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseIssue, ParseResult } from '../../src/core/types.js';
import { cbpEncountersTable } from '../../scrapers/cbp-encounters-table.js';
import { encountersPage, PLAIN_TABLE, tableElement, tableText, tableVariantArb, type TableText } from './arbitraries/cbp-table-markup.js';
import { ABSENT, expectedTable, NEGATIVE, NON_NUMERIC, tableModelArb, type ExpectedTable, type TableModel } from './arbitraries/cbp-table.js';
import { thousands } from './arbitraries/common.js';
import { COMMON_DECOYS, DECOY_TABLE, decoysArb, withDecoys } from './arbitraries/html-decoys.js';
import { htmlStyleArb, PLAIN, renderHtml } from './arbitraries/html.js';
import { byteDamageArb, canon, damage, extraObservations, obsSet, outcomeOf, resultOf, runs, type Outcome } from './arbitraries/outcome.js';
import { htmlNumbers } from './arbitraries/present.js';

const URL = 'https://www.cbp.gov/newsroom/stats/nationwide-encounters';
const parse = (html: string): Outcome => outcomeOf(cbpEncountersTable.parse, { body: Buffer.from(html, 'utf8'), url: URL });

function plainHtml(m: TableModel): string {
  return renderHtml(encountersPage(m, PLAIN_TABLE, tableElement(tableText(m, PLAIN_TABLE), PLAIN_TABLE)), PLAIN);
}

function expectMatchesModel(r: ParseResult, e: ExpectedTable): void {
  expect(obsSet(r.observations)).toEqual(obsSet(e.observations));
  expect(r.issues.map((i) => i.code).sort()).toEqual(e.issues.map((i) => i.code).sort());
  for (const want of e.issues) expect(r.issues.some((i: ParseIssue) => i.code === want.code && i.message.includes(want.where))).toBe(true);
  expect(r.publishedOn).toBe(e.publishedOn);
  expect(r.dataAsOf).toBe(e.dataAsOf);
  expect(r.signals).toEqual(e.signals);
}

/** The weak oracle: every value is a number the page states, and every emitted month adds up. */
function expectOnlyStatedConsistentNumbers(html: string, out: Outcome): void {
  if (out.kind !== 'ok') return;
  const stated = htmlNumbers(html);
  for (const o of out.result.observations) expect(stated.has(o.value), `${o.value} is not stated in the page`).toBe(true);
  const byMonth = new Map<string, Map<string, number>>();
  for (const o of out.result.observations) {
    const key = `${o.labels.region} ${o.period}`;
    byMonth.set(key, (byMonth.get(key) ?? new Map()).set(o.labels.kind!, o.value));
  }
  for (const [key, kinds] of byMonth) {
    expect(kinds.size, `${key} is emitted without all three values`).toBe(3);
    expect(kinds.get('total'), `${key} total is not At Large + At Entry`).toBe(kinds.get('at_large')! + kinds.get('at_entry')!);
  }
}

// ---- Structural damage to the table -----------------------------------------------------------

type TableDamage =
  | { kind: 'dropTable' }
  | { kind: 'dropHeader' }
  | { kind: 'dropRow'; row: number }
  | { kind: 'renameRow'; row: number; text: string }
  | { kind: 'garbleMonth'; col: number; text: string }
  | { kind: 'dupMonth'; col: number; from: number }
  | { kind: 'badCell'; row: number; col: number; text: string; code: string }
  | { kind: 'emptyCell'; row: number; col: number; text: string }
  | { kind: 'dropCell'; row: number; col: number }
  | { kind: 'extraCell'; row: number; text: string }
  | { kind: 'dupRow'; row: number; delta: number }
  | { kind: 'changeNumber'; row: number; col: number; delta: number }
  | { kind: 'insertChar'; row: number; col: number; pos: number; ch: string };

const BAD_LABELS = ['Total Apprehensions', 'Nationwide Apprehensions', 'At-Large', 'Southwest Border Totals', '', 'At Large Apprehensions', 'Entry'];
const NOT_MONTHS = ['', 'Octx-24', 'Oct/24', 'FY 2025 Total', 'Oct-2O24', 'Total', 'Mo-24', '13-24', 'Oct-024', 'Octobers 2024'];

const tableDamageArb: fc.Arbitrary<TableDamage> = fc.oneof(
  fc.constant({ kind: 'dropTable' as const }),
  fc.constant({ kind: 'dropHeader' as const }),
  fc.record({ kind: fc.constant('dropRow' as const), row: fc.nat() }),
  fc.record({ kind: fc.constant('renameRow' as const), row: fc.nat(), text: fc.constantFrom(...BAD_LABELS) }),
  fc.record({ kind: fc.constant('garbleMonth' as const), col: fc.nat(), text: fc.constantFrom(...NOT_MONTHS) }),
  fc.record({ kind: fc.constant('dupMonth' as const), col: fc.nat(), from: fc.nat() }),
  fc.record({ kind: fc.constant('badCell' as const), row: fc.nat(), col: fc.nat(), text: fc.constantFrom(...NON_NUMERIC) }).map((d) => ({ ...d, code: 'non_numeric' })),
  fc.record({ kind: fc.constant('badCell' as const), row: fc.nat(), col: fc.nat(), text: fc.constantFrom(...NEGATIVE) }).map((d) => ({ ...d, code: 'negative' })),
  fc.record({ kind: fc.constant('emptyCell' as const), row: fc.nat(), col: fc.nat(), text: fc.constantFrom(...ABSENT) }),
  fc.record({ kind: fc.constant('dropCell' as const), row: fc.nat(), col: fc.nat() }),
  fc.record({ kind: fc.constant('extraCell' as const), row: fc.nat(), text: fc.constantFrom('1', '1,234', '-', 'Total') }),
  fc.record({ kind: fc.constant('dupRow' as const), row: fc.nat(), delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('changeNumber' as const), row: fc.nat(), col: fc.nat(), delta: fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0) }),
  fc.record({ kind: fc.constant('insertChar' as const), row: fc.integer({ min: -1, max: 50 }), col: fc.nat(), pos: fc.nat(), ch: fc.constantFrom('0', '1', '9', ',', '.', '-', ' ', 'e', 'a', '\u2212') }),
);

const isCount = (t: string): boolean => /^(\d{1,3}(,\d{3})+|\d+)$/.test(t.trim());
const countOf = (t: string): number => Number(t.trim().replace(/,/g, ''));
const shift = (t: string, d: number): string => (isCount(t) ? (countOf(t) + d < 0 ? `-${-(countOf(t) + d)}` : thousands(countOf(t) + d)) : t);

/** Applies the damage; null when the table is gone. `rows` indices wrap; `col` 0 is the label. */
function applyDamage(t: TableText, d: TableDamage): TableText | null {
  const rows = t.rows.map((r) => [...r]);
  const header = [...t.header];
  const r = 'row' in d ? d.row % rows.length : 0;
  const months = header.length - 1;
  const valueCol = 'col' in d ? 1 + (d.col % months) : 1;
  switch (d.kind) {
    case 'dropTable':
      return null;
    case 'dropHeader':
      return { header: [], rows };
    case 'dropRow':
      rows.splice(r, 1);
      break;
    case 'renameRow':
      rows[r]![0] = d.text;
      break;
    case 'garbleMonth':
      header[valueCol] = d.text;
      break;
    case 'dupMonth':
      header[valueCol] = header[1 + (d.from % months)]!;
      break;
    case 'badCell':
    case 'emptyCell':
      rows[r]![valueCol] = d.text;
      break;
    case 'dropCell':
      rows[r]!.splice(d.col % rows[r]!.length, 1);
      break;
    case 'extraCell':
      rows[r]!.push(d.text);
      break;
    case 'dupRow':
      rows.splice(r + 1, 0, rows[r]!.map((c, i) => (i === 0 ? c : shift(c, d.delta))));
      break;
    case 'changeNumber':
      rows[r]![valueCol] = shift(rows[r]![valueCol]!, d.delta);
      break;
    case 'insertChar': {
      const target = d.row < 0 ? header : rows[d.row % rows.length]!;
      const c = d.col % target.length;
      const text = target[c]!;
      const at = d.pos % (text.length + 1);
      target[c] = text.slice(0, at) + d.ch + text.slice(at);
      break;
    }
  }
  return { header, rows };
}

function damagedHtml(m: TableModel, t: TableText | null): string {
  if (t === null) return renderHtml(encountersPage(m, PLAIN_TABLE, null), PLAIN);
  const table = tableElement(t, PLAIN_TABLE);
  // Without a header row the table starts with the region rows (`thead` would be an empty row).
  const noHeader = t.header.length === 0 ? { ...table, children: table.children.filter((c) => !(c.kind === 'el' && c.tag === 'thead')) } : table;
  return renderHtml(encountersPage(m, PLAIN_TABLE, noHeader), PLAIN);
}

const MUST_BE_LAYOUT = new Set(['dropTable', 'dropHeader', 'dropRow', 'renameRow', 'garbleMonth', 'dropCell', 'extraCell']);

describe('cbp-encounters-table properties', () => {
  it('parse() reads exactly what a generated table states, identically for every spelling of the page (markup variants, whitespace, case, quoting, entities, decoys)', () => {
    const decoys = [...COMMON_DECOYS, DECOY_TABLE];
    fc.assert(
      fc.property(tableModelArb, tableVariantArb, htmlStyleArb, decoysArb(decoys), (m, v, style, placements) => {
        const doc = withDecoys(encountersPage(m, v, tableElement(tableText(m, v), v)), placements);
        const mutated = parse(renderHtml(doc, style));
        const plain = parse(plainHtml(m));
        expectMatchesModel(resultOf(plain), expectedTable(m));
        expect(canon(mutated)).toEqual(canon(plain));
      }),
      runs(500, 0x7ab1e + 1),
    );
  });

  it('parse() answers table damage with a LayoutError or issues, never a figure the original did not state', () => {
    fc.assert(
      fc.property(tableModelArb, tableDamageArb, (m, d) => {
        const t = applyDamage(tableText(m, PLAIN_TABLE), d);
        const html = damagedHtml(m, t);
        const out = parse(html);
        expectOnlyStatedConsistentNumbers(html, out);
        const months = m.months.length;
        const dupMonthNoop = d.kind === 'dupMonth' && d.col % months === d.from % months;
        if (MUST_BE_LAYOUT.has(d.kind) || (d.kind === 'dupMonth' && !dupMonthNoop)) {
          expect(out.kind, `${d.kind} must be a LayoutError`).toBe('layout');
          return;
        }
        if (d.kind === 'dupRow' && (d.row % 9) % 3 === 0) {
          // A repeated region total row is a layout error ("appears twice").
          expect(out.kind).toBe('layout');
          return;
        }
        // Damage that leaves every cell a count or "not reported": never a figure the original table did not emit.
        if (d.kind !== 'badCell' && d.kind !== 'emptyCell' && !(d.kind === 'dupRow' && d.delta === 0)) return;
        const r = resultOf(out);
        expect(extraObservations(r.observations, expectedTable(m).observations)).toEqual([]);
        if (d.kind === 'badCell') expect(r.issues.map((i) => i.code)).toContain(d.code);
      }),
      runs(900, 0x7ab1e + 2),
    );
  });

  it('parse() never emits a number the bytes do not state when the page is truncated or bytes are flipped', () => {
    fc.assert(
      fc.property(tableModelArb, htmlStyleArb, byteDamageArb, (m, style, d) => {
        const v = PLAIN_TABLE;
        const bytes = damage(Buffer.from(renderHtml(encountersPage(m, v, tableElement(tableText(m, v), v)), style), 'utf8'), d);
        const out = outcomeOf(cbpEncountersTable.parse, { body: bytes, url: URL });
        expectOnlyStatedConsistentNumbers(bytes.toString('utf8'), out);
      }),
      runs(600, 0x7ab1e + 3),
    );
  });
});
