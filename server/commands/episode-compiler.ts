/**
 * Compiles the approved segments of a compilation job into the episode's final video, by smart
 * rendering (only transition windows are re-encoded; see media/smart-compile.ts), with chapters
 * named after scenes and shots, optional background music and loudness normalization. The output
 * is written under a temporary name and renamed; a failure leaves the previous output.
 */
import { compileActivity } from './activity.ts';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  claimCompilation,
  completeCompilation,
  failCompilation,
  setCompilationProgress,
} from '../db/queries/compilation.queries.ts';
import { findAsset } from '../db/queries/asset.queries.ts';
import { findEpisode, transitionEpisode } from '../db/queries/episode.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { findSegment } from '../db/queries/segment.queries.ts';
import { webVttText } from '../media/dialogue-timing.ts';
import { renderMusicBed } from '../media/music-bed.ts';
import { probeMedia } from '../media/probe.ts';
import { smartCompile } from '../media/smart-compile.ts';
import { mediaUrl } from '../storage/storage.ts';
import type { TransitionStyle } from './compilation-starter.ts';
import { joinsFrom } from './compile-joins.ts';
import { compileSourceFor, transitionCacheFor } from './media-cache.ts';
import { publicMessage } from './public-message.ts';
import type { Services } from './services.ts';
import { compilationData, linkTo, recordWebhookEvent } from './webhook-events.ts';

export type CompileOutcome = 'completed' | 'skipped' | 'failed';

export interface Attempt {
  number: number;
  max: number;
  signal?: AbortSignal;
}

/** Progress reaches the database (and every open page) at most twice a second per compile. */
const PROGRESS_INTERVAL_MS = 500;

/** The storage key of an episode's final video (`<data>/out/<episode-id>.mp4` on local storage). */
export const episodeOutputKey = (episodeId: string) => `out/${episodeId}.mp4`;

/** The storage key of the final video's captions: its dialogue track as WebVTT, written with every compile. */
export const episodeCaptionsKey = (episodeId: string) => `out/${episodeId}.vtt`;

export async function compileEpisode(services: Services, compilationJobId: string, attempt: Attempt): Promise<CompileOutcome> {
  const { db, storage } = services;
  const job = await claimCompilation(db, compilationJobId);
  if (!job) return 'skipped';
  await mkdir(services.scratchDir, { recursive: true });
  const workDir = await mkdtemp(join(services.scratchDir, `compile-${job.id}-`));
  try {
    const episode = await findEpisode(db, job.episode_id);
    if (!episode) throw new Error('The episode was deleted.');
    const plan = await findPlanRows(db, job.episode_id);
    const clips = [];
    for (const id of job.segment_ids) {
      const segment = await findSegment(db, id);
      if (!segment?.storage_key || segment.duration === null || segment.purged_at) {
        throw new Error(`Segment ${id} has no stored video to compile.`);
      }
      const shot = plan.shots.find((row) => row.id === segment.shot_id);
      const scene = shot && plan.scenes.find((row) => row.id === shot.scene_id);
      clips.push({
        path: await compileSourceFor(services, segment.storage_key),
        durationSeconds: segment.duration,
        chapterTitle: scene && shot ? `Scene ${scene.scene_number} · Shot ${shot.number_in_scene} — ${scene.heading}` : `Segment ${segment.segment_number}`,
      });
    }
    const audio = job.audio_config as { background_music?: boolean; music_asset_id?: string; volume_normalization?: boolean; target_lufs?: number };
    let music: { path: string } | undefined;
    const asset = audio.music_asset_id ? await findAsset(db, audio.music_asset_id) : undefined;
    if (audio.music_asset_id && !asset) throw new Error('The chosen music was deleted.');
    if (asset) {
      music = { path: await compileSourceFor(services, asset.storage_key) };
    } else if (audio.background_music) {
      const total = clips.reduce((sum, clip) => sum + clip.durationSeconds, 0);
      music = { path: join(workDir, 'music.wav') };
      await renderMusicBed(music.path, total, { seed: episode.seed, ...(attempt.signal ? { signal: attempt.signal } : {}) });
    }
    let lastWrite = 0;
    const output = join(workDir, 'episode.mp4');
    const result = await smartCompile({
      clips,
      transition: job.transition_style as TransitionStyle,
      transitionDurationSeconds: job.transition_duration,
      // Shots with their own transition in (from the screenplay, or set by hand) keep it, as recorded when the compile started.
      joins: joinsFrom(job.shot_transitions, clips.length, job.transition_duration),
      outputPath: output,
      workDir,
      width: episode.width,
      height: episode.height,
      fps: episode.fps,
      ...(music ? { music } : {}),
      // Compiles stored before loudness was on by default say nothing: they are normalized too.
      ...(audio.volume_normalization !== false ? { loudness: { targetLufs: audio.target_lufs ?? -16, truePeakDb: -1 } } : {}),
      // Windows between unchanged neighbours are reused by the next compile.
      transitionCache: transitionCacheFor(services),
      ...(attempt.signal ? { signal: attempt.signal } : {}),
      onProgress: (fraction) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
        lastWrite = now;
        void setCompilationProgress(db, job.id, Math.min(99, fraction * 100)).catch(() => {});
      },
    });
    const info = await probeMedia(output);
    const key = episodeOutputKey(job.episode_id);
    const stored = await storage.putFile(key, output, { move: true });
    // Written even when no one speaks (a WebVTT file without cues), so captions always match the video.
    const captions = join(workDir, 'captions.vtt');
    await writeFile(captions, webVttText(result.captions));
    await storage.putFile(episodeCaptionsKey(job.episode_id), captions, { move: true });
    await db.transaction().execute(async (trx) => {
      await completeCompilation(trx, job.id, {
        output_video_url: mediaUrl(key),
        output_storage_key: key,
        output_duration: Number(info.durationSeconds.toFixed(3)),
        output_file_size: stored.size,
        segments_included: clips.length,
        chapters: result.chapters.map((chapter, index) => ({
          title: chapter.title,
          segment_id: job.segment_ids[index] ?? '',
          start: Number(chapter.startSeconds.toFixed(3)),
          end: Number(chapter.endSeconds.toFixed(3)),
        })),
      });
      await transitionEpisode(trx, job.episode_id, 'completed', ['compiling']);
      await recordWebhookEvent(services, trx, {
        episodeId: job.episode_id,
        kind: 'compile.completed',
        data: compilationData(services, job, {
          status: 'completed',
          duration: Number(info.durationSeconds.toFixed(3)),
          segments_included: clips.length,
          video_url: linkTo(services, mediaUrl(key)),
        }),
      });
      await compileActivity(services, trx, job.episode_id, job.id, { ok: true, duration: Number(info.durationSeconds.toFixed(3)) });
    });
    return 'completed';
  } catch (error) {
    // A stopping worker's job runs again later; other failures retry until the last attempt.
    if (attempt.signal?.aborted || attempt.number < attempt.max) throw error;
    const message = publicMessage(services, `Compile failed: ${(error as Error).message}`);
    services.log.warn(`Compilation ${job.id}: ${message}`);
    await db.transaction().execute(async (trx) => {
      await failCompilation(trx, job.id, message);
      await transitionEpisode(trx, job.episode_id, 'reviewing', ['compiling']);
      await recordWebhookEvent(services, trx, { episodeId: job.episode_id, kind: 'compile.failed', data: compilationData(services, job, { status: 'failed', error: message }) });
      await compileActivity(services, trx, job.episode_id, job.id, { ok: false, error: message });
    });
    return 'failed';
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
