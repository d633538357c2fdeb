import type { SourceDef } from '../src/core/source.js';
import type { ParserDef } from '../src/core/types.js';
import { cbpParsers, cbpSources } from './cbp.js';
import { iceDhsParsers, iceDhsSources } from './ice-dhs.js';

/**
 * The registry: the explicit list of sources and parsers. Building it checks itself — ids are
 * kebab-case and unique, every parser a source uses is registered — so a mistake fails at
 * start-up (and in the registry test), not at 3 a.m. Config enums, the dashboards' source
 * variable and the demo site are derived from these lists, never retyped.
 */
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const PARSERS: readonly ParserDef[] = checkParsers([...cbpParsers, ...iceDhsParsers]);
export const SOURCES: readonly SourceDef[] = checkSources([...cbpSources, ...iceDhsSources], PARSERS);


export function checkParsers(parsers: readonly ParserDef[]): readonly ParserDef[] {
  const seen = new Set<string>();
  for (const p of parsers) {
    if (!KEBAB.test(p.id)) throw new Error(`parser id "${p.id}" is not kebab-case`);
    if (seen.has(p.id)) throw new Error(`duplicate parser id "${p.id}"`);
    if (!Number.isInteger(p.version) || p.version < 1) throw new Error(`parser "${p.id}" has no valid version`);
    seen.add(p.id);
  }
  return parsers;
}

export function checkSources(sources: readonly SourceDef[], parsers: readonly ParserDef[]): readonly SourceDef[] {
  const seen = new Set<string>();
  for (const s of sources) {
    if (!KEBAB.test(s.id)) throw new Error(`source id "${s.id}" is not kebab-case`);
    if (seen.has(s.id)) throw new Error(`duplicate source id "${s.id}"`);
    seen.add(s.id);
    for (const p of [s.landing, s.follow?.parser]) {
      if (p && !parsers.includes(p)) throw new Error(`source "${s.id}" uses parser "${p.id}" that is not registered`);
    }
    if (!(s.cadence.expectedIntervalSeconds > 0) || !(s.cadence.graceSeconds >= 0)) throw new Error(`source "${s.id}" has an invalid cadence`);
    new URL(s.landingUrl);
  }
  return sources;
}

export function parserById(id: string): ParserDef | undefined {
  return PARSERS.find((p) => p.id === id);
}

export function sourceById(id: string): SourceDef | undefined {
  return SOURCES.find((s) => s.id === id);
}
