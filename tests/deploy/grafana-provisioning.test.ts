/**
 * deploy/grafana/provisioning: the Prometheus datasource (fixed uid, the compose service's URL,
 * its alerts shown through the Alertmanager datasource), the Alertmanager datasource (type
 * alertmanager, implementation prometheus) and the file provider for dashboards/generated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = path.join(ROOT, 'deploy/grafana/provisioning');
const read = <T>(p: string): T => parse(fs.readFileSync(path.join(DIR, p), 'utf8')) as T;

interface Datasource {
  name: string;
  uid: string;
  type: string;
  url: string;
  access: string;
  isDefault?: boolean;
  jsonData?: Record<string, unknown>;
}

describe('Grafana datasources', () => {
  const files = fs.readdirSync(path.join(DIR, 'datasources')).filter((f) => f.endsWith('.yml'));
  const all = files.flatMap((f) => read<{ apiVersion: number; datasources: Datasource[] }>(`datasources/${f}`).datasources);
  const prometheus = all.find((d) => d.type === 'prometheus')!;
  const alertmanager = all.find((d) => d.type === 'alertmanager')!;

  it('provision one Prometheus and one Alertmanager with fixed, unique uids', () => {
    expect(all.map((d) => d.type).sort()).toEqual(['alertmanager', 'prometheus']);
    expect(prometheus.uid).toBe('prometheus');
    expect(alertmanager.uid).toBe('alertmanager');
  });

  it('point at the compose services through the Grafana proxy', () => {
    expect(prometheus).toMatchObject({ url: 'http://prometheus:9090', access: 'proxy', isDefault: true });
    expect(alertmanager).toMatchObject({ url: 'http://alertmanager:9093', access: 'proxy' });
  });

  it('show the Prometheus rules\' alerts through the Alertmanager datasource', () => {
    expect(prometheus.jsonData).toMatchObject({ manageAlerts: true, alertmanagerUid: alertmanager.uid, timeInterval: '60s' });
    expect(alertmanager.jsonData).toMatchObject({ implementation: 'prometheus', handleGrafanaManagedAlerts: false });
  });

  it('use the scrape interval of deploy/prometheus.yml as the minimum step', () => {
    const prom = parse(fs.readFileSync(path.join(ROOT, 'deploy/prometheus.yml'), 'utf8')) as { global: { scrape_interval: string } };
    expect(prometheus.jsonData?.['timeInterval']).toBe(prom.global.scrape_interval);
  });
});

describe('Grafana dashboard provider', () => {
  const cfg = read<{ apiVersion: number; providers: { type: string; folder: string; allowUiUpdates: boolean; options: { path: string } }[] }>('dashboards/enforcement-watch.yml');

  it('loads the generated dashboards from files, read-only in the UI', () => {
    expect(cfg.providers).toHaveLength(1);
    expect(cfg.providers[0]).toMatchObject({ type: 'file', folder: 'Enforcement watch', allowUiUpdates: false, options: { path: '/etc/grafana/dashboards/enforcement-watch' } });
  });
});
