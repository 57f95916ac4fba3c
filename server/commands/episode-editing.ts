/**
 * Editing a planned episode: the compile order of its slots, and a shot's fields before the shot
 * is generated.
 */
import type { z } from 'zod';
import type { patchShotBody } from '../../src/lib/api/segments.schema.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { listCurrentSegments } from '../db/queries/segment.queries.ts';
import { findShot, setShotPosition, type ShotChanges, updateShot } from '../db/queries/shot.queries.ts';
import type { Transaction } from 'kysely';
import type { DB, Shot } from '../db/schema.ts';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import { conflict, notFound, validationError } from '../errors.ts';
import type { Actor, Services } from './services.ts';
import { schedulePrerender } from './transition-prerender.ts';

/** Sets the compile order: `order` lists every slot's segment number exactly once. */
export async function setEpisodeOrder(services: Services, episodeId: string, order: number[], actor: Actor): Promise<number[]> {
  return withEpisodeLock(services.db, episodeId, (trx) => writeEpisodeOrder(services, trx, episodeId, order, actor));
}

/** Sets the compile order inside the caller's episode lock (a PUT of the order, or a batch move). */
export async function writeEpisodeOrder(services: Services, trx: Transaction<DB>, episodeId: string, order: number[], actor: Actor): Promise<number[]> {
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
}

export type ShotPatch = z.infer<typeof patchShotBody>;

/**
 * Changes a shot before generation; once its slot has a take, changes go through regenerate. Its
 * transition in can change at any time: it is not part of the take.
 */
export async function patchShot(services: Services, shotId: string, patch: ShotPatch, actor: Actor): Promise<Shot> {
  const shot = await findShot(services.db, shotId);
  if (!shot) throw notFound('Shot', shotId);
  return withEpisodeLock(services.db, shot.episode_id, (trx) =>
    changeShot(services, trx, shot, {
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
    }, actor, { fields: Object.keys(patch) }),
  );
}

/** Columns that only change how the compile joins takes, not what a take is made with. */
const JOIN_ONLY: ReadonlySet<string> = new Set(['transition_in', 'transition_in_duration']);

/**
 * The one write path of a shot's changes, inside the caller's episode lock (a PATCH changes one
 * shot, a template many in one transaction): refuses a change to what the take is made with once
 * the shot has been generated, checks the characters, writes, and records who did it.
 */
export async function changeShot(
  services: Services,
  trx: Transaction<DB>,
  shot: Shot,
  changes: ShotChanges,
  actor: Actor,
  audit: { fields: string[]; template?: { id: string; name: string; version: number } },
): Promise<Shot> {
  const segment = (await listCurrentSegments(trx, shot.episode_id)).find((s) => s.shot_id === shot.id);
  const changesTake = Object.keys(changes).some((field) => !JOIN_ONLY.has(field));
  if (changesTake && segment && (segment.version > 1 || segment.status !== 'pending' || segment.queued_at !== null)) {
    throw conflict('This shot has been generated; change it through a regeneration instead.', {
      shot_id: shot.id,
      segment_id: segment.id,
      status: segment.status,
      version: segment.version,
    });
  }
  if (changes.character_keys || changes.dialogue) {
    const { characters } = await findPlanRows(trx, shot.episode_id);
    const keys = new Set(characters.map((c) => c.key));
    const unknown = [...(changes.character_keys ?? []), ...(changes.dialogue ?? []).map((line) => line.character)].filter((key) => !keys.has(key));
    if (unknown.length > 0) throw validationError('Some characters are not in this episode.', { unknown: [...new Set(unknown)], known: [...keys] });
  }
  const updated = await updateShot(trx, shot.id, changes);
  await auditEpisodeAction(trx, actor, shot.episode_id, 'shot.edited', { shot_id: shot.id, ...audit });
  // A new transition is a new window to render before the compile asks for it.
  if (changes.transition_in !== undefined || changes.transition_in_duration !== undefined) await schedulePrerender(services, trx, shot.episode_id);
  return updated;
}
