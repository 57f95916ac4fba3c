/**
 * Ingest, for every provider's output: probe it (refusing unreadable or wrong-type files with a
 * clear error on the segment), normalize it to the episode's format (the form compiles can
 * stream-copy), make its poster and hover-scrub sprite, measure its quality and its consistency
 * with earlier approved takes of the same characters and place, then complete the segment, hold
 * it to the episode's quality gate (quality-gate.ts: a take below it is made again before anyone
 * reviews it), put it up for review (and approve it when its run auto-approves) and let the run
 * move on.
 */
import { takeReadyActivity } from './activity.ts';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { completeGeneration, failGeneration, findSegment, listApprovedTakes } from '../db/queries/segment.queries.ts';
import { findShot } from '../db/queries/shot.queries.ts';
import { extractCaptions } from '../media/captions.ts';
import { measureConsistency } from '../media/consistency.ts';
import { normalizeClip } from '../media/normalize.ts';
import { extractPoster } from '../media/poster.ts';
import { measureQuality } from '../media/quality.ts';
import { makeSpriteSheet } from '../media/sprite.ts';
import { localFileFor, mediaUrl } from '../storage/storage.ts';
import { refreshEpisodeStatus } from './episode-status.ts';
import { advanceRun } from './generation-runs.ts';
import { holdToQualityGate } from './quality-gate.ts';
import { recordApproval } from './review-records.ts';
import { isDecidable } from './candidate-state.ts';
import { noticeVoteReady } from './take-choices.ts';
import { publicMessage } from './public-message.ts';
import { SYSTEM_ACTOR, type Services } from './services.ts';
import { recordWebhookEvent, takeData } from './webhook-events.ts';

export type AnalyzeOutcome = 'completed' | 'skipped' | 'failed';

/** How many approved takes a new one is compared with. */
const REFERENCES = 3;

/** Media errors that mean the provider's file is bad, not that our machine had trouble. */
const BAD_INPUT = new Set(['MediaInputError', 'MediaProbeError']);

async function freshWorkDir(services: Services, segmentId: string): Promise<string> {
  await mkdir(services.scratchDir, { recursive: true });
  for (const entry of await readdir(services.scratchDir)) {
    if (entry.startsWith(`analyze-${segmentId}-`)) await rm(join(services.scratchDir, entry), { recursive: true, force: true });
  }
  return mkdtemp(join(services.scratchDir, `analyze-${segmentId}-`));
}

/**
 * Like Promise.all, but waits for every promise to finish before rejecting with the first
 * failure, so that no ffmpeg is still writing into the work folder when it is removed.
 */
async function allFinished<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

export async function analyzeSegment(
  services: Services,
  input: { segmentId: string; autoApprove: boolean },
  context: { signal?: AbortSignal } = {},
): Promise<AnalyzeOutcome> {
  const { db, storage } = services;
  const segment = await findSegment(db, input.segmentId);
  if (!segment || segment.status !== 'generating' || !segment.source_key) return 'skipped';
  const episode = await findEpisode(db, segment.episode_id);
  if (!episode) return 'skipped';
  const workDir = await freshWorkDir(services, segment.id);
  const source = await localFileFor(storage, segment.source_key, workDir);
  const signal = context.signal ? { signal: context.signal } : {};
  try {
    const normalized = join(workDir, 'video.mp4');
    const info = await normalizeClip(source, normalized, { width: episode.width, height: episode.height, fps: episode.fps, ...signal });
    const poster = join(workDir, 'poster.jpg');
    const sprite = join(workDir, 'sprite.jpg');
    const captions = join(workDir, 'captions.vtt');
    const { duration: expected, camera } = segment.generation_params as { duration?: number; camera?: string };
    // Each reads the normalized file only: side by side, the take is reviewable sooner.
    const [, spriteInfo, quality, consistency, hasCaptions] = await allFinished([
      extractPoster(normalized, poster, Math.min(1, info.durationSeconds / 2)),
      makeSpriteSheet(normalized, sprite, { columns: 10, tileWidth: 160 }),
      measureQuality(normalized, {
        ...(expected ? { expectedDurationSeconds: expected } : {}),
        audioExpected: providerMakesSound(services, segment.provider),
        // A locked-off shot is meant to hold still: its freezes are not a fault.
        motionExpected: camera !== 'static',
        ...signal,
      }),
      referencesFor(services, segment.episode_id, segment.shot_id, segment.id, workDir).then((references) => measureConsistency(normalized, references, signal)),
      // The dialogue track as WebVTT, beside the take, for the review player's captions.
      extractCaptions(normalized, captions, signal),
    ]);

    const base = `segments/${segment.episode_id}/${segment.id}`;
    const keys = { video: `${base}/video.mp4`, poster: `${base}/poster.jpg`, sprite: `${base}/sprite.jpg` };
    const stored = await storage.putFile(keys.video, normalized, { move: true });
    await storage.putFile(keys.poster, poster, { move: true });
    await storage.putFile(keys.sprite, sprite, { move: true });
    if (hasCaptions) await storage.putFile(captionsKey(segment), captions, { move: true });
    const outcome = await withEpisodeLock(services.db, segment.episode_id, async (trx) => {
      const completed = await completeGeneration(trx, segment.id, {
        storage_key: keys.video,
        thumbnail_key: keys.poster,
        sprite_key: keys.sprite,
        sprite_info: JSON.stringify({ ...spriteInfo, url: mediaUrl(keys.sprite) }),
        video_url: mediaUrl(keys.video),
        thumbnail_url: mediaUrl(keys.poster),
        duration: Number(info.durationSeconds.toFixed(3)),
        file_size: stored.size,
        resolution: `${info.video?.width}x${info.video?.height}`,
        format: 'mp4',
        quality_metrics: JSON.stringify({ ...quality, consistency }),
        quality_score: quality.score,
        consistency_score: consistency.score,
        source_key: null,
      });
      if (!completed) return 'skipped' as const;
      // Below the episode's quality gate, the take is put aside and another made: nobody is asked to review it.
      const reviewable = await holdToQualityGate(services, trx, completed, { autoApprove: input.autoApprove });
      if (reviewable) {
        await recordWebhookEvent(services, trx, { episodeId: reviewable.episode_id, kind: 'take.ready', data: takeData(services, reviewable) });
        await takeReadyActivity(services, trx, reviewable);
        await noticeVoteReady(services, trx, reviewable);
        // One of several takes to choose from waits for the vote, never approved by itself.
        if (input.autoApprove && isDecidable(reviewable)) await recordApproval(services, trx, reviewable, SYSTEM_ACTOR, {});
      }
      await refreshEpisodeStatus(trx, segment.episode_id);
      await advanceRun(services, trx, segment.episode_id);
      return 'completed' as const;
    });
    // The provider's own file stays where the render left it (originalKey), for download beside
    // the normalized take; retention and replacement remove both.
    if (segment.source_key !== originalKey(segment)) await storage.delete(segment.source_key);
    return outcome;
  } catch (error) {
    if (context.signal?.aborted || !BAD_INPUT.has((error as Error).name)) throw error;
    const message = publicMessage(services, `The provider's file cannot be used: ${(error as Error).message}`);
    services.log.warn(`Segment ${segment.id}: ${message}`);
    await withEpisodeLock(services.db, segment.episode_id, async (trx) => {
      const failed = await failGeneration(trx, segment.id, 'invalid_output', message);
      if (failed) await noticeVoteReady(services, trx, failed);
      await refreshEpisodeStatus(trx, segment.episode_id);
      await advanceRun(services, trx, segment.episode_id);
    });
    return 'failed';
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Where the provider's own file of a take is kept, as it came before normalizing. */
export function originalKey(segment: { episode_id: string; id: string }): string {
  return `segments/${segment.episode_id}/${segment.id}/source.mp4`;
}

/** Where a take's captions (WebVTT of its dialogue track) are stored, when it has any. */
export function captionsKey(segment: { episode_id: string; id: string }): string {
  return `segments/${segment.episode_id}/${segment.id}/captions.vtt`;
}

/** Whether the provider that made a take promises sound (unknown providers are not held to it). */
function providerMakesSound(services: Services, providerId: string): boolean {
  try {
    return services.providers.video(providerId).makesSound === true;
  } catch {
    return false;
  }
}

/** The latest approved takes that share a character or the scene with this shot. */
async function referencesFor(services: Services, episodeId: string, shotId: string, segmentId: string, workDir: string): Promise<string[]> {
  const shot = await findShot(services.db, shotId);
  if (!shot) return [];
  const cast = new Set(shot.character_keys);
  const takes = await listApprovedTakes(services.db, episodeId);
  const chosen = takes
    .filter((take) => take.id !== segmentId && (take.scene_id === shot.scene_id || take.character_keys.some((key) => cast.has(key))))
    .slice(0, REFERENCES);
  return Promise.all(chosen.map((take) => localFileFor(services.storage, take.storage_key!, workDir)));
}
