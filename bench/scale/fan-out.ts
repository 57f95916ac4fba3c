/**
 * Part 2 of the scale benchmark: many clients on one large episode. N @hocuspocus/provider clients
 * (in this process) sync an episode whose every shot has a take; each round the owner decides on
 * a different take through the API and the round's latency is the time until every client shows
 * it (the slowest client; see visibility.ts), measured
 *   - from the request (an upper bound of "from the commit"), and
 *   - from the response (a lower bound).
 * Server CPU per decision is utime + stime of the `dailies serve` process over all rounds divided by
 * their count; bytes per viewer are the WebSocket bytes one client (not the probe) received. The
 * clients' own CPU per decision is printed too: on a machine of few cores they compete with the
 * server, and their share of the latency grows with their number.
 */
import { connectLive, type LiveClient } from '../../tests/support/live-client.ts';
import { percentile, postgresCpuMs, processCpuMs } from '../support.ts';
import type { Decisions } from './changes.ts';
import type { Live } from './episode-figures.ts';
import { VisibilityWatch } from './visibility.ts';

export interface FanOutFigures {
  clients: number;
  slots: number;
  rounds: number;
  connectMs: number;
  fromRequest: { p50: number; p95: number; p99: number };
  fromResponse: { p50: number; p95: number; p99: number };
  cpuPerDecisionMs: number;
  dbCpuPerDecisionMs: number;
  /** CPU this process (every client, and the API requests) spent per decision: it shares the machine with the server. */
  clientsCpuPerDecisionMs: number;
  wireBytesPerDecision: number;
  updateBytesPerDecision: number;
}

/** Clients connecting at once. */
const CONNECT_BATCH = 25;
const WARM_UP_ROUNDS = 3;

const spread = (list: number[]) => ({ p50: percentile(list, 0.5), p95: percentile(list, 0.95), p99: percentile(list, 0.99) });

export async function fanOutFigures(options: { live: Live; episodeId: string; decisions: Decisions; clients: number; rounds: number; log: (line: string) => void }): Promise<FanOutFigures> {
  const { live, decisions } = options;
  const clients: LiveClient[] = [];
  try {
    const started = performance.now();
    // In batches: each client's sync must finish within its own 10 s, however many are waiting.
    while (clients.length < options.clients) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, options.clients - clients.length) }, () => connectLive(live.port, options.episodeId, live.token));
      clients.push(...batch);
      await Promise.all(batch.map((client) => client.synced()));
    }
    const connectMs = performance.now() - started;
    options.log(`${options.clients} clients synced in ${(connectMs / 1000).toFixed(1)} s`);
    // Awareness and other first messages settle before the rounds.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const counted = clients[clients.length > 1 ? 1 : 0]!;
    let updateBytes = 0;
    const count = (update: Uint8Array) => (updateBytes += update.byteLength);
    const watch = new VisibilityWatch(clients);
    const fromRequest: number[] = [];
    const fromResponse: number[] = [];
    const slots = decisions.slots;
    // Uncounted first rounds: the server's code paths warm up.
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      const slot = slots[(slots.length - 1 - round) % slots.length]!;
      const shown = watch.until(decisions.expected(slot));
      await decisions.decide(slot);
      await shown;
    }
    counted.document.on('update', count);
    counted.resetReceived();
    const cpu = processCpuMs(live.pid);
    const db = postgresCpuMs(live.dataDir);
    const own = process.cpuUsage();
    for (let round = 0; round < options.rounds; round++) {
      const slot = slots[round % slots.length]!;
      const shown = watch.until(decisions.expected(slot));
      const sent = performance.now();
      await decisions.decide(slot);
      const answered = performance.now();
      const last = Math.max(...(await shown));
      fromRequest.push(last - sent);
      fromResponse.push(Math.max(0, last - answered));
    }
    // The stored history's append of the last change finishes after it shows.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cpuPerDecisionMs = (processCpuMs(live.pid) - cpu) / options.rounds;
    const dbCpuPerDecisionMs = (postgresCpuMs(live.dataDir) - db) / options.rounds;
    const spent = process.cpuUsage(own);
    const clientsCpuPerDecisionMs = (spent.user + spent.system) / 1000 / options.rounds;
    watch.close();
    counted.document.off('update', count);
    return {
      clients: options.clients,
      slots: slots.length,
      rounds: options.rounds,
      connectMs,
      fromRequest: spread(fromRequest),
      fromResponse: spread(fromResponse),
      cpuPerDecisionMs,
      dbCpuPerDecisionMs,
      clientsCpuPerDecisionMs,
      wireBytesPerDecision: counted.received() / options.rounds,
      updateBytesPerDecision: updateBytes / options.rounds,
    };
  } finally {
    for (const client of clients) client.close();
  }
}

