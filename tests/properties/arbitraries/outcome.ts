/**
 * What a parser did with one input, and the comparisons the properties share: the contract
 * allows a result, a `LayoutError` or a `ValidationError` — any other exception (a TypeError
 * from a missed edge case) fails the property at once. Also byte-level damage (truncation,
 * flipped bytes) and the fixed fast-check parameters every property uses.
 */
import fc from 'fast-check';
import { LayoutError, ValidationError } from '../../../src/core/errors.js';
import type { Observation, ParseInput, ParseIssue, ParseResult, Parser } from '../../../src/core/types.js';

export type Outcome =
  | { readonly kind: 'ok'; readonly result: ParseResult }
  | { readonly kind: 'layout' | 'validation'; readonly message: string };

/** Runs the parser; rethrows anything that is not one of the library's two parse errors. */
export function outcomeOf(parse: Parser, input: ParseInput): Outcome {
  try {
    return { kind: 'ok', result: parse(input) };
  } catch (err) {
    if (err instanceof LayoutError) return { kind: 'layout', message: err.message };
    if (err instanceof ValidationError) return { kind: 'validation', message: err.message };
    const e = err as Error;
    throw new Error(`parser threw a non-library exception ${e?.name}: ${e?.message}`, { cause: err });
  }
}

/** The result when the parser succeeded; fails the property with the error otherwise. */
export function resultOf(outcome: Outcome): ParseResult {
  if (outcome.kind !== 'ok') throw new Error(`expected a result, got ${outcome.kind} error: ${outcome.message}`);
  return outcome.result;
}

export const obsKey = (o: Observation): string =>
  `${o.series}{${Object.entries(o.labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}}@${o.period}`;

const obsText = (o: Observation): string => `${obsKey(o)}=${o.value}${o.partial ? '*' : ''}`;

/** Observations as a sorted list of `series{labels}@period=value` lines: order-insensitive equality. */
export function obsSet(observations: readonly Observation[]): string[] {
  return observations.map(obsText).sort();
}

export function issueSet(issues: readonly ParseIssue[], mask: (m: string) => string = (m) => m): string[] {
  return issues.map((i) => `${i.code}: ${mask(i.message)}`).sort();
}

/** A result in a form where observation and issue order do not matter; the rest is compared as is. */
export function canon(outcome: Outcome, mask?: (m: string) => string): unknown {
  if (outcome.kind !== 'ok') return { error: outcome.kind, message: mask ? mask(outcome.message) : outcome.message };
  const { observations, issues, ...rest } = outcome.result;
  return { observations: obsSet(observations), issues: issueSet(issues, mask), ...rest };
}

/** Observations of `actual` that are not in `allowed` (same key and value). */
export function extraObservations(actual: readonly Observation[], allowed: readonly Observation[]): string[] {
  const ok = new Set(allowed.map(obsText));
  return actual.map(obsText).filter((t) => !ok.has(t));
}

// ---- Byte-level damage ------------------------------------------------------------------------

export type ByteDamage =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'flip'; readonly flips: readonly { readonly at: number; readonly xor: number }[] }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number };

export const byteDamageArb: fc.Arbitrary<ByteDamage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

/** Applies damage to a copy of the bytes; positions are taken modulo the length. */
export function damage(bytes: Uint8Array, d: ByteDamage): Buffer {
  const n = bytes.length;
  if (n === 0) return Buffer.alloc(0);
  switch (d.kind) {
    case 'truncate':
      return Buffer.from(bytes.subarray(0, d.at % n));
    case 'delete': {
      const at = d.at % n;
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(n, at + d.length))]);
    }
    default: {
      const out = Buffer.from(bytes);
      for (const f of d.flips) out[f.at % n] = out[f.at % n]! ^ f.xor;
      return out;
    }
  }
}

// ---- Run parameters ---------------------------------------------------------------------------

/**
 * Fixed seeds make every run reproducible; fast-check prints the seed and the shrunk
 * counterexample on failure. Set PROPERTY_SEED to explore other seeds locally.
 */
export function runs(numRuns: number, seed: number): { numRuns: number; seed: number } {
  const override = process.env.PROPERTY_SEED;
  return { numRuns, seed: override ? Number(override) + seed : seed };
}
