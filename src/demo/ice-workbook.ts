/**
 * Builds an ICE detention-statistics workbook in ICE's own layout (FY24/FY25 files): sheet
 * order Header, ATD, `Detention FY25`, ` ICLOS and Detainees`, `Facilities FY25`; tables at the
 * cells ICE uses (currently detained A18:F23, book-ins I18:V22, book-ins by criminality A27,
 * final book outs H27, removals N27:P30, average daily population A89:N93); the IIDS pull date
 * on the Facilities sheet, A6. Months not reached yet are 0, as ICE fills them.
 */
import { writeWorkbook, type FixtureValue } from '../xlsx/write-workbook.js';
import type { ByAgency, IceEdition } from './ice-editions.js';

type Cells = Record<string, FixtureValue>;

const MONTHS = ['Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep'];

/** Writes values rightwards from an A1 reference (single-letter columns are enough here). */
function put(cells: Cells, ref: string, values: readonly FixtureValue[]): void {
  const col = ref.charCodeAt(0);
  const row = ref.slice(1);
  values.forEach((v, i) => (cells[`${String.fromCharCode(col + i)}${row}`] = v));
}

/** The twelve months of a fiscal year, months without data as 0. */
const fullYear = (values: readonly number[]): number[] => MONTHS.map((_, i) => values[i] ?? 0);
const sum = (values: readonly number[]): number => values.reduce((a, v) => a + v, 0);

/** A detained row: ICE, percent ICE, CBP, percent CBP, total, as ICE lays it out. */
function detainedRow([ice, cbp]: ByAgency): FixtureValue[] {
  const total = ice + cbp;
  return [ice, ice / total, cbp, cbp / total, total];
}

function detainedTable(d: Cells, e: IceEdition): void {
  const { convicted, pending, other } = e.detained;
  const total: ByAgency = [convicted[0] + pending[0] + other[0], convicted[1] + pending[1] + other[1]];
  d.A18 = `ICE Currently Detained by Criminality and Arresting Agency: ${e.titleYear}`;
  put(d, 'A19', ['Criminality', 'ICE', 'Percent ICE', 'CBP', 'Percent CBP', 'Total']);
  put(d, 'A20', ['Total', ...detainedRow(total)]);
  put(d, 'A21', ['Convicted Criminal', ...detainedRow(convicted)]);
  put(d, 'A22', ['Pending Criminal Charges', ...detainedRow(pending)]);
  put(d, 'A23', ['Other Immigration Violator', ...detainedRow(other)]);
}

function bookInTables(d: Cells, e: IceEdition): void {
  const ice = fullYear(e.bookIns.ice);
  const cbp = fullYear(e.bookIns.cbp);
  const all = ice.map((v, i) => v + cbp[i]!);
  d.I18 = `ICE Initial Book-Ins by Arresting Agency and Month: ${e.titleYear}`;
  put(d, 'I19', ['Agency', ...MONTHS, 'Total']);
  put(d, 'I20', ['Total', ...all, sum(all)]);
  put(d, 'I21', ['CBP', ...cbp, sum(cbp)]);
  // ICE's label carries two trailing spaces.
  put(d, 'I22', ['ICE  ', ...ice, sum(ice)]);
  const byCrim = e.bookInsByCriminality;
  d.A27 = `ICE Initial Book-Ins by Criminality: ${e.titleYear}`;
  put(d, 'A28', ['Facility Type', 'Convicted Criminal', 'Pending Criminal Charges', 'Other Immigration Violator', 'Total']);
  put(d, 'A29', ['Total', ...byCrim, sum(byCrim)]);
  put(d, 'A30', ['Adult', ...byCrim, sum(byCrim)]);
}

function outcomeTables(d: Cells, e: IceEdition): void {
  Object.assign(d, {
    H27: `ICE Final Book Outs : ${e.titleYear}`,
    H28: 'Facility Type',
    J28: 'Total',
    H29: 'Total',
    J29: e.finalBookOuts,
    H30: 'Adult',
    J30: e.finalBookOuts,
    N27: `ICE Removals: ${e.titleYear}`,
    N28: 'Removals',
    P28: 'Total',
    N29: 'Total',
    P29: e.removals.total,
    N30: 'Removals with a FAMU Identifier',
    P30: e.removals.famu,
  });
}

function adpTable(d: Cells, e: IceEdition): void {
  const row = (values: readonly number[]): number[] => [...fullYear(values.slice(0, -1)), values.at(-1)!];
  d.A89 = `ICE Average Daily Population by Arresting Agency, Month and Criminality: ${e.titleYear}`;
  put(d, 'A90', ['Agency', ...MONTHS, 'FY Overall']);
  put(d, 'A91', ['CBP Average', ...row(e.adp.cbp)]);
  put(d, 'A92', ['ICE Average  ', ...row(e.adp.ice)]);
  put(d, 'A93', ['Average ', ...row(e.adp.all)]);
}

function detentionSheet(e: IceEdition): Cells {
  const d: Cells = {
    A2: 'These statistics are made available to the public pursuant to the Fiscal Year 2020 Department of Homeland Security Appropriations Act.',
    A3: `ICE DETENTION DATA, ${e.titleYear}`,
  };
  detainedTable(d, e);
  bookInTables(d, e);
  outcomeTables(d, e);
  adpTable(d, e);
  return d;
}

function facilitiesSheet(e: IceEdition): Cells {
  const f: Cells = {
    A3: `ICE FACILITIES DATA, ${e.sheets.facilities}`,
    A6: `Data Source: ICE Integrated Decision Support (IIDS), ${e.pullDate}`,
  };
  put(f, 'A7', ['Name', 'Address', 'City', 'State', 'Zip', 'AOR', 'Type Detailed', 'Male/Female', `${e.sheets.detention} ALOS`]);
  return f;
}

/** The XLSX bytes of one edition, in ICE's layout and with its published figures. */
export function iceDetentionWorkbook(e: IceEdition): Buffer {
  // A running year's ATD sheet is "ATD FY25 YTD"; a year-end one "ATD EOFY24".
  const atd = `ATD ${e.sheets.facilities}${e.titleYear.startsWith('EO') ? '' : ' YTD'}`;
  return writeWorkbook([
    { name: 'Header', cells: { A1: 'ICE Detention Statistics' } },
    { name: atd, cells: { A4: `ICE ALTERNATIVES TO DETENTION DATA, ${e.sheets.facilities}` } },
    { name: `Detention ${e.sheets.detention}`, cells: detentionSheet(e) },
    { name: ' ICLOS and Detainees', cells: { A1: 'ICLOS' } },
    { name: `Facilities ${e.sheets.facilities}`, cells: facilitiesSheet(e) },
  ]);
}
