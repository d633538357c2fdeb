import { z } from 'zod';

/**
 * The configuration file (YAML), validated strictly: unknown keys are errors, every field has
 * its default here, and the environment variable that overrides a field is named next to it.
 */
const cadenceOverride = z.strictObject({
  enabled: z.boolean().default(true),
  landingUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** node-cron expression; validated against node-cron when the config is resolved. */
  schedule: z.string().min(1).optional(),
  expectedIntervalHours: z.number().positive().optional(),
  graceHours: z.number().nonnegative().optional(),
});

export const configSchema = z.strictObject({
  /** env PORT */
  port: z.number().int().min(0).max(65535).default(9464),
  /** env HOST */
  host: z.string().min(1).default('0.0.0.0'),
  /** env DATA_DIR */
  dataDir: z.string().min(1).default('./data'),
  /** env ENFORCEMENT_WATCH_API_TOKEN: enables mutating endpoints (trigger a scrape); off without it. */
  apiToken: z.string().min(16).optional(),
  http: z
    .strictObject({
      /** env ENFORCEMENT_WATCH_USER_AGENT */
      userAgent: z.string().min(1).optional(),
      browserUserAgent: z.string().min(1).optional(),
      connectTimeoutMs: z.number().int().positive().default(10_000),
      readTimeoutMs: z.number().int().positive().default(30_000),
      totalTimeoutMs: z.number().int().positive().default(120_000),
      maxBodyBytes: z.number().int().positive().default(32 * 1024 * 1024),
      maxRetries: z.number().int().min(0).max(10).default(3),
      retryBaseMs: z.number().int().min(0).default(1000),
      maxRetryDelayMs: z.number().int().min(0).default(60_000),
      /** Hosts allowed besides those of the configured source URLs. */
      extraAllowedHosts: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  scheduler: z
    .strictObject({
      /** Random delay added to each scheduled run, so polls do not hit an agency on the minute. */
      jitterSeconds: z.number().min(0).max(3600).default(30),
      /** Scrape every source once at start-up. */
      runOnStart: z.boolean().default(true),
    })
    .prefault({}),
  goals: z
    .strictObject({
      removalsPerFiscalYear: z.number().positive().default(1_000_000),
      /** RemovalsGoalOffPace fires when the annualized pace is below this share of the goal. */
      offPaceShare: z.number().min(0).max(1).default(0.8),
    })
    .prefault({}),
  pace: z
    .strictObject({
      /** PaceShift fires when |newest month / trailing 3-month mean − 1| exceeds this. */
      defaultThreshold: z.number().positive().default(0.4),
      thresholds: z.record(z.string(), z.number().positive()).default({}),
    })
    .prefault({}),
  sources: z.record(z.string(), cadenceOverride).default({}),
});

export type Config = z.infer<typeof configSchema>;
export type SourceOverride = z.infer<typeof cadenceOverride>;
