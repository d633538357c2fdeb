import fs from 'node:fs';
import { EXPORTED_SERIES, openMetricsLines, type OpenMetricsSummary } from '../backfill/openmetrics.js';
import { countHistory, iterateHistory } from '../store/exports.js';
import { Store } from '../store/store.js';
import type { CliFlags } from '../cli.js';
import { configFromFlags } from './common.js';
import { EX_CANTCREAT, unwritableReason } from './output-file.js';
import { progress } from './progress.js';

/**
 * `backfill --out F.om`: the stored history of the exported series as OpenMetrics, for
 * `promtool tsdb create-blocks-from openmetrics F.om <dir>` (docs/backfill.md). The file is
 * written under a temporary name and renamed when complete. Progress on stderr.
 */
export function runBackfill(flags: CliFlags): number {
  if (!flags.out) {
    console.error('usage: backfill --out FILE.om [--data-dir DIR]');
    return 64;
  }
  const reason = unwritableReason(flags.out);
  if (reason) {
    console.error(`cannot write ${flags.out}: ${reason}`);
    return EX_CANTCREAT;
  }
  const store = Store.open(configFromFlags(flags).dataDir);
  const partial = `${flags.out}.partial-${process.pid}`;
  let fd: number | null = fs.openSync(partial, 'w');
  try {
    let summary: OpenMetricsSummary | undefined;
    const bar = progress('backfill', 0, { unit: 'values' });
    // One read transaction: the history is read as of one moment.
    store.db.transaction(() => {
      const total = countHistory(store.db, EXPORTED_SERIES);
      let read = 0;
      bar.update(0, total);
      const lines = openMetricsLines(iterateHistory(store.db, EXPORTED_SERIES), (s) => (summary = s), () => {
        if (++read % 1000 === 0) bar.update(read, total);
      });
      for (const chunk of lines) writeAll(fd!, chunk);
      bar.update(read, total);
    })();
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(partial, flags.out);
    const s = summary!;
    bar.done(`${s.samples} samples in ${s.series} series of ${s.families} families written to ${flags.out}${s.skipped ? ` (${s.skipped} values skipped)` : ''}`);
    return 0;
  } finally {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    store.close();
  }
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  for (let off = 0; off < buf.length; ) off += fs.writeSync(fd, buf, off);
}
