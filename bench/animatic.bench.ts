/**
 * How long the built-in provider takes to render one shot: 5-second 720p animatics with two lines of
 * dialogue spoken by the temp voice, rendered one after another (the worst case for a reviewer
 * waiting on one segment) and two at a time (what a parallel run does on this machine). Prints wall
 * time per shot against the 3-second target, and the same shots without voice for comparison.
 *
 *   npm run bench:animatic
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAnimatic } from '../server/media/animatic.ts';
import type { AnimaticVoice } from '../server/providers/provider-settings.ts';
import { benchRequest, CAMERAS } from './requests.ts';

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

const dir = await mkdtemp(join(tmpdir(), 'dailies-bench-animatic-'));
try {
  const render = (i: number, voice: AnimaticVoice = 'on') =>
    renderAnimatic(benchRequest(i), join(dir, `shot-${i}-${voice}.mp4`), { workDir: dir, voice });
  await render(99); // warm the page cache, fonts and the speech module
  const serial: number[] = [];
  for (let i = 0; i < CAMERAS.length; i += 1) serial.push(await timed(() => render(i)));
  const silent: number[] = [];
  for (let i = 0; i < CAMERAS.length; i += 1) silent.push(await timed(() => render(i, 'off')));
  const pairs: number[] = [];
  for (let i = 0; i < 4; i += 2) pairs.push(await timed(() => Promise.all([render(10 + i), render(11 + i)])));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const verdict = (seconds: number) => (seconds < 3 ? 'ok' : 'MISS');
  console.log(`Animatic render, 5 s 1280x720 at 24 fps, two spoken lines, on ${cpus().length} cores (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  for (const [i, seconds] of serial.entries()) console.log(`  ${CAMERAS[i]!.padEnd(9)} ${seconds.toFixed(2)} s  ${verdict(seconds)}`);
  console.log(`  one at a time: mean ${mean(serial).toFixed(2)} s, worst ${Math.max(...serial).toFixed(2)} s (target < 3 s): ${verdict(Math.max(...serial))}`);
  console.log(`  without voice: mean ${mean(silent).toFixed(2)} s, worst ${Math.max(...silent).toFixed(2)} s`);
  console.log(`  two at a time: ${(mean(pairs) / 2).toFixed(2)} s per shot of throughput (${mean(pairs).toFixed(2)} s per pair)`);
  console.log(`  realtime factor: ${(5 / mean(serial)).toFixed(1)}x`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
