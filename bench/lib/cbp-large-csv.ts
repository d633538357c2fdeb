/**
 * A full-size CBP nationwide-by-AOR encounters CSV for the parsing benchmark. The demo site's
 * file (`src/demo/cbp-csv.ts`) spreads each month over a handful of citizenships and is
 * ~1.3 MB; CBP's real `nationwide-encounters-fy23-fy26-aug-aor.csv` is ~7 MB because every AOR
 * lists every demographic × citizenship combination that had encounters. This generator keeps
 * the demo's layout, figures and rules (CBP header, CRLF, no final newline, `(FYTD)`, quoted
 * citizenships with commas, rows sorted as text, Title 42 split) and crosses every AOR with all
 * four demographics and CBP's common citizenships. Each group's rows still add up exactly to
 * `nationwideMonth()`, so the parse can be checked against the demo figures.
 */
import { fiscalYearOf } from '../../src/core/periods.js';
import { apportion } from '../../src/demo/cbp-csv.js';
import { type Component, NATIONWIDE_GROUPS, title42Percent, USBP } from '../../src/demo/cbp-csv-cells.js';
import { fiscalMonths, type FiscalMonth, hash32, nationwideMonth } from '../../src/demo/cbp-figures.js';

const HEADER = 'Fiscal Year,Month Grouping,Month (abbv),Component,Land Border Region,Area of Responsibility,AOR (Abbv),Demographic,Citizenship,Title of Authority,Encounter Type,Encounter Count';

const DEMOGRAPHICS: readonly [string, number][] = [['Accompanied Minors', 3], ['FMUA', 25], ['Single Adults', 60], ['UAC', 10]];
const CITIZENSHIPS: readonly [string, number][] = [
  ['BRAZIL', 3], ['CANADA', 3], ['CHINA, PEOPLES REPUBLIC OF', 4], ['COLOMBIA', 6], ['CUBA', 6], ['ECUADOR', 5],
  ['EL SALVADOR', 5], ['GUATEMALA', 12], ['HAITI', 5], ['HONDURAS', 10], ['INDIA', 4], ['KOREA, SOUTH', 1],
  ['MEXICO', 30], ['MYANMAR (BURMA)', 1], ['NICARAGUA', 4], ['OTHER', 8], ['PERU', 3], ['ROMANIA', 1],
  ['RUSSIA', 2], ['TURKEY', 2], ['UKRAINE', 2], ['VENEZUELA', 8], ["CÔTE D'IVOIRE", 1], ['DOMINICAN REPUBLIC', 2],
];

export interface LargeCsvOptions {
  /** Last month in the file, `YYYY-MM` (the file covers the three fiscal years before too). */
  readonly through: string;
  /** Share of the candidate cells that get a row in a month, percent (CBP omits empty ones). */
  readonly keepPercent: number;
}

/** The defaults give ~7 MB: the size of CBP's FY23 – FY26 August file. */
export const REAL_SIZE: LargeCsvOptions = { through: '2026-08', keepPercent: 36 };

interface Cell {
  readonly fields: readonly string[];
  readonly weight: number;
}

const csvField = (t: string): string => (/[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);

function rowsOfCell(fields: readonly string[], count: number, period: string, component: Component): string[][] {
  const t42 = Math.floor((count * title42Percent(period, component)) / 100);
  const parts: [string, string, number][] = [['Title 42', 'Expulsions', t42], ['Title 8', component === USBP ? 'Apprehensions' : 'Inadmissibles', count - t42]];
  return parts.filter(([, , n]) => n > 0).map(([a, t, n]) => [...fields, a, t, String(n)]);
}

function monthRows(month: FiscalMonth, last: FiscalMonth, keepPercent: number): string[][] {
  const lead = [month.fy === last.fy ? `${month.fy} (FYTD)` : String(month.fy), 'FYTD', month.abbv];
  const figures = nationwideMonth(month);
  return NATIONWIDE_GROUPS.flatMap((group) => {
    const cells: Cell[] = group.aors.flatMap((aor) =>
      DEMOGRAPHICS.flatMap(([demographic, dw]) =>
        CITIZENSHIPS.map(([citizenship, cw]) => ({ fields: [group.region, aor.name, aor.abbv, demographic, citizenship], weight: aor.weight * dw * cw })),
      ),
    );
    const seed = (c: Cell) => `${month.period}|${group.component}|${c.fields.join('|')}`;
    const kept = cells.filter((c) => hash32(seed(c)) % 100 < keepPercent);
    const weights = kept.map((c) => c.weight * (70 + (hash32(`w:${seed(c)}`) % 61)));
    const total = (group.component === USBP ? figures.usbp : figures.ofo)[group.key];
    const counts = apportion(total, weights);
    return kept.flatMap((c, i) => rowsOfCell([...lead, group.component, ...c.fields], counts[i]!, month.period, group.component));
  });
}

function compareRows(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** The CSV bytes and the nationwide all-components total per month (for checking the parse). */
export function largeNationwideCsv(o: LargeCsvOptions = REAL_SIZE): { body: Buffer; rows: number; nationwideByMonth: Map<string, number> } {
  const months = fiscalMonths(fiscalYearOf(o.through) - 3, o.through);
  const last = months.at(-1)!;
  const rows = months.flatMap((m) => monthRows(m, last, o.keepPercent));
  const nationwideByMonth = new Map<string, number>();
  for (const m of months) {
    const f = nationwideMonth(m);
    nationwideByMonth.set(m.period, f.usbp.sw + f.usbp.north + f.usbp.other + f.ofo.sw + f.ofo.north + f.ofo.other);
  }
  const lines = rows.sort(compareRows).map((r) => r.map(csvField).join(','));
  return { body: Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8'), rows: rows.length, nationwideByMonth };
}
