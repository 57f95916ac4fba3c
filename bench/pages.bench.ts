/**
 * Does the episode page stay smooth as episodes grow? A real `dailies serve` (embedded Postgres)
 * and Chromium. For a small episode (the baseline) and a large one, it measures:
 *   - load: from navigation until every segment card is on the page;
 *   - live reorder: from the API request until the page shows the new order (the slowest kind of
 *     live update for the page: every card moves), p50/p95 over the rounds;
 *   - main-thread work: the longest task and the total time in long tasks (> 50 ms) during the rounds;
 *   - layout shift while the rounds run, not counting the moves themselves (cards change place by
 *     design), measured as the shift of the page's header.
 * The large/small ratio shows how the page scales.
 *
 *   npm run bench:pages [-- --small 10 --large 100 --rounds 30]
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { launchOptions } from '../tests/support/browser.ts';
import { signedUpClient, type TestClient } from '../tests/support/http-client.ts';
import { startServer } from '../tests/support/server-process.ts';
import { browserContextOf, cardsShown, percentile as pct } from './support.ts';

const { values } = parseArgs({ options: { small: { type: 'string', default: '10' }, large: { type: 'string', default: '100' }, rounds: { type: 'string', default: '30' } } });
const ROUNDS = Number(values.rounds);

interface Figures {
  shots: number;
  loadMs: number;
  reorderP50: number;
  reorderP95: number;
  longestTaskMs: number;
  longTaskTotalMs: number;
  headerShiftPx: number;
}

const dataDir = await mkdtemp(join(tmpdir(), 'dailies-bench-pages-'));
await chmod(dataDir, 0o755);
console.log('Starting dailies serve on an embedded Postgres…');
const server = await startServer({ DAILIES_DATA_DIR: dataDir }, ['--no-worker']);
const browser = await chromium.launch(launchOptions());
try {
  const owner = await signedUpClient(server.base, 'bench@example.com');
  const context = await browserContextOf(browser, owner);

  async function measure(shots: number): Promise<Figures> {
    const list = Array.from({ length: shots }, (_, i) => ({ scene: `INT. ROOM ${Math.floor(i / 5) + 1} - DAY`, prompt: `Shot ${i + 1}`, duration: 2 }));
    const created = await (owner as TestClient).json<{ id: string }>('POST', '/api/v1/episodes', { shots: list, title: `Pages bench ${shots}` });
    if (created.status !== 201) throw new Error(`creating the episode gave ${created.status}`);
    const episodeId = created.body.id;
    const page = await context.newPage();

    const started = Date.now();
    await page.goto(`${server.base}/episodes/${episodeId}`);
    await cardsShown(page, shots);
    const loadMs = Date.now() - started;
    // Let the live document connect, then watch the main thread and the header.
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      const w = window as unknown as { tasks: number[]; headerTop: number };
      w.tasks = [];
      w.headerTop = document.querySelector('header.head')!.getBoundingClientRect().top;
      new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries()) w.tasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    // The observer sees long tasks here: a deliberate 80-ms task must be recorded, then forgotten.
    await page.evaluate(() => {
      setTimeout(() => {
        const until = performance.now() + 80;
        while (performance.now() < until);
      }, 0);
    });
    await page.waitForFunction(() => (window as unknown as { tasks: number[] }).tasks.length > 0, null, { timeout: 5000 });
    await page.evaluate(() => ((window as unknown as { tasks: number[] }).tasks.length = 0));

    const base = Array.from({ length: shots }, (_, i) => i + 1);
    const reorders: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const shift = (round % (shots - 1)) + 1;
      const order = [...base.slice(shift), ...base.slice(0, shift)];
      const shown = page.waitForFunction(
        (wanted) => [...document.querySelectorAll('[data-testid="segment-card"]')].map((card) => card.getAttribute('data-slot')).join() === wanted,
        order.join(),
        { polling: 'raf', timeout: 10_000 },
      );
      const sent = Date.now();
      const response = await owner.put(`/api/v1/episodes/${episodeId}/order`, { order });
      if (response.status !== 200) throw new Error(`reordering gave ${response.status}`);
      await shown;
      reorders.push(Date.now() - sent);
    }
    const work = await page.evaluate(() => {
      const w = window as unknown as { tasks: number[]; headerTop: number };
      return { tasks: w.tasks, headerShift: Math.abs(document.querySelector('header.head')!.getBoundingClientRect().top - w.headerTop) };
    });
    await page.close();
    return {
      shots,
      loadMs,
      reorderP50: pct(reorders, 0.5),
      reorderP95: pct(reorders, 0.95),
      longestTaskMs: Math.max(0, ...work.tasks),
      longTaskTotalMs: work.tasks.reduce((sum, value) => sum + value, 0),
      headerShiftPx: work.headerShift,
    };
  }

  const small = await measure(Number(values.small));
  const large = await measure(Number(values.large));
  const line = (f: Figures) =>
    `  ${String(f.shots).padStart(4)} shots   load ${String(f.loadMs).padStart(5)} ms   reorder p50 ${String(f.reorderP50).padStart(4)} ms  p95 ${String(f.reorderP95).padStart(4)} ms   ` +
    `longest task ${f.longestTaskMs.toFixed(0).padStart(4)} ms   long tasks ${f.longTaskTotalMs.toFixed(0).padStart(5)} ms   header moved ${f.headerShiftPx.toFixed(0)} px`;
  console.log(`Episode page in Chromium, ${ROUNDS} live reorders each:`);
  console.log(line(small));
  console.log(line(large));
  console.log(
    `  large ÷ small: load ×${(large.loadMs / small.loadMs).toFixed(2)}, reorder p50 ×${(large.reorderP50 / Math.max(1, small.reorderP50)).toFixed(2)}, ` +
      `p95 ×${(large.reorderP95 / Math.max(1, small.reorderP95)).toFixed(2)}`,
  );
  console.log(`  smooth means: reorder p95 under 100 ms and no task over 100 ms [${large.reorderP95 < 100 && large.longestTaskMs <= 100 ? 'ok' : 'MISS'}]`);
} finally {
  await browser.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
