/**
 * POST /api/v1/episodes/{id}/batch: one action on many cards of the episode, all or nothing. The
 * route lets in anyone who may review; each action then needs the role its single route needs.
 */
import { Hono } from 'hono';
import { batchBody, type BatchAction } from '../../../src/lib/api/batch.schema.ts';
import { assertAllowed, type Permission } from '../../auth/policies.ts';
import { runBatch } from '../../commands/batch-actions.ts';
import { usableIn } from '../../commands/templates.ts';
import { findTemplate } from '../../db/queries/template.queries.ts';
import { notFound } from '../../errors.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import type { RouteDeps } from './route-deps.ts';

/** The permission of each action: the one its single route asks for. */
const PERMISSION_OF: Record<BatchAction, Permission> = {
  decide: 'segment.review',
  request_regeneration: 'segment.review',
  regenerate: 'segment.regenerate',
  apply_template: 'shot.edit',
  edit_shots: 'shot.edit',
  move: 'episode.reorder',
};

export function batchRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>().post(
    '/:id/batch',
    endpoint(db, {
      rule: { kind: 'episode', permission: 'segment.review', id: 'episode' },
      summary:
        'One action on up to 500 cards, all or nothing: decide, request_regeneration, regenerate, apply_template, edit_shots or move; 409 names every card that cannot take it',
      body: batchBody,
    }),
    async (c) => {
      const body = bodyOf(c, batchBody);
      assertAllowed(c.get('role'), PERMISSION_OF[body.action]);
      const principal = c.get('principal');
      let template;
      if (body.action === 'apply_template') {
        template = await findTemplate(db, body.template_id);
        const where = { episodeId: c.get('episodeId'), ownToo: true, ...(principal.kind === 'user' && { userId: principal.userId }) };
        if (!usableIn(template, where)) throw notFound('Template', body.template_id);
      }
      return c.json(await runBatch(services, c.get('episodeId'), body, c.get('actor'), template));
    },
  );
}
