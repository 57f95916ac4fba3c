/**
 * What the benchmarks share: a throw-away Dailies (embedded Postgres in a temporary folder, one
 * account, one generated segment, the HTTP app on a loopback port), percentiles, CPU time from
 * /proc, and the episode page in Chromium.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestClient } from '../tests/support/http-client.ts';
import { createUserSession } from '../server/auth/sessions.ts';
import { createAccount } from '../server/commands/accounts.ts';
import { createEpisode } from '../server/commands/episode-creator.ts';
import { analyzeSegment } from '../server/commands/segment-analyzer.ts';
import { generateSegment } from '../server/commands/segment-generator.ts';
import { createCollabServer } from '../server/collab/server.ts';
import { Notifications } from '../server/db/notifications.ts';
import { loadConfig } from '../server/config.ts';
import { listCurrentSegments } from '../server/db/queries/segment.queries.ts';
import { createApp } from '../server/http/app.ts';
import { listen } from '../server/http/server.ts';
import { setLogLevel } from '../server/logger.ts';
import { openRuntime, type Runtime } from '../server/runtime.ts';

export async function createSession(dataDir: string) {
  setLogLevel('warn');
  const runtime = await openRuntime(loadConfig({ DAILIES_DATA_DIR: dataDir }), { withWorker: false });
  const { services } = runtime;
  const user = await createAccount(services, { email: 'bench@example.com', password: 'bench password 1' });
  const episode = await createEpisode(services, { shots: [{ prompt: 'A bench shot', duration: 5, camera: 'push-in' }] }, { userId: user.id, name: 'bench' });
  const [segment] = await listCurrentSegments(services.db, episode.id);
  await generateSegment(services, { segmentId: segment!.id, autoApprove: false });
  await analyzeSegment(services, { segmentId: segment!.id, autoApprove: false });
  const [ready] = await listCurrentSegments(services.db, episode.id);
  const collab = createCollabServer({ db: services.db, notifications: new Notifications({ pool: runtime.database.pool }) });
  const app = createApp({ services, settings: { signupOpen: false, trustProxy: false }, collab, workerRunning: () => false, version: 'bench' });
  const http = await listen((req, env) => app.fetch(req, env), 0, '127.0.0.1');
  const session = await createUserSession(services.db, user.id);
  return {
    port: http.port,
    sessionToken: session.token,
    videoUrl: ready!.video_url!,
    size: ready!.file_size!,
    async close() {
      await http.close();
      await runtime.close();
    },
  };
}

/** The value below which a share `p` (0–1) of `list` falls (nearest rank); NaN for an empty list. */
export function percentile(list: readonly number[], p: number): number {
  if (list.length === 0) return Number.NaN;
  return [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))]!;
}

/** An empty data folder for a `dailies serve` under the OS temp folder, readable by the embedded Postgres's user. */
export async function benchDataDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `dailies-bench-${name}-`));
  await chmod(dir, 0o755);
  return dir;
}

/** /proc/<pid>/stat counts CPU in USER_HZ ticks, 100 per second on Linux whatever the kernel's HZ. */
const MS_PER_TICK = 10;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces); [] when the process is gone. */
function statFields(pid: number | string): string[] {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return [];
  }
}

/** CPU time (user + system) a process has used so far, in ms, at 10-ms resolution; its children are not counted. */
export function processCpuMs(pid: number): number {
  const fields = statFields(pid);
  if (fields.length === 0) throw new Error(`process ${pid} is gone`);
  // utime and stime are fields 14 and 15 of stat: 11 and 12 after the command name.
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/**
 * CPU time used so far by the embedded Postgres of `dataDir`, in ms: the postmaster's own and its
 * ended backends' (cutime + cstime, counted when it reaps them), plus that of the backends alive now.
 */
export function postgresCpuMs(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const own = statFields(postmaster);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * MS_PER_TICK;
}

/**
 * The services of the `dailies serve` whose data folder is `dataDir`, in this process: its
 * embedded Postgres (already running, so attached to, not started), storage and providers.
 */
export function attachRuntime(dataDir: string): Promise<Runtime> {
  setLogLevel('warn');
  return openRuntime(loadConfig({ DAILIES_DATA_DIR: dataDir }), { withWorker: false });
}

/** The selector of one shot's card on the episode page. */
export const SEGMENT_CARD = '[data-testid="segment-card"]';

/** Resolves once the page shows `count` segment cards. */
export async function cardsShown(page: Page, count: number, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector).length === n, [SEGMENT_CARD, count] as const, { timeout: timeoutMs });
}

/** A browser context carrying the session cookies of `client`, as that person's browser would. */
export async function browserContextOf(browser: Browser, client: TestClient): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: client.base })));
  return context;
}
