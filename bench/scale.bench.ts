/**
 * How Dailies holds up as episodes and audiences grow, in one run against a real `dailies serve`
 * (embedded Postgres, its own process):
 *   1. per episode size (every shot with a take): status request and its 304, page HTML, page
 *      interactive in Chromium, live document size, fresh client sync, server CPU per change with
 *      no viewer and with one, bytes per viewer per change (scale/episode-figures.ts);
 *   2. N clients on the largest episode, a decision per round on a different take: time until
 *      every client shows it, server CPU and bytes per viewer per decision (scale/fan-out.ts);
 *   3. a parallel generation run with the built-in provider: render finished → reviewable per
 *      take, from the database's timestamps (scale/run-latency.ts), on a second server with its
 *      job worker (the first runs none, so that approvals start no transition renders);
 *   4. the compile figures of bench/compile.bench.ts, when it exports them (scale/compile-figures.ts);
 *   5. a table of the figures and the targets, ok or MISS.
 * Server CPU is utime + stime of the server process from /proc (10-ms ticks), not its children.
 *
 *   npm run bench:scale [-- --shots 10,100,300 --clients 200 --rounds 100 --changes 30
 *                          --run-shots 100 --clips 10,50,100 --skip browser,fanout,run,compile]
 * Parts to --skip: episodes, browser, fanout, run, compile.
 */
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import type { Runtime } from '../server/runtime.ts';
import type { VideoSegment } from '../server/db/schema.ts';
import { launchOptions } from '../tests/support/browser.ts';
import { signedUpClient } from '../tests/support/http-client.ts';
import { startServer, type ServerProcess } from '../tests/support/server-process.ts';
import { Decisions } from './scale/changes.ts';
import { compileFigures, type CompileOutcome } from './scale/compile-figures.ts';
import { episodeFigures, type EpisodeFigures, type Live } from './scale/episode-figures.ts';
import { fanOutFigures, type FanOutFigures } from './scale/fan-out.ts';
import { createEpisodeOf, giveEveryShotATake, takesBySlot, templateTake } from './scale/fixtures.ts';
import { episodeLine, fanOutLine, printReport } from './scale/report.ts';
import { runFigures, type RunFigures } from './scale/run-latency.ts';
import { attachRuntime, benchDataDir } from './support.ts';

const PARTS = ['episodes', 'browser', 'fanout', 'run', 'compile'] as const;
const { values } = parseArgs({
  options: {
    shots: { type: 'string', default: '10,100,300' },
    clients: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '100' },
    changes: { type: 'string', default: '30' },
    'run-shots': { type: 'string', default: '100' },
    'run-timeout': { type: 'string', default: '1800' },
    clips: { type: 'string', default: '10,50,100' },
    skip: { type: 'string', default: '' },
  },
});
const numbers = (text: string) => text.split(',').filter(Boolean).map(Number);
const sizes = numbers(values.shots).sort((a, b) => a - b);
const skip = new Set(values.skip.split(',').filter(Boolean));
for (const part of skip) if (!PARTS.includes(part as (typeof PARTS)[number])) throw new Error(`--skip takes ${PARTS.join(', ')}; not "${part}"`);
const CLIENTS = Number(values.clients);
const ROUNDS = Number(values.rounds);
const CHANGES = Number(values.changes);
const RUN_SHOTS = Number(values['run-shots']);
const log = (line: string) => console.log(`  ${line}`);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

const loadAtStart = load();
console.log(`Scale benchmark; load average at start ${loadAtStart}`);

/** A `dailies serve` on a data folder of its own, its services in this process, and a signed-up owner. */
async function serve(name: string, args: string[]) {
  const dataDir = await benchDataDir(name);
  let server: ServerProcess | undefined;
  let runtime: Runtime | undefined;
  try {
    server = await startServer({ DAILIES_DATA_DIR: dataDir }, args);
    runtime = await attachRuntime(dataDir);
    const owner = await signedUpClient(server.base, 'bench@example.com');
    const token = (await owner.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'bench' })).body.token;
    const live: Live = { pid: server.child.pid!, base: server.base, port: Number(new URL(server.base).port), dataDir, token };
    const stop = async () => {
      await runtime?.close();
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
    return { live, runtime, owner, stop };
  } catch (error) {
    await runtime?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

const episodes: EpisodeFigures[] = [];
let fanOut: FanOutFigures | undefined;
let run: RunFigures | undefined;
let compile: CompileOutcome | undefined;

const failures: string[] = [];
/** Runs one part; a part that fails is reported and the others still run. */
async function part(name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    failures.push(name);
    console.log(`  ${name} failed: ${(error as Error).stack ?? String(error)}`);
  }
}

if (!skip.has('episodes') || !skip.has('fanout')) {
  console.log('Starting dailies serve (no job worker) on an embedded Postgres…');
  const { live, runtime, owner, stop } = await serve('scale', ['--no-worker']);
  try {
    let template: VideoSegment | undefined;
    const prepared = new Map<number, { episodeId: string; decisions: Decisions }>();
    const prepare = async (shots: number) => {
      const found = prepared.get(shots);
      if (found) return found;
      const episodeId = await createEpisodeOf(owner, shots, `Scale ${shots}`);
      template ??= await templateTake(runtime, episodeId);
      await giveEveryShotATake(runtime, episodeId, template);
      const episode = { episodeId, decisions: new Decisions(owner, await takesBySlot(runtime, episodeId)) };
      prepared.set(shots, episode);
      return episode;
    };
    if (!skip.has('episodes')) {
      console.log(`1. Episodes of ${sizes.join(', ')} shots, every shot with a take; ${CHANGES} changes each (load ${load()})`);
      let browser: Browser | undefined;
      try {
        if (!skip.has('browser')) browser = await chromium.launch(launchOptions());
        for (const shots of sizes) {
          await part(`episode of ${shots} shots`, async () => {
            const { episodeId, decisions } = await prepare(shots);
            const figures = await episodeFigures({ live, owner, episodeId, decisions, changes: CHANGES, browser, log });
            episodes.push(figures);
            log(episodeLine(figures));
          });
        }
      } finally {
        await browser?.close();
      }
    }
    if (!skip.has('fanout')) {
      const shots = Math.max(...sizes);
      console.log(`2. ${CLIENTS} clients on the ${shots}-shot episode, ${ROUNDS} decisions (load ${load()})`);
      await part('fan-out', async () => {
        const { episodeId, decisions } = await prepare(shots);
        fanOut = await fanOutFigures({ live, episodeId, decisions, clients: CLIENTS, rounds: ROUNDS, log });
        log(fanOutLine(fanOut));
      });
    }
  } finally {
    await stop();
  }
}

if (!skip.has('run')) {
  console.log(`3. A parallel generation run of ${RUN_SHOTS} shots (built-in provider; load ${load()}); starting dailies serve with its job worker…`);
  await part('generation run', async () => {
    const { runtime, owner, stop } = await serve('scale-run', []);
    try {
      const episodeId = await createEpisodeOf(owner, RUN_SHOTS, `Run ${RUN_SHOTS}`);
      run = await runFigures({ runtime, owner, episodeId, shots: RUN_SHOTS, timeoutMs: Number(values['run-timeout']) * 1000, log });
    } finally {
      await stop();
    }
  });
}

if (!skip.has('compile')) {
  console.log(`4. Compile figures for ${values.clips} clips (load ${load()})`);
  await part('compile figures', async () => {
    compile = await compileFigures(numbers(values.clips), log);
  });
}

printReport({ episodes, fanOut, run, compile, loadAtStart, loadAtEnd: load() });
if (failures.length > 0) {
  console.log(`Parts that failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}
