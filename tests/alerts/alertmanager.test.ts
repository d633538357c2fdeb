/**
 * deploy/alertmanager.yml checked with the real Alertmanager 0.25 tools: `amtool check-config`,
 * `amtool config routes test` for every alert the rules define (with the labels the rules
 * really attach), and the inhibit rules against a running `prometheus-alertmanager`, since
 * "no agency-gap page during our own outage" is Alertmanager's job, not the rules'.
 * A missing binary FAILS the suite.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = 'deploy/alertmanager.yml';

/** Receiver each alert must reach: the product interface (docs/alerts.md). */
const RECEIVER: Readonly<Record<string, string>> = {
  ScrapeFailing: 'oncall',
  ParserBroken: 'oncall',
  PublicationOverdue: 'oncall',
  ExporterDown: 'oncall',
  DataRevised: 'newsroom',
  PaceShift: 'newsroom',
  RemovalsGoalOffPace: 'newsroom',
  DataAsOfStalled: 'newsroom',
  Watchdog: 'deadmans-switch',
};

interface AlertRule {
  alert?: string;
  labels?: Record<string, string>;
}

/** Every alerting rule in alerts/*.yml with its static labels. */
function alertRules(): { name: string; labels: Record<string, string> }[] {
  const dir = path.join(ROOT, 'alerts');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .flatMap((f) => (parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { groups: { rules: AlertRule[] }[] }).groups)
    .flatMap((g) => g.rules)
    .filter((r): r is AlertRule & { alert: string } => r.alert !== undefined)
    .map((r) => ({ name: r.alert, labels: r.labels ?? {} }));
}

async function run(bin: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(bin, args, { cwd: ROOT, timeout: 30_000 });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${bin} is not installed or not on PATH: run \`bash scripts/ensure-test-deps.sh\``);
    throw new Error(`${bin} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** The receiver amtool resolves for a label set. */
async function receiverFor(labels: Record<string, string>): Promise<string> {
  const out = await run('amtool', ['config', 'routes', 'test', `--config.file=${CONFIG}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)]);
  return out.trim();
}

describe('deploy/alertmanager.yml (amtool)', () => {
  it('passes amtool check-config', async () => {
    const out = await run('amtool', ['check-config', CONFIG]);
    expect(out).toContain('SUCCESS');
    expect(out).toMatch(/2 inhibit rules/);
    expect(out).toMatch(/3 receivers/);
  });

  it('routes every alert of the rule files, with its own labels, to its receiver', async () => {
    const rules = alertRules();
    expect(rules.map((r) => r.name).sort()).toEqual(Object.keys(RECEIVER).sort());
    for (const rule of rules) {
      const labels = { alertname: rule.name, ...rule.labels, source: 'ice-detention' };
      expect({ alert: rule.name, receiver: await receiverFor(labels) }).toEqual({ alert: rule.name, receiver: RECEIVER[rule.name] });
    }
  });

  it('routes by severity, so a new rule reaches the right people without a config change', async () => {
    expect(await receiverFor({ alertname: 'SomeNewPage', severity: 'page', source: 'cbp-monthly-update' })).toBe('oncall');
    expect(await receiverFor({ alertname: 'SomeNewNote', severity: 'info', source: 'cbp-monthly-update' })).toBe('newsroom');
  });

  it('sends an alert without a severity to oncall rather than losing it', async () => {
    expect(await receiverFor({ alertname: 'Unlabelled' })).toBe('oncall');
  });
});

/** A free TCP port on 127.0.0.1 (released before Alertmanager binds it). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface ApiAlert {
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[] };
}

describe('deploy/alertmanager.yml inhibit rules (real Alertmanager)', () => {
  let am: ChildProcess | undefined;
  let base = '';
  let log = '';
  let storage = '';

  beforeAll(async () => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'ew-alertmanager-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    am = spawn('prometheus-alertmanager', [
      `--config.file=${path.join(ROOT, CONFIG)}`,
      `--storage.path=${storage}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ]);
    const spawnError = new Promise<never>((_, reject) =>
      am!.on('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'ENOENT' ? new Error('prometheus-alertmanager is not installed: run `bash scripts/ensure-test-deps.sh`') : e),
      ),
    );
    am.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    await Promise.race([spawnError, waitUntilReady()]);
  });

  afterAll(async () => {
    // Alertmanager writes its snapshot while it shuts down: remove its folder only once it has exited.
    if (am && am.exitCode === null && am.signalCode === null) {
      const exited = new Promise((resolve) => am!.once('exit', resolve));
      am.kill();
      await exited;
    }
    if (storage) fs.rmSync(storage, { recursive: true, force: true });
  });

  async function waitUntilReady(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`${base}/-/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`Alertmanager did not become ready:\n${log}`);
  }

  async function post(alerts: Record<string, string>[]): Promise<void> {
    const now = Date.now();
    const body = alerts.map((labels) => ({
      labels,
      annotations: { summary: 'test' },
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
    }));
    const res = await fetch(`${base}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  }

  /** `alertname/source` → active | suppressed, once the inhibitor has caught up with `expected`. */
  async function states(expected: Record<string, string>): Promise<Record<string, string>> {
    let got: Record<string, string> = {};
    for (let i = 0; i < 50; i++) {
      const alerts = (await (await fetch(`${base}/api/v2/alerts`)).json()) as ApiAlert[];
      got = Object.fromEntries(alerts.map((a) => [`${a.labels.alertname}/${a.labels.source ?? '-'}`, a.status.state]));
      if (JSON.stringify(Object.entries(got).sort()) === JSON.stringify(Object.entries(expected).sort())) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return got;
  }

  // One source failing to fetch, one failing to parse, one healthy but late.
  const SOURCE_ALERTS: Record<string, string>[] = [
    { alertname: 'ScrapeFailing', severity: 'page', source: 'ice-detention' },
    { alertname: 'PublicationOverdue', severity: 'page', source: 'ice-detention' },
    { alertname: 'DataAsOfStalled', severity: 'info', source: 'ice-detention' },
    { alertname: 'DataRevised', severity: 'info', source: 'ice-detention', series: 'ice_book_ins' },
    { alertname: 'ParserBroken', severity: 'page', source: 'cbp-monthly-update' },
    { alertname: 'PublicationOverdue', severity: 'page', source: 'cbp-monthly-update' },
    { alertname: 'PublicationOverdue', severity: 'page', source: 'cbp-nationwide-encounters' },
    { alertname: 'Watchdog', severity: 'none' },
  ];

  it('holds back PublicationOverdue and DataAsOfStalled of the same source while we cannot fetch or parse it', async () => {
    await post(SOURCE_ALERTS);
    const expected = {
      'ScrapeFailing/ice-detention': 'active',
      'PublicationOverdue/ice-detention': 'suppressed',
      'DataAsOfStalled/ice-detention': 'suppressed',
      'DataRevised/ice-detention': 'active', // a revision is news whatever our scraper's state
      'ParserBroken/cbp-monthly-update': 'active',
      'PublicationOverdue/cbp-monthly-update': 'suppressed',
      'PublicationOverdue/cbp-nationwide-encounters': 'active', // another source: really late
      'Watchdog/-': 'active',
    };
    expect(await states(expected)).toEqual(expected);
  });

  it('lets ExporterDown hold back everything but itself and the Watchdog', async () => {
    await post([...SOURCE_ALERTS, { alertname: 'ExporterDown', severity: 'page', job: 'enforcement-watch' }]);
    const expected = {
      'ExporterDown/-': 'active',
      'Watchdog/-': 'active',
      'ScrapeFailing/ice-detention': 'suppressed',
      'PublicationOverdue/ice-detention': 'suppressed',
      'DataAsOfStalled/ice-detention': 'suppressed',
      'DataRevised/ice-detention': 'suppressed',
      'ParserBroken/cbp-monthly-update': 'suppressed',
      'PublicationOverdue/cbp-monthly-update': 'suppressed',
      'PublicationOverdue/cbp-nationwide-encounters': 'suppressed',
    };
    expect(await states(expected)).toEqual(expected);
  });
});
