/**
 * The long-format monthly sheets of a DHS OHSS Key Homeland Security Metric workbook:
 * a header row `Fiscal\r\nYear | Month | [Region |] Quantity`, then one row per fiscal year and
 * month, months written `01 October` … `12 September` (the number is the fiscal month).
 */
import { LayoutError } from '../../src/core/errors.js';
import { fiscalMonthPeriod, monthNumber } from '../../src/core/periods.js';
import type { ParseIssue } from '../../src/core/types.js';
import type { Sheet, Workbook } from '../../src/xlsx/read-workbook.js';
import { norm, numberAt } from './ice-sheet-tables.js';

export interface KhsmRow {
  /** `YYYY-MM` (calendar month). */
  readonly period: string;
  /** The value of the breakdown column (e.g. `Southwest Land Border`), or null for totals. */
  readonly group: string | null;
  readonly value: number;
}

/** The sheet whose trimmed name matches, case-insensitively. */
export function sheetNamed(wb: Workbook, name: string): Sheet | undefined {
  const found = wb.sheetNames.find((n) => norm(n).toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : wb.sheet(found);
}

const FISCAL_MONTHS = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** `02 November` → 11 (checked against the fiscal month number), or null. */
function calendarMonth(label: string): number | null {
  const m = /^(\d{1,2})\s+([A-Za-z]+)$/.exec(norm(label));
  if (!m) return null;
  const byIndex = FISCAL_MONTHS[Number(m[1]) - 1];
  return byIndex !== undefined && byIndex === monthNumber(m[2]!) ? byIndex : null;
}

function headerColumns(sheet: Sheet, groupHeader: string | null): { row: number; fy: number; month: number; qty: number; group: number | null } {
  const fyCell = sheet.findCells((v) => typeof v === 'string' && /^fiscal year$/i.test(norm(v)))[0];
  if (!fyCell) throw new LayoutError(`no "Fiscal Year" header in sheet ${sheet.name.trim()}`);
  const find = (label: string): number | null => {
    for (let c = fyCell.col + 1; c <= fyCell.col + 10; c++) {
      const v = sheet.cell(fyCell.row, c);
      if (typeof v === 'string' && norm(v).toLowerCase() === label.toLowerCase()) return c;
    }
    return null;
  };
  const month = find('Month');
  const qty = find('Quantity');
  const group = groupHeader === null ? null : find(groupHeader);
  if (month === null || qty === null || (groupHeader !== null && group === null)) {
    throw new LayoutError(`sheet ${sheet.name.trim()} lacks a Month, Quantity${groupHeader ? ` or ${groupHeader}` : ''} column`);
  }
  return { row: fyCell.row, fy: fyCell.col, month, qty, group };
}

/**
 * Reads every data row below the header down to the first row without a fiscal year. A row
 * with an unreadable month or value becomes an issue (`bad_month`, `non_numeric`, `negative`);
 * a repeated fiscal year + month (+ group) keeps the first and reports `duplicate_period`.
 */
export function readKhsmMonthly(sheet: Sheet, groupHeader: string | null, issues: ParseIssue[]): KhsmRow[] {
  const cols = headerColumns(sheet, groupHeader);
  const rows: KhsmRow[] = [];
  const seen = new Set<string>();
  for (let r = cols.row + 1; ; r++) {
    const fy = sheet.cell(r, cols.fy);
    if (fy === null || fy === '') break;
    const monthLabel = String(sheet.cell(r, cols.month) ?? '');
    const month = calendarMonth(monthLabel);
    if (typeof fy !== 'number' || !Number.isInteger(fy) || month === null) {
      issues.push({ code: 'bad_month', message: `${sheet.name.trim()} row ${r}: fiscal year ${JSON.stringify(fy)} month ${JSON.stringify(monthLabel)} not understood` });
      continue;
    }
    const group = cols.group === null ? null : norm(String(sheet.cell(r, cols.group) ?? ''));
    const period = fiscalMonthPeriod(fy, month);
    const key = `${period}|${group ?? ''}`;
    const value = numberAt(sheet, r, cols.qty, `${sheet.name.trim()} ${period}${group ? ` ${group}` : ''}`, issues);
    if (value === null) continue;
    if (seen.has(key)) {
      issues.push({ code: 'duplicate_period', message: `${sheet.name.trim()} row ${r}: ${period}${group ? ` ${group}` : ''} repeated; first kept` });
      continue;
    }
    seen.add(key);
    rows.push({ period, group, value });
  }
  if (rows.length === 0) throw new LayoutError(`no data rows under the header of sheet ${sheet.name.trim()}`);
  return rows;
}

/** `Southwest Land Border` → `southwest_land_border`. */
export function snakeCase(label: string): string {
  return norm(label).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}
