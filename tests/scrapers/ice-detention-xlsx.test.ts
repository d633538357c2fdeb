import { describe, expect, it } from 'vitest';
import { LayoutError, ValidationError } from '../../src/core/errors.js';
import type { Observation, ParseResult } from '../../src/core/types.js';
import { iceDetentionXlsxParser } from '../../scrapers/ice-detention-xlsx.js';
import { fy25Cells, iceWorkbook, moveRange, putRow, type IceCells } from '../fixtures/ice/detention-workbook.js';
import { zipFiles } from '../helpers/xlsx-writer.js';

const URL_0116 = 'https://www.ice.gov/doclib/detention/FY25_detentionStats01162025.xlsx';
const parse = (body: Buffer, url = URL_0116): ParseResult => iceDetentionXlsxParser.parse({ body, url });
const parseCells = (cells: IceCells): ParseResult => parse(iceWorkbook(cells));

/** `series/agency/period` → value, plus `*` for partial months. */
function table(observations: readonly Observation[], series: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const o of observations.filter((x) => x.series === series)) {
    out[`${Object.values(o.labels).join(',')} ${o.period}`] = o.partial ? `${o.value}*` : o.value;
  }
  return out;
}

const DETAINED_0106 = { 'ice 2025-01-06': 14557, 'cbp 2025-01-06': 25146, 'all 2025-01-06': 39703 };
const BOOK_INS_0106 = {
  'ice 2024-10': 8615, 'cbp 2024-10': 15007, 'all 2024-10': 23622,
  'ice 2024-11': 7558, 'cbp 2024-11': 13569, 'all 2024-11': 21127,
  'ice 2024-12': 7884, 'cbp 2024-12': 14255, 'all 2024-12': 22139,
  'ice 2025-01': '2363*', 'cbp 2025-01': '4011*', 'all 2025-01': '6374*',
};

describe('ice-detention-xlsx parse()', () => {
  it('reads the FY25 01/16/2025 layout: detained, FYTD removals, pull date and file date', () => {
    const r = parse(iceWorkbook(fy25Cells()));
    expect(r.issues).toEqual([]);
    expect(table(r.observations, 'ice_detained')).toEqual(DETAINED_0106);
    expect(table(r.observations, 'ice_removals_fytd')).toEqual({ '2025 2025-01-06': 76939 });
    expect(r.dataAsOf).toBe('2025-01-06');
    expect(r.publishedOn).toBe('2025-01-16');
    expect(r.signals).toEqual({ fiscalYear: '2025', pullDate: '2025-01-06' });
  });

  it('emits book-ins up to the pull month, that month partial, later months (0 in the file) absent', () => {
    const r = parse(iceWorkbook(fy25Cells()));
    expect(table(r.observations, 'ice_book_ins')).toEqual(BOOK_INS_0106);
    expect(table(r.observations, 'ice_average_daily_population')).toEqual({
      'ice 2024-10': 14277.2258064516, 'cbp 2024-10': 24443.2903225806, 'all 2024-10': 38720.5161290323,
      'ice 2024-11': 14577.6333333333, 'cbp 2024-11': 24428.2333333333, 'all 2024-11': 39005.8666666667,
      'ice 2024-12': 14767.6451612903, 'cbp 2024-12': 24386.8387096774, 'all 2024-12': 39154.4838709677,
      'ice 2025-01': '14934.0909090909*', 'cbp 2025-01': '25165*', 'all 2025-01': '40099.0909090909*',
    });
    expect(r.observations.some((o) => o.period >= '2025-02')).toBe(false);
  });

  it('leaves publishedOn out when the URL has no dated ICE file name', () => {
    const r = parse(iceWorkbook(fy25Cells()), 'https://www.ice.gov/doclib/detention/FY25_detentionStats.xlsx');
    expect(r.publishedOn).toBeUndefined();
    expect(r.dataAsOf).toBe('2025-01-06');
  });

  it('finds tables whatever the stray spaces in sheet names and row labels', () => {
    const cells = fy25Cells();
    Object.assign(cells.detention, { A20: 'Total ', I20: ' Total', I21: 'CBP ', A91: 'CBP  Average ', N29: ' Total  ' });
    const r = parse(iceWorkbook(cells, { detention: ' Detention FY25 ', facilities: 'Facilities FY25 ' }));
    expect(r.issues).toEqual([]);
    expect(table(r.observations, 'ice_detained')).toEqual(DETAINED_0106);
    expect(table(r.observations, 'ice_book_ins')).toEqual(BOOK_INS_0106);
    expect(table(r.observations, 'ice_removals_fytd')).toEqual({ '2025 2025-01-06': 76939 });
  });

  it('finds tables moved to other rows, columns and sheets', () => {
    const cells = fy25Cells();
    cells.extra['Removals FY25'] = {};
    moveRange(cells.detention, 'N27:P30', cells.extra['Removals FY25'], 'C5');
    moveRange(cells.detention, 'A18:F23', cells.detention, 'A140');
    moveRange(cells.detention, 'I18:V22', cells.facilities, 'D40');
    moveRange(cells.facilities, 'A6:A6', cells.header, 'B12');
    const r = parseCells(cells);
    expect(r.issues).toEqual([]);
    expect(table(r.observations, 'ice_detained')).toEqual(DETAINED_0106);
    expect(table(r.observations, 'ice_book_ins')).toEqual(BOOK_INS_0106);
    expect(table(r.observations, 'ice_removals_fytd')).toEqual({ '2025 2025-01-06': 76939 });
  });

  it('reads columns by header text when a column is added and the agencies swap places', () => {
    const cells = fy25Cells();
    putRow(cells.detention, 'A', 19, ['Criminality', 'CBP', 'Percent CBP', 'ICE', 'Percent ICE', 'Total', 'Percent Total']);
    putRow(cells.detention, 'A', 20, ['Total', 25146, 0.63, 14557, 0.37, 39703, 1]);
    putRow(cells.detention, 'A', 21, ['Convicted Criminal', 1400, 0.13, 9094, 0.87, 10494, 0.26]);
    putRow(cells.detention, 'A', 22, ['Pending Criminal Charges', 755, 0.14, 4605, 0.86, 5360, 0.14]);
    putRow(cells.detention, 'A', 23, ['Other Immigration Violator', 22991, 0.96, 858, 0.04, 23849, 0.6]);
    const r = parseCells(cells);
    expect(r.issues).toEqual([]);
    expect(table(r.observations, 'ice_detained')).toEqual(DETAINED_0106);
  });

  it('prefers the newest fiscal year when last year\'s tables are still in the workbook', () => {
    const cells = fy25Cells();
    const old = fy25Cells('FY2024');
    old.detention.P29 = 271484;
    cells.extra['Detention FY24'] = old.detention;
    const r = parseCells(cells);
    expect(table(r.observations, 'ice_removals_fytd')).toEqual({ '2025 2025-01-06': 76939 });
  });

  it('reads an end-of-year workbook (EOFY2024 titles, pull date after the year): every month complete', () => {
    const cells = fy25Cells('EOFY2024');
    cells.facilities.A6 = 'Data Source: ICE Integrated Decision Support (IIDS), 10/07/2024';
    putRow(cells.detention, 'I', 20, ['Total', 24118, 17692, 21085, 20536, 24431, 22105, 23974, 28582, 25034, 23644, 24706, 22006, 277913]);
    putRow(cells.detention, 'I', 21, ['CBP', 17278, 10922, 13349, 13998, 17044, 14557, 15533, 20131, 17677, 15635, 16516, 14658, 187298]);
    putRow(cells.detention, 'I', 22, ['ICE  ', 6840, 6770, 7736, 6538, 7387, 7548, 8441, 8451, 7357, 8009, 8190, 7348, 90615]);
    // A flat 100 + 200 = 300 every month: the day-weighted FY overall is exactly 300.
    putRow(cells.detention, 'A', 91, ['CBP Average', ...Array(12).fill(200), 200]);
    putRow(cells.detention, 'A', 95, ['ICE Average  ', ...Array(12).fill(100), 100]);
    putRow(cells.detention, 'A', 99, ['Average ', ...Array(12).fill(300), 300]);
    const r = parse(iceWorkbook(cells, { detention: 'Detention FY24', facilities: 'Facilities EOFY24' }), 'https://www.ice.gov/doclib/detention/FY24_detentionStats.xlsx');
    expect(r.issues).toEqual([]);
    expect(r.dataAsOf).toBe('2024-10-07');
    const bookIns = r.observations.filter((o) => o.series === 'ice_book_ins' && o.labels.arresting_agency === 'all');
    expect(bookIns.map((o) => o.period)).toEqual(['2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09']);
    expect(bookIns.reduce((a, o) => a + o.value, 0)).toBe(277913);
    expect(r.observations.some((o) => o.partial)).toBe(false);
    expect(table(r.observations, 'ice_removals_fytd')).toEqual({ '2024 2024-10-07': 76939 });
  });

  it('reports a day-weighted FY overall that disagrees with the months of a complete year', () => {
    const cells = fy25Cells('EOFY2024');
    cells.facilities.A6 = 'Data Source: ICE Integrated Decision Support (IIDS), 10/07/2024';
    putRow(cells.detention, 'I', 20, ['Total', ...Array(12).fill(3), 36]);
    putRow(cells.detention, 'I', 21, ['CBP', ...Array(12).fill(2), 24]);
    putRow(cells.detention, 'I', 22, ['ICE', ...Array(12).fill(1), 12]);
    putRow(cells.detention, 'A', 91, ['CBP Average', ...Array(12).fill(200), 200]);
    putRow(cells.detention, 'A', 95, ['ICE Average', ...Array(12).fill(100), 100]);
    putRow(cells.detention, 'A', 99, ['Average', ...Array(12).fill(300), 301]);
    const r = parseCells(cells);
    expect(r.issues.map((i) => i.code)).toEqual(['total_mismatch']);
    expect(r.issues[0]!.message).toContain('months give 300 but the table says 301');
    const adp = r.observations.filter((o) => o.series === 'ice_average_daily_population');
    expect(new Set(adp.map((o) => o.labels.arresting_agency))).toEqual(new Set(['ice', 'cbp']));
  });

  it('drops the detained figures with total_mismatch when ICE + CBP is not the total', () => {
    const cells = fy25Cells();
    cells.detention.B20 = 14558;
    cells.detention.B21 = 9095;
    const r = parseCells(cells);
    expect(r.issues).toEqual([
      { code: 'total_mismatch', message: 'currently detained: ICE 14558 + CBP 25146 ≠ Total 39703' },
      { code: 'total_mismatch', message: 'currently detained figures not emitted: the table does not add up' },
    ]);
    expect(table(r.observations, 'ice_detained')).toEqual({});
    expect(table(r.observations, 'ice_removals_fytd')).toEqual({ '2025 2025-01-06': 76939 });
  });

  it('drops the detained figures when the criminality rows do not add up to the Total row', () => {
    const cells = fy25Cells();
    cells.detention.D22 = 756;
    const r = parseCells(cells);
    expect(r.issues.map((i) => i.message)).toEqual([
      'currently detained cbp: criminality rows sum to 25147, Total row says 25146',
      'currently detained figures not emitted: the table does not add up',
    ]);
    expect(table(r.observations, 'ice_detained')).toEqual({});
  });

  it('drops a month whose ICE + CBP book-ins differ from the total, and a row whose months miss its Total', () => {
    const cells = fy25Cells();
    cells.detention.K22 = 7559; // Nov ICE
    cells.detention.V22 = 26421; // keeps the ICE row consistent with its Total column
    cells.detention.V21 = 46843; // CBP row no longer adds up
    const r = parseCells(cells);
    expect(r.issues.map((i) => i.message)).toEqual([
      'ICE Initial Book-Ins by Arresting Agency and Month: FY2025 CBP year: months give 46842 but the table says 46843; row not emitted',
    ]);
    expect(table(r.observations, 'ice_book_ins')).toEqual({
      'ice 2024-10': 8615, 'all 2024-10': 23622,
      'ice 2024-11': 7559, 'all 2024-11': 21127,
      'ice 2024-12': 7884, 'all 2024-12': 22139,
      'ice 2025-01': '2363*', 'all 2025-01': '6374*',
    });
    const cells2 = fy25Cells();
    cells2.detention.K22 = 7559;
    cells2.detention.V22 = 26421;
    const r2 = parseCells(cells2);
    expect(r2.issues).toEqual([
      { code: 'total_mismatch', message: 'ICE Initial Book-Ins by Arresting Agency and Month: FY2025 2024-11: ICE 7559 + CBP 13569 ≠ total 21127; month not emitted' },
    ]);
    expect(Object.keys(table(r2.observations, 'ice_book_ins')).filter((k) => k.endsWith('2024-11'))).toEqual([]);
  });

  it('reports values in months after the pull month and keeps them out', () => {
    const cells = fy25Cells();
    Object.assign(cells.detention, { N20: 5, N21: 5, V20: 73267, V21: 46847 });
    const r = parseCells(cells);
    expect(r.issues).toEqual([
      { code: 'after_pull_date', message: 'ICE Initial Book-Ins by Arresting Agency and Month: FY2025: 2025-02 has values after the data pull month 2025-01; not emitted' },
    ]);
    expect(r.observations.some((o) => o.period === '2025-02')).toBe(false);
  });

  it('reports a non-numeric removals total instead of emitting it', () => {
    const cells = fy25Cells();
    cells.detention.P29 = 'n/a';
    const r = parseCells(cells);
    expect(r.issues).toEqual([{ code: 'non_numeric', message: 'FYTD removals: "n/a" is not a number (Detention FY25 row 29)' }]);
    expect(table(r.observations, 'ice_removals_fytd')).toEqual({});
  });

  it('uses the latest of conflicting pull dates and says so', () => {
    const cells = fy25Cells();
    cells.header.A20 = 'Data Source: ICE Integrated Decision Support (IIDS), 12/23/2024';
    const r = parseCells(cells);
    expect(r.dataAsOf).toBe('2025-01-06');
    expect(r.issues).toEqual([{ code: 'pull_date_conflict', message: 'several data pull dates (2024-12-23, 2025-01-06); using the latest' }]);
  });

  it('throws LayoutError naming the missing table', () => {
    const cells = fy25Cells();
    delete cells.detention.N27;
    expect(() => parseCells(cells)).toThrow(new LayoutError('table "ICE Removals: FY…" not found in the workbook'));
    const cells2 = fy25Cells();
    cells2.detention.A18 = 'ICE Currently Detained: FY2025';
    expect(() => parseCells(cells2)).toThrow('table "ICE Currently Detained by Criminality and Arresting Agency: FY…" not found in the workbook');
  });

  it('throws LayoutError when a Total row is renamed', () => {
    const cells = fy25Cells();
    cells.detention.A20 = 'Grand Total';
    expect(() => parseCells(cells)).toThrow('no Total row in "ICE Currently Detained by Criminality and Arresting Agency: FY2025"');
    const cells2 = fy25Cells();
    cells2.detention.N29 = 'All removals';
    expect(() => parseCells(cells2)).toThrow('no Total row under "ICE Removals: FY2025"');
    const cells3 = fy25Cells();
    cells3.detention.A99 = 'Overall';
    expect(() => parseCells(cells3)).toThrow(LayoutError);
  });

  it('accepts full month names and throws LayoutError when a month column is missing', () => {
    const cells = fy25Cells();
    cells.detention.P19 = 'April';
    expect(() => parseCells(cells)).not.toThrow();
    cells.detention.U19 = 'Total';
    expect(() => parseCells(cells)).toThrow('"ICE Initial Book-Ins by Arresting Agency and Month: FY2025" has 11 of the 12 month columns Oct … Sep');
  });

  it('throws LayoutError when there is no data pull date', () => {
    const cells = fy25Cells();
    delete cells.facilities.A6;
    expect(() => parseCells(cells)).toThrow(new LayoutError('no "Data Source: … (IIDS), MM/DD/YYYY" data pull date in the workbook'));
  });

  it('throws ValidationError when the pull date precedes the fiscal year of the tables', () => {
    const cells = fy25Cells();
    cells.facilities.A6 = 'Data Source: ICE Integrated Decision Support (IIDS), 09/20/2024';
    expect(() => parseCells(cells)).toThrow(new ValidationError("data pull date 2024-09-20 precedes fiscal year 2025 of the workbook's tables"));
  });

  it('throws LayoutError for an HTML page, an empty body and an empty zip served as the workbook', () => {
    expect(() => parse(Buffer.from('<html><head><title>ICE</title></head><body>Page not found</body></html>'))).toThrow(
      new LayoutError('not an XLSX workbook: the body looks like an HTML page'),
    );
    expect(() => parse(Buffer.alloc(0))).toThrow(LayoutError);
    expect(() => parse(zipFiles({}))).toThrow('not an XLSX workbook: the ZIP archive is empty');
  });

  it('throws ValidationError for a zip bomb and for a workbook with too many cells', () => {
    const bomb = zipFiles({ 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': 'A'.repeat(32 * 1024 * 1024) }, 9);
    expect(() => parse(bomb)).toThrow(ValidationError);
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const row = (r: number): string => `<row r="${r}">${Array.from({ length: 50 }, (_, c) => `<c r="${String.fromCharCode(65 + (c % 26))}${r}"/>`).join('')}</row>`;
    const huge = zipFiles({
      'xl/workbook.xml': `<workbook xmlns:r="${rel}"><sheets><sheet name="Detention FY25" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${Array.from({ length: 40_001 }, (_, i) => row(i + 1)).join('')}</sheetData></worksheet>`,
    }, 0);
    expect(() => parse(huge)).toThrow(new ValidationError('XLSX refused: more than 2000000 cells'));
  });
});
