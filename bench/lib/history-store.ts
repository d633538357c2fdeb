/**
 * A store holding ten years of history for the backfill benchmark. The label sets are the ones
 * the demo sources really produce (read from a demo store after one cycle), so every exported
 * series has its real families and label combinations (and the unexported breakdowns are there
 * too, as in a real store); each source then gets one capture per month for 120 months, written
 * through `Store.commitCycle` like a scrape. Monthly series get one value per month, point-in-time
 * series (ICE detained, FYTD removals) two a month like ICE's twice-monthly workbooks, and ~5 % of
 * the previous month's values are revised by the next capture (extra vintages, as agencies do).
 */
import { fiscalYearOf, lastDayOfMonth, previousMonth } from '../../src/core/periods.js';
import { seriesDef } from '../../src/core/series.js';
import type { Labels, Observation } from '../../src/core/types.js';
import { hash32 } from '../../src/demo/cbp-figures.js';
import { Store } from '../../src/store/store.js';
import { startDemoService } from './demo-service.js';

export interface LabelSet {
  readonly source: string;
  readonly series: string;
  readonly labels: string;
}

/** Every (source, series, labels) the demo sources store after one cycle. */
export async function demoLabelSets(dataDir: string): Promise<LabelSet[]> {
  const demo = await startDemoService(dataDir);
  try {
    await demo.service.scheduler.runAll();
    return demo.service.store.db.prepare('SELECT DISTINCT source, series, labels FROM series_keys ORDER BY source, series, labels').all() as LabelSet[];
  } finally {
    await demo.close();
  }
}

/** The `months` months ending at `last`, oldest first. */
export function monthsEnding(last: string, months: number): string[] {
  const out = [last];
  while (out.length < months) out.unshift(previousMonth(out[0]!));
  return out;
}

function value(set: LabelSet, period: string, revised: boolean): number {
  const base = 500 + (hash32(`${set.source}|${set.series}|${set.labels}`) % 50_000);
  const wobble = 85 + (hash32(`${set.labels}|${period}`) % 31);
  return Math.round((base * wobble) / 100) + (revised ? 7 : 0);
}

function observationsFor(set: LabelSet, month: string): Observation[] {
  const def = seriesDef(set.series);
  if (!def) return [];
  const labels = JSON.parse(set.labels) as Labels;
  if (def.periodKind === 'month') return [{ series: set.series, labels, period: month, value: value(set, month, false) }];
  return [`${month}-05`, `${month}-20`].map((day) => ({
    series: set.series,
    labels: 'fiscal_year' in labels ? { ...labels, fiscal_year: String(fiscalYearOf(day)) } : labels,
    period: day,
    value: value(set, day, false),
  }));
}

/** Writes the history; returns how many observations were stored (current + revised). */
export function writeHistory(dataDir: string, sets: readonly LabelSet[], months: readonly string[]): { observations: number; captures: number } {
  const store = Store.open(dataDir);
  const bySource = new Map<string, LabelSet[]>();
  for (const s of sets) bySource.set(s.source, [...(bySource.get(s.source) ?? []), s]);
  let observations = 0;
  let captures = 0;
  try {
    for (const month of months) {
      const publishedOn = lastDayOfMonth(month);
      const now = Date.parse(`${publishedOn}T12:00:00Z`);
      for (const [source, list] of bySource) {
        const obs = list.flatMap((s) => observationsFor(s, month));
        const prev = previousMonth(month);
        const revisions = month === months[0] ? [] : list
          .filter((s) => seriesDef(s.series)?.periodKind === 'month' && hash32(`rev|${s.labels}|${month}`) % 100 < 5)
          .map((s) => ({ series: s.series, labels: JSON.parse(s.labels) as Labels, period: prev, value: value(s, prev, true) }));
        // One value per key: label sets that differ only in a remapped fiscal year collapse.
        const all = [...new Map([...obs, ...revisions].map((o) => [`${o.series}|${JSON.stringify(o.labels)}|${o.period}`, o])).values()];
        const capture = { url: `https://agency.example/${source}/${month}.csv`, body: Buffer.from(`${source} ${month}`), contentType: 'text/csv', parserId: 'bench-history', parserVersion: 1, publishedOn, dataAsOf: publishedOn, observations: all };
        store.commitCycle({ source, now, fetches: [], captures: [capture], validators: [], state: store.state(source) });
        observations += all.length;
        captures++;
      }
    }
  } finally {
    store.close();
  }
  return { observations, captures };
}
