/**
 * /api/v1/episodes: create from an idea, list what the caller can reach, read one, delete one.
 */
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { createEpisodeBody } from '../../../src/lib/api/episodes.schema.ts';
import { episodeScopeOf, listedRole } from '../../auth/policies.ts';
import { RATE_LIMITS } from '../../auth/rate-limit.ts';
import { createEpisode } from '../../commands/episode-creator.ts';
import { deleteEpisode } from '../../commands/episode-deletion.ts';
import { latestCompilation } from '../../db/queries/compilation.queries.ts';
import { findEpisode, listEpisodeSummaries } from '../../db/queries/episode.queries.ts';
import { loadFinalVideo } from '../../db/queries/final-video.queries.ts';
import { findPlanRows } from '../../db/queries/plan.queries.ts';
import { listCurrentSegments } from '../../db/queries/segment.queries.ts';
import { notFound } from '../../errors.ts';
import { listCharacterReferences } from '../../db/queries/asset.queries.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentEpisodeDetail, presentEpisodeSummary } from '../presenters/episode.presenter.ts';
import type { RouteDeps } from './route-deps.ts';

export function episodesRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>()
    .get('/', endpoint(db, { rule: { kind: 'signed_in' }, summary: 'Episodes the caller can reach, with role and progress' }), async (c) => {
      const principal = c.get('principal');
      const episodes = await listEpisodeSummaries(db, episodeScopeOf(principal));
      return c.json({ episodes: episodes.map((e) => presentEpisodeSummary(e, listedRole(principal, e.member_role))) });
    })
    .post(
      '/',
      endpoint(db, {
        rule: { kind: 'account', minScope: 'editor' },
        summary: 'Create an episode from an idea, a Fountain screenplay or a JSON shot list',
        body: createEpisodeBody,
        success: 201,
        rateLimit: RATE_LIMITS.generation,
      }),
      async (c) => {
        const principal = c.get('principal');
        const body = bodyOf(c, createEpisodeBody);
        const source = body.idea !== undefined ? { idea: body.idea } : body.screenplay !== undefined ? { screenplay: body.screenplay } : { shots: body.shots!, ...(body.characters && { characters: body.characters }) };
        const episode = await createEpisode(
          services,
          {
            ...source,
            ...(body.title !== undefined && { title: body.title }),
            ...(body.style !== undefined && { style: body.style }),
            ...(body.seed !== undefined && { seed: body.seed }),
            ...(body.width !== undefined && { width: body.width }),
            ...(body.height !== undefined && { height: body.height }),
            ...(body.fps !== undefined && { fps: body.fps }),
            ...(body.planner !== undefined && { planner: body.planner }),
            ...(body.video_provider !== undefined && { videoProvider: body.video_provider }),
          },
          c.get('actor'),
        );
        const [plan, segments] = await Promise.all([findPlanRows(db, episode.id), listCurrentSegments(db, episode.id)]);
        return c.json(presentEpisodeDetail(episode, plan, segments, undefined, listedRole(principal, 'owner')), 201);
      },
    )
    // An ETag of the answer: a page asking again with If-None-Match gets 304 and no body when nothing changed.
    .get('/:id', endpoint(db, { rule: { kind: 'episode', permission: 'episode.read', id: 'episode' }, summary: 'One episode with its story, characters, scenes, shots and segments, and whether its final video is out of date (ETag; 304 to If-None-Match)' }), etag({ weak: true }), async (c) => {
      c.header('Cache-Control', 'private, no-cache');
      const id = c.get('episodeId');
      const episode = await findEpisode(db, id);
      if (!episode) throw notFound('Episode', id);
      const [plan, segments, compilation, finalVideo] = await Promise.all([findPlanRows(db, id), listCurrentSegments(db, id), latestCompilation(db, id), loadFinalVideo(db, id)]);
      const images = new Map((await listCharacterReferences(db, episode.id)).map((image) => [image.key, image.storage_key]));
      return c.json(presentEpisodeDetail(episode, plan, segments, compilation, c.get('role'), images, finalVideo));
    })
    .delete(
      '/:id',
      endpoint(db, {
        rule: { kind: 'episode', permission: 'episode.delete', id: 'episode' },
        summary: 'Delete an episode with all its takes, files and history (owners); 409 while work on it is under way',
      }),
      async (c) => c.json({ deleted: await deleteEpisode(services, c.get('episodeId'), c.get('actor')) }),
    );
}
