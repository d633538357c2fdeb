/**
 * docker-compose.yml, validated by the real `docker-compose` (Debian's v1: `config -q` needs no
 * Docker daemon) and read back in its normalized form: pinned images, restart policies,
 * healthchecks, named data volumes, read-only config mounts that match what the configs expect
 * (Prometheus's rule glob, Grafana's provisioning), long retention, the backfill profile.
 * A missing binary FAILS the suite.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LONG_RUNNING = ['enforcement-watch', 'prometheus', 'alertmanager', 'grafana'] as const;

async function compose(args: readonly string[]): Promise<string> {
  try {
    // No inherited COMPOSE_* or GRAFANA_* variables: the file's own defaults are under test.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(COMPOSE_|GRAFANA_|ENFORCEMENT_WATCH_)/.test(k)));
    const { stdout } = await promisify(execFile)('docker-compose', ['--project-directory', ROOT, '-f', path.join(ROOT, 'docker-compose.yml'), ...args], { cwd: ROOT, env, timeout: 60_000 });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('docker-compose is not installed or not on PATH: run `bash scripts/ensure-test-deps.sh`');
    throw new Error(`docker-compose ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
}

interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  restart?: string;
  profiles?: string[];
  ports?: (string | { published: string | number; target: number; host_ip?: string })[];
  volumes?: (string | { type: string; source: string; target: string; read_only?: boolean })[];
  depends_on?: Record<string, { condition: string }> | string[];
}

/** Short (`src:dst:mode`, v1) and long (v2) volume syntax alike. */
function mounts(s: Service): Mount[] {
  return (s.volumes ?? []).map((v) => {
    if (typeof v !== 'string') return { source: v.source, target: v.target, readOnly: Boolean(v.read_only) };
    const [source, target, mode] = v.split(':') as [string, string, string | undefined];
    return { source, target, readOnly: mode === 'ro' };
  });
}

const mountAt = (s: Service, target: string): Mount => {
  const m = mounts(s).find((x) => x.target === target);
  if (!m) throw new Error(`nothing mounted at ${target}`);
  return m;
};

let services: Record<string, Service>;
let volumes: Record<string, unknown>;

beforeAll(async () => {
  const cfg = parse(await compose(['--profile', 'backfill', 'config'])) as { services: Record<string, Service>; volumes: Record<string, unknown> };
  services = cfg.services;
  volumes = cfg.volumes;
});

describe('docker-compose.yml', () => {
  it('passes `docker-compose config -q`', async () => {
    await compose(['config', '-q']);
  });

  it('runs the exporter, Prometheus, Alertmanager and Grafana, with a backfill profile', () => {
    expect(Object.keys(services).sort()).toEqual(['alertmanager', 'backfill', 'backfill-export', 'enforcement-watch', 'grafana', 'prometheus']);
    expect(services['backfill']!.profiles).toEqual(['backfill']);
    expect(services['backfill-export']!.profiles).toEqual(['backfill']);
    for (const name of LONG_RUNNING) expect(services[name]!.profiles, name).toBeUndefined();
  });

  it('pins every image to a version', () => {
    expect(services['prometheus']!.image).toMatch(/^prom\/prometheus:v2\.\d+\.\d+$/);
    expect(services['alertmanager']!.image).toMatch(/^prom\/alertmanager:v0\.\d+\.\d+$/);
    expect(services['grafana']!.image).toMatch(/^grafana\/grafana:\d+\.\d+\.\d+$/);
    expect(services['backfill']!.image).toBe(services['prometheus']!.image);
    expect(path.resolve(services['enforcement-watch']!.build!.context)).toBe(path.resolve(ROOT));
  });

  it.each(LONG_RUNNING)('%s restarts unless stopped and has a healthcheck', (name) => {
    const s = services[name]!;
    expect(s.restart).toBe('unless-stopped');
    expect(s.healthcheck?.test[0]).toBe('CMD');
  });

  it('keeps every store on a named volume', () => {
    expect(Object.keys(volumes).sort()).toEqual(['alertmanager-data', 'enforcement-watch-data', 'grafana-data', 'prometheus-data']);
    expect(mountAt(services['enforcement-watch']!, '/data').source).toBe('enforcement-watch-data');
    expect(services['enforcement-watch']!.environment?.['DATA_DIR']).toBe('/data');
    expect(mountAt(services['prometheus']!, '/prometheus').source).toBe('prometheus-data');
    expect(mountAt(services['alertmanager']!, '/alertmanager').source).toBe('alertmanager-data');
    expect(mountAt(services['grafana']!, '/var/lib/grafana').source).toBe('grafana-data');
  });

  it('mounts the repository\'s configs read-only where they are expected', () => {
    const repo = (p: string) => path.join(ROOT, p);
    const expectMount = (service: string, target: string, source: string) => expect(mountAt(services[service]!, target), `${service}:${target}`).toEqual({ source: repo(source), target, readOnly: true });
    expectMount('prometheus', '/etc/prometheus/prometheus.yml', 'deploy/prometheus.yml');
    expectMount('prometheus', '/etc/prometheus/alerts', 'alerts');
    expectMount('alertmanager', '/etc/alertmanager/alertmanager.yml', 'deploy/alertmanager.yml');
    expectMount('grafana', '/etc/grafana/provisioning', 'deploy/grafana/provisioning');
    const prom = parse(fs.readFileSync(repo('deploy/prometheus.yml'), 'utf8')) as { rule_files: string[] };
    expect(prom.rule_files).toEqual(['/etc/prometheus/alerts/*.yml']);
    expect(services['prometheus']!.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    expect(services['alertmanager']!.command).toContain('--config.file=/etc/alertmanager/alertmanager.yml');
  });

  it('mounts the generated dashboards where the Grafana provider reads them, and opens on the overview', () => {
    const provider = parse(fs.readFileSync(path.join(ROOT, 'deploy/grafana/provisioning/dashboards/enforcement-watch.yml'), 'utf8')) as { providers: { options: { path: string } }[] };
    const dir = provider.providers[0]!.options.path;
    expect(mountAt(services['grafana']!, dir)).toEqual({ source: path.join(ROOT, 'dashboards/generated'), target: dir, readOnly: true });
    const home = services['grafana']!.environment?.['GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH'] ?? '';
    expect(path.posix.dirname(home)).toBe(dir);
    expect(fs.existsSync(path.join(ROOT, 'dashboards/generated', path.posix.basename(home)))).toBe(true);
  });

  it('names the services deploy/prometheus.yml scrapes and alerts', () => {
    const prom = parse(fs.readFileSync(path.join(ROOT, 'deploy/prometheus.yml'), 'utf8')) as {
      scrape_configs: { static_configs: { targets: string[] }[] }[];
      alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
    };
    const targets = [...prom.scrape_configs.flatMap((j) => j.static_configs.flatMap((c) => c.targets)), ...prom.alerting.alertmanagers.flatMap((a) => a.static_configs.flatMap((c) => c.targets))];
    for (const t of targets) expect(Object.keys(services), t).toContain(t.split(':')[0]);
  });

  it('keeps Prometheus data long enough for backfilled history', () => {
    const flag = services['prometheus']!.command!.find((c) => c.startsWith('--storage.tsdb.retention.time='));
    const m = /=(\d+)y$/.exec(flag ?? '');
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(10);
  });

  it('backfills with the CLI\'s OpenMetrics file and promtool, into Prometheus\'s volume', () => {
    const exp = services['backfill-export']!;
    const imp = services['backfill']!;
    const out = exp.command![exp.command!.indexOf('--out') + 1]!;
    expect(exp.command!.slice(0, 3)).toEqual(['node', 'dist/src/cli.js', 'backfill']);
    expect(imp.entrypoint).toEqual(['/bin/promtool']);
    expect(imp.command).toEqual(['tsdb', 'create-blocks-from', 'openmetrics', out, '/prometheus']);
    expect(mountAt(imp, '/prometheus').source).toBe('prometheus-data');
    expect(mountAt(imp, path.posix.dirname(out))).toEqual({ source: 'enforcement-watch-data', target: path.posix.dirname(out), readOnly: true });
    expect(imp.depends_on).toEqual({ 'backfill-export': { condition: 'service_completed_successfully' } });
  });

  it('publishes ports on loopback only', () => {
    for (const name of LONG_RUNNING) for (const p of services[name]!.ports ?? []) expect(typeof p === 'string' ? p : p.host_ip, name).toMatch(/^127\.0\.0\.1/);
  });
});
