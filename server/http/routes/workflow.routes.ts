/**
 * The episode workflow under /api/v1/episodes/{id}: generation runs, budget, quality gate, segment
 * status, compile order and compiles.
 */
import { text } from 'node:stream/consumers';
import { Hono } from 'hono';
import { approvalRuleBody } from '../../../src/lib/api/reviews.schema.ts';
import { compileBody, generateSegmentsBody, orderBody, pauseRunBody, resumeRunBody, retryFailuresBody, runQueueOrderBody } from '../../../src/lib/api/segments.schema.ts';
import { budgetBody, qualityGateBody } from '../../../src/lib/api/episodes.schema.ts';
import { readApprovalRule, setApprovalRule } from '../../commands/approval-rules.ts';
import { RATE_LIMITS } from '../../auth/rate-limit.ts';
import { startCompilation } from '../../commands/compilation-starter.ts';
import { episodeCosts } from '../../commands/episode-costs.ts';
import { setEpisodeOrder } from '../../commands/episode-editing.ts';
import { episodeCaptionsKey } from '../../commands/episode-compiler.ts';
import { cancelRun, startGenerationRun } from '../../commands/generation-runs.ts';
import { pauseGenerationRun, reorderRunQueue, resumeGenerationRun, retryFailureGroup, runQueue } from '../../commands/run-steering.ts';
import { setEpisodeBudget } from '../../commands/episode-budget.ts';
import { readQualityGate, setQualityGate } from '../../commands/quality-gate.ts';
import { roundCents } from '../../commands/take-provenance.ts';
import { assertAllowed } from '../../auth/policies.ts';
import { findActiveRun } from '../../db/queries/generation-run.queries.ts';
import { listCurrentSegments } from '../../db/queries/segment.queries.ts';
import { AppError } from '../../errors.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentCompileStarted } from '../presenters/episode.presenter.ts';
import { presentRun, presentRunStarted, presentStatus } from '../presenters/segment.presenter.ts';
import type { RouteDeps } from './route-deps.ts';

export function workflowRoutes({ services }: RouteDeps) {
  const { db } = services;
  const rule = (permission: 'segment.generate' | 'episode.read' | 'episode.reorder' | 'episode.compile' | 'episode.approval_rule' | 'episode.budget' | 'episode.quality_gate') =>
    ({ kind: 'episode', permission, id: 'episode' }) as const;
  return new Hono<AppEnv>()
    .get('/:id/captions.vtt', endpoint(db, { rule: rule('episode.read'), summary: 'The final video’s dialogue as WebVTT captions, timed to the compiled cut (404 before a compile has made it)' }), async (c) => {
      const key = episodeCaptionsKey(c.req.param('id'));
      if (!(await services.storage.stat(key))) {
        throw new AppError('captions_not_found', 'This episode has no compiled video with captions yet; compile it first.', { status: 404, details: { episode_id: c.req.param('id') } });
      }
      return c.body(await text(await services.storage.read(key)), 200, {
        'Content-Type': 'text/vtt; charset=utf-8',
        // Replaced by every compile, like the video itself.
        'Cache-Control': 'private, no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
    })
    .post('/:id/generate-segments', endpoint(db, { rule: rule('segment.generate'), summary: 'Start generating segments (sequential or parallel); 409 while a run is active', body: generateSegmentsBody, success: 202, rateLimit: RATE_LIMITS.generation }), async (c) => {
      const body = bodyOf(c, generateSegmentsBody);
      // A run's cost cap is the owner's to set, like the budget.
      if (body.cost_cap_usd !== undefined) assertAllowed(c.get('role'), 'episode.budget');
      const run = await startGenerationRun(
        services,
        c.get('episodeId'),
        {
          mode: body.mode,
          ...(body.batch_size !== undefined && { batchSize: body.batch_size }),
          startFrom: body.start_from,
          autoApprove: body.auto_approve,
          ...(body.cost_cap_usd !== undefined && { costCapUsd: body.cost_cap_usd }),
        },
        c.get('actor'),
      );
      return c.json(presentRunStarted(run), 202);
    })
    .post('/:id/generate-segments/cancel', endpoint(db, { rule: rule('segment.generate'), summary: 'Cancel the active generation run (segments already queued still finish)' }), async (c) =>
      c.json(presentRun(await cancelRun(services, c.get('episodeId')))),
    )
    .post('/:id/generate-segments/pause', endpoint(db, { rule: rule('segment.generate'), summary: 'Pause the active run: renders running finish, nothing new starts', body: pauseRunBody }), async (c) =>
      c.json(presentRun(await pauseGenerationRun(services, c.get('episodeId'), c.get('actor'), bodyOf(c, pauseRunBody).reason))),
    )
    .post('/:id/generate-segments/resume', endpoint(db, { rule: rule('segment.generate'), summary: 'Resume a paused run (the owner may raise its cost cap as it resumes)', body: resumeRunBody }), async (c) => {
      const body = bodyOf(c, resumeRunBody);
      if (body.cost_cap_usd !== undefined) assertAllowed(c.get('role'), 'episode.budget');
      return c.json(presentRun(await resumeGenerationRun(services, c.get('episodeId'), body.cost_cap_usd)));
    })
    .get('/:id/generate-segments/queue', endpoint(db, { rule: rule('episode.read'), summary: 'The active run’s queue: what renders, what waits (place, estimated start), failures by kind' }), async (c) =>
      c.json(await runQueue(services, c.get('episodeId'))),
    )
    .put('/:id/generate-segments/queue', endpoint(db, { rule: rule('segment.generate'), summary: 'Move waiting shots to the front of the run’s queue, in this order', body: runQueueOrderBody }), async (c) =>
      c.json(await reorderRunQueue(services, c.get('episodeId'), bodyOf(c, runQueueOrderBody).order)),
    )
    .post('/:id/generate-segments/retry', endpoint(db, { rule: rule('segment.generate'), summary: 'Make the failed takes of one kind again (rate_limited, refused_by_policy, invalid_input, provider_down, cancelled)', body: retryFailuresBody }), async (c) =>
      c.json(await retryFailureGroup(services, c.get('episodeId'), bodyOf(c, retryFailuresBody).kind, c.get('actor'))),
    )
    .put('/:id/budget', endpoint(db, { rule: rule('episode.budget'), summary: 'Set the episode’s budget in US dollars (null: none); never below what is spent', body: budgetBody }), async (c) => {
      const spending = await setEpisodeBudget(services, c.get('episodeId'), bodyOf(c, budgetBody).budget_usd);
      return c.json({ budget_usd: spending.budgetUsd, spent_usd: roundCents(spending.spentUsd), committed_usd: roundCents(spending.committedUsd) });
    })
    .get('/:id/quality-gate', endpoint(db, { rule: rule('episode.read'), summary: 'The episode’s quality gate: takes below its thresholds are made again before review' }), async (c) =>
      c.json(await readQualityGate(services, c.get('episodeId'))),
    )
    .put('/:id/quality-gate', endpoint(db, { rule: rule('episode.quality_gate'), summary: 'Set the quality gate (thresholds 0–1, 1–5 retries); applies to takes analysed from now on', body: qualityGateBody }), async (c) =>
      c.json(await setQualityGate(services, c.get('episodeId'), bodyOf(c, qualityGateBody), c.get('actor'))),
    )
    .get('/:id/segments/status', endpoint(db, { rule: rule('episode.read'), summary: 'Totals, the current segment and every slot’s status' }), async (c) => {
      const id = c.get('episodeId');
      const [segments, run] = await Promise.all([listCurrentSegments(db, id), findActiveRun(db, id)]);
      return c.json(presentStatus(id, segments, run));
    })
    .get('/:id/costs', endpoint(db, { rule: rule('episode.read'), summary: 'What the takes cost so far, and an estimate for the shots still to generate (US dollars)' }), async (c) =>
      c.json(await episodeCosts(services, c.get('episodeId'))),
    )
    .get('/:id/approval-rule', endpoint(db, { rule: rule('episode.read'), summary: 'How reviewers’ decisions make a take approved on this episode' }), async (c) =>
      c.json(await readApprovalRule(services, c.get('episodeId'))),
    )
    .put('/:id/approval-rule', endpoint(db, { rule: rule('episode.approval_rule'), summary: 'Set the approval rule (any, count, all, required); the current takes are re-evaluated', body: approvalRuleBody }), async (c) =>
      c.json(await setApprovalRule(services, c.get('episodeId'), bodyOf(c, approvalRuleBody), c.get('actor'))),
    )
    .put('/:id/order', endpoint(db, { rule: rule('episode.reorder'), summary: 'Set the compile order of the slots (every segment number once)', body: orderBody }), async (c) => {
      const order = await setEpisodeOrder(services, c.get('episodeId'), bodyOf(c, orderBody).order, c.get('actor'));
      return c.json({ order });
    })
    .post('/:id/compile', endpoint(db, { rule: rule('episode.compile'), summary: 'Compile the approved segments; 409 lists slots not approved', body: compileBody, success: 202 }), async (c) => {
      const body = bodyOf(c, compileBody);
      const job = await startCompilation(
        services,
        c.get('episodeId'),
        {
          ...(body.segment_ids && { segmentIds: body.segment_ids }),
          transitionStyle: body.transition_style,
          transitionDuration: body.transition_duration,
          audioConfig: body.audio_config,
        },
        c.get('actor'),
      );
      return c.json(presentCompileStarted(job), 202);
    });
}
