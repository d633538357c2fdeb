/**
 * Child processes for the benchmarks: servers that print a "listening" line, and one-shot
 * measurement scripts that print JSON lines. Processes can be pinned to CPUs with `taskset`,
 * so on a small machine the load generator and the server under test do not share a core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import readline from 'node:readline';

let hasTaskset: boolean | undefined;
function tasksetAvailable(): boolean {
  if (hasTaskset === undefined) {
    try {
      execFileSync('taskset', ['--version'], { stdio: 'ignore' });
      hasTaskset = true;
    } catch {
      hasTaskset = false;
    }
  }
  return hasTaskset;
}

export interface SpawnOptions {
  /** CPU list for `taskset -c` (e.g. `0`); ignored when taskset is missing. */
  readonly cpus?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** The command line with the taskset prefix when pinning is asked for and possible. */
export function pinned(cmd: string, args: readonly string[], cpus?: string): [string, string[]] {
  return cpus !== undefined && tasksetAvailable() ? ['taskset', ['-c', cpus, cmd, ...args]] : [cmd, [...args]];
}

/** A running child whose stdout is read line by line. */
export class Child {
  readonly proc: ChildProcess;
  readonly lines: string[] = [];
  #stderr = '';
  #waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(cmd: string, args: readonly string[], opts: SpawnOptions = {}) {
    const [c, a] = pinned(cmd, args, opts.cpus);
    this.proc = spawn(c, a, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    readline.createInterface({ input: this.proc.stdout! }).on('line', (line) => this.#line(line));
    this.proc.stderr!.on('data', (d: Buffer) => (this.#stderr = (this.#stderr + d.toString()).slice(-8000)));
    // 'close', not 'exit': by then stdout has ended and every line has been read.
    this.exited = new Promise((resolve) => this.proc.on('close', (code) => resolve(code)));
  }

  get stderr(): string {
    return this.#stderr;
  }

  #line(line: string): void {
    this.lines.push(line);
    for (const w of [...this.#waiters]) {
      const m = w.re.exec(line);
      if (m) {
        this.#waiters.splice(this.#waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  }

  /** The first stdout line (past or future) matching `re`; rejects on exit or timeout. */
  waitFor(re: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    for (const line of this.lines) {
      const m = re.exec(line);
      if (m) return Promise.resolve(m);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${timeoutMs} ms; stderr: ${this.#stderr.slice(-2000)}`)), timeoutMs);
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`process exited (${code}) before printing ${re}; stderr: ${this.#stderr.slice(-2000)}`));
      });
      this.#waiters.push({
        re,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  async stop(graceMs = 5_000): Promise<number | null> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.proc.exitCode;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/**
 * Runs a script to completion and returns its stdout lines parsed as JSON (lines that are not
 * JSON are ignored). Rejects with the stderr tail when the exit code is not 0.
 */
export async function runJson<T = unknown>(cmd: string, args: readonly string[], opts: SpawnOptions & { timeoutMs?: number } = {}): Promise<T[]> {
  const child = new Child(cmd, args, opts);
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
  const code = await child.exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${child.stderr.slice(-3000)}`);
  const out: T[] = [];
  for (const line of child.lines) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // a log line that happens to start with "{"
    }
  }
  return out;
}
