/**
 * The re-encoded pieces of a smart compile: one window per transition (or per run of transitions
 * that meet inside a short clip), its cache key, how it is rendered, and rendering them ahead of
 * the compile as soon as two neighbouring takes are approved.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { mapWithConcurrency } from './concurrency.ts';
import { MediaInputError } from './errors.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { chain, filter, seconds } from './filtergraph.ts';
import { gopFrames, videoTimescale, windowVideoEncodeArgs } from './normalize.ts';
import { checkClips, probeClips, resolveJoins, validate, type CompileShape } from './smart-compile-checks.ts';
import { planPieces, type CompilePiece } from './smart-compile-plan.ts';
import type { SmartCompileClip } from './smart-compile.ts';
import { cacheKey, fileIdentity, xfadeEffect, type ResolvedJoin, type SmartTransition, type TransitionCache } from './transitions.ts';

/** Bumped whenever window rendering changes, so stale cached windows are never reused. */
const WINDOW_FORMAT_VERSION = 4;

export type WindowPiece = Extract<CompilePiece, { kind: 'window' }>;

/** The joins inside a window, in order: one between each pair of its ranges. */
function windowJoins(piece: WindowPiece, joins: readonly ResolvedJoin[]): ResolvedJoin[] {
  return piece.ranges.slice(0, -1).map((range) => joins[range.clip]!);
}

/** The cache key of a window: its clips' identities and frame ranges, its joins' transitions, and every render setting. */
export function windowCacheKey(piece: WindowPiece, identities: readonly string[], joins: readonly ResolvedJoin[], settings: { fps: number; width: number; height: number }): string {
  return cacheKey({
    version: WINDOW_FORMAT_VERSION,
    clips: piece.ranges.map((range) => ({ file: identities[range.clip], from: range.fromFrame, to: range.toFrame })),
    joins: windowJoins(piece, joins).map((join) => ({ transition: join.transition, frames: join.frames })),
    ...settings,
  });
}

export interface WindowRenderOptions {
  clips: SmartCompileClip[];
  /** Every join of the compile (join i between clip i and clip i + 1). */
  joins: readonly ResolvedJoin[];
  fps: number;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

/** The input arguments of a window's clip ranges. */
function windowInputs(piece: WindowPiece, options: WindowRenderOptions): string[] {
  const { fps } = options;
  return piece.ranges.flatMap((range) => {
    const clip = options.clips[range.clip]!;
    // Input seeking decodes from the keyframe before the start and drops frames up to it, so the
    // range starts on exactly its first frame.
    return ['-threads', '1', '-ss', seconds(range.fromFrame / fps), '-t', seconds((range.toFrame - range.fromFrame) / fps), '-i', resolve(clip.path)];
  });
}

/** A window's filtergraph, its inputs numbered from `first`, its labels prefixed with `name`, ending in [`name`]. */
function windowGraph(piece: WindowPiece, options: WindowRenderOptions, first: number, name: string): string[] {
  const joins = windowJoins(piece, options.joins);
  const at = { first, name };
  return joins.every((join) => join.transition === 'dissolve') ? dissolveGraph(piece, joins, options.fps, at) : xfadeGraph(piece, joins, options.fps, at);
}

/** Re-encodes one transition window: its clip ranges joined by their transitions, in the clips' own encoding. */
export async function renderWindow(piece: WindowPiece, path: string, options: WindowRenderOptions): Promise<void> {
  const { fps } = options;
  await runFfmpeg(
    [
      ...windowInputs(piece, options),
      '-filter_complex', windowGraph(piece, options, 0, 'v').join(';'),
      '-filter_complex_threads', '1',
      '-map', '[v]', '-an', '-frames:v', String(piece.frames),
      ...windowVideoEncodeArgs(fps),
      '-f', 'mp4', path,
    ],
    { signal: options.signal, onProgress: options.onProgress, expectedDurationSeconds: piece.frames / fps, purpose: 'window' },
  );
  // A window short of frames (a clip ending early) is caught by the frame count of the joined file.
}

/**
 * Re-encodes several windows in one ffmpeg run, which saves a process start (about 0.15 s of CPU,
 * most of what a short window costs) per window: the windows play one after another through one
 * encoder, an IDR frame at the start of each, and the segment muxer cuts the stream there into one
 * file per window at `paths`. Decoded, each window is what `renderWindow` makes; only the rate
 * control's history differs. The graph reads the windows' inputs in turn, so one run holds one
 * window's decoders at work at a time.
 */
export async function renderWindows(pieces: readonly WindowPiece[], paths: readonly string[], options: WindowRenderOptions): Promise<void> {
  if (pieces.length === 1) return renderWindow(pieces[0]!, paths[0]!, options);
  const { fps } = options;
  const inputs: string[] = [];
  const graph: string[] = [];
  let first = 0;
  pieces.forEach((piece, index) => {
    inputs.push(...windowInputs(piece, options));
    graph.push(...windowGraph(piece, options, first, `w${index}raw`));
    // Exactly the window's frames, so each window starts where the cut points say.
    graph.push(chain([`w${index}raw`], [filter('trim', { end_frame: piece.frames }), 'setpts=PTS-STARTPTS'], [`w${index}`]));
    first += piece.ranges.length;
  });
  graph.push(chain(pieces.map((_, index) => `w${index}`), [filter('concat', { n: pieces.length, v: 1, a: 0 })], ['v']));
  const starts = pieces.slice(0, -1).map((_, index) => pieces.slice(0, index + 1).reduce((sum, piece) => sum + piece.frames, 0));
  const total = pieces.reduce((sum, piece) => sum + piece.frames, 0);
  const pattern = join(dirname(paths[0]!), `windows-${randomUUID()}-%03d.mp4`);
  await runFfmpeg(
    [
      ...inputs,
      '-filter_complex', graph.join(';'),
      '-filter_complex_threads', '1',
      '-map', '[v]', '-an', '-frames:v', String(total),
      ...windowVideoEncodeArgs(fps, 'segment'),
      '-force_key_frames', `expr:${['eq(n,0)', ...starts.map((frame) => `eq(n,${frame})`)].join('+')}`,
      '-forced-idr', '1',
      '-f', 'segment', '-segment_frames', starts.join(','), '-reset_timestamps', '1',
      '-segment_format', 'mp4', '-segment_format_options', `video_track_timescale=${videoTimescale(fps)}`,
      pattern,
    ],
    { signal: options.signal, onProgress: options.onProgress, expectedDurationSeconds: total / fps, purpose: 'windows' },
  );
  const made = paths.map((_, index) => pattern.replace('%03d', String(index).padStart(3, '0')));
  const present = await Promise.all(made.map((path) => stat(path).then(() => true, () => false)));
  if (present.includes(false)) {
    // A clip that ends early leaves the run short of frames, so of its last windows.
    await Promise.all(made.map((path) => rm(path, { force: true })));
    throw new MediaInputError(`The transition windows came out ${present.filter((is) => !is).length} short: a clip is truncated or was changed during the compile. Normalize the clips again.`);
  }
  await Promise.all(paths.map((path, index) => rename(made[index]!, path)));
}

/** Frame offset in the window at which each range after the first starts fading in. */
function transitionOffsets(piece: WindowPiece, joins: readonly ResolvedJoin[]): number[] {
  const [first, ...rest] = piece.ranges;
  let elapsed = first ? first.toFrame - first.fromFrame : 0;
  return rest.map((range, join) => {
    const overlap = joins[join]!.frames;
    const offset = elapsed - overlap;
    elapsed += range.toFrame - range.fromFrame - overlap;
    return offset;
  });
}

/** The ranges chained through xfade, each join with its own effect and length. */
function xfadeGraph(piece: WindowPiece, joins: readonly ResolvedJoin[], fps: number, at: { first: number; name: string }): string[] {
  const graph = piece.ranges.map((_, index) => chain([`${at.first + index}:v:0`], ['setpts=PTS-STARTPTS'], [`${at.name}r${index}`]));
  const offsets = transitionOffsets(piece, joins);
  let label = `${at.name}r0`;
  offsets.forEach((offset, index) => {
    const next = index === offsets.length - 1 ? at.name : `${at.name}x${index + 1}`;
    const join = joins[index]!;
    // A window only holds the joins that overlap, never a cut.
    const effect = xfadeEffect(join.transition as Exclude<SmartTransition, 'cut'>);
    graph.push(chain([label, `${at.name}r${index + 1}`], [filter('xfade', { transition: effect, duration: seconds(join.frames / fps), offset: seconds(offset / fps) })], [next]));
    label = next;
  });
  return graph;
}

/**
 * A cross-dissolve built from alpha fades and overlays: the same picture as xfade's `fade`
 * (frame k of an n-frame dissolve shows k/n of the incoming clip) at about half the cost, which
 * matters because the dissolve is the transition most compiles use. The first range is held on
 * its last frame underneath (hidden by then), and each later range is laid over it from its offset,
 * its opacity rising from 0 to 1 across its join's transition.
 */
function dissolveGraph(piece: WindowPiece, joins: readonly ResolvedJoin[], fps: number, at: { first: number; name: string }): string[] {
  const offsets = transitionOffsets(piece, joins);
  const first = piece.ranges[0]!;
  const graph = [
    chain([`${at.first}:v:0`], ['setpts=PTS-STARTPTS', filter('tpad', { stop_mode: 'clone', stop: piece.frames - (first.toFrame - first.fromFrame) })], [`${at.name}base0`]),
  ];
  let label = `${at.name}base0`;
  offsets.forEach((offset, join) => {
    const index = join + 1;
    const start = seconds(offset / fps);
    graph.push(
      chain(
        [`${at.first + index}:v:0`],
        [`setpts=PTS-STARTPTS+${start}/TB`, 'format=yuva420p', filter('fade', { t: 'in', st: start, d: seconds(joins[join]!.frames / fps), alpha: 1 })],
        [`${at.name}r${index}`],
      ),
    );
    const next = join === offsets.length - 1 ? at.name : `${at.name}base${index}`;
    graph.push(chain([label, `${at.name}r${index}`], [filter('overlay', { format: 'yuv420', eof_action: 'pass' })], [next]));
    label = next;
  });
  return graph;
}

/** How many windows a pre-render runs at once: one, so it never crowds out generation. */
const PRERENDER_CONCURRENCY = 1;

/**
 * Renders into `transitionCache` every transition window a compile of `clips` (in this order,
 * with these transitions) would need and the cache lacks, so that the compile only joins. Returns
 * how many windows were rendered and how many were already there. Refuses the same bad input as
 * smartCompile (MediaInputError).
 */
export async function prerenderTransitions(
  options: CompileShape & { workDir: string; transitionCache: TransitionCache },
): Promise<{ rendered: number; reused: number }> {
  const { clips, fps } = options;
  if (clips.length < 2) return { rendered: 0, reused: 0 };
  const joins = resolveJoins(options);
  const clipFrames = clips.map((clip) => Math.round(clip.durationSeconds * fps));
  validate(options, clipFrames, joins);
  const overlaps = joins.map((join) => join.frames);
  if (overlaps.every((frames) => frames === 0)) return { rendered: 0, reused: 0 };
  const { infos, keyframes } = await probeClips(options, Math.max(...overlaps), gopFrames(fps));
  checkClips(options, infos, clipFrames);
  const identities = await Promise.all(clips.map((clip) => fileIdentity(clip.path)));
  const settings = { fps, width: options.width, height: options.height };
  const windows = planPieces({ clipFrames, transitionFrames: overlaps, keyframes }).filter((piece): piece is WindowPiece => piece.kind === 'window');
  const missing: { piece: WindowPiece; key: string }[] = [];
  for (const piece of windows) {
    const key = windowCacheKey(piece, identities, joins, settings);
    if (!(await options.transitionCache.get(key))) missing.push({ piece, key });
  }
  const dir = await mkdtemp(join(resolve(options.workDir), 'prerender-'));
  const signal = options.signal ?? new AbortController().signal;
  try {
    await mapWithConcurrency(missing, PRERENDER_CONCURRENCY, async ({ piece, key }, index) => {
      const path = join(dir, `window-${index}.mp4`);
      await renderWindow(piece, path, { clips, joins, fps, signal, onProgress: () => {} });
      await options.transitionCache.put(key, path);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { rendered: missing.length, reused: windows.length - missing.length };
}
