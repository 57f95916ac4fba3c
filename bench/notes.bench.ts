/**
 * How soon does a note with a drawing, saved by one reviewer, appear on another reviewer's paused
 * player? A real `dailies serve` (embedded Postgres, built-in provider) and Chromium. Reviewer A
 * saves notes through the API; reviewer B has the take's review page open, paused on frame 0. Each
 * round A saves a note at frame 0 whose drawing carries a word of its own, and the page records
 * when that word is drawn over B's picture. The baseline, measured in the same run, is A's own
 * request: the time until the API answered the save.
 *
 *   npm run bench:notes [-- --rounds 40]
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { launchOptions } from '../tests/support/browser.ts';
import { signedUpClient } from '../tests/support/http-client.ts';
import { eventually, startServer } from '../tests/support/server-process.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '40' } } });
const ROUNDS = Number(values.rounds);
const TARGET_P95_MS = 300;

const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))]!;
const round = (ms: number) => Math.round(ms);

const dataDir = await mkdtemp(join(tmpdir(), 'dailies-bench-notes-'));
await chmod(dataDir, 0o755);
console.log('Starting dailies serve on an embedded Postgres…');
const server = await startServer({ DAILIES_DATA_DIR: dataDir });
const browser = await chromium.launch(launchOptions());
try {
  const ana = await signedUpClient(server.base, 'ana@example.com', 'Ana');
  const ben = await signedUpClient(server.base, 'ben@example.com', 'Ben');
  const created = await ana.json<{ id: string }>('POST', '/api/v1/episodes', { title: 'Notes bench', shots: [{ prompt: 'A lighthouse at dusk', duration: 3 }] });
  if (created.status !== 201) throw new Error(`creating the episode gave ${created.status}`);
  const episodeId = created.body.id;
  await ana.put(`/api/v1/episodes/${episodeId}/members`, { email: 'ben@example.com', role: 'reviewer' });
  await ana.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel' });
  const segmentId = await eventually(async () => {
    const status = await ana.json<{ segments: { id: string; status: string }[] }>('GET', `/api/v1/episodes/${episodeId}/segments/status`);
    const made = status.body.segments[0];
    return made?.status === 'completed' && made.id;
  }, 180_000, 'the take');

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([...ben.cookies].map(([name, value]) => ({ name, value, url: server.base })));
  const page = await context.newPage();
  await page.goto(`${server.base}/episodes/${episodeId}/segments/${segmentId}`);
  await page.locator('video').first().waitFor();
  await page.waitForFunction(() => ((document.querySelector('video') as HTMLVideoElement | null)?.readyState ?? 0) >= 2);
  // The page writes down when each word first appears over the picture.
  await page.evaluate(() => {
    const seen = new Map<string, number>();
    (window as unknown as { seen: Map<string, number> }).seen = seen;
    const look = () => {
      for (const text of document.querySelectorAll('[data-testid="drawing-layer"] text')) {
        const word = text.textContent ?? '';
        if (!seen.has(word)) seen.set(word, Date.now());
      }
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
    look();
  });
  // Let the live document connect before the first round.
  await page.waitForTimeout(1000);

  const delivered: number[] = [];
  const saved: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < ROUNDS; index++) {
    const word = `round-${index}`;
    const drawing = {
      shapes: [
        { kind: 'arrow', color: '#e11d48', width: 0.01, from: [0.1 + index / 200, 0.2], to: [0.5, 0.5] },
        { kind: 'text', color: '#e11d48', x: 0.1, y: 0.1, text: word, size: 0.05 },
      ],
    };
    const started = Date.now();
    const response = await ana.json('POST', `/api/v1/segments/${segmentId}/notes`, { text: `Note ${index}`, frame_in: 0, drawing });
    saved.push(Date.now() - started);
    if (response.status !== 201) throw new Error(`saving a note gave ${response.status}`);
    const seenAt = await page.waitForFunction((w) => (window as unknown as { seen: Map<string, number> }).seen.get(w), word, { timeout: 10_000, polling: 10 });
    delivered.push(Number(await seenAt.jsonValue()) - started);
    // Rounds apart, as people write notes.
    await page.waitForTimeout(100);
  }
  const cpu = process.cpuUsage(cpuBefore);

  const p50 = pct(delivered, 0.5);
  const p95 = pct(delivered, 0.95);
  const savedP50 = pct(saved, 0.5);
  const [load1, load5] = loadavg();
  console.log(`A note with a drawing, saved by reviewer A, drawn on reviewer B's paused player (${ROUNDS} rounds):`);
  console.log(`  saved (A's request answered, baseline): p50 ${round(savedP50)} ms, p95 ${round(pct(saved, 0.95))} ms`);
  console.log(`  drawn on B's player:                    p50 ${round(p50)} ms, p95 ${round(p95)} ms, max ${round(Math.max(...delivered))} ms`);
  console.log(`  drawn / saved at p50: ${(p50 / Math.max(1, savedP50)).toFixed(2)}×`);
  console.log(`  bench process CPU: ${round((cpu.user + cpu.system) / 1000)} ms; load average ${load1!.toFixed(2)} (1 min), ${load5!.toFixed(2)} (5 min)`);
  console.log(`  target: drawn within ${TARGET_P95_MS} ms at p95 [${p95 <= TARGET_P95_MS ? 'ok' : 'MISS'}]`);
} finally {
  await browser.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
