/**
 * /api/v1/me: who am I, what can I reach, what waits for my review.
 */
import { Hono } from 'hono';
import { allows, episodeScopeOf, listedRole } from '../../auth/policies.ts';
import { listEpisodeSummaries, listSegmentsAwaitingReview } from '../../db/queries/episode.queries.ts';
import type { AppEnv } from '../context.ts';
import { endpoint } from '../endpoint.ts';
import { presentMe } from '../presenters/account.presenter.ts';
import { presentEpisodeSummary } from '../presenters/episode.presenter.ts';
import { presentReviewTake } from '../presenters/segment.presenter.ts';
import type { RouteDeps } from './route-deps.ts';

export function meRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>()
    .get('/', endpoint(db, { rule: { kind: 'signed_in' }, summary: 'The signed-in account, or the guest and their link' }), (c) =>
      c.json(presentMe(c.get('principal'))),
    )
    .get('/episodes', endpoint(db, { rule: { kind: 'signed_in' }, summary: 'Episodes the caller can reach, with role and progress' }), async (c) => {
      const principal = c.get('principal');
      const episodes = await listEpisodeSummaries(db, episodeScopeOf(principal));
      return c.json({ episodes: episodes.map((e) => presentEpisodeSummary(e, listedRole(principal, e.member_role))) });
    })
    .get('/reviews', endpoint(db, { rule: { kind: 'signed_in' }, summary: 'Segments waiting for the caller’s review' }), async (c) => {
      const principal = c.get('principal');
      // Accounts may be reviewers somewhere; a guest only where their link's role allows it.
      const canReview = principal.kind !== 'guest' || allows(principal.role, 'segment.review');
      const segments = canReview ? await listSegmentsAwaitingReview(db, episodeScopeOf(principal)) : [];
      return c.json({ segments: segments.map(presentReviewTake) });
    });
}
