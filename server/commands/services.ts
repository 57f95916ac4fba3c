/**
 * What the write path needs from the process: the database, storage, providers and a scratch folder.
 * Routes, jobs and the collaboration server all hand the same object to commands.
 */
import type { MailSettings } from '../mail/mailer.ts';
import type { Database } from '../db/database.ts';
import type { Log } from '../logger.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { VideoProviderLimits } from '../providers/video.types.ts';
import type { Storage } from '../storage/storage.ts';

/** How the workflow engine retries and paces providers. */
export interface EngineSettings {
  /** First retry delay of a retryable provider error; doubles each attempt, with jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Attempts of one generation before its segment is marked failed. */
  maxAttempts: number;
  /** Per-provider limits that override the provider's own (`DAILIES_PROVIDER_LIMITS`). */
  providerLimits: Record<string, Partial<VideoProviderLimits>>;
  retention: { rejectedAfterDays: number; keepVersions: number };
  /** Bounds of each compile cache folder (`DAILIES_COMPILE_CACHE_MB`, `DAILIES_COMPILE_CACHE_DAYS`); see media/cache-sweep.ts. */
  compileCache: { maxBytes: number; unusedForDays: number };
  /** Most shots an episode may have, however they are made (`DAILIES_MAX_SHOTS`). */
  maxShots: number;
  /** Work one account may have queued or running at once; more is refused with 429. */
  quotas: AccountQuotas;
}

/** Per-account limits on work in progress (`DAILIES_MAX_ACTIVE_*`). */
export interface AccountQuotas {
  /** Compiles queued or running. */
  compiles: number;
  /** Character picture requests queued or running. */
  pictureRequests: number;
  /** Generation runs active. */
  generationRuns: number;
}

export const DEFAULT_ENGINE: EngineSettings = {
  retryBaseMs: 2000,
  retryMaxMs: 120_000,
  maxAttempts: 5,
  providerLimits: {},
  retention: { rejectedAfterDays: 7, keepVersions: 3 },
  compileCache: { maxBytes: 4096 * 1024 * 1024, unusedForDays: 30 },
  maxShots: 500,
  quotas: { compiles: 2, pictureRequests: 8, generationRuns: 5 },
};

/** How webhooks are sent; see commands/webhook-delivery.ts. */
export interface WebhookSettings {
  /** `DAILIES_WEBHOOKS_ALLOW_PRIVATE`: private and loopback receivers allowed, http on loopback. */
  allowPrivate: boolean;
  /** `DAILIES_PUBLIC_URL`: links in payloads are absolute with it, paths without. */
  publicUrl: string | undefined;
  /** Delay before the second attempt; each later one waits twice as long. */
  retryBaseMs: number;
  /** Attempts of one delivery before it is given up. */
  maxAttempts: number;
}

export const DEFAULT_WEBHOOKS: WebhookSettings = { allowPrivate: false, publicUrl: undefined, retryBaseMs: 15_000, maxAttempts: 8 };

export interface Services {
  db: Database;
  storage: Storage;
  providers: ProviderRegistry;
  /** The data folder: what is kept between runs lives under it (`cache/`). */
  dataDir: string;
  /** Scratch space for renders and compiles; each job makes its own sub-folder and removes it. */
  scratchDir: string;
  log: Log;
  engine: EngineSettings;
  /** Unset: DEFAULT_WEBHOOKS (public https receivers only, relative links). */
  webhooks?: WebhookSettings;
  /** Set when `DAILIES_SMTP_URL` is: invitations are then sent by email (a job). */
  mail?: MailSettings | undefined;
}

/** Who did something: a signed-in user, a guest, or the system itself (auto-approve). */
export interface Actor {
  userId: string | null;
  name: string;
  /** Set when a guest acts through a share link. */
  shareLinkId?: string | null;
  /** Where the request came from, for the audit trail. */
  ip?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: 'Dailies (auto-approve)' };
