/**
 * The DHS OHSS Key Homeland Security Metric "CBP Encounters — USBP" workbook
 * (`KHSM Encounters (USBP) fy25m11.xlsx` on https://ohss.dhs.gov/khsm/cbp-encounters), cut to
 * fiscal years 2022–2025 (OHSS's file starts in FY2000). Sheets `Annual Count`, `Monthly Count`
 * and `Monthly Region` in OHSS's long format: header `Fiscal\r\nYear | Month | [Region |]
 * Quantity`, months `01 October` … `12 September`. The figures are OHSS's, rounded to the
 * nearest 10 as published; the series stops at FY2025 `02 November` (November 2024), where
 * OHSS stopped.
 */
import { writeWorkbook, type FixtureValue } from '../xlsx/write-workbook.js';

const FISCAL_MONTHS = ['October', 'November', 'December', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September'];

/** Regions of the `Monthly Region` sheet, in OHSS's (alphabetical) order. */
export const KHSM_REGIONS = ['Coastal Border', 'Northern Land Border', 'Southwest Land Border'] as const;

/** Per fiscal year and month from October: [coastal, northern, southwest] USBP encounters. */
const REGIONS_BY_MONTH: Readonly<Record<number, readonly (readonly [number, number, number])[]>> = {
  2022: [
    [440, 100, 159110], [330, 100, 167020], [450, 120, 170600], [560, 80, 147880], [230, 120, 159170], [600, 120, 211180],
    [300, 210, 203500], [530, 200, 224370], [410, 220, 192400], [430, 270, 181830], [1140, 310, 181770], [550, 400, 207600],
  ],
  2023: [
    [1260, 510, 205130], [1220, 600, 207680], [1450, 550, 222020], [1630, 580, 129510], [400, 630, 130520], [400, 990, 163670],
    [250, 980, 183920], [240, 800, 171380], [220, 840, 99540], [270, 1150, 132640], [270, 1060, 181050], [230, 1340, 218760],
  ],
  2024: [
    [180, 1520, 188750], [100, 1150, 191110], [260, 1180, 249740], [300, 930, 124220], [200, 1270, 140640], [170, 1480, 137470],
    [240, 1940, 128900], [340, 3400, 117910], [470, 3600, 83530], [220, 3040, 56400], [240, 2430, 58010], [340, 1790, 53860],
  ],
  2025: [[320, 1280, 56530], [220, 700, 46610]],
};

/** Monthly totals as published (rounded on their own, so they may differ from the region sum by a few tens). */
const TOTAL_BY_MONTH: Readonly<Record<number, readonly number[]>> = {
  2022: [159650, 167450, 171170, 148510, 159520, 211900, 204010, 225100, 193030, 182540, 183230, 208560],
  2023: [206900, 209500, 224020, 131720, 131550, 165070, 185150, 172420, 100610, 134060, 182380, 220320],
  2024: [190450, 192360, 251180, 125440, 142100, 139120, 131080, 121650, 87610, 59660, 60680, 55990],
  2025: [58130, 47540],
};

/** Annual totals as published (FY2025: October and November only). */
const TOTAL_BY_YEAR: Readonly<Record<number, number>> = { 2022: 2214650, 2023: 2063690, 2024: 1557320, 2025: 105660 };

const HEADER_FY = 'Fiscal\r\nYear';
const monthLabel = (i: number): string => `${String(i + 1).padStart(2, '0')} ${FISCAL_MONTHS[i]}`;
const years = (): number[] => Object.keys(TOTAL_BY_MONTH).map(Number).sort((a, b) => a - b);

function monthlyCountRows(): FixtureValue[][] {
  const rows: FixtureValue[][] = [[HEADER_FY, 'Month', 'Quantity']];
  for (const fy of years()) TOTAL_BY_MONTH[fy]!.forEach((value, i) => rows.push([fy, monthLabel(i), value]));
  return rows;
}

function monthlyRegionRows(): FixtureValue[][] {
  const rows: FixtureValue[][] = [[HEADER_FY, 'Month', 'Region', 'Quantity']];
  for (const fy of years()) {
    REGIONS_BY_MONTH[fy]!.forEach((values, i) => KHSM_REGIONS.forEach((region, r) => rows.push([fy, monthLabel(i), region, values[r]!])));
  }
  return rows;
}

/** The USBP KHSM workbook bytes. */
export function khsmUsbpWorkbook(): Buffer {
  return writeWorkbook([
    { name: 'Annual Count', rows: [[HEADER_FY, 'Quantity'], ...years().map((fy) => [fy, TOTAL_BY_YEAR[fy]!])] },
    { name: 'Monthly Count', rows: monthlyCountRows() },
    { name: 'Monthly Region', rows: monthlyRegionRows() },
  ]);
}
