/**
 * Progress for long CLI jobs (export, backfill, import), always on stderr so stdout stays
 * clean for data. On a terminal: one bar redrawn in place (`\r`), at most ten times a second.
 * Otherwise (logs, CI, pipes): plain lines, one per 10 % step, so a log file gets at most a
 * dozen lines however large the job.
 */
import { formatNumber } from '../core/text.js';

export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Progress {
  /** Sets how much is done out of `total` (the total may be corrected on the way). */
  update(done: number, total?: number): void;
  /** Ends the bar with a final message. */
  done(message?: string): void;
}

export interface ProgressOptions {
  readonly stream?: ProgressStream;
  /** What is counted, e.g. `rows`. */
  readonly unit?: string;
  readonly now?: () => number;
}

const WIDTH = 24;
const fmt = (n: number): string => formatNumber(n, 3);

export function progress(label: string, total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const unit = opts.unit ? ` ${opts.unit}` : '';
  const started = now();
  let lastDraw = -Infinity;
  let lastStep = -1;
  let current = 0;
  let finished = false;
  const pct = () => (total > 0 ? Math.min(100, Math.floor((current / total) * 100)) : 100);
  const tty = Boolean(stream.isTTY);

  const draw = (force: boolean) => {
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    const filled = Math.round((pct() / 100) * WIDTH);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
    stream.write(`\r\x1b[2K${label} [${bar}] ${String(pct()).padStart(3)}% ${fmt(current)}/${fmt(total)}${unit}`);
  };
  const log = () => {
    const step = Math.floor(pct() / 10);
    if (step === lastStep) return;
    lastStep = step;
    stream.write(`${label}: ${pct()}% (${fmt(current)}/${fmt(total)}${unit})\n`);
  };

  return {
    update(done, newTotal) {
      if (finished) return;
      if (newTotal !== undefined) total = newTotal;
      current = done;
      if (tty) draw(false);
      else log();
    },
    done(message) {
      if (finished) return;
      finished = true;
      const secs = ((now() - started) / 1000).toFixed(1);
      const text = `${label}: ${message ?? `done, ${fmt(current)}${unit}`} in ${secs}s`;
      if (tty) {
        draw(true);
        stream.write(`\r\x1b[2K${text}\n`);
      } else stream.write(`${text}\n`);
    },
  };
}
