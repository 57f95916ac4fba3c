/**
 * How fast a decision reaches everyone watching: a real `dailies serve` (embedded Postgres, its
 * own process) and 100 @hocuspocus/provider clients on one episode in this process. Each round
 * changes the compile order through the API and times until every client's document shows it:
 *   - from the request (an upper bound of "from the commit": the commit happens inside it);
 *   - from the response (a lower bound: the commit happened just before it).
 * A round's latency is the slowest client's. Prints p50/p95/p99 over the rounds, the update sizes
 * the clients received, and the memory one loaded document takes (heap growth per copy of the
 * synced document, measured here over 200 copies: the server holds the same Y.Doc per episode).
 *
 *   npm run bench:live [-- --clients 100 --rounds 200]
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { signedUpClient } from '../tests/support/http-client.ts';
import { connectLive, type LiveClient } from '../tests/support/live-client.ts';
import { startServer } from '../tests/support/server-process.ts';
import { percentile as pct } from './support.ts';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '100' }, rounds: { type: 'string', default: '200' }, shots: { type: 'string', default: '24' } } });
const CLIENTS = Number(values.clients);
const ROUNDS = Number(values.rounds);
const SHOTS = Number(values.shots);

const dataDir = await mkdtemp(join(tmpdir(), 'dailies-bench-live-'));
await chmod(dataDir, 0o755);
console.log('Starting dailies serve on an embedded Postgres…');
const server = await startServer({ DAILIES_DATA_DIR: dataDir }, ['--no-worker']);
const clients: LiveClient[] = [];
try {
  const owner = await signedUpClient(server.base, 'bench@example.com');
  const shots = Array.from({ length: SHOTS }, (_, i) => ({ scene: `INT. ROOM ${Math.floor(i / 4) + 1} - DAY`, prompt: `Shot ${i + 1}`, duration: 3 }));
  const created = await owner.json<{ id: string }>('POST', '/api/v1/episodes', { shots, title: 'Live bench' });
  if (created.status !== 201) throw new Error(`creating the episode gave ${created.status}`);
  const episodeId = created.body.id;
  const token = (await owner.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'bench' })).body.token;
  const port = Number(new URL(server.base).port);

  for (let i = 0; i < CLIENTS; i++) clients.push(connectLive(port, episodeId, token));
  await Promise.all(clients.map((client) => client.synced()));
  const base = clients[0]!.read()!.order;
  console.log(`${CLIENTS} clients synced on an episode of ${base.length} slots`);

  const sizes: number[] = [];
  clients[0]!.document.on('update', (update: Uint8Array) => sizes.push(update.byteLength));
  const fromRequest: number[] = [];
  const fromResponse: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order by one each round: a different value every time.
    const shift = (round % (base.length - 1)) + 1;
    const order = [...base.slice(shift), ...base.slice(0, shift)];
    const wanted = order.join();
    const seen = clients.map(
      (client) =>
        new Promise<number>((resolve) => {
          const check = () => {
            const current = client.document.getMap('episode').get('order') as number[] | undefined;
            if (current?.join() === wanted) {
              client.document.off('update', check);
              resolve(performance.now());
            }
          };
          client.document.on('update', check);
          check();
        }),
    );
    const sent = performance.now();
    const response = await owner.put(`/api/v1/episodes/${episodeId}/order`, { order });
    const answered = performance.now();
    if (response.status !== 200) throw new Error(`reordering gave ${response.status}`);
    const last = Math.max(...(await Promise.all(seen)));
    fromRequest.push(last - sent);
    fromResponse.push(Math.max(0, last - answered));
  }

  // Memory of one loaded document: heap growth per synced copy.
  const state = Y.encodeStateAsUpdate(clients[0]!.document);
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const copies: Y.Doc[] = [];
  for (let i = 0; i < 200; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    copies.push(doc);
  }
  globalThis.gc?.();
  const perDocument = (process.memoryUsage().heapUsed - before) / copies.length;

  const row = (name: string, list: number[]) =>
    `  ${name.padEnd(16)} p50 ${pct(list, 0.5).toFixed(1).padStart(6)} ms   p95 ${pct(list, 0.95).toFixed(1).padStart(6)} ms   p99 ${pct(list, 0.99).toFixed(1).padStart(6)} ms`;
  console.log(`Reorder through the API → visible in all ${CLIENTS} clients, ${ROUNDS} rounds (slowest client per round):`);
  console.log(row('from request', fromRequest));
  console.log(row('from response', fromResponse));
  const p95 = pct(fromRequest, 0.95);
  const p99 = pct(fromRequest, 0.99);
  console.log(`  targets (from request, the stricter bound): p95 < 50 ms [${p95 < 50 ? 'ok' : 'MISS'}], p99 < 100 ms [${p99 < 100 ? 'ok' : 'MISS'}]`);
  console.log(`  update sizes received per change: p50 ${pct(sizes, 0.5)} B, max ${Math.max(...sizes)} B; whole document ${state.byteLength} B`);
  console.log(`  memory per loaded document: ${(perDocument / 1024).toFixed(1)} KiB (${global.gc ? 'after gc' : 'run with --expose-gc for a steadier figure'})`);
} finally {
  for (const client of clients) client.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
