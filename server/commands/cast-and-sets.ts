/**
 * Editing the cast and the sets of a planned episode at any time: a character's name and looks, a
 * scene's heading and set. A change to looks or a set marks the takes made from the old ones stale
 * (continuity.ts); the answer says which.
 */
import type { z } from 'zod';
import type { patchCharacterBody, patchSceneBody, StaleAfterEditDto as StaleAfterEdit } from '../../src/lib/api/continuity.schema.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import { findCharacter, lockScene, updateCharacter, updateScene } from '../db/queries/plan.queries.ts';
import type { Character, Scene } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { staleShots } from './continuity.ts';
import type { Actor, Services } from './services.ts';

export type CharacterPatch = z.infer<typeof patchCharacterBody>;
export type ScenePatch = z.infer<typeof patchSceneBody>;

export type { StaleAfterEditDto as StaleAfterEdit } from '../../src/lib/api/continuity.schema.ts';

async function staleNow(services: Services, episodeId: string, refId: string): Promise<StaleAfterEdit[]> {
  const stale = await staleShots(services.db, episodeId);
  return [...stale]
    .filter(([, reasons]) => reasons.some((reason) => reason.refId === refId))
    .map(([shotId, reasons]) => ({ shot_id: shotId, reasons: reasons.map((reason) => reason.message) }));
}

export async function editCharacter(services: Services, episodeId: string, key: string, patch: CharacterPatch, actor: Actor): Promise<{ character: Character; stale: StaleAfterEdit[] }> {
  const character = await withEpisodeLock(services.db, episodeId, async (trx) => {
    const found = await findCharacter(trx, episodeId, key);
    if (!found) throw notFound('Character', key);
    const changed = await updateCharacter(trx, found.id, patch);
    await auditEpisodeAction(trx, actor, episodeId, 'character.edited', { key, changes: patch, looks_version: changed.looks_version });
    return changed;
  });
  return { character, stale: await staleNow(services, episodeId, character.id) };
}

export async function editScene(services: Services, episodeId: string, number: number, patch: ScenePatch, actor: Actor): Promise<{ scene: Scene; stale: StaleAfterEdit[] }> {
  const scene = await withEpisodeLock(services.db, episodeId, async (trx) => {
    const found = await lockScene(trx, episodeId, number);
    if (!found) throw notFound('Scene', String(number));
    const changed = await updateScene(trx, found.id, patch);
    await auditEpisodeAction(trx, actor, episodeId, 'scene.edited', { scene_number: number, changes: patch, set_version: changed.set_version });
    return changed;
  });
  return { scene, stale: await staleNow(services, episodeId, scene.id) };
}
