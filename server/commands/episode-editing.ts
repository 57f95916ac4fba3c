/**
 * Editing a planned episode: the compile order of its slots, and a shot's fields before the shot
 * is generated.
 */
import type { z } from 'zod';
import type { patchShotBody } from '../../src/lib/api/segments.schema.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { listCurrentSegments } from '../db/queries/segment.queries.ts';
import { findShot, setShotPosition, updateShot } from '../db/queries/shot.queries.ts';
import type { Shot } from '../db/schema.ts';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import { conflict, notFound, validationError } from '../errors.ts';
import type { Actor, Services } from './services.ts';
import { schedulePrerender } from './transition-prerender.ts';

/** Sets the compile order: `order` lists every slot's segment number exactly once. */
export async function setEpisodeOrder(services: Services, episodeId: string, order: number[], actor: Actor): Promise<number[]> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const { shots } = await findPlanRows(trx, episodeId);
    const numbers = shots.map((shot) => shot.shot_number).sort((a, b) => a - b);
    const given = [...order].sort((a, b) => a - b);
    if (given.length !== numbers.length || given.some((n, i) => n !== numbers[i])) {
      throw validationError('The order must list every segment number of the episode exactly once.', {
        expected: numbers,
        missing: numbers.filter((n) => !order.includes(n)),
        unknown_or_repeated: order.filter((n, i) => !numbers.includes(n) || order.indexOf(n) !== i),
      });
    }
    for (const [index, number] of order.entries()) {
      await setShotPosition(trx, episodeId, number, index + 1);
    }
    await auditEpisodeAction(trx, actor, episodeId, 'episode.reordered', { order });
    // New neighbours: their transitions can be rendered before anyone compiles.
    await schedulePrerender(services, trx, episodeId);
    return order;
  });
}

export type ShotPatch = z.infer<typeof patchShotBody>;

/**
 * Changes a shot before generation; once its slot has a take, changes go through regenerate. Its
 * transition in can change at any time: it is not part of the take.
 */
export async function patchShot(services: Services, shotId: string, patch: ShotPatch, actor: Actor): Promise<Shot> {
  const shot = await findShot(services.db, shotId);
  if (!shot) throw notFound('Shot', shotId);
  return withEpisodeLock(services.db, shot.episode_id, async (trx) => {
    const segment = (await listCurrentSegments(trx, shot.episode_id)).find((s) => s.shot_id === shotId);
    // The transition in only changes how the compile joins the takes, so it can change at any time.
    const changesTake = Object.keys(patch).some((field) => field !== 'transition_in');
    if (changesTake && segment && (segment.version > 1 || segment.status !== 'pending' || segment.queued_at !== null)) {
      throw conflict('This shot has been generated; change it through a regeneration instead.', {
        segment_id: segment.id,
        status: segment.status,
        version: segment.version,
      });
    }
    if (patch.characters || patch.dialogue) {
      const { characters } = await findPlanRows(trx, shot.episode_id);
      const keys = new Set(characters.map((c) => c.key));
      const unknown = [...(patch.characters ?? []), ...(patch.dialogue ?? []).map((line) => line.character)].filter((key) => !keys.has(key));
      if (unknown.length > 0) throw validationError('Some characters are not in this episode.', { unknown: [...new Set(unknown)], known: [...keys] });
    }
    const updated = await updateShot(trx, shotId, {
      ...(patch.prompt !== undefined && { prompt: patch.prompt }),
      ...(patch.style !== undefined && { style: patch.style }),
      ...(patch.duration !== undefined && { duration: patch.duration }),
      ...(patch.camera !== undefined && { camera: patch.camera }),
      ...(patch.camera_note !== undefined && { camera_note: patch.camera_note }),
      ...(patch.characters !== undefined && { character_keys: patch.characters }),
      ...(patch.dialogue !== undefined && { dialogue: patch.dialogue }),
      ...(patch.transition_in !== undefined && {
        transition_in: patch.transition_in?.style ?? null,
        transition_in_duration: patch.transition_in?.duration_seconds ?? null,
      }),
    });
    await auditEpisodeAction(trx, actor, shot.episode_id, 'shot.edited', { shot_id: shotId, fields: Object.keys(patch) });
    // A new transition is a new window to render before the compile asks for it.
    if (patch.transition_in !== undefined) await schedulePrerender(services, trx, shot.episode_id);
    return updated;
  });
}
