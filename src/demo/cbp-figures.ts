/**
 * The numbers behind the CBP half of the demo site, month by month.
 *
 * Published figures are used wherever they are known, so the demo shows what cbp.gov showed:
 * - Southwest border USBP and OFO encounters FY2022 – Aug 2025, as summed from CBP's
 *   "FY22 - FY25 (FYTD) Southwest Land Border Encounters - August" CSV;
 * - the USBP At Large / At Entry tables of the Nationwide Encounters pages for FY2025 (final,
 *   Last Modified Nov 14, 2025) and FY2026 through Aug-26 (Last Modified Sep 16, 2026);
 * - nationwide encounters stated in the June, August and September 2025 monthly updates.
 * Everything else (northern and coastal encounters before FY2025, OFO outside the southwest,
 * OFO southwest after Aug 2025) is a plausible level with a small deterministic wobble.
 */
import { fiscalMonthPeriod } from '../core/periods.js';

export const FISCAL_MONTHS = ['OCT', 'NOV', 'DEC', 'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP'] as const;

export interface FiscalMonth {
  readonly fy: number;
  /** `OCT` … `SEP`, as in the CSVs. */
  readonly abbv: (typeof FISCAL_MONTHS)[number];
  /** 0 for October … 11 for September. */
  readonly index: number;
  /** `YYYY-MM`. */
  readonly period: string;
}

/** Every month from October of `firstFy` to `through` (`YYYY-MM`), in date order. */
export function fiscalMonths(firstFy: number, through: string): FiscalMonth[] {
  const out: FiscalMonth[] = [];
  for (let fy = firstFy; ; fy++) {
    for (const [index, abbv] of FISCAL_MONTHS.entries()) {
      const period = fiscalMonthPeriod(fy, index < 3 ? index + 10 : index - 2);
      if (period > through) return out;
      out.push({ fy, abbv, index, period });
    }
  }
}

/** FNV-1a: a stable 32-bit hash, so "random" spreads are the same on every run and engine. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

// ---- Southwest border, as published in the sbo-encounters CSV (Title 8 + Title 42) --------------

const SW_USBP: Readonly<Record<number, readonly number[]>> = {
  2022: [159113, 167015, 170602, 147877, 159170, 211181, 203504, 224370, 192399, 181834, 181774, 207597],
  2023: [205134, 207680, 222018, 129513, 130521, 163672, 183921, 171382, 99538, 132642, 181054, 218763],
  2024: [188749, 191106, 249740, 124215, 140641, 137473, 128895, 117905, 83532, 56400, 58009, 53858],
  2025: [56520, 46612, 47324, 29107, 8353, 7180, 8377, 8725, 6068, 4596, 6321],
};
const SW_OFO: Readonly<Record<number, readonly number[]>> = {
  2022: [5724, 7830, 8651, 6997, 6840, 11393, 32281, 16766, 15435, 18328, 22313, 19950],
  2023: [26395, 27493, 30297, 27845, 26109, 29577, 28071, 35308, 45018, 50837, 51909, 50972],
  2024: [52178, 51293, 52241, 51980, 49272, 51886, 50842, 52811, 46883, 47700, 49464, 47932],
  2025: [49801, 47574, 48713, 32341, 3361, 3832, 3647, 3726, 3234, 3228, 3419],
};

/** The last month of the published southwest CSV. */
export const SW_PUBLISHED_THROUGH = '2025-08';

/** Published southwest encounters of a month (FY2022 – Aug 2025), or undefined outside that range. */
export function publishedSouthwest(month: FiscalMonth): { usbp: number; ofo: number } | undefined {
  const usbp = SW_USBP[month.fy]?.[month.index];
  const ofo = SW_OFO[month.fy]?.[month.index];
  return usbp === undefined || ofo === undefined ? undefined : { usbp, ofo };
}

// ---- USBP apprehensions tables of the Nationwide Encounters pages --------------------------------

export interface RegionRow {
  readonly label: 'Nationwide Total Apprehensions' | 'Southwest Border Total Apprehensions' | 'Northern Border Total Apprehensions';
  /** One value per reported month; the total row is their sum, so it always checks. */
  readonly atLarge: readonly number[];
  readonly atEntry: readonly number[];
}

export interface ApprehensionsTable {
  readonly fiscalYear: number;
  /** Month headers as CBP printed them that year (`June-25` on the FY2025 page). */
  readonly headers: readonly string[];
  readonly rows: readonly [RegionRow, RegionRow, RegionRow];
}

export const FY2025_TABLE: ApprehensionsTable = {
  fiscalYear: 2025,
  headers: ['Oct-24', 'Nov-24', 'Dec-24', 'Jan-25', 'Feb-25', 'Mar-25', 'Apr-25', 'May-25', 'June-25', 'July-25', 'Aug-25', 'Sep-25'],
  rows: [
    {
      label: 'Nationwide Total Apprehensions',
      atLarge: [1667, 1427, 1275, 1405, 1430, 1720, 2388, 2295, 2537, 2229, 2642, 2902],
      atEntry: [56448, 46107, 46862, 28722, 7811, 6473, 7619, 8064, 5477, 3939, 5443, 7301],
    },
    {
      label: 'Southwest Border Total Apprehensions',
      atLarge: [1265, 1095, 977, 938, 654, 830, 894, 786, 752, 782, 1034, 1260],
      atEntry: [55250, 45514, 46343, 28167, 7695, 6349, 7482, 7938, 5314, 3810, 5283, 7126],
    },
    {
      label: 'Northern Border Total Apprehensions',
      atLarge: [184, 158, 139, 249, 396, 441, 564, 505, 587, 458, 492, 521],
      atEntry: [1099, 546, 371, 368, 83, 63, 120, 102, 115, 96, 94, 72],
    },
  ],
};

/** FY2026 through Aug-26: September is not reported yet and shows as `-`. */
export const FY2026_TABLE: ApprehensionsTable = {
  fiscalYear: 2026,
  headers: ['Oct-25', 'Nov-25', 'Dec-25', 'Jan-26', 'Feb-26', 'Mar-26', 'Apr-26', 'May-26', 'Jun-26', 'Jul-26', 'Aug-26', 'Sep-26'],
  rows: [
    {
      label: 'Nationwide Total Apprehensions',
      atLarge: [3280, 3224, 2857, 2920, 2652, 2931, 3078, 3115, 2742, 3026, 3197],
      atEntry: [6667, 6070, 5265, 5001, 5626, 7187, 7789, 8809, 8666, 8274, 7742],
    },
    {
      label: 'Southwest Border Total Apprehensions',
      atLarge: [1400, 1359, 1262, 1105, 1033, 1165, 1321, 1408, 1347, 1231, 1246],
      atEntry: [6588, 5994, 5214, 4971, 5566, 7105, 7645, 8603, 8508, 8065, 7624],
    },
    {
      label: 'Northern Border Total Apprehensions',
      atLarge: [570, 497, 388, 469, 540, 440, 376, 407, 362, 434, 468],
      atEntry: [75, 70, 51, 22, 40, 74, 74, 119, 132, 152, 95],
    },
  ],
};

/** Total (At Large + At Entry) of `row` in month column `i`, or undefined when not reported. */
export function rowTotal(row: RegionRow, i: number): number | undefined {
  const large = row.atLarge[i];
  const entry = row.atEntry[i];
  return large === undefined || entry === undefined ? undefined : large + entry;
}

// ---- Nationwide by component and region, for the by-AOR CSV -------------------------------------

export interface ByRegion {
  readonly sw: number;
  readonly north: number;
  readonly other: number;
}

type Plausible = 'usbpNorth' | 'usbpOther' | 'ofoSw' | 'ofoNorth' | 'ofoOther';

/** Typical monthly levels where no published figure is at hand, each from its first month on. */
const LEVELS: Readonly<Record<Plausible, readonly (readonly [from: string, level: number])[]>> = {
  usbpNorth: [['2022-10', 850], ['2023-10', 1700]],
  usbpOther: [['2022-10', 650], ['2023-10', 800]],
  ofoSw: [['2025-09', 3400]],
  ofoNorth: [['2022-10', 14500], ['2023-10', 14800], ['2024-10', 11000], ['2025-02', 6800], ['2025-10', 5900]],
  ofoOther: [['2022-10', 36000], ['2023-10', 44000], ['2024-10', 39000], ['2025-02', 8500], ['2025-10', 7800]],
};

/** "Nationwide encounters" as stated in the monthly updates; OFO outside the SW makes up the rest. */
const NATIONWIDE_AS_RELEASED: Readonly<Record<string, number>> = { '2025-06': 25228, '2025-08': 26197, '2025-09': 26002 };

function plausible(key: Plausible, period: string): number {
  const level = LEVELS[key].filter(([from]) => from <= period).at(-1)?.[1];
  if (level === undefined) throw new RangeError(`no ${key} level for ${period}`);
  return Math.round((level * (94 + (hash32(`${key}:${period}`) % 13))) / 100);
}

/** USBP apprehensions by region from the page tables (FY2025, FY2026), else undefined. */
function usbpFromTables(month: FiscalMonth): ByRegion | undefined {
  const table = [FY2025_TABLE, FY2026_TABLE].find((t) => t.fiscalYear === month.fy);
  if (!table) return undefined;
  const [nw, sw, north] = table.rows.map((row) => rowTotal(row, month.index));
  if (nw === undefined || sw === undefined || north === undefined) return undefined;
  return { sw, north, other: nw - sw - north };
}

/**
 * Encounters of one month by component and region. The southwest figures are the published
 * CSV's while it covers the month, else the page table's (USBP) or a plausible level (OFO).
 */
export function nationwideMonth(month: FiscalMonth): { usbp: ByRegion; ofo: ByRegion } {
  const { period } = month;
  const table = usbpFromTables(month);
  const published = publishedSouthwest(month);
  const usbpSw = published?.usbp ?? table?.sw;
  if (usbpSw === undefined) throw new RangeError(`no USBP southwest figure for ${period}`);
  const usbp: ByRegion = {
    sw: usbpSw,
    north: table?.north ?? plausible('usbpNorth', period),
    other: table?.other ?? plausible('usbpOther', period),
  };
  const ofoSw = published?.ofo ?? plausible('ofoSw', period);
  const ofoNorth = plausible('ofoNorth', period);
  const released = NATIONWIDE_AS_RELEASED[period];
  const ofoOther = released === undefined ? plausible('ofoOther', period) : released - usbp.sw - usbp.north - usbp.other - ofoSw - ofoNorth;
  return { usbp, ofo: { sw: ofoSw, north: ofoNorth, other: ofoOther } };
}
