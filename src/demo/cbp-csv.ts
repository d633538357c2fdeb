/**
 * Generates the two CBP encounters CSV layouts for the demo site, byte for byte in CBP's style:
 * CBP's header, CRLF line ends and no final newline, `2025 (FYTD)` for the running fiscal year,
 * `Remaining` for months of earlier years after the latest month, quoted citizenships that
 * contain commas, and rows sorted by text (so `APR` comes before `OCT`: not in date order).
 *
 * Each month's figure from `cbp-figures.ts` is spread over a handful of AORs, demographics
 * and citizenships with deterministic weights; the parts always add up to the figure exactly.
 */
import { fiscalYearOf } from '../core/periods.js';
import { type Component, NATIONWIDE_GROUPS, OFO, SBO_MIX, title42Percent, USBP } from './cbp-csv-cells.js';
import { fiscalMonths, type FiscalMonth, hash32, nationwideMonth, publishedSouthwest } from './cbp-figures.js';

const SBO_HEADER = 'Fiscal Year,Month Grouping,Month (abbv),Component,Demographic,Citizenship Grouping,Title of Authority,Encounter Type,Encounter Count';
const AOR_HEADER = 'Fiscal Year,Month Grouping,Month (abbv),Component,Land Border Region,Area of Responsibility,AOR (Abbv),Demographic,Citizenship,Title of Authority,Encounter Type,Encounter Count';
/** Share of the candidate cells that get a row in a given month (CBP omits empty combinations). */
const KEEP_PERCENT = 70;

/** A candidate row: its descriptive fields (after the component) and relative weight. */
interface Cell {
  readonly fields: readonly string[];
  readonly weight: number;
}

/** Splits `total` over `weights` by largest remainder: the parts always add up to `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`cannot spread ${total} encounters over rows`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = weights.map((w, i) => ({ i, rem: (total * w) % sum })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

/** One cell's count as CSV rows: a Title 42 expulsions part while Title 42 applied, the rest Title 8. */
function authorityRows(fields: readonly string[], count: number, period: string, component: Component): string[][] {
  const t42 = Math.floor((count * title42Percent(period, component)) / 100);
  const t8Type = component === USBP ? 'Apprehensions' : 'Inadmissibles';
  const parts: [string, string, number][] = [['Title 42', 'Expulsions', t42], ['Title 8', t8Type, count - t42]];
  return parts.filter(([, , n]) => n > 0).map(([authority, type, n]) => [...fields, authority, type, String(n)]);
}

/** Spreads one month's `total` for a component over a deterministic subset of `cells`. */
function spread(lead: readonly string[], month: FiscalMonth, component: Component, total: number, cells: readonly Cell[]): string[][] {
  const seed = (cell: Cell) => `${month.period}|${component}|${cell.fields.join('|')}`;
  const kept = cells.filter((cell) => hash32(seed(cell)) % 100 < KEEP_PERCENT);
  const used = kept.length > 0 ? kept : cells;
  const weights = used.map((cell) => cell.weight * (70 + (hash32(`w:${seed(cell)}`) % 61)));
  const counts = apportion(total, weights);
  return used.flatMap((cell, i) => authorityRows([...lead, component, ...cell.fields], counts[i]!, month.period, component));
}

/** `Fiscal Year, Month Grouping, Month (abbv)` as CBP writes them in a file ending at `last`. */
function monthLead(month: FiscalMonth, last: FiscalMonth): string[] {
  const fy = month.fy === last.fy ? `${month.fy} (FYTD)` : String(month.fy);
  return [fy, month.index <= last.index ? 'FYTD' : 'Remaining', month.abbv];
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function compareRows(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length - 1; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}

/** Header and rows sorted as text, CRLF between lines and none after the last (as CBP serves them). */
function csvBody(header: string, rows: string[][]): Buffer {
  const lines = rows.sort(compareRows).map((row) => row.map(csvField).join(','));
  return Buffer.from([header, ...lines].join('\r\n'), 'utf8');
}

/** The four fiscal years a CBP file ending at `through` covers, month by month. */
function fileMonths(through: string): { months: FiscalMonth[]; last: FiscalMonth } {
  const months = fiscalMonths(fiscalYearOf(through) - 3, through);
  return { months, last: months.at(-1)! };
}

/**
 * The Southwest Land Border file (`sbo-encounters-fy22-fy25-aug.csv` layout) through `through`
 * (at most Aug 2025): every month's USBP and OFO rows sum to the published figures.
 */
export function sboEncountersCsv(through: string): Buffer {
  const { months, last } = fileMonths(through);
  const rows = months.flatMap((month) => {
    const published = publishedSouthwest(month);
    if (!published) throw new RangeError(`no published southwest figures for ${month.period}`);
    const lead = monthLead(month, last);
    return ([USBP, OFO] as const).flatMap((component) => {
      const cells = SBO_MIX[component].map((m) => ({ fields: [m.demographic, m.citizenship], weight: m.weight }));
      return spread(lead, month, component, component === USBP ? published.usbp : published.ofo, cells);
    });
  });
  return csvBody(SBO_HEADER, rows);
}

/**
 * The nationwide by-Area-of-Responsibility file (`nationwide-encounters-fy23-fy26-aug-aor.csv`
 * layout) through `through`: each component and land-border region sums to `nationwideMonth()`.
 */
export function nationwideAorCsv(through: string): Buffer {
  const { months, last } = fileMonths(through);
  const rows = months.flatMap((month) => {
    const figures = nationwideMonth(month);
    const lead = monthLead(month, last);
    return NATIONWIDE_GROUPS.flatMap((group) => {
      const cells = group.aors.flatMap((aor) =>
        group.mix.map((m) => ({ fields: [group.region, aor.name, aor.abbv, m.demographic, m.citizenship], weight: aor.weight * m.weight })),
      );
      const total = (group.component === USBP ? figures.usbp : figures.ofo)[group.key];
      return spread(lead, month, group.component, total, cells);
    });
  });
  return csvBody(AOR_HEADER, rows);
}
