/**
 * /api/v1/episodes: create from an idea, list, read one with its plan and segments.
 */
import { Hono } from 'hono';
import { createEpisodeBody, uuidParam } from '../../../src/lib/api/episodes.schema.ts';
import { createEpisodeFromIdea } from '../../commands/episode-creator.ts';
import type { Services } from '../../commands/services.ts';
import { latestCompilation } from '../../db/queries/compilation.queries.ts';
import { findEpisode, listEpisodeSummaries } from '../../db/queries/episode.queries.ts';
import { findPlanRows } from '../../db/queries/plan.queries.ts';
import { listCurrentSegments } from '../../db/queries/segment.queries.ts';
import { notFound } from '../../errors.ts';
import { presentEpisodeDetail, presentEpisodeSummary } from '../presenters/episode.presenter.ts';
import { parseWith, readJson } from '../validate.ts';

const ANONYMOUS = { userId: null, name: 'anonymous' };

export function episodesRoutes(services: Services) {
  const { db } = services;
  return new Hono()
    .get('/', async (c) => {
      const episodes = await listEpisodeSummaries(db);
      return c.json({ episodes: episodes.map(presentEpisodeSummary) });
    })
    .post('/', async (c) => {
      const body = await readJson(c, createEpisodeBody);
      const episode = await createEpisodeFromIdea(
        services,
        {
          idea: body.idea,
          ...(body.title !== undefined && { title: body.title }),
          ...(body.style !== undefined && { style: body.style }),
          ...(body.seed !== undefined && { seed: body.seed }),
          ...(body.width !== undefined && { width: body.width }),
          ...(body.height !== undefined && { height: body.height }),
          ...(body.fps !== undefined && { fps: body.fps }),
          ...(body.planner !== undefined && { planner: body.planner }),
          ...(body.video_provider !== undefined && { videoProvider: body.video_provider }),
        },
        ANONYMOUS,
      );
      return c.json(presentEpisodeDetail(episode, { characters: [], scenes: [], shots: [] }, [], undefined), 201);
    })
    .get('/:id', async (c) => {
      const { id } = parseWith(uuidParam, c.req.param());
      const episode = await findEpisode(db, id);
      if (!episode) throw notFound('Episode', id);
      const [plan, segments, compilation] = await Promise.all([
        findPlanRows(db, id),
        listCurrentSegments(db, id),
        latestCompilation(db, id),
      ]);
      return c.json(presentEpisodeDetail(episode, plan, segments, compilation));
    });
}
