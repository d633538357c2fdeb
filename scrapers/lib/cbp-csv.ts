/**
 * Incremental CSV reading for the CBP encounters files: bytes in, one record at a time out,
 * never the whole file as a string or an array of lines (the nationwide file is ~7 MB), and
 * the two CBP encounters layouts with their row checks. Pure: no I/O, no clock.
 */
import { LayoutError } from '../../src/core/errors.js';
import { fiscalMonthPeriod } from '../../src/core/periods.js';

/** A line longer than this is not a CBP CSV row (e.g. a minified HTML page); stop buffering. */
export const MAX_LINE_CHARS = 1 << 20;

/**
 * Splits UTF-8 bytes into lines as they arrive. Handles CRLF or LF, a chunk boundary anywhere
 * (even inside a multi-byte character or between `\r` and `\n`), a missing final newline and a
 * UTF-8 BOM. `onLine` gets the line (ending removed) and its 1-based number.
 *
 * One line is one record: CBP fields never contain newlines, and treating a stray quote as the
 * start of a multi-line field would swallow every following row instead of failing one.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private carry = '';
  private lineNo = 0;

  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}

  push(chunk: Uint8Array): void {
    this.feed(this.decoder.decode(chunk, { stream: true }));
  }

  /** Flushes the last line (files often end without a newline). */
  end(): void {
    this.feed(this.decoder.decode());
    if (this.carry !== '') this.emit(this.carry);
    this.carry = '';
  }

  private feed(text: string): void {
    const buf = this.carry + text;
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
      this.emit(buf.slice(start, nl));
      start = nl + 1;
    }
    this.carry = buf.slice(start);
    if (this.carry.length > MAX_LINE_CHARS) {
      throw new LayoutError(`a line is longer than ${MAX_LINE_CHARS} characters; not a CBP CSV`);
    }
  }

  private emit(raw: string): void {
    this.onLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw, ++this.lineNo);
  }
}

/**
 * Fields of one CSV record (RFC 4180: `"…"` quoting, `""` for a quote inside), or null when the
 * quoting is broken (text after a closing quote, or a quote that never closes).
 */
export function splitRecord(record: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (record[i] === '"') {
      let value = '';
      let j = record.indexOf('"', i + 1);
      for (; j >= 0 && record[j + 1] === '"'; j = record.indexOf('"', j + 2)) {
        value += record.slice(i + 1, j + 1);
        i = j + 1;
      }
      if (j < 0) return null;
      fields.push(value + record.slice(i + 1, j));
      i = j + 1;
      if (i === record.length) return fields;
      if (record[i] !== ',') return null;
      i++;
      continue;
    }
    const comma = record.indexOf(',', i);
    if (comma < 0) {
      fields.push(record.slice(i));
      return fields;
    }
    fields.push(record.slice(i, comma));
    i = comma + 1;
  }
}

// ---- The CBP encounters layouts -------------------------------------------------------------

const NATIONWIDE_HEADER = 'Fiscal Year,Month Grouping,Month (abbv),Component,Land Border Region,Area of Responsibility,AOR (Abbv),Demographic,Citizenship,Title of Authority,Encounter Type,Encounter Count';
const SOUTHWEST_HEADER = 'Fiscal Year,Month Grouping,Month (abbv),Component,Demographic,Citizenship Grouping,Title of Authority,Encounter Type,Encounter Count';

/** Column positions per layout; `region`/`aor` are null in the SW file (all rows are SW). */
export interface Layout {
  readonly name: 'nationwide_aor' | 'southwest_sbo';
  readonly columns: number;
  readonly component: number;
  readonly region: number | null;
  readonly aor: number | null;
  readonly demographic: number;
  readonly citizenship: number;
  readonly authority: number;
  readonly type: number;
  readonly count: number;
}

export const LAYOUTS: ReadonlyMap<string, Layout> = new Map([
  [NATIONWIDE_HEADER.toLowerCase(), { name: 'nationwide_aor', columns: 12, component: 3, region: 4, aor: 6, demographic: 7, citizenship: 8, authority: 9, type: 10, count: 11 }],
  [SOUTHWEST_HEADER.toLowerCase(), { name: 'southwest_sbo', columns: 9, component: 3, region: null, aor: null, demographic: 4, citizenship: 5, authority: 6, type: 7, count: 8 }],
] as const);

const MONTHS: ReadonlyMap<string, number> = new Map(
  ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'].map((m, i) => [m, i + 1]),
);
const COMPONENTS: ReadonlyMap<string, string> = new Map([
  ['u.s. border patrol', 'usbp'],
  ['office of field operations', 'ofo'],
]);
const REGIONS: ReadonlyMap<string, string> = new Map([
  ['southwest land border', 'southwest_land_border'],
  ['northern land border', 'northern_land_border'],
  ['other', 'other'],
]);
/** Joins the parts of an aggregation key; never occurs in CBP text. */
export const KEY_SEP = '\u0000';

/** `Title 8` → `title_8`: label values for the agency's fixed vocabularies. */
function snake(text: string): string {
  return text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** `2022` or `2025 (FYTD)` → the fiscal year, else null. */
export function fiscalYear(text: string | undefined): number | null {
  const m = /^\s*(\d{4})\s*(\(FYTD\))?\s*$/i.exec(text ?? '');
  return m ? Number(m[1]) : null;
}

export function monthOf(text: string | undefined): number | null {
  return MONTHS.get((text ?? '').trim().toUpperCase()) ?? null;
}

/** A row that passed every check, reduced to what the sums need. */
export interface Row {
  readonly period: string;
  readonly region: string;
  readonly component: string;
  readonly aor: string | null;
  readonly category: string;
  readonly count: number;
}

export type RowCheck = Row | { readonly code: string; readonly reason: string };

export function checkRow(fields: string[], layout: Layout): RowCheck {
  const at = (i: number | null): string => (i === null ? '' : (fields[i] ?? '').trim());
  if (fields.length !== layout.columns) return { code: 'column_count', reason: `${fields.length} columns, expected ${layout.columns}` };
  const fy = fiscalYear(fields[0]);
  if (fy === null) return { code: 'unknown_fiscal_year', reason: `fiscal year "${at(0)}"` };
  const month = monthOf(fields[2]);
  if (month === null) return { code: 'unknown_month', reason: `month "${at(2)}"` };
  const component = COMPONENTS.get(at(layout.component).toLowerCase());
  if (!component) return { code: 'unknown_component', reason: `component "${at(layout.component)}"` };
  const region = layout.region === null ? 'southwest_land_border' : REGIONS.get(at(layout.region).toLowerCase());
  if (!region) return { code: 'unknown_region', reason: `land border region "${at(layout.region)}"` };
  const countText = at(layout.count);
  if (/^-\d+$/.test(countText)) return { code: 'negative', reason: `encounter count ${countText}` };
  if (!/^\d+$/.test(countText)) return { code: 'non_numeric', reason: `encounter count "${countText}"` };
  const category = [at(layout.demographic), at(layout.citizenship), snake(at(layout.authority)), snake(at(layout.type))].join(KEY_SEP);
  return { period: fiscalMonthPeriod(fy, month), region, component, aor: layout.aor === null ? null : at(layout.aor), category, count: Number(countText) };
}

