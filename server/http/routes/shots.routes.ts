/**
 * /api/v1/shots/{id}: change a shot before it is generated; /api/v1/compilation-jobs/{id}: a compile.
 */
import { Hono } from 'hono';
import { patchShotBody } from '../../../src/lib/api/segments.schema.ts';
import { patchShot } from '../../commands/episode-editing.ts';
import { findCompilation } from '../../db/queries/compilation.queries.ts';
import { loadChangesSinceCompile } from '../../db/queries/final-video.queries.ts';
import { notFound } from '../../errors.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentCompilation } from '../presenters/episode.presenter.ts';
import { presentShot } from '../presenters/shot.presenter.ts';
import type { RouteDeps } from './route-deps.ts';

export function shotsRoutes({ services }: RouteDeps) {
  return new Hono<AppEnv>().patch(
    '/:id',
    endpoint(services.db, { rule: { kind: 'episode', permission: 'shot.edit', id: 'shot' }, summary: 'Change a shot (prompt, style, duration, characters, dialogue) before generation', body: patchShotBody }),
    async (c) => {
      const shot = await patchShot(services, c.req.param('id'), bodyOf(c, patchShotBody), c.get('actor'));
      return c.json(presentShot(shot));
    },
  );
}

export function compilationJobsRoutes({ services }: RouteDeps) {
  return new Hono<AppEnv>().get(
    '/:id',
    endpoint(services.db, { rule: { kind: 'episode', permission: 'episode.read', id: 'compilation' }, summary: 'A compile’s status, progress and output, and what changed in the episode since' }),
    async (c) => {
      const job = await findCompilation(services.db, c.req.param('id'));
      if (!job) throw notFound('Compilation job', c.req.param('id'));
      return c.json(presentCompilation(job, await loadChangesSinceCompile(services.db, job)));
    },
  );
}
