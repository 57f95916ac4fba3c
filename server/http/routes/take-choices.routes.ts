/**
 * Takes to choose from: asking for several takes of a shot (under /api/v1/segments/{id}), and the
 * votes among them (under /api/v1/episodes/{id}/take-choices).
 */
import { Hono } from 'hono';
import { choiceParam, closeChoiceBody, makeTakesBody, voteBody } from '../../../src/lib/api/take-choices.schema.ts';
import { RATE_LIMITS } from '../../auth/rate-limit.ts';
import { castVote, closeChoice, loadChoice, loadChoices, makeTakes, withdrawVote } from '../../commands/take-choices.ts';
import { reviewerKey } from '../../commands/review-records.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentChoice } from '../presenters/take-choice.presenter.ts';
import { parseWith } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';
import type { Context } from 'hono';

type Permission = 'episode.read' | 'segment.review' | 'segment.regenerate';

export function segmentTakesRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>().post(
    '/:id/takes',
    endpoint(db, {
      rule: { kind: 'episode', permission: 'segment.regenerate', id: 'segment' },
      summary: 'Ask for 1–4 new takes of this take’s shot, each with its own seed, rendered at once; two or more open a vote among them (optionally blind)',
      body: makeTakesBody,
      success: 202,
      rateLimit: RATE_LIMITS.generation,
    }),
    async (c) => {
      const body = bodyOf(c, makeTakesBody);
      const actor = c.get('actor');
      const made = await makeTakes(services, c.req.param('id'), { count: body.count, blind: body.blind, changes: body.changes }, actor);
      const choice = made.choice ? await loadChoice(services, made.choice.episode_id, made.choice.id) : null;
      return c.json(
        {
          choice: choice && presentChoice(choice.choice, choice.contenders, choice.votes, reviewerKey(actor)),
          takes: made.takes.map((take) => ({ segment_id: take.id, version: take.version, seed: take.seed, is_current: take.is_current, queued: take.queued_at !== null })),
        },
        202,
      );
    },
  );
}

export function takeChoicesRoutes({ services }: RouteDeps) {
  const { db } = services;
  const rule = (permission: Permission) => ({ kind: 'episode', permission, id: 'episode' }) as const;
  const choiceId = (c: Context<AppEnv>) => parseWith(choiceParam, { choiceId: c.req.param('choiceId') }).choiceId;
  const view = async (c: Context<AppEnv>, id: string) => {
    const { choice, contenders, votes } = await loadChoice(services, c.get('episodeId'), id);
    return presentChoice(choice, contenders, votes, reviewerKey(c.get('actor')));
  };
  return new Hono<AppEnv>()
    .get('/:id/take-choices', endpoint(db, { rule: rule('episode.read'), summary: 'The votes among takes: open ones first, then the latest closed ones' }), async (c) => {
      const key = reviewerKey(c.get('actor'));
      const choices = await loadChoices(services, c.get('episodeId'));
      return c.json({ choices: choices.map(({ choice, contenders, votes }) => presentChoice(choice, contenders, votes, key)) });
    })
    .get('/:id/take-choices/:choiceId', endpoint(db, { rule: rule('episode.read'), summary: 'One vote among takes: its takes under their letters, the votes, and yours' }), async (c) =>
      c.json(await view(c, choiceId(c))),
    )
    .put('/:id/take-choices/:choiceId/vote', endpoint(db, { rule: rule('segment.review'), summary: 'Vote for one of the takes (again: move your vote)', body: voteBody }), async (c) => {
      const id = choiceId(c);
      await castVote(services, c.get('episodeId'), id, bodyOf(c, voteBody).segment_id, c.get('actor'));
      return c.json(await view(c, id));
    })
    .delete('/:id/take-choices/:choiceId/vote', endpoint(db, { rule: rule('segment.review'), summary: 'Take your vote back' }), async (c) => {
      const id = choiceId(c);
      await withdrawVote(services, c.get('episodeId'), id, c.get('actor'));
      return c.json(await view(c, id));
    })
    .post('/:id/take-choices/:choiceId/close', endpoint(db, { rule: rule('segment.regenerate'), summary: 'Close the vote: the take named, else the one with the most votes, becomes the shot’s take', body: closeChoiceBody }), async (c) => {
      const id = choiceId(c);
      await closeChoice(services, c.get('episodeId'), id, bodyOf(c, closeChoiceBody).segment_id, c.get('actor'));
      return c.json(await view(c, id));
    });
}
