/**
 * What the final compile costs, on 5-second 720p animatic segments joined with 0.5-second
 * dissolves (a film of N clips cycles through ten rendered segments, each clip under its own
 * file name, so every clip is a different file to the compile's caches):
 *   - naive vs smart, 10 clips: naiveCompile (naive-compile.ts) decodes and re-encodes the whole
 *     film in one filtergraph; smartCompile with an empty cache renders every transition window
 *     and the whole sound;
 *   - for each clip count: a cold compile (empty cache), the compile after two clips traded
 *     places (the cache holds the first compile's pieces), and a compile with nothing changed.
 * For each it reports wall time, child-process CPU (ffmpeg and ffprobe), Node's own CPU and peak
 * memory (ffmpeg processes and Node at the same moment; see process-sampler.ts), and prints the
 * targets ok/MISS: cold compile ≥ 5× less child CPU than naive, cold compile < 5 s wall for 10
 * clips, swap recompile of 100 clips < 3 s child CPU, 100-clip peak < 300 MB. CPU is what to
 * compare: unlike wall time it hardly changes when other work shares the machine.
 *
 * `compileFigures` returns the same figures as a plain object for other benchmarks.
 * Segments are rendered and normalized once into a cache under the OS temp folder and reused by
 * later runs (delete dailies-bench-compile/ there to start over).
 *
 *   node bench/compile.bench.ts [clip counts, default 10,50,100]
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAnimatic } from '../server/media/animatic.ts';
import { clipVideoEncodeArgs, normalizeClip } from '../server/media/normalize.ts';
import { smartCompile, type SmartCompileClip, type SmartCompileResult } from '../server/media/smart-compile.ts';
import { directoryTransitionCache } from '../server/media/transitions.ts';
import { naiveCompile } from './naive-compile.ts';
import { measureWork, type WorkCost } from './process-sampler.ts';
import { BENCH_FORMAT, benchRequest } from './requests.ts';

const SEGMENTS = 10;
const SEGMENT_SECONDS = 5;
const DISSOLVE_SECONDS = 0.5;
const FORMAT = BENCH_FORMAT;
const TARGETS = { naiveRatio: 5, coldWallSeconds10: 5, swapCpuSeconds100: 3, peakMb100: 300 } as const;

/** What one compile did besides its cost: pieces rendered and reused. */
type CompileWork = Pick<SmartCompileResult, 'windowsRendered' | 'windowsReused' | 'soundtrackReused' | 'audio'>;

export interface CompileRunFigures extends WorkCost {
  work: CompileWork;
}

export interface CompileFigures {
  cores: number;
  loadAverage: number[];
  byClipCount: { clips: number; cold: CompileRunFigures; swap: CompileRunFigures; unchanged: CompileRunFigures }[];
  /** Present when 10 is among the clip counts. */
  naive10?: WorkCost & { cpuRatio: number };
  targets: { name: string; ok: boolean; value: string }[];
}

async function prepareSegments(cacheDir: string, log: (line: string) => void): Promise<string[]> {
  const encodingTag = createHash('sha256').update(JSON.stringify(clipVideoEncodeArgs(FORMAT.fps))).digest('hex').slice(0, 12);
  await mkdir(cacheDir, { recursive: true });
  // Named after the clip encoding, so a change to normalization renders the segments again.
  const paths = Array.from({ length: SEGMENTS }, (_, i) => join(cacheDir, `segment-${i}.normalized-${encodingTag}.mp4`));
  const missing = paths.flatMap((path, i) => (existsSync(path) ? [] : [i]));
  if (missing.length > 0) {
    log(`Rendering and normalizing ${missing.length} segments into ${cacheDir} (once)…`);
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

/** `count` clips cycling through the segments, each a link of its own (a file of its own to the caches). */
async function filmOf(count: number, segments: string[], dir: string): Promise<SmartCompileClip[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const path = join(dir, `clip-${i}.mp4`);
      await symlink(segments[i % segments.length]!, path);
      return { path, durationSeconds: SEGMENT_SECONDS, chapterTitle: `Shot ${i + 1}` };
    }),
  );
}

function workOf(result: SmartCompileResult): CompileWork {
  const { windowsRendered, windowsReused, soundtrackReused, audio } = result;
  return { windowsRendered, windowsReused, soundtrackReused, audio };
}

/** Measures compiles of each clip count (and naive vs smart for 10 clips); see the header. */
export async function compileFigures(options: { clipCounts: number[]; log?: (line: string) => void }): Promise<CompileFigures> {
  const log = options.log ?? (() => {});
  const segments = await prepareSegments(join(tmpdir(), 'dailies-bench-compile'), log);
  const runDir = await mkdtemp(join(tmpdir(), 'dailies-bench-compile-run-'));
  const figures: CompileFigures = { cores: cpus().length, loadAverage: [], byClipCount: [], targets: [] };
  try {
    for (const count of options.clipCounts) {
      const dir = join(runDir, `film-${count}`);
      const clips = await filmOf(count, segments, join(dir, 'clips'));
      const transitionCache = directoryTransitionCache(join(dir, 'cache'));
      const compile = async (name: string, order: SmartCompileClip[]) => {
        const { result, cost } = await measureWork(() =>
          smartCompile({ clips: order, transition: 'dissolve', transitionDurationSeconds: DISSOLVE_SECONDS, outputPath: join(dir, `${name}.mp4`), workDir: dir, ...FORMAT, transitionCache }),
        );
        await rm(join(dir, `${name}.mp4`), { force: true });
        const run = { ...cost, work: workOf(result) };
        log(`  ${String(count).padStart(3)} clips ${name.padEnd(9)} ${describeRun(run)}`);
        return run;
      };
      const cold = await compile('cold', clips);
      // Two clips of different segments, far apart, trade places.
      const swapped = [...clips];
      const [a, b] = count >= 6 ? [2, count - 3] : [0, count - 1];
      [swapped[a], swapped[b]] = [swapped[b]!, swapped[a]!];
      const swap = await compile('swap', swapped);
      const unchanged = await compile('unchanged', swapped);
      figures.byClipCount.push({ clips: count, cold, swap, unchanged });

      if (count === 10) {
        const naivePath = join(runDir, 'naive.mp4');
        const { cost } = await measureWork(() => naiveCompile({ clips, dissolveSeconds: DISSOLVE_SECONDS, outputPath: naivePath }));
        await rm(naivePath, { force: true });
        figures.naive10 = { ...cost, cpuRatio: cost.childCpuSeconds / Math.max(0.01, cold.childCpuSeconds) };
        log(`   10 clips naive     ${describeCost(cost)}`);
      }
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
  figures.loadAverage = loadavg();
  figures.targets = targetsOf(figures);
  return figures;
}

function targetsOf(figures: CompileFigures): CompileFigures['targets'] {
  const targets: CompileFigures['targets'] = [];
  const of = (clips: number) => figures.byClipCount.find((entry) => entry.clips === clips);
  if (figures.naive10) {
    const ratio = figures.naive10.cpuRatio;
    targets.push({ name: `cold compile ≥ ${TARGETS.naiveRatio}× less child CPU than naive (10 clips)`, ok: ratio >= TARGETS.naiveRatio, value: `${ratio.toFixed(1)}×` });
  }
  const ten = of(10);
  if (ten) targets.push({ name: `cold compile < ${TARGETS.coldWallSeconds10} s wall (10 clips)`, ok: ten.cold.wallSeconds < TARGETS.coldWallSeconds10, value: `${ten.cold.wallSeconds.toFixed(2)} s` });
  const hundred = of(100);
  if (hundred) {
    const swap = hundred.swap.childCpuSeconds;
    targets.push({ name: `swap recompile < ${TARGETS.swapCpuSeconds100} s child CPU (100 clips)`, ok: swap < TARGETS.swapCpuSeconds100, value: `${swap.toFixed(2)} s` });
    const runs = [hundred.cold, hundred.swap, hundred.unchanged];
    const peak = Math.max(...runs.map((run) => run.peakTotalMb));
    const pss = Math.max(...runs.map((run) => run.peakTotalPssMb));
    targets.push({ name: `peak memory < ${TARGETS.peakMb100} MB, ffmpeg and Node together, RSS (100 clips)`, ok: peak < TARGETS.peakMb100, value: `${peak.toFixed(0)} MB` });
    targets.push({ name: `peak memory < ${TARGETS.peakMb100} MB, ffmpeg and Node together, PSS (100 clips)`, ok: pss < TARGETS.peakMb100, value: `${pss.toFixed(0)} MB` });
    const ffmpeg = Math.max(...runs.map((run) => run.peakFfmpegMb));
    targets.push({ name: `peak memory < ${TARGETS.peakMb100} MB, ffmpeg processes alone, RSS (100 clips)`, ok: ffmpeg < TARGETS.peakMb100, value: `${ffmpeg.toFixed(0)} MB` });
  }
  return targets;
}

function describeCost(cost: WorkCost): string {
  return [
    `wall ${cost.wallSeconds.toFixed(2).padStart(7)} s`,
    `child CPU ${cost.childCpuSeconds.toFixed(2).padStart(7)} s`,
    `Node CPU ${cost.nodeCpuSeconds.toFixed(2).padStart(6)} s`,
    `peak ${cost.peakTotalMb.toFixed(0).padStart(4)} MB RSS / ${cost.peakTotalPssMb.toFixed(0).padStart(4)} MB PSS (ffmpeg ${cost.peakFfmpegMb.toFixed(0)} MB, largest ${cost.peakProcessMb.toFixed(0)} MB, Node at start ${cost.nodeRssAtStartMb.toFixed(0)} MB)`,
    `${cost.ffmpegProcessesSeen} ffmpeg runs`,
  ].join('  ');
}

function describeRun(run: CompileRunFigures): string {
  const { work } = run;
  const sound = work.soundtrackReused
    ? 'sound reused'
    : `clips' sound ${work.audio.clipsDecoded} decoded/${work.audio.clipsReused} reused, joins ${work.audio.joinsRendered}/${work.audio.joinsReused}, AAC chunks ${work.audio.chunksEncoded}/${work.audio.chunksReused}`;
  return `${describeCost(run)}  windows ${work.windowsRendered} rendered/${work.windowsReused} reused, ${sound}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const counts = process.argv[2] ? process.argv[2].split(',').map(Number) : [10, 50, 100];
  console.log(`Final compile: N × ${SEGMENT_SECONDS} s ${FORMAT.width}x${FORMAT.height}@${FORMAT.fps}, dissolve ${DISSOLVE_SECONDS} s, ${cpus().length} cores`);
  const figures = await compileFigures({ clipCounts: counts, log: (line) => console.log(line) });
  for (const target of figures.targets) console.log(`  [${target.ok ? 'ok  ' : 'MISS'}] ${target.name}: ${target.value}`);
  console.log(`  load average after the run: ${figures.loadAverage.map((v) => v.toFixed(2)).join(' ')} (other work on this machine slows wall times, not CPU)`);
}
