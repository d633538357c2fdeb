/**
 * Prometheus Pushgateway as the reference `/metrics` server: started on a free loopback port
 * and loaded with the exporter's exposition text (the same families and label sets), so both
 * serve the same data. Pushgateway adds `job`/`instance` labels, `push_time_seconds` and its
 * own Go and process metrics to every response.
 */
import { Child, type SpawnOptions } from './child.js';
import { freePort } from './free-port.js';

export interface Pushgateway {
  readonly child: Child;
  readonly url: string;
  /** What was pushed (the exposition text, possibly without the process metrics). */
  readonly pushed: string;
  /** Whether the process metrics had to be left out for the push to be accepted. */
  readonly withoutProcessMetrics: boolean;
}

/** Families collectDefaultMetrics adds (prefixed `enforcement_watch_`): the Node process's own figures. */
export function withoutProcessFamilies(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^(# (HELP|TYPE) )?enforcement_watch_/.test(line))
    .join('\n');
}

async function waitReady(url: string, child: Child): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.proc.exitCode !== null) throw new Error(`pushgateway exited: ${child.stderr}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pushgateway not ready at ${url}: ${child.stderr}`);
}

async function push(url: string, text: string): Promise<Response> {
  return fetch(`${url}/metrics/job/enforcement-watch`, { method: 'PUT', headers: { 'content-type': 'text/plain; version=0.0.4' }, body: text });
}

export async function startPushgateway(exposition: string, opts: SpawnOptions = {}): Promise<Pushgateway> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = new Child('prometheus-pushgateway', [`--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], opts);
  await waitReady(url, child);
  let pushed = exposition;
  let res = await push(url, pushed);
  if (!res.ok) {
    pushed = withoutProcessFamilies(exposition);
    res = await push(url, pushed);
  }
  if (!res.ok) throw new Error(`pushgateway refused the exposition: ${res.status} ${await res.text()}`);
  return { child, url, pushed, withoutProcessMetrics: pushed !== exposition };
}
