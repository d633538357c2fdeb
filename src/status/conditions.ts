import { labelsKey } from '../store/observations.js';
import type { Labels } from '../core/types.js';
import type { MetricsSnapshot } from '../metrics/snapshot.js';
import { formatNumber } from '../core/text.js';

/**
 * The alert conditions that hold right now, computed from the same snapshot the exporter
 * serves and with the same comparisons as the rules in `alerts/*.rules.yml` (docs/alerts.md).
 * What this cannot know is the rules' `for:` duration: a condition listed here pages only once
 * it has held that long in Prometheus. ExporterDown and Watchdog are about the monitoring
 * itself and have no meaning on a page the exporter serves.
 */

export type AlertName = 'ScrapeFailing' | 'ParserBroken' | 'PublicationOverdue' | 'DataAsOfStalled' | 'DataRevised' | 'PaceShift' | 'RemovalsGoalOffPace';

export interface Condition {
  readonly alert: AlertName;
  readonly severity: 'page' | 'info';
  readonly source: string;
  /** One sentence for people. */
  readonly summary: string;
  /** The rule's `for:`, said on the page so nobody expects a page sooner. */
  readonly holdsFor: string | null;
}

const DAY_MS = 86_400_000;
const fmt = formatNumber;
const date = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const pct = (r: number): string => `${r >= 0 ? '+' : ''}${fmt(r * 100, 1)}%`;

export function activeConditions(s: MetricsSnapshot): Condition[] {
  return [...sourceConditions(s), ...revisionConditions(s), ...paceConditions(s), ...goalConditions(s)];
}

/** ScrapeFailing, ParserBroken, PublicationOverdue, DataAsOfStalled: per source. */
function sourceConditions(s: MetricsSnapshot): Condition[] {
  const out: Condition[] = [];
  for (const { def, state } of s.sources) {
    const title = def.title;
    // enforcement_source_up is 0 for a source that has not succeeded yet as well.
    if (state.up !== true) {
      const kind = state.lastErrorKind;
      const broken = kind === 'layout' || kind === 'validation';
      out.push({
        alert: broken ? 'ParserBroken' : 'ScrapeFailing',
        severity: 'page',
        source: def.id,
        summary:
          state.up === null
            ? `${title}: not checked successfully yet.`
            : `${title}: our ${broken ? 'parser no longer matches the agency file' : 'fetch fails'} (${kind ?? 'unknown error'}${state.lastErrorMessage ? `: ${state.lastErrorMessage}` : ''}).`,
        holdsFor: broken ? '1h' : '6h',
      });
    }
    const deadline = state.publishedAt === null ? null : state.publishedAt + (def.cadence.expectedIntervalSeconds + def.cadence.graceSeconds) * 1000;
    if (deadline !== null && s.now > deadline && state.lastSuccessAt !== null && state.lastSuccessAt > deadline && !def.frozen) {
      out.push({
        alert: 'PublicationOverdue',
        severity: 'page',
        source: def.id,
        summary: `${title} is ${fmt((s.now - deadline) / DAY_MS, 1)} days overdue (last published ${date(state.publishedAt!)}, due with grace by ${date(deadline)}).`,
        holdsFor: '30m',
      });
    }
    if (state.dataAsOfStalled) {
      out.push({
        alert: 'DataAsOfStalled',
        severity: 'info',
        source: def.id,
        summary: `${title}: new content, but the data as-of date did not advance (still ${state.dataAsOf ?? 'unknown'}).`,
        holdsFor: '1h',
      });
    }
  }
  return out;
}

/** DataRevised: a revision detected within the last day. */
function revisionConditions(s: MetricsSnapshot): Condition[] {
  return s.revisions
    .filter((r) => s.now - r.lastAt < DAY_MS)
    .map((r) => ({
      alert: 'DataRevised' as const,
      severity: 'info' as const,
      source: r.source,
      summary: `${r.series} (${labelsKey(r.lastLabels)}) for ${r.lastPeriod} revised from ${fmt(r.lastOld)} to ${fmt(r.lastNew)} (detected ${new Date(r.lastAt).toISOString().slice(0, 16).replace('T', ' ')} UTC).`,
      holdsFor: null,
    }));
}

/** PaceShift: |newest month / trailing 3-month mean − 1| above the series' threshold. */
function paceConditions(s: MetricsSnapshot): Condition[] {
  return s.pace
    .filter((p) => p.basis === 'trailing_3_month_mean')
    .filter((p) => Math.abs(p.ratio) > (s.settings.paceThresholds[p.series] ?? s.settings.defaultPaceThreshold))
    .map((p) => ({
      alert: 'PaceShift' as const,
      severity: 'info' as const,
      source: p.source,
      summary: `${p.series} (${labelsKey(JSON.parse(p.labels) as Labels)}): ${p.period} is ${pct(p.ratio)} against its trailing 3-month mean.`,
      holdsFor: '1h',
    }));
}

/** RemovalsGoalOffPace: the annualized pace below share × goal. */
function goalConditions(s: MetricsSnapshot): Condition[] {
  const r = s.removals;
  const floor = s.settings.goalOffPaceShare * s.settings.removalsGoal;
  if (!r || !(r.annualizedPace < floor)) return [];
  return [
    {
      alert: 'RemovalsGoalOffPace',
      severity: 'info',
      source: r.source,
      summary: `Removals on pace for ${fmt(r.annualizedPace)} in fiscal year ${r.fiscalYear} (as of ${r.asOf}), below ${fmt(s.settings.goalOffPaceShare * 100)}% of the ${fmt(s.settings.removalsGoal)} goal; ${fmt(r.requiredDailyPace)} removals a day would be needed from that date on to reach it.`,
      holdsFor: '1h',
    },
  ];
}
