/** Test-side name of the workbook writer (it lives in src/ because the demo site builds workbooks too). */
export * from '../../src/xlsx/write-workbook.js';
