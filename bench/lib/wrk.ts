/**
 * Runs wrk (https://github.com/wg/wrk) with `--latency` and parses its report. wrk prints
 * durations as `812.00us`, `4.10ms`, `1.02s`, `1.50m` and sizes as `1.23MB` (binary units).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pinned } from './child.js';

const exec = promisify(execFile);

export interface WrkResult {
  readonly requests: number;
  readonly durationS: number;
  readonly rps: number;
  readonly bytesRead: number;
  readonly latencyMs: { readonly avg: number; readonly max: number; readonly p50: number; readonly p75: number; readonly p90: number; readonly p99: number };
  readonly socketErrors: number;
  readonly non2xx: number;
}

export interface WrkOptions {
  readonly threads: number;
  readonly connections: number;
  readonly durationS: number;
  /** CPUs for wrk (`taskset -c`). */
  readonly cpus?: string;
  readonly timeoutS?: number;
}

const TIME_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

function timeMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
  if (!m) throw new Error(`wrk: unreadable duration "${text}"`);
  return Number(m[1]) * TIME_MS[m[2]!]!;
}

function size(text: string): number {
  const m = /^([\d.]+)(B|KB|MB|GB|TB)$/.exec(text);
  if (!m) throw new Error(`wrk: unreadable size "${text}"`);
  return Number(m[1]) * SIZE[m[2]!]!;
}

function need(re: RegExp, text: string): RegExpExecArray {
  const m = re.exec(text);
  if (!m) throw new Error(`wrk output has no match for ${re}:\n${text}`);
  return m;
}

/** Parses wrk's report (run with `--latency`). */
export function parseWrk(text: string): WrkResult {
  const lat = need(/^\s*Latency\s+(\S+)\s+\S+\s+(\S+)/m, text);
  const pctl = (p: number) => timeMs(need(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm'), text)[1]!);
  const total = need(/^\s*(\d+) requests in (\S+), (\S+) read/m, text);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  return {
    requests: Number(total[1]),
    durationS: timeMs(total[2]!) / 1000,
    rps: Number(need(/^Requests\/sec:\s+([\d.]+)/m, text)[1]),
    bytesRead: size(total[3]!),
    latencyMs: { avg: timeMs(lat[1]!), max: timeMs(lat[2]!), p50: pctl(50), p75: pctl(75), p90: pctl(90), p99: pctl(99) },
    socketErrors: sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
  };
}

export async function runWrk(url: string, o: WrkOptions): Promise<WrkResult> {
  const args = ['-t', String(o.threads), '-c', String(o.connections), '-d', `${o.durationS}s`, '--latency', '--timeout', `${o.timeoutS ?? 5}s`, url];
  const [cmd, full] = pinned('wrk', args, o.cpus);
  const { stdout } = await exec(cmd, full, { maxBuffer: 1 << 20 });
  return parseWrk(stdout);
}
