/**
 * How long the final compile takes: ten 5-second 720p animatic segments joined with nine 0.5-second
 * dissolves, three ways in one run:
 *   - naive: naiveCompile (naive-compile.ts) decodes and re-encodes the whole film in one filtergraph;
 *   - smart, cold: smartCompile with an empty transition cache (renders the nine windows);
 *   - smart, warm (windows): smartCompile again with the nine windows cached, sound rendered again
 *     (what a compile after a changed music or loudness setting costs);
 *   - smart, warm: smartCompile with the windows and the encoded soundtrack cached (only joins).
 * Prints wall time, the naive/smart ratio and the peak memory of the ffmpeg processes against the
 * targets (cold ≥ 5× faster than naive and < 5 s, warm < 1 s, peak memory < 400 MB).
 *
 * Memory: a sampler polls /proc every 10 ms for ffmpeg processes whose parent is this process and
 * reads their VmHWM (the kernel's own peak resident set of each process, so a peak between two
 * samples is not missed as long as the process is seen once while alive) and VmRSS. It reports the
 * largest single-process VmHWM and the largest sum of VmRSS over ffmpeg processes running at the
 * same moment. ffprobe and Node itself are not counted. "ffmpeg CPU" is user + system time of those
 * processes as last sampled (a lower bound: up to 10 ms per process can fall after the last
 * sample); unlike wall time it hardly changes when other work shares the machine. A process that lives less than one
 * sampling interval can be missed; only tiny runs (ffprobe-like) are that short.
 *
 * Segments are rendered and normalized once into a cache under the OS temp folder and reused by
 * later runs (delete dailies-bench-compile/ there to start over).
 *
 *   node bench/compile.bench.ts
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { renderAnimatic } from '../server/media/animatic.ts';
import { clipVideoEncodeArgs, normalizeClip } from '../server/media/normalize.ts';
import { smartCompile } from '../server/media/smart-compile.ts';
import { directoryTransitionCache, type TransitionCache } from '../server/media/transitions.ts';
import { naiveCompile } from './naive-compile.ts';
import { BENCH_FORMAT, benchRequest } from './requests.ts';

const SEGMENTS = 10;
const SEGMENT_SECONDS = 5;
const DISSOLVE_SECONDS = 0.5;
const FORMAT = BENCH_FORMAT;


/** Peak memory of this process's ffmpeg children, sampled from /proc (see the header). */
class FfmpegMemorySampler {
  #timer: ReturnType<typeof setInterval> | undefined;
  #notChildren = new Set<string>();
  #children = new Set<string>();
  /** CPU seconds (user + system) last seen per ffmpeg process. */
  #cpu = new Map<string, number>();
  peakProcessKb = 0;
  peakConcurrentKb = 0;
  processesSeen = 0;

  start(): void {
    this.#timer = setInterval(() => this.#sample(), 10);
  }

  stop(): { peakProcessMb: number; peakConcurrentMb: number; processesSeen: number; cpuSeconds: number } {
    if (this.#timer) clearInterval(this.#timer);
    this.#sample();
    const cpuSeconds = [...this.#cpu.values()].reduce((sum, value) => sum + value, 0);
    return { peakProcessMb: this.peakProcessKb / 1024, peakConcurrentMb: this.peakConcurrentKb / 1024, processesSeen: this.processesSeen, cpuSeconds };
  }

  #sample(): void {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || this.#notChildren.has(entry) || this.#children.has(entry)) continue;
      const stat = readOrEmpty(`/proc/${entry}/stat`);
      // Fields after the command name (which may hold spaces) start at the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (parent === process.pid && command === 'ffmpeg') {
        this.#children.add(entry);
        this.processesSeen++;
      } else if (stat) {
        this.#notChildren.add(entry);
      }
    }
    let concurrent = 0;
    for (const pid of this.#children) {
      const status = readOrEmpty(`/proc/${pid}/status`);
      if (!status) {
        this.#children.delete(pid);
        continue;
      }
      const stat = readOrEmpty(`/proc/${pid}/stat`);
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (Number.isFinite(ticks)) this.#cpu.set(pid, ticks / 100);
      const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      this.peakProcessKb = Math.max(this.peakProcessKb, hwm);
      concurrent += rss;
    }
    this.peakConcurrentKb = Math.max(this.peakConcurrentKb, concurrent);
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function measure<T>(
  work: () => Promise<T>,
): Promise<{ seconds: number; result: T; peakProcessMb: number; peakConcurrentMb: number; processesSeen: number; cpuSeconds: number }> {
  const sampler = new FfmpegMemorySampler();
  sampler.start();
  const start = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - start) / 1000;
    return { seconds, result, ...sampler.stop() };
  } catch (error) {
    sampler.stop();
    throw error;
  }
}

async function decodedFrames(path: string): Promise<number> {
  const { stdout } = await promisify(execFile)('ffprobe', ['-v', 'error', '-count_packets', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', path]);
  return Number(stdout.trim());
}

async function prepareSegments(cacheDir: string): Promise<string[]> {
  const encodingTag = createHash('sha256').update(JSON.stringify(clipVideoEncodeArgs(FORMAT.fps))).digest('hex').slice(0, 12);
  await mkdir(cacheDir, { recursive: true });
  const paths: string[] = [];
  const missing: number[] = [];
  for (let i = 0; i < SEGMENTS; i++) {
    // Named after the clip encoding, so a change to normalization renders the segments again.
    const normalized = join(cacheDir, `segment-${i}.normalized-${encodingTag}.mp4`);
    paths.push(normalized);
    if (!existsSync(normalized)) missing.push(i);
  }
  if (missing.length > 0) {
    console.log(`Rendering and normalizing ${missing.length} segments into ${cacheDir} (once)…`);
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const i = missing[next++]!;
        const raw = join(cacheDir, `segment-${i}.raw.mp4`);
        if (!existsSync(raw)) await renderAnimatic(benchRequest(i, SEGMENT_SECONDS), raw, { workDir: cacheDir });
        await normalizeClip(raw, paths[i]!, FORMAT);
      }
    };
    await Promise.all([worker(), worker()]);
  }
  return paths;
}

const cacheDir = join(tmpdir(), 'dailies-bench-compile');
const segments = await prepareSegments(cacheDir);
const runDir = await mkdtemp(join(tmpdir(), 'dailies-bench-compile-run-'));
try {
  const clips = segments.map((path, i) => ({ path, durationSeconds: SEGMENT_SECONDS, chapterTitle: `Shot ${i + 1}` }));
  const expectedFrames = (SEGMENTS * SEGMENT_SECONDS - (SEGMENTS - 1) * DISSOLVE_SECONDS) * FORMAT.fps;
  const transitionCache = directoryTransitionCache(join(runDir, 'transitions'));
  // The same cache, blind to soundtracks: the compile finds its windows but renders the sound again.
  const soundtrackKeys = new Set<string>();
  const windowsOnly: TransitionCache = {
    get: (key) => (soundtrackKeys.has(key) ? Promise.resolve(undefined) : transitionCache.get(key)),
    put: (key, path) => {
      if (basename(path).startsWith('soundtrack')) soundtrackKeys.add(key);
      return transitionCache.put(key, path);
    },
  };
  const smart = (outputPath: string, cache: TransitionCache) =>
    smartCompile({ clips, transition: 'dissolve', transitionDurationSeconds: DISSOLVE_SECONDS, outputPath, workDir: runDir, ...FORMAT, transitionCache: cache });

  const naivePath = join(runDir, 'naive.mp4');
  const naive = await measure(() => naiveCompile({ clips, dissolveSeconds: DISSOLVE_SECONDS, outputPath: naivePath }));
  const coldPath = join(runDir, 'smart-cold.mp4');
  const cold = await measure(() => smart(coldPath, windowsOnly));
  const windowsPath = join(runDir, 'smart-warm-windows.mp4');
  const warmWindows = await measure(() => smart(windowsPath, windowsOnly));
  const warmPath = join(runDir, 'smart-warm.mp4');
  await smart(join(runDir, 'smart-fill-sound.mp4'), transitionCache);
  const warm = await measure(() => smart(warmPath, transitionCache));

  const frames = await Promise.all([naivePath, coldPath, windowsPath, warmPath].map(decodedFrames));
  const pass = (ok: boolean) => (ok ? 'ok ' : 'MISS ');
  const mb = (value: number) => `${value.toFixed(0)} MB`;
  console.log(`Final compile: ${SEGMENTS} × ${SEGMENT_SECONDS} s ${FORMAT.width}x${FORMAT.height}@${FORMAT.fps}, dissolve ${DISSOLVE_SECONDS} s × ${SEGMENTS - 1}, ${cpus().length} cores`);
  console.log(`  expected frames: ${expectedFrames}; decoded: naive ${frames[0]}, cold ${frames[1]}, warm (windows) ${frames[2]}, warm ${frames[3]}`);
  console.log('  run                  wall      ffmpeg CPU   peak ffmpeg (one process)   peak ffmpeg (all at once)   ffmpeg runs');
  for (const [name, m] of [['naive', naive], ['smart cold', cold], ['smart warm (windows)', warmWindows], ['smart warm', warm]] as const) {
    console.log(`  ${name.padEnd(20)} ${m.seconds.toFixed(2).padStart(6)} s   ${m.cpuSeconds.toFixed(2).padStart(6)} s   ${mb(m.peakProcessMb).padStart(10)}                  ${mb(m.peakConcurrentMb).padStart(10)}               ${m.processesSeen}`);
  }
  const ratio = naive.seconds / cold.seconds;
  const peak = Math.max(cold.peakConcurrentMb, warmWindows.peakConcurrentMb, warm.peakConcurrentMb);
  console.log(`  naive/smart cold: ${ratio.toFixed(1)}x  [${pass(ratio >= 5)}target ≥ 5x]`);
  console.log(`  naive/smart warm: ${(naive.seconds / warm.seconds).toFixed(1)}x`);
  console.log(`  smart cold ${cold.seconds.toFixed(2)} s [${pass(cold.seconds < 5)}target < 5 s]; smart warm ${warm.seconds.toFixed(2)} s [${pass(warm.seconds < 1)}target < 1 s]`);
  console.log(`  smart warm with only the windows cached (sound rendered): ${warmWindows.seconds.toFixed(2)} s`);
  console.log(`  smart peak ffmpeg memory (all at once) ${mb(peak)} [${pass(peak < 400)}target < 400 MB]; naive ${mb(naive.peakConcurrentMb)}`);
  console.log(
    `  windows: cold rendered ${cold.result.windowsRendered}; warm reused ${warm.result.windowsReused} and the soundtrack ${warm.result.soundtrackReused ? 'reused' : 'rendered'}`,
  );
  console.log(`  load average during the run: ${loadavg().map((v) => v.toFixed(2)).join(' ')} (other work on this machine slows every row)`);
} finally {
  await rm(runDir, { recursive: true, force: true });
}
