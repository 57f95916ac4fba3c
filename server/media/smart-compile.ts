/**
 * The final compile by smart rendering. Clips that went through normalizeClip share one encoding
 * (same x264 headers, a keyframe every second, no B-frames), so most of every clip can be copied
 * into the output untouched. Only a short window around each transition is decoded and re-encoded
 * (xfade), windows render in parallel and can be cached between compiles, the soundtrack is
 * built from cached pieces (each clip's decoded sound, each crossfade, AAC chunks; see
 * soundtrack.ts) with ducked music and two-pass loudness over the whole, and one last ffmpeg
 * run joins the video pieces with the concat demuxer (stream copy), encodes the audio and writes
 * chapters. Compared with decoding and re-encoding everything (compile.ts), the work grows with
 * the number of transitions rather than with the length of the film.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AAC_PRIMING_SAMPLES } from './aac-chunks.ts';
import { validateLoudnessTarget } from './audio-mix.ts';
import { readCaptionCues } from './captions.ts';
import { ffmetadataText, type ChapterMark } from './chapters.ts';
import { cutCues, cutTimeline, type CutPlacement } from './cut-timeline.ts';
import { subRipText, type DialogueCue } from './dialogue-timing.ts';
import { MediaInputError } from './errors.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { seconds } from './filtergraph.ts';
import { gopFrames, videoTimescale } from './normalize.ts';
import { readMp4Index } from './mp4-index.ts';
import { probeMedia } from './probe.ts';
import { checkClips, checkMusic, probeClips, resolveJoins, resolveLoudness, validate } from './smart-compile-checks.ts';
import { pieceFrames, planPieces, plannedFrameCount, type CompilePiece } from './smart-compile-plan.ts';
import { renderWindows, windowCacheKey, type WindowPiece } from './smart-compile-windows.ts';
import { renderSoundtrack, type SoundtrackStats } from './soundtrack.ts';
import { SAMPLE_RATE } from './soundtrack-pieces.ts';
import { writeAtomically } from './temp-output.ts';
import { cacheKey, fileIdentity, type JoinTransition, type SmartTransition, type TransitionCache } from './transitions.ts';

export type { JoinTransition, SmartTransition, TransitionCache } from './transitions.ts';
export { prerenderTransitions } from './smart-compile-windows.ts';

/** One clip of the compile: a file made by normalizeClip, how much of it to use, its chapter name. */
export interface SmartCompileClip {
  path: string;
  /** Seconds used from the start of the clip (rounded to whole frames). */
  durationSeconds: number;
  chapterTitle: string;
}

export interface SmartCompileOptions {
  /** In playing order; all normalized to `width`×`height` at `fps`. */
  clips: SmartCompileClip[];
  /** The transition of every join that `joins` does not set. */
  transition: SmartTransition;
  /** Length of each such transition (rounded to whole frames); ignored for cuts. */
  transitionDurationSeconds: number;
  /**
   * Joins with their own transition (join i between clip i and clip i + 1; at most clips − 1
   * entries): a screenplay's CUT TO or DISSOLVE TO between two shots. Missing or undefined
   * entries use `transition`.
   */
  joins?: readonly (JoinTransition | undefined)[];
  outputPath: string;
  /** Scratch folder; the compile uses a private subfolder and removes it afterwards. */
  workDir: string;
  fps: number;
  width: number;
  height: number;
  /** Background music under the clips' sound, ducked while they speak; `volumeDb` defaults to -12. */
  music?: { path: string; volumeDb?: number };
  /** EBU R128 loudness normalization of the final sound (defaults -16 LUFS, -1 dBTP). */
  loudness?: { targetLufs?: number; truePeakDb?: number };
  signal?: AbortSignal;
  /** 0..1, never decreasing, 1 once at the end. */
  onProgress?: (fraction: number) => void;
  /**
   * Pieces rendered by earlier compiles, and where to keep new ones: transition windows, and the
   * encoded soundtrack (reused only when clips, durations, transition length, music and loudness
   * are all the same).
   */
  transitionCache?: TransitionCache;
}

export interface SmartCompileResult {
  durationSeconds: number;
  frames: number;
  chapters: ChapterMark[];
  /** The cut's dialogue, as its caption track carries it (seconds on the output timeline). */
  captions: DialogueCue[];
  /** Transition windows rendered by this compile, and those taken from the cache. */
  windowsRendered: number;
  windowsReused: number;
  /** True when the encoded soundtrack came from the cache (same clips, music and loudness). */
  soundtrackReused: boolean;
  /** What the sound cost: clips' audio decoded or reused, joins rendered or reused, AAC chunks encoded or reused. */
  audio: SoundtrackStats;
}

const DEFAULT_MUSIC_VOLUME_DB = -12;
/** Bumped whenever soundtrack rendering changes, so stale cached soundtracks are never reused. */
const SOUNDTRACK_FORMAT_VERSION = 4;
/**
 * One ffmpeg at a time. Each window run and the sound are single-threaded, so two at once would
 * halve a cold compile's wall time, but each ffmpeg holds some 90 MB (its libraries, decoders and
 * encoder), and a 100-clip compile must stay under 300 MB with Node's share; the runs are short.
 */
const RENDER_CONCURRENCY = 1;
/**
 * Windows rendered by one ffmpeg run at most: enough to spread the cost of starting ffmpeg (about
 * 0.15 s of CPU, half of what a short window costs), few enough that the decoders a run keeps
 * until it ends (some 20 MB per window) stay within the memory budget.
 */
const WINDOWS_PER_RUN = 4;

/** The windows to render in runs of at most WINDOWS_PER_RUN, as even as possible. */
function windowBatches<T>(windows: readonly T[]): T[][] {
  if (windows.length === 0) return [];
  const runs = Math.ceil(windows.length / WINDOWS_PER_RUN);
  const size = Math.ceil(windows.length / runs);
  const batches: T[][] = [];
  for (let start = 0; start < windows.length; start += size) batches.push(windows.slice(start, start + size));
  return batches;
}

/**
 * Compiles `clips` into `outputPath` (MP4: H.264 copied from the clips + AAC, chapters, index up
 * front). The output lasts the sum of the clip durations minus each join's transition (none for
 * cuts) and has exactly that many frames. Nothing appears under `outputPath` unless the whole
 * compile succeeds; an earlier file there stays as it was on failure. Rejects with
 * `MediaInputError` for bad options, unreadable or mismatched clips, unusable music, or a clip
 * that turns out truncated; `FfmpegError` when ffmpeg fails; an `AbortError` when `signal` aborts.
 */
export async function smartCompile(options: SmartCompileOptions): Promise<SmartCompileResult> {
  const { clips, fps } = options;
  const joins = resolveJoins(options);
  const overlaps = joins.map((join) => join.frames);
  const clipFrames = clips.map((clip) => Math.round(clip.durationSeconds * fps));
  const loudness = options.loudness ? resolveLoudness(options.loudness) : undefined;
  validate(options, clipFrames, joins);
  if (loudness) validateLoudnessTarget(loudness);

  const progress = monotonicProgress(options.onProgress);
  const gop = gopFrames(fps);
  const { infos, keyframes } = await probeClips(options, Math.max(0, ...overlaps), gop);
  checkClips(options, infos, clipFrames);
  const musicVolumeDb = options.music?.volumeDb ?? DEFAULT_MUSIC_VOLUME_DB;
  if (options.music) await checkMusic(options.music.path, options.signal);
  if (!Number.isFinite(musicVolumeDb)) throw new MediaInputError(`Music volume ${musicVolumeDb} dB is not a number of decibels.`);
  progress(0.03);

  const plan = { clipFrames, transitionFrames: overlaps, keyframes };
  const pieces = planPieces(plan);
  const totalFrames = plannedFrameCount(plan);
  if (pieces.reduce((sum, piece) => sum + pieceFrames(piece), 0) !== totalFrames) {
    throw new Error('Internal error: the compile plan does not add up to the expected frame count.');
  }
  const totalSeconds = totalFrames / fps;

  const dir = await mkdtemp(join(resolve(options.workDir), 'smart-compile-'));
  // Linked to the caller's signal, and aborted on the first failure so sibling renders stop early.
  const inner = new AbortController();
  const forwardAbort = () => inner.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    const identities = await Promise.all(clips.map((clip) => fileIdentity(clip.path)));
    const windowPaths = new Map<CompilePiece, string>();
    const tasks: { weight: number; run: (onProgress: (fraction: number) => void) => Promise<void> }[] = [];
    // Pieces are offered to the cache only once the whole compile has checked out, so a piece
    // made from a clip that turns out truncated is never kept.
    const toCache: [key: string, path: string][] = [];
    let windowsReused = 0;
    const missing: { piece: WindowPiece; key: string; path: string }[] = [];
    for (const piece of pieces) {
      if (piece.kind !== 'window') continue;
      const key = windowCacheKey(piece, identities, joins, { fps, width: options.width, height: options.height });
      const cached = await options.transitionCache?.get(key);
      if (cached) {
        windowPaths.set(piece, resolve(cached));
        windowsReused++;
        continue;
      }
      const path = join(dir, `window-${missing.length}.mp4`);
      windowPaths.set(piece, path);
      missing.push({ piece, key, path });
    }
    const windowIndex = missing.length;
    for (const batch of windowBatches(missing)) {
      tasks.push({
        weight: batch.reduce((sum, window) => sum + window.piece.frames, 0),
        run: async (onProgress) => {
          const batchPieces = batch.map((window) => window.piece);
          await renderWindows(batchPieces, batch.map((window) => window.path), { clips, joins, fps, signal: inner.signal, onProgress });
          for (const window of batch) toCache.push([window.key, window.path]);
        },
      });
    }

    // The sound goes first so that it overlaps the window renders rather than following them.
    const soundtrackKey = cacheKey({
      version: SOUNDTRACK_FORMAT_VERSION,
      kind: 'soundtrack',
      clips: clips.map((_, index) => ({ file: identities[index], frames: clipFrames[index] })),
      overlapFrames: overlaps,
      fps,
      music: options.music ? { file: await fileIdentity(options.music.path), volumeDb: musicVolumeDb } : null,
      loudness: loudness ?? null,
    });
    let soundtrack = await options.transitionCache?.get(soundtrackKey);
    const soundtrackReused = soundtrack !== undefined;
    let audio: SoundtrackStats = { clipsDecoded: 0, clipsReused: 0, joinsRendered: 0, joinsReused: 0, chunksEncoded: 0, chunksReused: 0 };
    if (soundtrack) {
      soundtrack = resolve(soundtrack);
    } else {
      soundtrack = join(dir, 'soundtrack.adts');
      const encoded = soundtrack;
      tasks.unshift({
        // Decoding, mixing and AAC encoding cost a fraction of encoding the same length of video.
        weight: Math.max(1, totalFrames / 8),
        run: async (onProgress) => {
          audio = await renderSoundtrack(encoded, {
            clips: clips.map((clip, index) => ({
              path: clip.path,
              identity: identities[index]!,
              samples: Math.round(((clipFrames[index] ?? 0) / fps) * SAMPLE_RATE),
              hasAudio: Boolean(infos[index]?.audio),
            })),
            // The sound crossfades exactly where, and as long as, the picture's transitions.
            overlapSamples: overlaps.map((frames) => Math.round((frames / fps) * SAMPLE_RATE)),
            totalSeconds,
            ...(options.music ? { music: { path: options.music.path, volumeDb: musicVolumeDb } } : {}),
            ...(loudness ? { loudness } : {}),
            dir,
            cache: options.transitionCache,
            toCache,
            signal: inner.signal,
            onProgress,
          });
          toCache.push([soundtrackKey, encoded]);
        },
      });
    }

    await runAll(tasks, RENDER_CONCURRENCY, inner, (fraction) => progress(0.03 + 0.77 * fraction));

    progress(0.85);

    const timeline = cutTimeline(clipFrames, overlaps, fps);
    const chapters = chapterMarks(clips, timeline);
    const listPath = join(dir, 'video.ffconcat');
    const metadataPath = join(dir, 'chapters.txt');
    await writeFile(listPath, concatList(pieces, clips, windowPaths, fps));
    await writeFile(metadataPath, ffmetadataText(chapters));
    // The clips' caption tracks, moved to where each clip plays in the cut, as one track.
    const clipCues = await Promise.all(clips.map((clip, index) => readCaptionCues(clip.path, join(dir, `captions-${index}.vtt`), { signal: inner.signal })));
    const captions = cutCues(clipCues, timeline);
    const captionsPath = join(dir, 'captions.srt');
    if (captions.length > 0) await writeFile(captionsPath, subRipText(captions));

    await writeAtomically(options.outputPath, async (tempPath) => {
      await runFfmpeg(
        [
          '-f', 'concat', '-safe', '0', '-i', listPath,
          // The AAC stream starts with the encoder's priming, which the edit list written for this offset skips.
          '-itsoffset', seconds(-AAC_PRIMING_SAMPLES / SAMPLE_RATE), '-f', 'aac', '-i', soundtrack,
          '-f', 'ffmetadata', '-i', metadataPath,
          ...(captions.length > 0 ? ['-f', 'srt', '-i', captionsPath] : []),
          '-map', '0:v:0', '-map', '1:a:0',
          ...(captions.length > 0 ? ['-map', '3:s:0'] : []),
          '-map_metadata', '2', '-map_chapters', '2',
          '-c', 'copy',
          ...(captions.length > 0 ? ['-c:s', 'mov_text', '-metadata:s:s:0', 'handler_name=Dialogue'] : []),
          '-video_track_timescale', String(videoTimescale(fps)),
          '-movflags', '+faststart',
          '-f', 'mp4', tempPath,
        ],
        { signal: inner.signal, expectedDurationSeconds: totalSeconds, onProgress: (fraction) => progress(0.85 + 0.14 * fraction), purpose: 'mux' },
      );
      await checkOutput(tempPath, totalFrames, inner.signal);
    });
    for (const [key, path] of toCache) await options.transitionCache?.put(key, path);
    progress(1);
    return {
      durationSeconds: totalSeconds,
      frames: totalFrames,
      chapters,
      captions,
      windowsRendered: windowIndex,
      windowsReused,
      soundtrackReused,
      audio,
    };
  } catch (error) {
    inner.abort();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', forwardAbort);
    await rm(dir, { recursive: true, force: true });
  }
}


/** Runs `tasks` at most `concurrency` at a time; the first failure aborts the rest and is rethrown. */
async function runAll(
  tasks: { weight: number; run: (onProgress: (fraction: number) => void) => Promise<void> }[],
  concurrency: number,
  controller: AbortController,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const totalWeight = tasks.reduce((sum, task) => sum + task.weight, 0) || 1;
  const done = new Array<number>(tasks.length).fill(0);
  const report = () => onProgress(tasks.reduce((sum, task, index) => sum + task.weight * (done[index] ?? 0), 0) / totalWeight);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < tasks.length && !failure) {
      const index = next++;
      try {
        await tasks[index]!.run((fraction) => {
          done[index] = fraction;
          report();
        });
        done[index] = 1;
        report();
      } catch (error) {
        // Siblings killed by the abort below fail too; only the first, real cause is reported.
        if (!failure) {
          failure = { error };
          controller.abort();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  if (failure) throw failure.error;
}

/** Chapter i is take i's span in the cut: from the start of its transition in to the start of its transition out (a cut is both at once). */
function chapterMarks(clips: SmartCompileClip[], timeline: CutPlacement[]): ChapterMark[] {
  return clips.map((clip, index) => ({ title: clip.chapterTitle, startSeconds: timeline[index]!.startSeconds, endSeconds: timeline[index]!.endSeconds }));
}

/** Quotes a path for an ffconcat `file` line (single quotes; a quote becomes '\''). */
function quoteConcatPath(path: string): string {
  return `'${path.replace(/'/g, "'\\''")}'`;
}

/**
 * Per-file options of the concat list. The demuxer probes every file it opens by decoding its
 * first frames, which for a long film cost more than copying it; every piece here is H.264 whose
 * parameters its MP4 header already gives, so the probing is cut to the minimum (same output).
 */
const QUICK_OPEN = ['option analyzeduration 1', 'option probesize 32', 'option fpsprobesize 0'];
/**
 * A window file holds video only, so the first packet the probe reads is an IDR frame, which it
 * decodes to learn the pixel format: about 10 ms of CPU per window, most of a 100-clip mux. With no
 * decoder allowed the probe skips that (nothing is decoded in a stream copy anyway) and the output
 * is byte for byte the same. ffmpeg says so on stderr once per window; runFfmpeg drops those lines.
 */
const NO_DECODE = [...QUICK_OPEN, 'option codec_whitelist none'];

/**
 * The concat demuxer's list. Only the video track (MP4 track id 1) is declared, so the clips'
 * audio packets can never end a stretch early. In points sit on keyframes and are rounded up to
 * the microsecond (the seek lands on that keyframe, not the one before); out points are rounded
 * down (the frame at the out point is excluded, the one before it kept).
 */
function concatList(pieces: CompilePiece[], clips: SmartCompileClip[], windows: Map<CompilePiece, string>, fps: number): string {
  const lines = ['ffconcat version 1.0', 'stream', 'exact_stream_id 1'];
  for (const piece of pieces) {
    if (piece.kind === 'window') {
      lines.push(`file ${quoteConcatPath(windows.get(piece)!)}`, ...NO_DECODE);
      continue;
    }
    lines.push(`file ${quoteConcatPath(resolve(clips[piece.clip]!.path))}`, ...QUICK_OPEN);
    lines.push(`inpoint ${microseconds(piece.fromFrame / fps, Math.ceil)}`);
    lines.push(`outpoint ${microseconds(piece.toFrame / fps, Math.floor)}`);
  }
  return `${lines.join('\n')}\n`;
}

function microseconds(value: number, round: (x: number) => number): string {
  // The epsilon keeps exact values (4.0) from being pushed a microsecond off by float noise.
  const micros = round(value * 1_000_000 + (round === Math.ceil ? -1e-6 : 1e-6));
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** The joined file must have every planned frame: a shortfall means a clip ended early. */
async function checkOutput(path: string, expectedFrames: number, signal: AbortSignal): Promise<void> {
  const info = (await readMp4Index(path))?.info ?? (await probeMedia(path, { signal }));
  const frames = info.video?.frames ?? 0;
  if (Math.abs(frames - expectedFrames) > 1 || !info.audio) {
    throw new MediaInputError(
      `The compiled video has ${frames} frames instead of ${expectedFrames}${info.audio ? '' : ' and no sound'}: a clip is truncated or was changed during the compile. Normalize the clips again.`,
    );
  }
}

/** Wraps a progress callback so it never goes backwards and ignores repeats. */
function monotonicProgress(onProgress: ((fraction: number) => void) | undefined): (fraction: number) => void {
  let last = 0;
  return (fraction) => {
    const value = Math.min(1, Math.max(last, fraction));
    if (value === last && value !== 1) return;
    if (value === 1 && last === 1) return;
    last = value;
    onProgress?.(value);
  };
}
