/**
 * The continuity graph under /api/v1/episodes/{id}: the graph of takes and what they were made
 * from, edits to the cast and the sets (which mark takes stale), and regenerating the stale takes.
 */
import { Hono } from 'hono';
import { patchCharacterBody, patchSceneBody, regenerateStaleBody, sceneParam } from '../../../src/lib/api/continuity.schema.ts';
import { RATE_LIMITS } from '../../auth/rate-limit.ts';
import { editCharacter, editScene } from '../../commands/cast-and-sets.ts';
import { episodeGraph } from '../../commands/continuity.ts';
import { regenerateStale } from '../../commands/stale-takes.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentEditedCharacter, presentEditedScene } from '../presenters/continuity.presenter.ts';
import { presentRunStarted } from '../presenters/segment.presenter.ts';
import { parseWith } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

export function continuityRoutes({ services }: RouteDeps) {
  const { db } = services;
  const rule = (permission: 'episode.read' | 'episode.plan' | 'segment.generate') => ({ kind: 'episode', permission, id: 'episode' }) as const;
  return new Hono<AppEnv>()
    .get('/:id/graph', endpoint(db, { rule: rule('episode.read'), summary: 'The continuity graph: each current take, what it was made from (characters, reference pictures, sets, the take it continued from, its template) and whether a change left it stale' }), async (c) =>
      c.json(await episodeGraph(db, c.get('episodeId'))),
    )
    .patch('/:id/characters/:key', endpoint(db, { rule: rule('episode.plan'), summary: 'Change a character’s name or looks; takes made from the old looks become stale', body: patchCharacterBody }), async (c) => {
      const { character, stale } = await editCharacter(services, c.get('episodeId'), c.req.param('key')!, bodyOf(c, patchCharacterBody), c.get('actor'));
      return c.json(presentEditedCharacter(character, stale));
    })
    .patch('/:id/scenes/:number', endpoint(db, { rule: rule('episode.plan'), summary: 'Change a scene’s heading or set (location, its description, time of day); takes made on the old set become stale', body: patchSceneBody }), async (c) => {
      const { number } = parseWith(sceneParam, { number: c.req.param('number') });
      const { scene, stale } = await editScene(services, c.get('episodeId'), number, bodyOf(c, patchSceneBody), c.get('actor'));
      return c.json(presentEditedScene(scene, stale));
    })
    .post('/:id/generate-segments/stale', endpoint(db, { rule: rule('segment.generate'), summary: 'Regenerate the stale takes (all, or those named) in one run; an approved one keeps its approval until its new take is decided', body: regenerateStaleBody, success: 202, rateLimit: RATE_LIMITS.generation }), async (c) => {
      const body = bodyOf(c, regenerateStaleBody);
      const result = await regenerateStale(services, c.get('episodeId'), { mode: body.mode, ...(body.segment_ids && { segmentIds: body.segment_ids }) }, c.get('actor'));
      return c.json({ ...presentRunStarted(result.run), joined_active_run: result.joined_active_run, regenerated: result.regenerated, waiting: result.waiting, voting: result.voting }, 202);
    });
}
