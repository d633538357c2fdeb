/**
 * Honest memory peaks for one process (Linux). `VmHWM` in /proc/self/status is the kernel's
 * high-water mark of resident memory; writing `5` to /proc/self/clear_refs resets it to the
 * current RSS. So: settle (GC), reset, read the baseline, run the work, read the mark. This
 * catches a peak inside synchronous code, which a timer sampling `memoryUsage()` never sees.
 */
import fs from 'node:fs';

export interface ProcMemory {
  /** Resident set size now, bytes. */
  readonly rss: number;
  /** Highest RSS since start or the last {@link resetPeak}, bytes. */
  readonly hwm: number;
}

export function procMemory(): ProcMemory {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets the high-water mark to the current RSS; false when the kernel refuses. */
export function resetPeak(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Full garbage collections (needs `--expose-gc`), then a tick for finalizers. */
export async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  await new Promise((r) => setTimeout(r, 20));
  gc();
}
