/**
 * Runs the real `promtool` (Prometheus 2.42) over the alert rules, their unit tests and
 * deploy/prometheus.yml. A missing binary FAILS the suite: these checks are the only proof the
 * rules load and behave, so silently skipping them would ship untested pages.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ALERTS = path.join(ROOT, 'alerts');
const ruleFiles = fs.readdirSync(ALERTS).filter((f) => f.endsWith('.yml')).sort();
const testFiles = fs.readdirSync(path.join(ALERTS, 'tests')).filter((f) => f.endsWith('.yml')).sort();

/** Runs a binary from PATH in the repo root; rejects with its output, or with an install hint when it is missing. */
async function run(bin: string, args: readonly string[], cwd = ROOT): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(bin, args, { cwd, timeout: 60_000 });
    return stdout + stderr;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${bin} is not installed or not on PATH: run \`bash scripts/ensure-test-deps.sh\``);
    throw new Error(`${bin} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

describe('alerts/*.yml (promtool)', () => {
  it('has rule files and unit test files to check', () => {
    expect(ruleFiles.length).toBeGreaterThanOrEqual(4);
    expect(testFiles.length).toBeGreaterThanOrEqual(4);
  });

  it('promtool check rules accepts every rule file', async () => {
    const out = await run('promtool', ['check', 'rules', ...ruleFiles.map((f) => `alerts/${f}`)]);
    for (const f of ruleFiles) expect(out).toContain(`Checking alerts/${f}`);
    expect(out).not.toMatch(/FAILED/);
  });

  it('promtool test rules passes every unit test file', async () => {
    const out = await run('promtool', ['test', 'rules', ...testFiles.map((f) => `alerts/tests/${f}`)]);
    expect(out.match(/SUCCESS/g)).toHaveLength(testFiles.length);
  });
});

describe('deploy/prometheus.yml', () => {
  const config = fs.readFileSync(path.join(ROOT, 'deploy/prometheus.yml'), 'utf8');

  // `promtool check config` loads the rule files it names, but the file names the paths they
  // have inside the container, where a glob that matches nothing passes silently. So the config
  // is checked next to a copy of alerts/ with that one path made relative, and the number of
  // rule files loaded is asserted.
  it('passes promtool check config with the rule files loaded from beside it', async () => {
    expect(config).toContain('/etc/prometheus/alerts/*.yml');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ew-prometheus-'));
    try {
      fs.cpSync(ALERTS, path.join(tmp, 'alerts'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'prometheus.yml'), config.replaceAll('/etc/prometheus/alerts/', 'alerts/'));
      const out = await run('promtool', ['check', 'config', 'prometheus.yml'], tmp);
      expect(out).toContain(`SUCCESS: ${ruleFiles.length} rule files found`);
      expect(out).not.toMatch(/FAILED/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('scrapes the exporter as the job ExporterDown watches, every 60s, and alerts alertmanager:9093', () => {
    const cfg = parse(config) as {
      scrape_configs: { job_name: string; scrape_interval: string; static_configs: { targets: string[] }[] }[];
      alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
    };
    const job = cfg.scrape_configs.find((j) => j.job_name === 'enforcement-watch');
    expect(job?.static_configs[0]?.targets).toEqual(['enforcement-watch:9464']);
    expect(job?.scrape_interval).toBe('60s');
    expect(cfg.alerting.alertmanagers[0]?.static_configs[0]?.targets).toEqual(['alertmanager:9093']);
    expect(fs.readFileSync(path.join(ALERTS, 'meta.rules.yml'), 'utf8')).toContain('up{job="enforcement-watch"}');
  });
});
