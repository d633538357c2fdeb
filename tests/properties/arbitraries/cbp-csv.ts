/**
 * Generated CBP encounters CSVs (nationwide by AOR and Southwest Land Border layouts), their
 * renderings (row order, CRLF/LF, final newline, BOM, quoting, blank lines, header case) and a
 * reference reader written from the parser's documented contract: it recomputes every monthly
 * sum, the withheld months and the outcome from the bytes on its own, so a property can compare
 * the parser with it on any input, damaged or not.
 */
import fc from 'fast-check';
import type { Observation } from '../../../src/core/types.js';
import { prng } from './html.js';

export type CsvLayout = 'nationwide_aor' | 'southwest_sbo';

export const HEADERS: Readonly<Record<CsvLayout, readonly string[]>> = {
  nationwide_aor: ['Fiscal Year', 'Month Grouping', 'Month (abbv)', 'Component', 'Land Border Region', 'Area of Responsibility', 'AOR (Abbv)', 'Demographic', 'Citizenship', 'Title of Authority', 'Encounter Type', 'Encounter Count'],
  southwest_sbo: ['Fiscal Year', 'Month Grouping', 'Month (abbv)', 'Component', 'Demographic', 'Citizenship Grouping', 'Title of Authority', 'Encounter Type', 'Encounter Count'],
};

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const COMPONENTS = ['U.S. Border Patrol', 'Office of Field Operations'];
const REGIONS = ['Southwest Land Border', 'Northern Land Border', 'Other'];
const AORS = [['Tucson Sector', 'TCA'], ['Yuma Sector', 'YUM'], ['Boston Field Office', 'Boston'], ['Miami Sector', 'MIP'], ['San Diego Field Office', 'San Diego']];
const DEMOGRAPHICS = ['Single Adults', 'FMUA', 'UAC', 'Accompanied Minors'];
const CITIZENSHIPS = ['MEXICO', 'GUATEMALA', 'CHINA, PEOPLES REPUBLIC OF', 'KOREA, REPUBLIC OF ("SOUTH")', "CÔTE D'IVOIRE", 'Other'];
const AUTHORITIES = ['Title 8', 'Title 42'];
const TYPES = ['Apprehensions', 'Inadmissibles', 'Expulsions'];

/** One generated CSV: its layout and records (header excluded), each a list of field texts. */
export interface CsvModel {
  readonly layout: CsvLayout;
  readonly rows: readonly (readonly string[])[];
}

const goodRow = (layout: CsvLayout): fc.Arbitrary<string[]> =>
  fc
    .record({
      fy: fc.integer({ min: 2020, max: 2027 }),
      fytd: fc.boolean(),
      month: fc.constantFrom(...MONTHS),
      component: fc.constantFrom(...COMPONENTS),
      region: fc.constantFrom(...REGIONS),
      aor: fc.constantFrom(...AORS),
      demographic: fc.constantFrom(...DEMOGRAPHICS),
      citizenship: fc.constantFrom(...CITIZENSHIPS),
      authority: fc.constantFrom(...AUTHORITIES),
      type: fc.constantFrom(...TYPES),
      count: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 999 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_000_000 }) }),
    })
    .map((r) => {
      const head = [r.fytd ? `${r.fy} (FYTD)` : String(r.fy), 'FYTD', r.month, r.component];
      const tail = [r.demographic, r.citizenship, r.authority, r.type, String(r.count)];
      return layout === 'nationwide_aor' ? [...head, r.region, r.aor[0]!, r.aor[1]!, ...tail] : [...head, ...tail];
    });

/** A row the contract says to reject: a bad count, month, component, region, fiscal year or column count. */
const badRow = (layout: CsvLayout): fc.Arbitrary<string[]> =>
  fc.tuple(goodRow(layout), fc.nat(), fc.constantFrom('count', 'count', 'count', 'month', 'component', 'region', 'fy', 'extra', 'missing')).map(([row, pick, what]) => {
    const r = [...row];
    const last = r.length - 1;
    switch (what) {
      case 'count':
        r[last] = ['n/a', '', '-5', '1.5', '1,234', '12a', '-0', '+3'][pick % 8]!;
        break;
      case 'month':
        r[2] = ['OKT', '', '13', 'Sept'][pick % 4]!;
        break;
      case 'component':
        r[3] = 'Air and Marine Operations';
        break;
      case 'region':
        if (layout === 'nationwide_aor') r[4] = 'Eastern Land Border';
        else r[last] = 'x';
        break;
      case 'fy':
        r[0] = ['FY22', '22', '2022 FYTD', ''][pick % 4]!;
        break;
      case 'extra':
        r.push('note');
        break;
      default:
        r.pop();
    }
    return r;
  });

export const csvModelArb = (opts: { bad?: boolean } = {}): fc.Arbitrary<CsvModel> =>
  fc.constantFrom<CsvLayout>('nationwide_aor', 'southwest_sbo').chain((layout) =>
    fc.record({
      layout: fc.constant(layout),
      rows: opts.bad
        ? fc.array(fc.oneof({ weight: 12, arbitrary: goodRow(layout) }, { weight: 1, arbitrary: badRow(layout) }), { minLength: 1, maxLength: 40 })
        : fc.array(goodRow(layout), { minLength: 1, maxLength: 40 }),
    }),
  );

// ---- Rendering --------------------------------------------------------------------------------

export interface CsvStyle {
  readonly seed: number;
  readonly eol: 'lf' | 'crlf' | 'mixed';
  readonly finalNewline: boolean;
  readonly bom: boolean;
  readonly quoting: 'minimal' | 'all' | 'random';
  readonly shuffle: boolean;
  readonly blankLines: boolean;
  readonly headerCase: 'as-is' | 'lower' | 'upper';
}

export const PLAIN_CSV: CsvStyle = { seed: 0, eol: 'lf', finalNewline: true, bom: false, quoting: 'minimal', shuffle: false, blankLines: false, headerCase: 'as-is' };

export const csvStyleArb: fc.Arbitrary<CsvStyle> = fc.record({
  seed: fc.integer(),
  eol: fc.constantFrom('lf', 'crlf', 'mixed'),
  finalNewline: fc.boolean(),
  bom: fc.boolean(),
  quoting: fc.constantFrom('minimal', 'all', 'random'),
  shuffle: fc.boolean(),
  blankLines: fc.boolean(),
  headerCase: fc.constantFrom('as-is', 'lower', 'upper'),
});

const mustQuote = (f: string): boolean => /[",\r\n]/.test(f);
const quoted = (f: string): string => `"${f.replace(/"/g, '""')}"`;

/** Writes header and rows as CSV text in the given style; `columns` (a permutation) reorders every record. */
export function renderCsv(m: CsvModel, style: CsvStyle, columns?: readonly number[]): string {
  const rnd = prng(style.seed);
  const header = HEADERS[m.layout].map((h) => (style.headerCase === 'lower' ? h.toLowerCase() : style.headerCase === 'upper' ? h.toUpperCase() : h));
  let rows = m.rows.map((r) => [...r]);
  if (style.shuffle) rows = rows.map((r) => [rnd(), r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  const field = (f: string): string => (mustQuote(f) || style.quoting === 'all' || (style.quoting === 'random' && rnd() < 0.4) ? quoted(f) : f);
  const record = (r: readonly string[]): string => (columns ? columns.map((i) => r[i] ?? '') : r).map(field).join(',');
  const lines = [record(header), ...rows.flatMap((r) => (style.blankLines && rnd() < 0.2 ? ['', record(r)] : [record(r)]))];
  const eol = (): string => (style.eol === 'lf' ? '\n' : style.eol === 'crlf' ? '\r\n' : rnd() < 0.5 ? '\n' : '\r\n');
  const body = lines.map((l, i) => (i < lines.length - 1 || style.finalNewline ? l + eol() : l)).join('');
  return (style.bom ? '\uFEFF' : '') + body;
}

// ---- The reference reader ---------------------------------------------------------------------

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
