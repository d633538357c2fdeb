/**
 * ICE detention-statistics workbooks for the parsing benchmark: the demo one (the FY25
 * 01/16/2025 edition from `src/demo/ice-workbook.ts`, ~5 KB, a few hundred cells) and a
 * larger one with the same sheets and tables plus a facilities table the size of a busy
 * year's (`facilities` rows × 26 columns), which the parser must scan past when it looks
 * for its table titles anywhere in the workbook.
 */
import { FY25_0116, type IceEdition } from '../../src/demo/ice-editions.js';
import { iceDetentionWorkbook } from '../../src/demo/ice-workbook.js';
import { columnLetters, readWorkbook } from '../../src/xlsx/read-workbook.js';
import { writeWorkbook, type FixtureSheet, type FixtureValue } from '../../src/xlsx/write-workbook.js';
import { hash32 } from '../../src/demo/cbp-figures.js';

/** The URL the parser sees (its file name dates the publication). */
export const ICE_URL = `https://www.ice.gov/doclib/detention/${FY25_0116.fileName}`;

export function demoIceWorkbook(edition: IceEdition = FY25_0116): Buffer {
  return iceDetentionWorkbook(edition);
}

const STATES = ['AZ', 'CA', 'FL', 'GA', 'LA', 'NJ', 'NM', 'NY', 'PA', 'TX', 'WA'];
const TYPES = ['IGSA', 'SPC', 'CDF', 'USMS IGA', 'DIGSA', 'Family'];
const FACILITY_HEADER = [
  'Name', 'Address', 'City', 'State', 'Zip', 'AOR', 'Type Detailed', 'Male/Female', 'FY25 ALOS',
  'Level A', 'Level B', 'Level C', 'Level D', 'Male Crim', 'Male Non-Crim', 'Female Crim', 'Female Non-Crim',
  'ICE Threat Level 1', 'ICE Threat Level 2', 'ICE Threat Level 3', 'No ICE Threat Level', 'Mandatory',
  'Guaranteed Minimum', 'Last Inspection Type', 'Last Inspection End Date', 'Pending FY25 Inspection',
];

function facilityRow(i: number): FixtureValue[] {
  const h = (k: string) => hash32(`${k}:${i}`);
  const n = (k: string, max: number) => (h(k) % (max * 100)) / 100;
  return [
    `FACILITY ${i} DETENTION CENTER`, `${100 + (h('a') % 9000)} MAIN STREET`, `CITY ${i % 97}`, STATES[h('s') % STATES.length]!,
    String(10000 + (h('z') % 89999)), `AOR ${h('o') % 25}`, TYPES[h('t') % TYPES.length]!, i % 3 ? 'Male' : 'Female/Male',
    Math.round(n('alos', 90) * 10) / 10, n('a', 400), n('b', 120), n('c', 60), n('d', 30), n('mc', 300), n('mn', 500),
    n('fc', 50), n('fn', 90), n('t1', 100), n('t2', 80), n('t3', 120), n('t0', 400), n('m', 200), h('g') % 1000,
    h('i') % 2 ? 'ODO' : 'Nakamoto', `${1 + (h('d') % 12)}/${1 + (h('e') % 28)}/2024`, h('p') % 2 ? 'Yes' : 'No',
  ];
}

/** The demo workbook's cells as fixture sheets (so they can be written again with more rows). */
function demoSheets(edition: IceEdition): FixtureSheet[] {
  const wb = readWorkbook(demoIceWorkbook(edition));
  return wb.sheets().map((sheet) => {
    const cells: Record<string, FixtureValue> = {};
    for (const { row, cells: values } of sheet.rows()) for (const [col, v] of values) cells[`${columnLetters(col)}${row}`] = v;
    return { name: sheet.name, cells };
  });
}

/** The demo workbook plus `facilities` facility rows on its Facilities sheet (below row 7). */
export function largeIceWorkbook(facilities: number, edition: IceEdition = FY25_0116): { body: Buffer; cells: number } {
  const sheets = demoSheets(edition);
  const fac = sheets.find((s) => s.name.startsWith('Facilities'));
  if (!fac) throw new Error('the demo workbook has no Facilities sheet');
  const cells = { ...fac.cells } as Record<string, FixtureValue>;
  FACILITY_HEADER.forEach((title, c) => (cells[`${columnLetters(c + 1)}7`] = title));
  for (let i = 0; i < facilities; i++) facilityRow(i).forEach((v, c) => (cells[`${columnLetters(c + 1)}${8 + i}`] = v));
  const out = sheets.map((s) => (s === fac ? { name: s.name, cells } : s));
  const total = out.reduce((a, s) => a + Object.keys(s.cells ?? {}).length, 0);
  return { body: writeWorkbook(out), cells: total };
}
