/**
 * How fast the exports of a long film answer, against a real `dailies serve` (embedded Postgres,
 * its own process): an episode of N shots (100 by default), every shot with an approved take and
 * every fifth with a note, then each export of EXPORT_FORMATS asked for several times. For each it
 * prints the median and worst time to the whole answer and its size; for the package (a streamed
 * ZIP of every take's file) the time to the first byte and to the last. Targets from the issue:
 * every export < 1 s, the package streaming within 1 s.
 *
 *   npm run bench:exports [-- --shots 100 --rounds 5]
 */
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, exportHref } from '../src/lib/api/exports.schema.ts';
import type { Runtime } from '../server/runtime.ts';
import { signedUpClient, type TestClient } from '../tests/support/http-client.ts';
import { startServer, type ServerProcess } from '../tests/support/server-process.ts';
import { createEpisodeOf, giveEveryShotATake, takesBySlot, templateTake } from './scale/fixtures.ts';
import { attachRuntime, benchDataDir, percentile } from './support.ts';

const { values } = parseArgs({ options: { shots: { type: 'string', default: '100' }, rounds: { type: 'string', default: '5' } } });
const SHOTS = Number(values.shots);
const ROUNDS = Number(values.rounds);
const TARGET_MS = 1000;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

/** Time to the first body byte and to the last, and the size, of one GET. */
async function timed(owner: TestClient, path: string): Promise<{ firstMs: number; totalMs: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await owner.get(path);
  let firstMs = Number.NaN;
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(firstMs)) firstMs = performance.now() - started;
    bytes += value.byteLength;
  }
  return { firstMs, totalMs: performance.now() - started, bytes, status: response.status };
}

console.log(`Exports benchmark: ${SHOTS} shots, ${ROUNDS} rounds each; load average at start ${load()}`);
const dataDir = await benchDataDir('exports');
let server: ServerProcess | undefined;
let runtime: Runtime | undefined;
let failed = false;
try {
  server = await startServer({ DAILIES_DATA_DIR: dataDir }, ['--no-worker']);
  runtime = await attachRuntime(dataDir);
  const owner = await signedUpClient(server.base, 'bench@example.com');
  const episodeId = await createEpisodeOf(owner, SHOTS, 'Exports bench');
  await giveEveryShotATake(runtime, episodeId, await templateTake(runtime, episodeId));
  for (const [slot, segmentId] of await takesBySlot(runtime, episodeId)) {
    const approved = await owner.post(`/api/v1/segments/${segmentId}/approve`, {});
    if (approved.status !== 200) throw new Error(`approving shot ${slot} gave ${approved.status}`);
    if (slot % 5 === 0) await owner.post(`/api/v1/segments/${segmentId}/notes`, { text: `Note on shot ${slot}: hold a beat longer`, frame_in: 10, frame_out: 20 });
  }
  console.log(`  ${SHOTS} approved takes ready (load ${load()})`);

  const verdicts: string[] = [];
  for (const format of EXPORT_FORMATS) {
    const runs = [];
    for (let round = 0; round < ROUNDS; round++) runs.push(await timed(owner, exportHref(episodeId, format)));
    if (runs.some((run) => run.status !== 200)) throw new Error(`${format.path} answered ${runs.map((run) => run.status).join(', ')}`);
    const total = runs.map((run) => run.totalMs);
    const first = runs.map((run) => run.firstMs);
    const size = runs[0]!.bytes;
    const sizeText = size > 1 << 20 ? `${(size / (1 << 20)).toFixed(1)} MiB` : `${(size / 1024).toFixed(1)} KiB`;
    console.log(
      `  ${format.path.padEnd(16)} whole answer median ${percentile(total, 0.5).toFixed(0).padStart(5)} ms, worst ${Math.max(...total).toFixed(0).padStart(5)} ms; first byte median ${size === 0 ? '   —' : percentile(first, 0.5).toFixed(0).padStart(4)} ms; ${sizeText}`,
    );
    // The package streams the takes' files: its target is the first byte; every other export, the whole answer.
    const measured = format.path === 'package' ? Math.max(...first) : Math.max(...total);
    const what = format.path === 'package' ? 'starts streaming' : 'answers whole';
    const ok = measured < TARGET_MS;
    verdicts.push(`  [${ok ? 'ok  ' : 'MISS'}] ${format.path} ${what} in < ${TARGET_MS} ms (worst of ${ROUNDS}): ${measured.toFixed(0)} ms`);
  }
  console.log('Targets');
  for (const line of verdicts) console.log(line);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await runtime?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
  console.log(`Load average at the end: ${load()}`);
}
if (failed) process.exitCode = 1;
