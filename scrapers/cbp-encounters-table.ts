/**
 * Parser `cbp-encounters-table`: the one static HTML table on the CBP Nationwide Encounters
 * pages (https://www.cbp.gov/newsroom/stats/nationwide-encounters and the frozen past-year pages
 * such as …/nationwide-encounters-fy2025).
 *
 * The table holds U.S. Border Patrol apprehensions per month for three regions, each as a total
 * row followed by "At Large" and "At Entry" rows. CBP changes the markup between years (plain
 * `td` vs `td.text-align-center`, values wrapped in `<strong>`/`<em>`/`<span>`, month headers
 * `Oct-24`, `June-25`, `Sept-25`), so the table is found by its row labels and every cell is
 * read as text.
 */
import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { LayoutError } from '../src/core/errors.js';
import { lastDayOfMonth, monthNumber } from '../src/core/periods.js';
import type { Observation, ParseInput, ParseIssue, ParseResult, ParserDef } from '../src/core/types.js';
import { lastModified, loadPage, normText, tableauWorkbooks, workbookReportingMonth } from './lib/cbp-html.js';

type Region = 'nationwide' | 'southwest_land_border' | 'northern_land_border';
type Kind = 'total' | 'at_large' | 'at_entry';
type Cell =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'absent' }
  | { readonly kind: 'bad'; readonly code: 'non_numeric' | 'negative'; readonly text: string };

const REGION_ROWS: ReadonlyMap<string, Region> = new Map([
  ['nationwide total apprehensions', 'nationwide'],
  ['southwest border total apprehensions', 'southwest_land_border'],
  ['northern border total apprehensions', 'northern_land_border'],
]);
const SUB_ROWS: ReadonlyMap<string, Kind> = new Map([
  ['at large', 'at_large'],
  ['at entry', 'at_entry'],
]);
const KINDS: readonly Kind[] = ['total', 'at_large', 'at_entry'];
const REGION_LABEL: Readonly<Record<Region, string>> = {
  nationwide: 'Nationwide Total Apprehensions',
  southwest_land_border: 'Southwest Border Total Apprehensions',
  northern_land_border: 'Northern Border Total Apprehensions',
};

/** `Oct-24`, `June-25`, `Sept-25`, `Oct 2024` → `YYYY-MM`; null when the text is not a month. */
export function monthHeaderPeriod(text: string): string | null {
  const m = /^([A-Za-z]{3,9})\.?[-\s]+(\d{2}|\d{4})$/.exec(normText(text));
  if (!m) return null;
  const month = monthNumber(m[1]!);
  if (!month) return null;
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Reads one value cell: `-` (or an empty cell) means "not reported yet", never zero. */
function readCell(text: string): Cell {
  const t = normText(text);
  if (t === '' || /^[-\u2012-\u2015]$/.test(t)) return { kind: 'absent' };
  if (/^(\d{1,3}(,\d{3})+|\d+)$/.test(t)) return { kind: 'value', value: Number(t.replace(/,/g, '')) };
  if (/^[-\u2212]\s*\d[\d,]*$/.test(t)) return { kind: 'bad', code: 'negative', text: t };
  return { kind: 'bad', code: 'non_numeric', text: t };
}

interface Table {
  readonly months: string[];
  readonly rows: Map<Region, Map<Kind, Cell[]>>;
}

/** The first table with one of the region total rows; rows are `[label, ...cells]` texts. */
function findTableRows($: CheerioAPI): string[][] {
  for (const table of $('table').toArray()) {
    const rows = $(table)
      .find('tr')
      .toArray()
      .map((tr: Element) => $(tr).children('th, td').toArray().map((c) => normText($(c).text())));
    if (rows.some((r) => REGION_ROWS.has((r[0] ?? '').toLowerCase()))) return rows;
  }
  throw new LayoutError('no table with a "… Total Apprehensions" region row');
}

/** Month periods of the header: the last multi-cell row above the first region row. */
function readMonths(rows: string[][]): string[] {
  const first = rows.findIndex((r) => REGION_ROWS.has((r[0] ?? '').toLowerCase()));
  const header = rows.slice(0, first).filter((r) => r.length > 1).at(-1);
  if (!header) throw new LayoutError('no month header row above the region rows');
  const months = header.slice(1).map((text) => {
    const period = monthHeaderPeriod(text);
    if (!period) throw new LayoutError(`unrecognised month header "${text}"`);
    return period;
  });
  if (new Set(months).size !== months.length) throw new LayoutError('a month header appears twice');
  return months;
}

/** Groups the rows by region; a label we do not know ends the current region's block. */
function readTable(rows: string[][]): Table {
  const months = readMonths(rows);
  const byRegion = new Map<Region, Map<Kind, Cell[]>>();
  let current: Map<Kind, Cell[]> | null = null;
  for (const [label = '', ...cells] of rows) {
    const region = REGION_ROWS.get(label.toLowerCase());
    const kind = region ? 'total' : SUB_ROWS.get(label.toLowerCase());
    if (region) {
      if (byRegion.has(region)) throw new LayoutError(`row "${label}" appears twice`);
      current = new Map();
      byRegion.set(region, current);
    }
    if (!kind || !current) {
      current = null;
      continue;
    }
    if (cells.length !== months.length) {
      throw new LayoutError(`row "${label}" has ${cells.length} values for ${months.length} month columns`);
    }
    current.set(kind, cells.map(readCell));
  }
  for (const [region, label] of Object.entries(REGION_LABEL) as [Region, string][]) {
    const block = byRegion.get(region);
    if (!block) throw new LayoutError(`region row "${label}" not found`);
    if (!block.has('at_large') || !block.has('at_entry')) {
      throw new LayoutError(`"${label}" is not followed by "At Large" and "At Entry" rows`);
    }
  }
  return { months, rows: byRegion };
}

/**
 * Checks one region+month: the three values are emitted only together and only when
 * total = at_large + at_entry, so a reader never sees a total without its verified parts.
 */
function checkMonth(region: Region, period: string, cells: Record<Kind, Cell>): Observation[] | ParseIssue[] {
  const where = `${REGION_LABEL[region]} ${period}`;
  const bad = KINDS.filter((k) => cells[k].kind === 'bad');
  if (bad.length > 0) {
    return bad.map((k) => {
      const cell = cells[k] as Extract<Cell, { kind: 'bad' }>;
      return { code: cell.code, message: `${where} ${k}: "${cell.text}" is not a count; the month's three values are not emitted` };
    });
  }
  const values = KINDS.map((k) => cells[k]).filter((c): c is Extract<Cell, { kind: 'value' }> => c.kind === 'value');
  if (values.length === 0) return [];
  if (values.length < KINDS.length) {
    return [{ code: 'incomplete', message: `${where}: total, At Large and At Entry are only partly reported; not emitted` }];
  }
  const [total, atLarge, atEntry] = values.map((v) => v.value) as [number, number, number];
  if (total !== atLarge + atEntry) {
    return [{ code: 'total_mismatch', message: `${where}: total ${total} ≠ At Large ${atLarge} + At Entry ${atEntry}; not emitted` }];
  }
  return KINDS.map((k, i) => ({ series: 'usbp_apprehensions', labels: { region, kind: k }, period, value: [total, atLarge, atEntry][i]! }));
}

function isIssueList(list: Observation[] | ParseIssue[]): list is ParseIssue[] {
  return list.length > 0 && 'code' in list[0]!;
}

/**
 * Parses a Nationwide Encounters page.
 *
 * Success: `usbp_apprehensions{region, kind}` for every region and month whose total equals
 * At Large + At Entry; `publishedOn` from "Last Modified"; `dataAsOf` = last day of the newest
 * month with values; `signals.workbook`/`reportingMonth` when the page embeds a Tableau workbook.
 * Partial failure (issues `total_mismatch`, `non_numeric`, `negative`, `incomplete`): that
 * region+month emits nothing. Months shown as `-` are simply absent.
 * Failure: `LayoutError` when the page is an error page, or the table, a region block or the
 * month header is missing or unrecognised.
 */
export function parseEncountersTable(input: ParseInput): ParseResult {
  const $ = loadPage(input.body, 'CBP encounters page');
  const table = readTable(findTableRows($));
  const observations: Observation[] = [];
  const issues: ParseIssue[] = [];
  for (const [region, block] of table.rows) {
    table.months.forEach((period, i) => {
      const cells = Object.fromEntries(KINDS.map((k) => [k, block.get(k)![i]!])) as Record<Kind, Cell>;
      const out = checkMonth(region, period, cells);
      if (isIssueList(out)) issues.push(...out);
      else observations.push(...out);
    });
  }
  const publishedOn = lastModified($);
  if (!publishedOn) issues.push({ code: 'published_date_missing', message: 'no "Last Modified" date on the page' });
  const newest = observations.map((o) => o.period).sort().at(-1);
  return {
    observations,
    issues,
    ...(publishedOn ? { publishedOn } : {}),
    ...(newest ? { dataAsOf: lastDayOfMonth(newest) } : {}),
    ...workbookSignals($),
  };
}

/** The embedded Tableau workbook (current-FY page only) is a second, independent month signal. */
function workbookSignals($: CheerioAPI): Pick<ParseResult, 'signals'> {
  const workbook = tableauWorkbooks($).find((w) => workbookReportingMonth(w) !== null);
  if (!workbook) return {};
  return { signals: { workbook, reportingMonth: workbookReportingMonth(workbook)! } };
}

export const cbpEncountersTable: ParserDef = {
  id: 'cbp-encounters-table',
  version: 1,
  description: 'USBP apprehensions by month and region from the static table on CBP Nationwide Encounters pages',
  format: 'html',
  parse: parseEncountersTable,
};
