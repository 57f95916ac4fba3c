/**
 * Process configuration, read once from the environment and validated.
 * Nothing here is required: with no variables set, Dailies runs on the embedded default.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_ENGINE, type EngineSettings } from './commands/services.ts';
import { configError } from './errors.ts';
import { providersConfigFromEnv } from './providers/provider-config.ts';
import type { ProvidersConfig } from './providers/provider-settings.ts';
import { storageConfigFromEnv, type StorageConfig } from './storage/storage-factory.ts';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DAILIES_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL like https://dailies.example.com' })
    .refine((text) => {
      const url = URL.parse(text);
      return url !== null && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    }, 'must be an origin only, like https://dailies.example.com (no path, query or credentials)')
    .transform((text) => URL.parse(text)?.origin ?? text)
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DAILIES_REDIS_URL: z
    .string()
    .regex(/^redis:\/\/[^/]+/, 'must look like redis://host:6379')
    .optional(),
  DAILIES_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'must look like smtp://user:password@mail.example.com:587 or smtps://…:465')
    .optional(),
  DAILIES_MAIL_FROM: z.string().min(3).max(200).default('Dailies <dailies@localhost>'),
  DAILIES_DIGEST_MINUTES: z.coerce.number().int().min(0).max(10_080).default(30),
  DAILIES_DATA_DIR: z.string().min(1).default('data'),
  DAILIES_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  DAILIES_DB_POOL: z.coerce.number().int().min(2).max(500).default(10),
  DAILIES_DB_QUEUE: z.coerce.number().int().min(0).max(100_000).default(200),
  DAILIES_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DAILIES_SIGNUP: z.enum(['open', 'closed']).default('open'),
  DAILIES_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  DAILIES_RETRY_BASE_MS: z.coerce.number().int().min(1).max(600_000).default(2000),
  DAILIES_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  DAILIES_PROVIDER_LIMITS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"builtin":{"maxConcurrent":2,"requestsPerMinute":60}}' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.strictObject({ maxConcurrent: z.number().int().min(1).max(64).optional(), requestsPerMinute: z.number().int().min(1).max(100_000).optional() })))
    .default({}),
  DAILIES_RETENTION_REJECTED_DAYS: z.coerce.number().min(0).max(3650).default(7),
  DAILIES_RETENTION_KEEP_VERSIONS: z.coerce.number().int().min(1).max(1000).default(3),
  DAILIES_COMPILE_CACHE_MB: z.coerce.number().min(0).max(10_000_000).default(DEFAULT_ENGINE.compileCache.maxBytes / 1024 / 1024),
  DAILIES_COMPILE_CACHE_DAYS: z.coerce.number().min(0).max(3650).default(DEFAULT_ENGINE.compileCache.unusedForDays),
  DAILIES_MAX_SHOTS: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_ENGINE.maxShots),
  DAILIES_MAX_ACTIVE_COMPILES: z.coerce.number().int().min(1).max(1000).default(DEFAULT_ENGINE.quotas.compiles),
  DAILIES_MAX_ACTIVE_PICTURE_REQUESTS: z.coerce.number().int().min(1).max(1000).default(DEFAULT_ENGINE.quotas.pictureRequests),
  DAILIES_MAX_ACTIVE_RUNS: z.coerce.number().int().min(1).max(1000).default(DEFAULT_ENGINE.quotas.generationRuns),
  DAILIES_WEBHOOKS_ALLOW_PRIVATE: z.enum(['0', '1', 'true', 'false']).default('0'),
});

export interface Config {
  port: number;
  host: string;
  /** The origin people reach this server by (`DAILIES_PUBLIC_URL`); unset: the listen address. */
  publicUrl: string | undefined;
  /** Unset means: start the embedded Postgres under `<dataDir>/pg`. */
  databaseUrl: string | undefined;
  /** Set to share live documents and presence between several server processes. */
  redisUrl: string | undefined;
  /** Absolute path of the data folder (embedded Postgres, media, outputs). */
  dataDir: string;
  workerConcurrency: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Whether anyone may create an account (`DAILIES_SIGNUP=closed`: only `dailies user add`). */
  signupOpen: boolean;
  /** Trust X-Forwarded-For/-Proto from a reverse proxy in front of Dailies. */
  trustProxy: boolean;
  /**
   * Let webhooks reach loopback, private and link-local addresses, and http on loopback
   * (`DAILIES_WEBHOOKS_ALLOW_PRIVATE=1`): for receivers on the same machine or network, and tests.
   */
  webhooksAllowPrivate: boolean;
  engine: EngineSettings;
  storage: StorageConfig;
  /** Remote planners and video providers enabled by settings (keys included: never log this). */
  providers: ProvidersConfig;
  /** The SMTP server invitations are emailed through (`DAILIES_SMTP_URL`; may hold a password: never log it). */
  smtpUrl: string | undefined;
  /** The From address of those emails (`DAILIES_MAIL_FROM`). */
  mailFrom: string;
  /** At most one inbox digest per person every this many minutes (`DAILIES_DIGEST_MINUTES`, 0 for one per change). */
  digestMinutes: number;
  /** Connections of the request pool (`DAILIES_DB_POOL`); the job worker has its own. */
  dbPool: number;
  /** Requests that may wait for a connection before more are answered 503 (`DAILIES_DB_QUEUE`). */
  dbQueue: number;
}

/** Reads the configuration; throws a `ConfigError` naming the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw configError(`${name} is invalid: ${issue?.message ?? 'unreadable value'}`);
  }
  const values = parsed.data;
  let storage: StorageConfig;
  try {
    storage = storageConfigFromEnv(env, resolve(values.DAILIES_DATA_DIR));
  } catch (cause) {
    throw configError((cause as Error).message, cause);
  }
  let providers: ProvidersConfig;
  try {
    providers = providersConfigFromEnv(env);
  } catch (cause) {
    throw configError((cause as Error).message, cause);
  }
  return {
    providers,
    storage,
    port: values.PORT,
    host: values.HOST,
    publicUrl: values.DAILIES_PUBLIC_URL,
    smtpUrl: values.DAILIES_SMTP_URL,
    mailFrom: values.DAILIES_MAIL_FROM,
    digestMinutes: values.DAILIES_DIGEST_MINUTES,
    dbPool: values.DAILIES_DB_POOL,
    dbQueue: values.DAILIES_DB_QUEUE,
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.DAILIES_REDIS_URL,
    dataDir: resolve(values.DAILIES_DATA_DIR),
    workerConcurrency: values.DAILIES_WORKER_CONCURRENCY,
    logLevel: values.DAILIES_LOG_LEVEL,
    signupOpen: values.DAILIES_SIGNUP === 'open',
    trustProxy: values.DAILIES_TRUST_PROXY === '1' || values.DAILIES_TRUST_PROXY === 'true',
    webhooksAllowPrivate: values.DAILIES_WEBHOOKS_ALLOW_PRIVATE === '1' || values.DAILIES_WEBHOOKS_ALLOW_PRIVATE === 'true',
    engine: {
      retryBaseMs: values.DAILIES_RETRY_BASE_MS,
      retryMaxMs: Math.max(values.DAILIES_RETRY_BASE_MS, 120_000),
      maxAttempts: values.DAILIES_MAX_ATTEMPTS,
      providerLimits: values.DAILIES_PROVIDER_LIMITS,
      retention: { rejectedAfterDays: values.DAILIES_RETENTION_REJECTED_DAYS, keepVersions: values.DAILIES_RETENTION_KEEP_VERSIONS },
      compileCache: { maxBytes: Math.round(values.DAILIES_COMPILE_CACHE_MB * 1024 * 1024), unusedForDays: values.DAILIES_COMPILE_CACHE_DAYS },
      maxShots: values.DAILIES_MAX_SHOTS,
      quotas: {
        compiles: values.DAILIES_MAX_ACTIVE_COMPILES,
        pictureRequests: values.DAILIES_MAX_ACTIVE_PICTURE_REQUESTS,
        generationRuns: values.DAILIES_MAX_ACTIVE_RUNS,
      },
    },
  };
}
