import path from 'node:path';
import { z } from 'zod';
import { e164PhoneSchema } from '../domain/phone';

/** The repository root: relative paths in the configuration are taken from here, whatever the working directory. */
const PROJECT_ROOT = path.resolve(__dirname, '..');

/** Per minute; each is a token bucket holding that many. */
export interface RateLimits {
  perKey: number;
  webhooksPerAddress: number;
  authFailuresPerAddress: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perKey: 600, webhooksPerAddress: 120, authFailuresPerAddress: 10 };

/**
 * Workflows a worker keeps in memory; an evicted one is replayed from its history on its next task or query. Every
 * open order is a workflow, so caching them all cannot scale: a cached order costs about 300–400 KiB of worker RSS
 * (298 and 388 KiB measured by the timers benchmark on 2026-12-07), against 225–290 MiB for an idle worker. 500 keeps
 * the worker near 450 MiB however many orders are open (the target is 600 MB at 10,000), with its heap limited by
 * workerHeapLimitMiB, and still holds every order touched in the last half-minute at 15 orders/s, far more than the
 * few dozen in flight. The SDK's default (from the heap limit: 2,310 on a 4 GiB heap) would let one worker grow past
 * 1 GiB.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 500;

/**
 * The worker's V8 heap limit (MiB, `--max-old-space-size`; its workflow threads take the same limit): room for the
 * cached workflows and 256 MiB besides. Without a limit V8 lets a heap grow toward 4 GiB before it collects hard, and
 * the garbage of evicted workflows held the worker at 1.4 GiB RSS with 500 cached (10,000 open, 2026-12-06).
 */
export function workerHeapLimitMiB(maxCachedWorkflows: number): number {
  return Math.ceil(256 + 0.6 * maxCachedWorkflows);
}

/** One validated configuration for every process; a bad value stops the process at start with the variable's name. */
const configSchema = z.object({
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/workorders'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('work-orders'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  API_ADMIN_KEY: z.string().min(16).optional(),
  /** The public base URL Twilio calls (behind a proxy the URL it signs differs from the one we see). */
  PUBLIC_BASE_URL: z.string().url().optional(),
  TWILIO_ACCOUNT_SID: z.string().min(1).optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_FROM_NUMBER: e164PhoneSchema.optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().min(1).optional(),
  TWILIO_API_BASE_URL: z.string().url().optional(),
  /** Signs inbound webhooks when there is no Twilio account (local mode): the same algorithm, a local secret. */
  SMS_WEBHOOK_SECRET: z.string().min(16).optional(),
  SMS_SENDER_NUMBER: z.string().default('+15550000000'),
  /** Claude classifies work orders and reviews visit photos when this is set; otherwise the deterministic checks do. */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_MODEL: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  /** Where visit photos are kept (content-addressed files); the API writes there, the worker reads. Shared by both. */
  PHOTO_STORAGE_DIR: z.string().min(1).default('.data/photos'),
  /** JSON logs on stdout at this level and above. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The worker's Prometheus endpoint for its own metrics (AI calls, SMS sends, Node process). */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).default(9464),
  /** The Temporal Core SDK's Prometheus exporter in the worker (task slots, latencies, polls...). */
  TEMPORAL_METRICS_PORT: z.coerce.number().int().min(1).max(65535).default(9465),
  /** Workflows the worker keeps cached (see DEFAULT_MAX_CACHED_WORKFLOWS); 0 turns the cache off (every task replays). */
  MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .min(0)
    .refine((n) => n !== 1, 'must be 0 (no cache) or at least 2')
    .default(DEFAULT_MAX_CACHED_WORKFLOWS),
  /** Requests per minute a key may make (a burst of that many, refilled evenly). */
  RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.perKey),
  /** Requests per minute an address may make to the Twilio webhooks. */
  RATE_LIMIT_WEBHOOKS: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.webhooksPerAddress),
  /** Wrong API keys and bad webhook signatures per minute an address may send before it is refused (429). */
  RATE_LIMIT_AUTH_FAILURES: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.authFailuresPerAddress),
  /** Express's `trust proxy`: `true`, a number of hops, or addresses/subnets; the client's address and https are then read from X-Forwarded-*. */
  TRUST_PROXY: z.string().optional(),
});

/** Express's `trust proxy` setting. */
export type TrustProxy = boolean | number | string;

function trustProxyOf(value: string | undefined): TrustProxy {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export type LogLevel = z.infer<typeof configSchema>['LOG_LEVEL'];

/** Twilio is used when an account sid, an auth token and a sender are all set; otherwise the outbox. */
export interface SmsConfig {
  twilioAccountSid?: string;
  twilioAuthToken?: string;
  twilioFrom?: string;
  twilioMessagingServiceSid?: string;
  twilioApiBaseUrl?: string;
}

export interface Config {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  port: number;
  adminKey?: string;
  publicBaseUrl?: string;
  ai: { anthropicApiKey?: string; anthropicModel?: string; anthropicBaseUrl?: string };
  /** Absolute. */
  photoStorageDir: string;
  logLevel: LogLevel;
  /** Both are served on all interfaces, at /metrics. */
  workerMetrics: { port: number; temporalPort: number };
  maxCachedWorkflows: number;
  security: { rateLimits: RateLimits; trustProxy: TrustProxy };
  sms: SmsConfig & {
    /** The token inbound webhooks are signed with: Twilio's auth token, else the local secret. */
    webhookAuthToken?: string;
    /** Our number, recorded as the sender of outbox messages. */
    senderNumber: string;
  };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (VAR= in a shell, ${VAR:-} in compose) means "not set", not "set to nothing".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    temporalAddress: e.TEMPORAL_ADDRESS,
    temporalNamespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    port: e.PORT,
    adminKey: e.API_ADMIN_KEY,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    ai: {
      anthropicApiKey: e.ANTHROPIC_API_KEY,
      anthropicModel: e.ANTHROPIC_MODEL,
      anthropicBaseUrl: e.ANTHROPIC_BASE_URL,
    },
    photoStorageDir: path.resolve(PROJECT_ROOT, e.PHOTO_STORAGE_DIR),
    logLevel: e.LOG_LEVEL,
    workerMetrics: { port: e.WORKER_METRICS_PORT, temporalPort: e.TEMPORAL_METRICS_PORT },
    maxCachedWorkflows: e.MAX_CACHED_WORKFLOWS,
    security: {
      rateLimits: {
        perKey: e.RATE_LIMIT_PER_KEY,
        webhooksPerAddress: e.RATE_LIMIT_WEBHOOKS,
        authFailuresPerAddress: e.RATE_LIMIT_AUTH_FAILURES,
      },
      trustProxy: trustProxyOf(e.TRUST_PROXY),
    },
    sms: {
      twilioAccountSid: e.TWILIO_ACCOUNT_SID,
      twilioAuthToken: e.TWILIO_AUTH_TOKEN,
      twilioFrom: e.TWILIO_FROM_NUMBER,
      twilioMessagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
      twilioApiBaseUrl: e.TWILIO_API_BASE_URL,
      webhookAuthToken: e.TWILIO_AUTH_TOKEN ?? e.SMS_WEBHOOK_SECRET,
      senderNumber: e.TWILIO_FROM_NUMBER ?? e.SMS_SENDER_NUMBER,
    },
  };
}

export function loadConfig(): Config {
  return parseConfig(process.env);
}
