/**
 * A webhook receiver for Alertmanager notifications (the `webhook_configs` JSON, version 4) on
 * 127.0.0.1 with an OS-chosen port. Every notification is kept with its arrival time and the
 * receiver name taken from the path (`/hooks/<receiver>`), and flattened to one entry per alert
 * so tests can wait for "PublicationOverdue for source X, firing" with a bounded poll.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedAlert {
  /** Date.now() when the notification carrying it arrived. */
  readonly receivedAt: number;
  /** From the URL path `/hooks/<receiver>`. */
  readonly receiver: string;
  /** The alert's own status in the notification: `firing` or `resolved`. */
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt: string;
  readonly endsAt: string;
}

export interface WebhookReceiver {
  readonly origin: string;
  /** Every alert of every notification so far, in arrival order. */
  readonly alerts: ReceivedAlert[];
  /** Polls until an alert matching `match` has arrived; throws listing what did arrive. */
  waitFor(what: string, match: (a: ReceivedAlert) => boolean, timeoutMs: number): Promise<ReceivedAlert>;
  /** One line per received alert, for failure messages. */
  summary(): string;
  close(): Promise<void>;
}

interface WebhookBody {
  alerts?: { status: 'firing' | 'resolved'; labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string }[];
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const alerts: ReceivedAlert[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const receivedAt = Date.now();
      const receiver = /^\/hooks\/([\w-]+)/.exec(req.url ?? '')?.[1] ?? `(unknown path ${req.url})`;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookBody;
        for (const a of body.alerts ?? []) {
          alerts.push({ receivedAt, receiver, status: a.status, labels: a.labels, annotations: a.annotations, startsAt: a.startsAt, endsAt: a.endsAt });
        }
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const summary = (): string =>
    alerts.length === 0
      ? '  (nothing)'
      : alerts
          .map((a) => `  ${new Date(a.receivedAt).toISOString()} ${a.receiver} ${a.status} ${a.labels.alertname}${a.labels.source ? ` source=${a.labels.source}` : ''}`)
          .join('\n');
  let closed: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${port}`,
    alerts,
    summary,
    async waitFor(what, match, timeoutMs) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = alerts.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`${what} did not reach the webhook within ${timeoutMs / 1000}s. Received:\n${summary()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      })),
  };
}

/** Matcher for an alert by name, source label and status. */
export const alertIs =
  (alertname: string, source: string, status: 'firing' | 'resolved' = 'firing') =>
  (a: ReceivedAlert): boolean =>
    a.labels.alertname === alertname && a.labels.source === source && a.status === status;
