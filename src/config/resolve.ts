import type { SourceDef } from '../core/source.js';
import type { Config } from './schema.js';

/**
 * Applies the configuration to the registry's sources: drops disabled ones and overrides URL,
 * schedule and cadence. `rebase` points every source at another origin keeping the path (demo
 * mode and tests serve agency-like pages locally).
 */
export function resolveSources(registry: readonly SourceDef[], config: Config, rebase?: string): SourceDef[] {
  const out: SourceDef[] = [];
  for (const def of registry) {
    const o = config.sources[def.id];
    if (o && !o.enabled) continue;
    let landingUrl = o?.landingUrl ?? def.landingUrl;
    if (rebase) {
      const u = new URL(landingUrl);
      landingUrl = new URL(u.pathname + u.search, rebase).toString();
    }
    out.push({
      ...def,
      landingUrl,
      schedule: o?.schedule ?? def.schedule,
      cadence: {
        expectedIntervalSeconds: o?.expectedIntervalHours !== undefined ? o.expectedIntervalHours * 3600 : def.cadence.expectedIntervalSeconds,
        graceSeconds: o?.graceHours !== undefined ? o.graceHours * 3600 : def.cadence.graceSeconds,
      },
    });
  }
  return out;
}

/** Hosts the fetcher may contact: those of the sources' URLs plus the configured extras. */
export function allowedHosts(sources: readonly SourceDef[], config: Config): string[] {
  const hosts = new Set(config.http.extraAllowedHosts);
  for (const s of sources) hosts.add(new URL(s.landingUrl).host);
  return [...hosts];
}
