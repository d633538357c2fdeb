import { once } from 'node:events';
import fs from 'node:fs';
import { SERIES } from '../core/series.js';
import { writeBundle } from '../export/bundle.js';
import { writeSnapshot, type SnapshotFormat, type SnapshotMeta, type Sink } from '../export/snapshot.js';
import { withReadSnapshot, type SnapshotQuery } from '../store/exports.js';
import { Store } from '../store/store.js';
import { VERSION } from '../version.js';
import type { CliFlags } from '../cli.js';
import { configFromFlags } from './common.js';
import { EX_CANTCREAT, unwritableReason } from './output-file.js';
import { progress } from './progress.js';

/**
 * `export --format csv|json [--out F] [--all-vintages] [--source ID] [--series NAME]`: the
 * journalist snapshot to a file (or stdout); `export --bundle F.tar.gz`: the evidence bundle
 * (CSV, JSON, the cited agency files, MANIFEST.sha256, README.txt). Progress goes to stderr.
 */
export async function runExport(flags: CliFlags, now: () => number = Date.now): Promise<number> {
  const format = flags.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') {
    console.error(`--format must be csv or json, not "${format}"`);
    return 64;
  }
  if (flags.series && !SERIES.some((s) => s.name === flags.series)) {
    console.error(`unknown series "${flags.series}"; series: ${SERIES.map((s) => s.name).join(', ')}`);
    return 64;
  }
  const target = flags.bundle ?? flags.out;
  const reason = target === undefined ? null : unwritableReason(target);
  if (reason) {
    console.error(`cannot write ${target}: ${reason}`);
    return EX_CANTCREAT;
  }
  const query: SnapshotQuery = { allVintages: Boolean(flags['all-vintages']), source: flags.source, series: flags.series };
  const meta: SnapshotMeta = { generatedAt: now(), version: VERSION, query };
  const store = Store.open(configFromFlags(flags).dataDir);
  try {
    if (flags.bundle) return await bundle(store, flags.bundle, meta);
    return await snapshot(store, format, flags.out, meta);
  } finally {
    store.close();
  }
}

async function bundle(store: Store, file: string, meta: SnapshotMeta): Promise<number> {
  const bars = { rows: progress('export rows', 0, { unit: 'rows' }), artifacts: progress('export agency files', 0, { unit: 'files' }) };
  const summary = await writeBundle(store, file, meta, (phase, done, total) => {
    if (phase === 'artifacts') bars.rows.done();
    bars[phase].update(done, total);
  });
  bars.rows.done();
  bars.artifacts.done();
  console.error(`wrote ${file}: ${summary.rows} rows, ${summary.artifacts} agency files; verify with: tar -xzf ${file} && cd ${summary.root} && sha256sum -c MANIFEST.sha256`);
  return 0;
}

async function snapshot(store: Store, format: SnapshotFormat, out: string | undefined, meta: SnapshotMeta): Promise<number> {
  const bar = progress(`export ${format}`, 0, { unit: 'rows' });
  const target = out ? fileSink(out) : { sink: stdoutSink, commit: () => undefined, abort: () => undefined };
  try {
    const rows = await withReadSnapshot(store, (db) => writeSnapshot(db, meta, { [format]: target.sink }, { onProgress: (d, t) => bar.update(d, t) }));
    target.commit();
    bar.done(`${rows} rows${out ? ` written to ${out}` : ''}`);
    return 0;
  } finally {
    target.abort();
  }
}

/** Writes to `<file>.partial` and renames on commit, so a failed export leaves no half file. */
function fileSink(file: string): { sink: Sink; commit: () => void; abort: () => void } {
  const partial = `${file}.partial-${process.pid}`;
  let fd: number | null = fs.openSync(partial, 'w');
  return {
    sink: (chunk) => {
      const buf = Buffer.from(chunk, 'utf8');
      for (let off = 0; off < buf.length; ) off += fs.writeSync(fd!, buf, off);
    },
    commit: () => {
      fs.closeSync(fd!);
      fd = null;
      fs.renameSync(partial, file);
    },
    abort: () => {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
      fs.rmSync(partial, { force: true });
    },
  };
}

const stdoutSink: Sink = async (chunk) => {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
};
