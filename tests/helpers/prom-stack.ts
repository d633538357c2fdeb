/**
 * Starts the real alerting pipeline for end-to-end tests: a webhook receiver, Alertmanager 0.25
 * (`prometheus-alertmanager`) and Prometheus 2.42, on free 127.0.0.1 ports, with their configs
 * and storage in one temporary folder.
 *
 * ```ts
 * const stack = await startPromStack({ exporter: '127.0.0.1:9464', ruleFiles, alertmanagerConfig, ... });
 * afterAll(() => stack.stop());
 * await stack.webhook.waitFor('ParserBroken', alertIs('ParserBroken', 'my-source'), 30_000);
 * ```
 *
 * - Both configs are checked first with `promtool check config` / `amtool check-config`.
 * - Resolves once both answer `/-/ready` AND Prometheus has discovered the Alertmanager (about
 *   5 s after start; alerts fired before that are dropped by Prometheus until it re-sends them
 *   a minute later). The first scrape of the exporter is the caller's to wait for.
 * - A missing binary rejects with an install hint (the tests FAIL; they never skip).
 * - Cleanup is guaranteed: `stop()` (idempotent) sends SIGTERM, then SIGKILL after 5 s, closes the
 *   receiver and removes the folder; if start-up fails half-way, what was started is stopped
 *   before the error is thrown; and a process `exit` hook SIGKILLs children should the test
 *   runner die without running `afterAll`.
 * - Processes run with TZ=UTC, so times formatted by alert templates (`toTime`) are UTC.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { prometheusConfig } from './alerting-rewrites.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

export interface PromStackOptions {
  /** `host:port` of the exporter, scraped as job `enforcement-watch`. */
  readonly exporter: string;
  /** Rule file name → text (already rewritten by the caller). */
  readonly ruleFiles: Readonly<Record<string, string>>;
  /** The Alertmanager config, given the webhook receiver's origin. */
  readonly alertmanagerConfig: (webhookOrigin: string) => string;
  readonly scrapeInterval: string;
  readonly evaluationInterval: string;
}

/** An alert as Prometheus sees it (`/api/v1/alerts`). */
export interface PromAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly state: 'pending' | 'firing';
  readonly activeAt: string;
  readonly value: string;
}

export interface PromStack {
  readonly prometheusUrl: string;
  readonly alertmanagerUrl: string;
  readonly webhook: WebhookReceiver;
  /** Instant query; each sample's labels and value. */
  query(expr: string): Promise<{ metric: Record<string, string>; value: number }[]>;
  /** Pending and firing alerts in Prometheus. */
  alerts(): Promise<PromAlert[]>;
  /** Tail of both processes' logs (for failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** Runs a checking tool; rejects with an install hint when it is missing, or with its output. */
export async function checkTool(bin: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(bin, args, { timeout: 30_000 });
    return stdout + stderr;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${bin} is not installed or not on PATH: run \`bash scripts/ensure-test-deps.sh\``);
    throw new Error(`${bin} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export async function startPromStack(o: PromStackOptions): Promise<PromStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ew-prom-stack-'));
  const daemons: Daemon[] = [];
  let webhook: WebhookReceiver | undefined;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await Promise.all(daemons.map((d) => d.stop()));
      await webhook?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    })());
  try {
    webhook = await startWebhookReceiver();
    const amConfig = path.join(dir, 'alertmanager.yml');
    fs.writeFileSync(amConfig, o.alertmanagerConfig(webhook.origin));
    fs.mkdirSync(path.join(dir, 'rules'));
    for (const [name, text] of Object.entries(o.ruleFiles)) fs.writeFileSync(path.join(dir, 'rules', name), text);
    await checkTool('amtool', ['check-config', amConfig]);
    const am = await startDaemon(daemons, 'Alertmanager', (port) => [
      'prometheus-alertmanager',
      [`--config.file=${amConfig}`, `--storage.path=${path.join(dir, 'am-data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    ]);
    const promConfig = path.join(dir, 'prometheus.yml');
    const prom = await startDaemon(daemons, 'Prometheus', (port) => {
      fs.writeFileSync(promConfig, prometheusConfig({ ...o, alertmanager: am.host, ruleGlob: 'rules/*.yml' }));
      return ['prometheus', [`--config.file=${promConfig}`, `--storage.tsdb.path=${path.join(dir, `tsdb-${port}`)}`, `--web.listen-address=127.0.0.1:${port}`]];
    }, async () => {
      const out = await checkTool('promtool', ['check', 'config', promConfig]);
      const loaded = (out.match(/SUCCESS: \d+ rules found/g) ?? []).length;
      if (loaded !== Object.keys(o.ruleFiles).length) throw new Error(`promtool loaded ${loaded} rule files, expected ${Object.keys(o.ruleFiles).length}:\n${out}`);
    });
    const promUrl = `http://${prom.host}`;
    const api = async <T>(p: string): Promise<T> => {
      const res = await fetch(`${promUrl}${p}`);
      const body = (await res.json()) as { status: string; data: T; error?: string };
      if (body.status !== 'success') throw new Error(`Prometheus ${p}: ${body.error ?? res.status}`);
      return body.data;
    };
    // Prometheus discovers its Alertmanagers ~5 s after start; alerts fired before that are
    // dropped and re-sent only after --rules.alert.resend-delay (1m). Ready means delivering.
    await waitFor('Prometheus to discover the Alertmanager', 30_000, prom, async () => {
      const d = await api<{ activeAlertmanagers: { url: string }[] }>('/api/v1/alertmanagers');
      return d.activeAlertmanagers.some((x) => x.url.startsWith(`http://${am.host}/`));
    });
    return {
      prometheusUrl: promUrl,
      alertmanagerUrl: `http://${am.host}`,
      webhook,
      query: async (expr) =>
        (await api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result.map((r) => ({
          metric: r.metric,
          value: Number(r.value[1]),
        })),
      alerts: async () => (await api<{ alerts: PromAlert[] }>('/api/v1/alerts')).alerts,
      logs: () => daemons.map((d) => `--- ${d.name} ---\n${d.log().slice(-4000)}`).join('\n'),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface Daemon {
  readonly name: string;
  readonly host: string;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Spawns a server on a free port and waits for `/-/ready`; retries with another port when the
 * one picked was taken in the meantime (the port is probed, released, then bound by the child).
 */
async function startDaemon(
  daemons: Daemon[],
  name: string,
  command: (port: number) => [string, string[]],
  beforeSpawn?: () => Promise<void>,
): Promise<Daemon> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const [bin, args] = command(port);
    await beforeSpawn?.();
    const d = spawnDaemon(name, bin, args, `127.0.0.1:${port}`);
    daemons.push(d);
    try {
      await Promise.race([d.failed, waitReady(`http://${d.host}/-/ready`, 30_000, d)]);
      return d;
    } catch (err) {
      await d.stop();
      if (attempt < 3 && /address already in use/i.test(d.log())) continue;
      throw err;
    }
  }
}

/** A free TCP port on 127.0.0.1 (bound, then released for the child to bind). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const children = new Set<ChildProcess>();
// Last resort if the runner exits without afterAll: never leave a Prometheus behind.
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function spawnDaemon(name: string, bin: string, args: string[], host: string): Daemon & { failed: Promise<never> } {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
  children.add(child);
  let log = '';
  const append = (d: Buffer): void => {
    log = (log + d.toString()).slice(-100_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  void exited.then(() => children.delete(child));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new Error(`${bin} is not installed or not on PATH: run \`bash scripts/ensure-test-deps.sh\``) : e),
    );
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (code ${code}, signal ${signal}) before it was ready:\n${log.slice(-4000)}`)));
  });
  failed.catch(() => undefined);
  let stopping: Promise<void> | undefined;
  return {
    name,
    host,
    failed,
    log: () => log,
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      })()),
  };
}

function waitReady(url: string, timeoutMs: number, d: Daemon): Promise<void> {
  return waitFor(`${d.name} to answer ${url}`, timeoutMs, d, () => fetch(url).then((r) => r.ok));
}

async function waitFor(what: string, timeoutMs: number, d: Daemon, check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}:\n${d.log().slice(-4000)}`);
}
