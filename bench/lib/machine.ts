import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** The machine a run was measured on, as the docs print it. */
export interface Machine {
  readonly cores: number;
  readonly memoryGiB: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly kernel: string;
  readonly os: string;
  readonly date: string;
  readonly tools: Readonly<Record<string, string>>;
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1]!.trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function osName(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(fs.readFileSync('/etc/os-release', 'utf8'));
    if (m) return m[1]!;
  } catch {
    // keep the generic name
  }
  return `${os.type()} ${os.release()}`;
}

/** The version `cmd args` prints (on stdout or stderr, whatever its exit code), or `not installed`. */
function toolVersion(cmd: string, args: string[], pattern: RegExp): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) return 'not installed';
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return pattern.exec(out)?.[1] ?? (out.split('\n')[0]!.trim() || 'unknown version');
}

export function describeMachine(): Machine {
  return {
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    cpuModel: cpuModel(),
    node: process.version,
    kernel: os.release(),
    os: osName(),
    date: new Date().toISOString().slice(0, 10),
    tools: {
      wrk: toolVersion('wrk', ['--version'], /wrk (\S+)/),
      'prometheus-pushgateway': toolVersion('prometheus-pushgateway', ['--version'], /version (\S+)/),
      promtool: toolVersion('promtool', ['--version'], /version (\S+)/),
    },
  };
}

/** `2 × AMD EPYC, 24 GiB, Node v20.20.2` */
export function machineLine(m: Machine): string {
  return `${m.cores} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}`;
}
