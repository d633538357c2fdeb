/**
 * XLSX routes of the ICE and DHS OHSS demo pages. The workbook writer is deterministic, so a
 * workbook keeps its bytes (and its ETag) across starts, like the agency's file.
 */
import type { Route } from './agency-site.js';
import { httpDate } from './ice-dhs-html.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An XLSX route posted on the given day: stable bytes, Last-Modified that day. */
export function xlsxRoute(workbook: Buffer, day: string): Route {
  return { body: workbook, contentType: XLSX_TYPE, lastModified: httpDate(day) };
}
