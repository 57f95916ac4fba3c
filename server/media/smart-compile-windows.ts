/**
 * The re-encoded pieces of a smart compile: one window per transition (or per run of transitions
 * that meet inside a short clip), its cache key, how it is rendered, and rendering them ahead of
 * the compile as soon as two neighbouring takes are approved.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { mapWithConcurrency } from './concurrency.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { chain, filter, seconds } from './filtergraph.ts';
import { gopFrames, windowVideoEncodeArgs } from './normalize.ts';
import { checkClips, probeClips, validate, type CompileShape } from './smart-compile-checks.ts';
import { planPieces, type CompilePiece } from './smart-compile-plan.ts';
import type { SmartCompileClip } from './smart-compile.ts';
import { cacheKey, fileIdentity, xfadeEffect, type SmartTransition, type TransitionCache } from './transitions.ts';

/** Bumped whenever window rendering changes, so stale cached windows are never reused. */
const WINDOW_FORMAT_VERSION = 2;

export type WindowPiece = Extract<CompilePiece, { kind: 'window' }>;

/** The cache key of a window: its clips' identities and frame ranges, and every render setting. */
export function windowCacheKey(
  piece: WindowPiece,
  identities: readonly string[],
  settings: { transition: SmartTransition; overlapFrames: number; fps: number; width: number; height: number },
): string {
  return cacheKey({
    version: WINDOW_FORMAT_VERSION,
    clips: piece.ranges.map((range) => ({ file: identities[range.clip], from: range.fromFrame, to: range.toFrame })),
    ...settings,
  });
}

export interface WindowRenderOptions {
  clips: SmartCompileClip[];
  transition: Exclude<SmartTransition, 'cut'>;
  overlapFrames: number;
  fps: number;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

/** Re-encodes one transition window: its clip ranges joined by the transition, in the clips' own encoding. */
export async function renderWindow(piece: WindowPiece, path: string, options: WindowRenderOptions): Promise<void> {
  const { fps } = options;
  const inputs: string[] = [];
  piece.ranges.forEach((range) => {
    const clip = options.clips[range.clip]!;
    // Input seeking decodes from the keyframe before the start and drops frames up to it, so the
    // range starts on exactly its first frame.
    inputs.push('-threads', '1', '-ss', seconds(range.fromFrame / fps), '-t', seconds((range.toFrame - range.fromFrame) / fps), '-i', resolve(clip.path));
  });
  const graph = options.transition === 'dissolve' ? dissolveGraph(piece, options) : xfadeGraph(piece, options);
  await runFfmpeg(
    [
      ...inputs,
      '-filter_complex', graph.join(';'),
      '-filter_complex_threads', '1',
      '-map', '[v]', '-an', '-frames:v', String(piece.frames),
      ...windowVideoEncodeArgs(fps),
      '-f', 'mp4', path,
    ],
    { signal: options.signal, onProgress: options.onProgress, expectedDurationSeconds: piece.frames / fps, purpose: 'window' },
  );
  // A window short of frames (a clip ending early) is caught by the frame count of the joined file.
}

/** Frame offset in the window at which each range after the first starts fading in. */
function transitionOffsets(piece: WindowPiece, overlapFrames: number): number[] {
  const [first, ...rest] = piece.ranges;
  let elapsed = first ? first.toFrame - first.fromFrame : 0;
  return rest.map((range) => {
    const offset = elapsed - overlapFrames;
    elapsed += range.toFrame - range.fromFrame - overlapFrames;
    return offset;
  });
}

/** The ranges chained through xfade, one transition per join. */
function xfadeGraph(piece: WindowPiece, options: WindowRenderOptions): string[] {
  const { fps, overlapFrames } = options;
  const graph = piece.ranges.map((_, index) => chain([`${index}:v:0`], ['setpts=PTS-STARTPTS'], [`r${index}`]));
  const offsets = transitionOffsets(piece, overlapFrames);
  let label = 'r0';
  offsets.forEach((offset, join) => {
    const next = join === offsets.length - 1 ? 'v' : `x${join + 1}`;
    const effect = xfadeEffect(options.transition);
    graph.push(chain([label, `r${join + 1}`], [filter('xfade', { transition: effect, duration: seconds(overlapFrames / fps), offset: seconds(offset / fps) })], [next]));
    label = next;
  });
  return graph;
}

/**
 * A cross-dissolve built from alpha fades and overlays: the same picture as xfade's `fade`
 * (frame k of an n-frame dissolve shows k/n of the incoming clip) at about half the cost, which
 * matters because the dissolve is the transition most compiles use. The first range is held on
 * its last frame underneath (hidden by then), and each later range is laid over it from its offset,
 * its opacity rising from 0 to 1 across the transition.
 */
function dissolveGraph(piece: WindowPiece, options: WindowRenderOptions): string[] {
  const { fps, overlapFrames } = options;
  const offsets = transitionOffsets(piece, overlapFrames);
  const first = piece.ranges[0]!;
  const graph = [
    chain(['0:v:0'], ['setpts=PTS-STARTPTS', filter('tpad', { stop_mode: 'clone', stop: piece.frames - (first.toFrame - first.fromFrame) })], ['base0']),
  ];
  let label = 'base0';
  offsets.forEach((offset, join) => {
    const index = join + 1;
    const start = seconds(offset / fps);
    graph.push(
      chain(
        [`${index}:v:0`],
        [`setpts=PTS-STARTPTS+${start}/TB`, 'format=yuva420p', filter('fade', { t: 'in', st: start, d: seconds(overlapFrames / fps), alpha: 1 })],
        [`r${index}`],
      ),
    );
    const next = join === offsets.length - 1 ? 'v' : `base${index}`;
    graph.push(chain([label, `r${index}`], [filter('overlay', { format: 'yuv420', eof_action: 'pass' })], [next]));
    label = next;
  });
  return graph;
}

/** How many windows a pre-render runs at once: one, so it never crowds out generation. */
const PRERENDER_CONCURRENCY = 1;

/**
 * Renders into `transitionCache` every transition window a compile of `clips` (in this order,
 * with this transition) would need and the cache lacks, so that the compile only joins. Returns
 * how many windows were rendered and how many were already there. Refuses the same bad input as
 * smartCompile (MediaInputError).
 */
export async function prerenderTransitions(
  options: CompileShape & { workDir: string; transitionCache: TransitionCache },
): Promise<{ rendered: number; reused: number }> {
  const { clips, fps, transition } = options;
  if (transition === 'cut' || clips.length < 2) return { rendered: 0, reused: 0 };
  const overlapFrames = Math.round(options.transitionDurationSeconds * fps);
  const clipFrames = clips.map((clip) => Math.round(clip.durationSeconds * fps));
  validate(options, clipFrames, overlapFrames);
  const { infos, keyframes } = await probeClips(options, overlapFrames, gopFrames(fps));
  checkClips(options, infos, clipFrames);
  const identities = await Promise.all(clips.map((clip) => fileIdentity(clip.path)));
  const settings = { transition, overlapFrames, fps, width: options.width, height: options.height };
  const windows = planPieces({ clipFrames, transitionFrames: overlapFrames, keyframes }).filter((piece): piece is WindowPiece => piece.kind === 'window');
  const missing: { piece: WindowPiece; key: string }[] = [];
  for (const piece of windows) {
    const key = windowCacheKey(piece, identities, settings);
    if (!(await options.transitionCache.get(key))) missing.push({ piece, key });
  }
  const dir = await mkdtemp(join(resolve(options.workDir), 'prerender-'));
  const signal = options.signal ?? new AbortController().signal;
  try {
    await mapWithConcurrency(missing, PRERENDER_CONCURRENCY, async ({ piece, key }, index) => {
      const path = join(dir, `window-${index}.mp4`);
      await renderWindow(piece, path, { clips, transition, overlapFrames, fps, signal, onProgress: () => {} });
      await options.transitionCache.put(key, path);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { rendered: missing.length, reused: windows.length - missing.length };
}
