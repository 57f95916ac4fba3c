/**
 * Part 1 of the scale benchmark: what one episode of a given size costs to read, show and keep
 * live. For an episode whose every shot has a take:
 *   - status: GET /api/v1/episodes/:id, and again with If-None-Match (304), medians;
 *   - page HTML: GET /episodes/:id with the session cookie, as a browser asks for it, median;
 *   - page interactive: Chromium from navigation until every card is on the page, median;
 *   - the live document's size (Y.encodeStateAsUpdate of a synced client's copy);
 *   - a fresh client's sync, cold (no one else connected: the server loads the document) and warm;
 *   - server CPU per change (a decision on a take, see changes.ts) with no viewer and with one
 *     viewer connected: utime + stime of the `dailies serve` process around the changes, divided
 *     by their count (10-ms ticks; the embedded Postgres's CPU is reported beside it), after a few
 *     uncounted changes;
 *   - bytes per viewer per change: WebSocket message bytes the viewer received (Yjs sync and
 *     awareness messages, as framed by Hocuspocus), and the Yjs update bytes among them.
 */
import type { Browser } from 'playwright-core';
import * as Y from 'yjs';
import type { TestClient } from '../../tests/support/http-client.ts';
import { connectLive, type LiveClient } from '../../tests/support/live-client.ts';
import { browserContextOf, cardsShown, percentile, postgresCpuMs, processCpuMs, SEGMENT_CARD } from '../support.ts';
import type { Decisions } from './changes.ts';
import { VisibilityWatch } from './visibility.ts';

export interface Live {
  /** The `dailies serve` process, its HTTP base and data folder. */
  pid: number;
  base: string;
  port: number;
  dataDir: string;
  /** An API token of the owner, for live clients. */
  token: string;
}

export interface EpisodeFigures {
  shots: number;
  statusMs: number;
  statusBytes: number;
  notModifiedMs: number;
  notModifiedStatus: number;
  pageHtmlMs: number;
  pageHtmlBytes: number;
  /** Undefined when the browser part is skipped. */
  pageInteractiveMs: number | undefined;
  documentBytes: number;
  syncColdMs: number;
  syncWarmMs: number;
  cpuPerChangeNoViewerMs: number;
  cpuPerChangeOneViewerMs: number;
  dbCpuPerChangeNoViewerMs: number;
  dbCpuPerChangeOneViewerMs: number;
  wireBytesPerChange: number;
  updateBytesPerChange: number;
}

const median = (list: number[]) => percentile(list, 0.5);
const WARM_UP_CHANGES = 5;

async function timed(times: number, run: () => Promise<void>): Promise<number> {
  const list: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    list.push(performance.now() - started);
  }
  return median(list);
}

/** A new client on the episode until synced: the time it took. The client is closed after. */
async function syncTime(live: Live, episodeId: string): Promise<number> {
  const started = performance.now();
  const client = connectLive(live.port, episodeId, live.token);
  try {
    await client.synced();
    return performance.now() - started;
  } finally {
    client.close();
  }
}

export async function episodeFigures(options: {
  live: Live;
  owner: TestClient;
  episodeId: string;
  decisions: Decisions;
  changes: number;
  browser: Browser | undefined;
  log: (line: string) => void;
}): Promise<EpisodeFigures> {
  const { live, owner, episodeId, decisions } = options;
  const shots = decisions.slots.length;
  const apiPath = `/api/v1/episodes/${episodeId}`;

  let statusBytes = 0;
  let etag = '';
  await owner.get(apiPath).then((response) => response.arrayBuffer());
  const statusMs = await timed(10, async () => {
    const response = await owner.get(apiPath);
    statusBytes = (await response.arrayBuffer()).byteLength;
    etag = response.headers.get('etag') ?? '';
  });
  let notModifiedStatus = 0;
  const notModifiedMs = await timed(10, async () => {
    const response = await owner.get(apiPath, { 'if-none-match': etag });
    await response.arrayBuffer();
    notModifiedStatus = response.status;
  });

  let pageHtmlBytes = 0;
  const page = async () => {
    const response = await owner.get(`/episodes/${episodeId}`, { accept: 'text/html,application/xhtml+xml' });
    pageHtmlBytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`the episode page gave ${response.status}`);
  };
  await page();
  const pageHtmlMs = await timed(5, page);

  let pageInteractiveMs: number | undefined;
  if (options.browser) {
    const context = await browserContextOf(options.browser, owner);
    const loads: number[] = [];
    // The first load warms Chromium's caches of the page's scripts; it is not counted.
    try {
      for (let i = 0; i < 4; i++) {
        const tab = await context.newPage();
        try {
          const started = performance.now();
          await tab.goto(`${live.base}/episodes/${episodeId}`);
          await cardsShown(tab, shots);
          if (i > 0) loads.push(performance.now() - started);
        } catch (error) {
          const shown = await tab.locator(SEGMENT_CARD).count().catch(() => 0);
          throw new Error(`the page did not show all ${shots} cards (${shown} shown): ${(error as Error).message.split('\n')[0]}`, { cause: error });
        } finally {
          await tab.close();
        }
      }
      pageInteractiveMs = median(loads);
    } catch (error) {
      options.log(`page interactive: not measured, ${(error as Error).message}`);
    } finally {
      await context.close();
    }
  }

  // Cold: nobody else holds the document, so the server loads it (it unloads on the last close).
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    cold.push(await syncTime(live, episodeId));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  const perChange = async (viewer: LiveClient | undefined) => {
    const watch = viewer ? new VisibilityWatch([viewer]) : undefined;
    let updateBytes = 0;
    const count = (update: Uint8Array) => (updateBytes += update.byteLength);
    const slots = decisions.slots;
    const change = async (i: number) => {
      const slot = slots[i % slots.length]!;
      const shown = watch?.until(decisions.expected(slot));
      await decisions.decide(slot);
      await shown;
    };
    // A few first changes are not counted: the server's code paths for this episode warm up.
    for (let i = 0; i < WARM_UP_CHANGES; i++) await change(i);
    await new Promise((resolve) => setTimeout(resolve, 200));
    viewer?.resetReceived();
    viewer?.document.on('update', count);
    const cpu = processCpuMs(live.pid);
    const db = postgresCpuMs(live.dataDir);
    for (let i = 0; i < options.changes; i++) await change(WARM_UP_CHANGES + i);
    // Let the last notification be handled where nobody waits for it to show.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cpuMs = processCpuMs(live.pid) - cpu;
    const dbMs = postgresCpuMs(live.dataDir) - db;
    viewer?.document.off('update', count);
    watch?.close();
    return {
      cpu: cpuMs / options.changes,
      db: dbMs / options.changes,
      wireBytes: (viewer?.received() ?? 0) / options.changes,
      updateBytes: updateBytes / options.changes,
    };
  };
  const none = await perChange(undefined);

  const viewer = connectLive(live.port, episodeId, live.token);
  try {
    await viewer.synced();
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await syncTime(live, episodeId));
    const documentBytes = Y.encodeStateAsUpdate(viewer.document).byteLength;
    const one = await perChange(viewer);
    return {
      shots,
      statusMs,
      statusBytes,
      notModifiedMs,
      notModifiedStatus,
      pageHtmlMs,
      pageHtmlBytes,
      pageInteractiveMs,
      documentBytes,
      syncColdMs: median(cold),
      syncWarmMs: median(warm),
      cpuPerChangeNoViewerMs: none.cpu,
      cpuPerChangeOneViewerMs: one.cpu,
      dbCpuPerChangeNoViewerMs: none.db,
      dbCpuPerChangeOneViewerMs: one.db,
      wireBytesPerChange: one.wireBytes,
      updateBytesPerChange: one.updateBytes,
    };
  } finally {
    viewer.close();
    // The next part starts with no document loaded.
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
