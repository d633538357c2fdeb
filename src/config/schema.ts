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

/**
 * Limits of the HTTP surface (see docs/security.md). The env names are mapped in load.ts.
 */
export const serverSchema = z.strictObject({
  /**
   * express "trust proxy": false (default) keys the rate limit on the socket address; behind a
   * reverse proxy set the number of proxy hops (e.g. 1) or the proxy addresses, so the client's
   * own address from X-Forwarded-For is used. Never `true` on a port clients reach directly: they
   * could then pick their own address.
   */
  trustProxy: z.union([z.boolean(), z.number().int().min(0).max(10), z.string().min(1)]).default(false),
  /** Largest JSON request body (bytes); larger → 413. */
  maxJsonBytes: z.number().int().min(1024).max(1024 * 1024).default(16 * 1024),
  /** env ENFORCEMENT_WATCH_MAX_UPLOAD_BYTES: largest file accepted by `POST /api/v1/sources/:id/import`; larger → 413. */
  maxUploadBytes: z.number().int().positive().max(1024 * 1024 * 1024).default(64 * 1024 * 1024),
  /** Token bucket per client address on `/api/*` (never on `/metrics` or `/healthz`). */
  rateLimit: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** env ENFORCEMENT_WATCH_RATE_LIMIT_PER_MINUTE: sustained requests per minute per client. */
      perMinute: z.number().positive().max(1_000_000).default(120),
      /** env ENFORCEMENT_WATCH_RATE_LIMIT_BURST: requests a client may make at once after being idle. */
      burst: z.number().int().min(1).max(1_000_000).default(60),
    })
    .prefault({}),
});

export type ServerSettings = z.infer<typeof serverSchema>;

export const configSchema = z.strictObject({
  /** env PORT */
  port: z.number().int().min(0).max(65535).default(9464),
  /** env HOST */
  host: z.string().min(1).default('0.0.0.0'),
  /** env DATA_DIR */
  dataDir: z.string().min(1).default('./data'),
  /**
   * env ENFORCEMENT_WATCH_API_TOKEN: enables the mutating endpoints (trigger a scrape, import a
   * file) for clients sending `Authorization: Bearer <token>`; without it they do not exist (404).
   */
  apiToken: z
    .string()
    .min(16)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it is sent in an HTTP header)')
    .optional(),
  server: serverSchema.prefault({}),
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
