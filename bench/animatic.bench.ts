/**
 * How long the built-in provider takes to render one shot: 5-second 720p animatics, rendered one
 * after another (the worst case for a reviewer waiting on one segment) and two at a time (what a
 * parallel run does on this machine). Prints wall time per shot against the 3-second target.
 *
 *   npm run bench:animatic
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAnimatic } from '../server/media/animatic.ts';
import { benchRequest, CAMERAS } from './requests.ts';

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

const dir = await mkdtemp(join(tmpdir(), 'dailies-bench-animatic-'));
try {
  const render = (i: number) => renderAnimatic(benchRequest(i), join(dir, `shot-${i}.mp4`), { workDir: dir });
  await render(99); // warm the page cache and fonts
  const serial: number[] = [];
  for (let i = 0; i < CAMERAS.length; i += 1) serial.push(await timed(() => render(i)));
  const pairs: number[] = [];
  for (let i = 0; i < 4; i += 2) pairs.push(await timed(() => Promise.all([render(10 + i), render(11 + i)])));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  console.log(`Animatic render, 5 s 1280x720 at 24 fps, on ${cpus().length} cores`);
  for (const [i, seconds] of serial.entries()) console.log(`  ${CAMERAS[i]!.padEnd(9)} ${seconds.toFixed(2)} s`);
  console.log(`  one at a time: mean ${mean(serial).toFixed(2)} s, worst ${Math.max(...serial).toFixed(2)} s (target < 3 s)`);
  console.log(`  two at a time: ${(mean(pairs) / 2).toFixed(2)} s per shot of throughput (${mean(pairs).toFixed(2)} s per pair)`);
  console.log(`  realtime factor: ${(5 / mean(serial)).toFixed(1)}x`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
