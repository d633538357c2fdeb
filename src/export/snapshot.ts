import { seriesDef } from '../core/series.js';
import type { Db } from '../store/database.js';
import { countSnapshotRows, snapshotPages, type SnapshotQuery } from '../store/exports.js';
import type { ObservationRecord } from '../store/queries.js';
import { booleanCell, csvRecord, numberCell, textCell, UTF8_BOM } from './csv.js';

/**
 * The journalist snapshot: one row per observation (current vintage, or every vintage), each
 * with its provenance. The column list below is the contract: header and cells are generated
 * from it, so they cannot drift, and new columns are only ever appended.
 */

export type SnapshotFormat = 'csv' | 'json';

type Cell = (r: ObservationRecord) => string;

/** `k=v;k=v` with keys sorted: the labels in one spreadsheet cell. */
export const labelsText = (labels: ObservationRecord['labels']): string =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(';');

export const unitOf = (series: string): string => seriesDef(series)?.unit ?? '';
export const parserText = (r: ObservationRecord): string => `${r.parserId}@${r.parserVersion}`;
const iso = (ms: number): string => new Date(ms).toISOString();

/** CSV columns in their stable order. */
export const SNAPSHOT_COLUMNS: readonly { readonly name: string; readonly cell: Cell }[] = [
  { name: 'source', cell: (r) => textCell(r.source) },
  { name: 'series', cell: (r) => textCell(r.series) },
  { name: 'labels', cell: (r) => textCell(labelsText(r.labels)) },
  { name: 'period', cell: (r) => textCell(r.period) },
  { name: 'value', cell: (r) => numberCell(r.value) },
  { name: 'unit', cell: (r) => textCell(unitOf(r.series)) },
  { name: 'partial', cell: (r) => booleanCell(r.partial) },
  { name: 'current', cell: (r) => booleanCell(r.current) },
  { name: 'revised', cell: (r) => booleanCell(r.revisedFrom !== null) },
  { name: 'earlier_value', cell: (r) => numberCell(r.revisedFrom) },
  { name: 'agency_url', cell: (r) => textCell(r.url) },
  { name: 'published_on', cell: (r) => textCell(r.publishedOn) },
  { name: 'fetched_at', cell: (r) => textCell(iso(r.fetchedAt)) },
  { name: 'artifact_sha256', cell: (r) => textCell(r.sha256) },
  { name: 'parser', cell: (r) => textCell(parserText(r)) },
];

export const csvHeader = (): string => csvRecord(SNAPSHOT_COLUMNS.map((c) => c.name));
export const csvLine = (r: ObservationRecord): string => csvRecord(SNAPSHOT_COLUMNS.map((c) => c.cell(r)));

/** The JSON form of one row: the same fields, labels as an object, camelCase keys. */
export function jsonRow(r: ObservationRecord) {
  return {
    source: r.source,
    series: r.series,
    labels: r.labels,
    period: r.period,
    value: r.value,
    unit: unitOf(r.series),
    partial: r.partial,
    current: r.current,
    revised: r.revisedFrom !== null,
    earlierValue: r.revisedFrom,
    agencyUrl: r.url,
    publishedOn: r.publishedOn,
    fetchedAt: iso(r.fetchedAt),
    sha256: r.sha256,
    parser: parserText(r),
  };
}

/** `enforcement-watch-snapshot-2025-05-01.csv` (UTC date of the snapshot). */
export function snapshotFileName(format: SnapshotFormat, at: number): string {
  return `enforcement-watch-snapshot-${new Date(at).toISOString().slice(0, 10)}.${format}`;
}

export interface SnapshotMeta {
  readonly generatedAt: number;
  readonly version: string;
  readonly query: SnapshotQuery;
}

/** Receives the output in pieces; may return a promise to apply backpressure. */
export type Sink = (chunk: string) => void | Promise<void>;

export interface SnapshotWriteOptions {
  /** Called after each page with the rows written so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called with every row (bundles collect the artifacts the rows cite). */
  readonly onRow?: (r: ObservationRecord) => void;
  readonly pageSize?: number;
}

/**
 * Writes the snapshot of `query` as CSV or JSON to `sinks` (one per format, written in the
 * same pass). Returns the row count. Runs page by page: give it a read-snapshot connection
 * (`withReadSnapshot`) for a consistent view.
 */
export async function writeSnapshot(
  db: Db,
  meta: SnapshotMeta,
  sinks: Partial<Record<SnapshotFormat, Sink>>,
  opts: SnapshotWriteOptions = {},
): Promise<number> {
  const total = countSnapshotRows(db, meta.query);
  const { csv, json } = sinks;
  if (csv) await csv(UTF8_BOM + csvHeader());
  if (json) await json(jsonOpening(meta, total));
  let done = 0;
  for (const page of snapshotPages(db, meta.query, opts.pageSize)) {
    if (opts.onRow) for (const r of page) opts.onRow(r);
    if (csv) await csv(page.map(csvLine).join(''));
    if (json) await json(page.map((r, i) => `${done + i === 0 ? '' : ',\n'}${JSON.stringify(jsonRow(r))}`).join(''));
    done += page.length;
    opts.onProgress?.(done, total);
  }
  if (json) await json(`${done === 0 ? '' : '\n'}]}\n`);
  if (done === 0) opts.onProgress?.(0, total);
  return done;
}

function jsonOpening(meta: SnapshotMeta, count: number): string {
  const head = {
    generator: 'enforcement-watch',
    version: meta.version,
    generatedAt: iso(meta.generatedAt),
    allVintages: Boolean(meta.query.allVintages),
    source: meta.query.source ?? null,
    series: meta.query.series ?? null,
    count,
  };
  return `${JSON.stringify(head).slice(0, -1)},"observations":[\n`;
}
