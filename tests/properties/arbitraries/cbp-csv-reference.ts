/**
 * A reference reader for the CBP encounters CSVs, written from the parser's documented contract
 * and nothing else: it recomputes every monthly sum, the withheld months and the outcome from the
 * bytes on its own, so a property can compare the parser with it on any input, damaged or not.
 */
import type { Observation } from '../../../src/core/types.js';
import { HEADERS, MONTHS, type CsvLayout, type CsvModel } from './cbp-csv.js';

/** RFC 4180 fields of one line, or null when the quoting is broken. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return null;
        if (line[q + 1] === '"') {
          value += `${line.slice(j, q)}"`;
          j = q + 2;
          continue;
        }
        value += line.slice(j, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) return [...fields, line.slice(i)];
      fields.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

export type Reference =
  | { readonly kind: 'layout' | 'validation' }
  | {
      readonly kind: 'ok';
      readonly observations: Observation[];
      readonly issueCodes: string[];
      readonly withheldMessages: string[];
      readonly dataAsOf: string;
      readonly signals: Record<string, string>;
    };

const fyOf = (t: string | undefined): number | null => {
  const m = /^\s*(\d{4})\s*(\(FYTD\))?\s*$/i.exec(t ?? '');
  return m ? Number(m[1]) : null;
};
const monthOf = (t: string | undefined): number | null => {
  const i = MONTHS.indexOf((t ?? '').trim().toUpperCase());
  return i < 0 ? null : i + 1;
};
const period = (fy: number, month: number): string => `${month >= 10 ? fy - 1 : fy}-${String(month).padStart(2, '0')}`;
const snake = (t: string): string => t.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
const lastDay = (p: string): string => {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return `${p}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

interface GoodRow {
  readonly period: string;
  readonly region: string;
  readonly component: string;
  readonly aor: string | null;
  readonly labels: Record<string, string>;
  readonly count: number;
}

/** Checks one record against the layout: a good row or the issue code. */
function check(fields: readonly string[], layout: CsvLayout): GoodRow | string {
  const at = (i: number): string => (fields[i] ?? '').trim();
  const nw = layout === 'nationwide_aor';
  if (fields.length !== HEADERS[layout].length) return 'column_count';
  const fy = fyOf(fields[0]);
  if (fy === null) return 'unknown_fiscal_year';
  const month = monthOf(fields[2]);
  if (month === null) return 'unknown_month';
  const component = { 'u.s. border patrol': 'usbp', 'office of field operations': 'ofo' }[at(3).toLowerCase()];
  if (!component) return 'unknown_component';
  const region = nw ? { 'southwest land border': 'southwest_land_border', 'northern land border': 'northern_land_border', other: 'other' }[at(4).toLowerCase()] : 'southwest_land_border';
  if (!region) return 'unknown_region';
  const c = nw ? [7, 8, 9, 10, 11] : [4, 5, 6, 7, 8];
  const countText = at(c[4]!);
  if (/^-\d+$/.test(countText)) return 'negative';
  if (!/^\d+$/.test(countText)) return 'non_numeric';
  const labels = { region, component, demographic: at(c[0]!), citizenship: at(c[1]!), authority: snake(at(c[2]!)), encounter_type: snake(at(c[3]!)) };
  return { period: period(fy, month), region, component, aor: nw ? at(6) : null, labels, count: Number(countText) };
}

/** One record as read: its fields, or null (broken quoting) with the raw line. */
export type CsvRecord = { readonly fields: readonly string[] } | { readonly fields: null; readonly raw: string };

/**
 * What the parser must answer for these bytes, recomputed independently: records are lines
 * (one record per line), the header must be one of the two layouts, and the rest is
 * {@link referenceFromRecords}.
 */
export function referenceParse(bytes: Uint8Array): Reference {
  const text = new TextDecoder('utf-8').decode(bytes);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let layout: CsvLayout | null = null;
  const records: CsvRecord[] = [];
  for (const raw of lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))) {
    if (raw.trim() === '') continue;
    if (layout === null) {
      const h = raw.replace(/^\uFEFF/, '').trim();
      if (h.startsWith('<')) return { kind: 'layout' };
      const names = (splitCsvLine(h) ?? []).map((f) => f.trim().toLowerCase()).join(',');
      layout = (Object.keys(HEADERS) as CsvLayout[]).find((l) => HEADERS[l].join(',').toLowerCase() === names) ?? null;
      if (layout === null) return { kind: 'layout' };
      continue;
    }
    const fields = splitCsvLine(raw);
    records.push(fields === null ? { fields: null, raw } : { fields });
  }
  return layout === null ? { kind: 'layout' } : referenceFromRecords(layout, records);
}

/** The expected outcome for a model, straight from its fields (no CSV text involved). */
export function referenceFromModel(m: CsvModel): Reference {
  return referenceFromRecords(m.layout, m.rows.map((fields) => ({ fields })));
}

/**
 * Each bad row withholds its month (its fiscal year when the month is unreadable, everything
 * when the year is); every sum is taken over the good rows that are left.
 */
export function referenceFromRecords(layout: CsvLayout, records: readonly CsvRecord[]): Reference {
  const good: GoodRow[] = [];
  const issueCodes: string[] = [];
  const withheld = new Map<string, number>();
  let newest = '';
  for (const rec of records) {
    const row = rec.fields === null ? 'bad_quoting' : check(rec.fields, layout);
    if (typeof row !== 'string') {
      good.push(row);
      if (row.period > newest) newest = row.period;
      continue;
    }
    const f = rec.fields ?? rec.raw.split(',');
    const fy = fyOf(f[0]);
    const month = monthOf(f[2]);
    const p = fy !== null && month !== null ? period(fy, month) : null;
    if (p && p > newest) newest = p;
    const scope = fy === null ? '*' : `${fy}:${p ?? '*'}`;
    withheld.set(scope, (withheld.get(scope) ?? 0) + 1);
    issueCodes.push(row);
  }
  if (good.length === 0 && withheld.size === 0) return { kind: 'layout' };
  const isWithheld = (p: string): boolean => {
    const [y, m] = p.split('-').map(Number) as [number, number];
    const fy = m >= 10 ? y + 1 : y;
    return withheld.has('*') || withheld.has(`${fy}:*`) || withheld.has(`${fy}:${p}`);
  };
  const sums = new Map<string, { series: string; labels: Record<string, string>; period: string; value: number }>();
  const add = (series: string, labels: Record<string, string>, p: string, n: number): void => {
    const key = `${series}|${p}|${JSON.stringify(labels)}`;
    const cur = sums.get(key);
    if (cur) cur.value += n;
    else sums.set(key, { series, labels, period: p, value: n });
  };
  const nationwide = layout === 'nationwide_aor';
  for (const r of good) {
    if (isWithheld(r.period)) continue;
    for (const region of nationwide ? [r.region, 'nationwide'] : [r.region]) {
      for (const component of [r.component, 'all']) add('cbp_encounters', { region, component }, r.period, r.count);
    }
    if (r.aor !== null) add('cbp_encounters_by_aor', { region: r.region, component: r.component, aor: r.aor }, r.period, r.count);
    add('cbp_encounters_by_category', r.labels, r.period, r.count);
  }
  const observations = [...sums.values()];
  if (observations.length === 0) return { kind: 'validation' };
  const describe = (scope: string): string => {
    if (scope === '*') return 'every month';
    const [fy, p] = scope.split(':') as [string, string];
    return p === '*' ? `every month of FY${fy}` : `month ${p}`;
  };
  const withheldMessages = [...withheld].map(([scope, n]) => `${describe(scope)} not emitted: ${n} bad row(s) would leave its sums incomplete`);
  const codes = issueCodes.length > 50 ? [...issueCodes.slice(0, 50), 'issues_truncated'] : issueCodes;
  return {
    kind: 'ok',
    observations,
    issueCodes: [...codes, ...withheldMessages.map(() => 'month_withheld')],
    withheldMessages,
    dataAsOf: lastDay(newest),
    signals: { layout, rows: String(good.length) },
  };
}
