/**
 * /api/v1/segments/{id}: one take with its scene, parameters, metrics and history, and the review
 * actions on it.
 */
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { type Context, Hono } from 'hono';
import {
  approveBody,
  commentBody,
  regenerateBody,
  rejectBody,
  requestRegenerationBody,
  rollbackBody,
  takeDownloadHref,
  takeDownloadQuery,
} from '../../../src/lib/api/segments.schema.ts';
import { decisionBody, reopenBody } from '../../../src/lib/api/reviews.schema.ts';
import { approvalProgress } from '../../commands/approval-outcome.ts';
import { approveSegment, commentOnSegment, decideOnSegment, rejectSegment, reopenSegment, requestRegeneration, withdrawDecision } from '../../commands/segment-reviews.ts';
import { regenerateSegment, rollbackSegment } from '../../commands/segment-versions.ts';
import { findPlanRows } from '../../db/queries/plan.queries.ts';
import { findSegment, listReviews, listVersions } from '../../db/queries/segment.queries.ts';
import type { VideoSegment } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { captionsKey, originalKey } from '../../commands/segment-analyzer.ts';
import { findEpisode } from '../../db/queries/episode.queries.ts';
import { attachmentDisposition, exportFileName } from '../../exports/download-name.ts';
import { cancelShotRender } from '../../commands/run-steering.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { parseWith } from '../validate.ts';
import { presentSegment } from '../presenters/episode.presenter.ts';
import { presentSegmentDetail } from '../presenters/segment.presenter.ts';
import { withoutBlindFacts } from '../presenters/take-choice.presenter.ts';
import { blindTakeIds } from '../../commands/take-choices.ts';
import type { RouteDeps } from './route-deps.ts';

export function segmentsRoutes({ services }: RouteDeps) {
  const { db } = services;
  const rule = (permission: 'episode.read' | 'segment.review' | 'segment.regenerate' | 'segment.reopen' | 'segment.generate') =>
    ({ kind: 'episode', permission, id: 'segment' }) as const;
  /** The take as the caller sees it: their role (set by the endpoint) decides its `can`. */
  const detail = async (c: Context<AppEnv>, segment: VideoSegment) => {
    const [plan, versions, reviews, approval, blind] = await Promise.all([
      findPlanRows(db, segment.episode_id),
      listVersions(db, segment.shot_id),
      listReviews(db, segment.id),
      approvalProgress(db, segment.episode_id, [segment.id]),
      blindTakeIds(services, segment.shot_id),
    ]);
    const ready = segment.status === 'completed' && !segment.purged_at;
    const [captions, original] = ready ? await Promise.all([services.storage.stat(captionsKey(segment)), services.storage.stat(originalKey(segment))]) : [];
    return {
      ...withoutBlindFacts(presentSegmentDetail(segment, plan, versions, reviews, approval.get(segment.id)!, c.get('role')), blind),
      captions_url: captions ? `/api/v1/segments/${segment.id}/captions.vtt` : null,
      downloads: {
        normalized: ready && segment.storage_key ? takeDownloadHref(segment.id, 'normalized') : null,
        original: original ? takeDownloadHref(segment.id, 'original') : null,
      },
    };
  };
  const reload = async (c: Context<AppEnv>, id: string) => {
    const segment = await findSegment(db, id);
    if (!segment) throw notFound('Segment', id);
    return detail(c, segment);
  };
  return new Hono<AppEnv>()
    .get('/:id', endpoint(db, { rule: rule('episode.read'), summary: 'A take with scene info, parameters, quality, previous versions and reviews' }), async (c) =>
      c.json(await reload(c, c.req.param('id'))),
    )
    .get('/:id/summary', endpoint(db, { rule: rule('episode.read'), summary: 'A take as the episode page lists it under its shot (status, approval, files, parameters)' }), async (c) => {
      const segment = await findSegment(db, c.req.param('id'));
      if (!segment) throw notFound('Segment', c.req.param('id'));
      return c.json(presentSegment(segment));
    })
    .get('/:id/captions.vtt', endpoint(db, { rule: rule('episode.read'), summary: 'The take’s dialogue as WebVTT captions, from its subtitle track (404 when it has none)' }), async (c) => {
      const segment = await findSegment(db, c.req.param('id'));
      if (!segment) throw notFound('Segment', c.req.param('id'));
      const key = captionsKey(segment);
      if (segment.status !== 'completed' || segment.purged_at || !(await services.storage.stat(key))) {
        throw new AppError('captions_not_found', 'This take has no dialogue track to show as captions.', { status: 404, details: { segment_id: segment.id } });
      }
      return c.body(await text(await services.storage.read(key)), 200, {
        'Content-Type': 'text/vtt; charset=utf-8',
        'Cache-Control': 'private, max-age=86400',
        'X-Content-Type-Options': 'nosniff',
      });
    })
    .get(
      '/:id/download',
      endpoint(db, {
        rule: rule('episode.read'),
        summary: 'The take’s file as a download: ?file=normalized (the MP4 the team reviews, the default) or ?file=original (as the provider made it); 410 once retention removed it',
      }),
      async (c) => {
        const { file } = parseWith(takeDownloadQuery, c.req.query());
        const segment = await findSegment(db, c.req.param('id'));
        if (!segment) throw notFound('Segment', c.req.param('id'));
        const details = { segment_id: segment.id, shot_number: segment.segment_number, version: segment.version, file };
        if (segment.purged_at) {
          throw new AppError('take_purged', `Take ${segment.version} of shot ${segment.segment_number} was removed by retention; its files are gone.`, { status: 410, details });
        }
        if (segment.status !== 'completed' || !segment.storage_key) {
          throw new AppError('take_not_ready', `Take ${segment.version} of shot ${segment.segment_number} has no file yet (it is ${segment.status}).`, { status: 409, details });
        }
        const key = file === 'original' ? originalKey(segment) : segment.storage_key;
        const stored = await services.storage.stat(key);
        if (!stored) {
          throw new AppError('take_file_missing', file === 'original' ? 'The provider’s original of this take was not kept (takes made before originals were kept have only the normalized file).' : 'This take’s file is missing from storage.', {
            status: 404,
            details,
          });
        }
        const episode = await findEpisode(db, segment.episode_id);
        const name = exportFileName(`${episode?.title ?? 'episode'} shot ${segment.segment_number} v${segment.version}${file === 'original' ? ' original' : ''}`, null, 'mp4');
        return c.body(Readable.toWeb(await services.storage.read(key)) as ReadableStream, 200, {
          'Content-Type': 'video/mp4',
          'Content-Length': String(stored.size),
          'Content-Disposition': attachmentDisposition(name),
          'Cache-Control': 'private, no-cache',
          'X-Content-Type-Options': 'nosniff',
        });
      },
    )
    .post('/:id/approve', endpoint(db, { rule: rule('segment.review'), summary: 'Approve the current take (rating 1–5, feedback)', body: approveBody }), async (c) => {
      const body = bodyOf(c, approveBody);
      const segment = await approveSegment(services, c.req.param('id'), c.get('actor'), {
        ...(body.rating !== undefined && { rating: body.rating }),
        ...(body.feedback !== undefined && { feedback: body.feedback }),
      });
      return c.json(await detail(c, segment));
    })
    .put('/:id/decision', endpoint(db, { rule: rule('segment.review'), summary: 'Record or change your own decision on the current take (approve, changes_requested, reject; rating 1–5, note)', body: decisionBody }), async (c) => {
      const body = bodyOf(c, decisionBody);
      const segment = await decideOnSegment(services, c.req.param('id'), c.get('actor'), {
        decision: body.decision,
        rating: body.rating,
        note: body.note,
        suggestedChanges: body.suggested_changes,
      });
      return c.json(await detail(c, segment));
    })
    .delete('/:id/decision', endpoint(db, { rule: rule('segment.review'), summary: 'Take back your own decision on the current take' }), async (c) =>
      c.json(await detail(c, await withdrawDecision(services, c.req.param('id'), c.get('actor')))),
    )
    .post('/:id/reopen', endpoint(db, { rule: rule('segment.reopen'), summary: 'Send an approved take back to review, with a reason (editors and owners)', body: reopenBody }), async (c) =>
      c.json(await detail(c, await reopenSegment(services, c.req.param('id'), c.get('actor'), bodyOf(c, reopenBody).reason))),
    )
    .post('/:id/reject', endpoint(db, { rule: rule('segment.review'), summary: 'Reject the current take with a reason and suggested changes', body: rejectBody }), async (c) => {
      const body = bodyOf(c, rejectBody);
      const segment = await rejectSegment(services, c.req.param('id'), c.get('actor'), {
        reason: body.reason,
        ...(body.suggested_changes && { suggestedChanges: body.suggested_changes }),
      });
      return c.json(await detail(c, segment));
    })
    .post('/:id/request-regeneration', endpoint(db, { rule: rule('segment.review'), summary: 'Ask for another take (an editor regenerates)', body: requestRegenerationBody }), async (c) => {
      const body = bodyOf(c, requestRegenerationBody);
      const segment = await requestRegeneration(services, c.req.param('id'), c.get('actor'), {
        reason: body.reason,
        ...(body.suggested_changes && { suggestedChanges: body.suggested_changes }),
      });
      return c.json(await detail(c, segment));
    })
    .post('/:id/comments', endpoint(db, { rule: rule('segment.review'), summary: 'Comment on a take', body: commentBody, success: 201 }), async (c) => {
      await commentOnSegment(services, c.req.param('id'), c.get('actor'), bodyOf(c, commentBody).text);
      return c.json(await reload(c, c.req.param('id')), 201);
    })
    .post('/:id/regenerate', endpoint(db, { rule: rule('segment.regenerate'), summary: 'Make a new take with changed prompt, style, duration or seed', body: regenerateBody, success: 202 }), async (c) => {
      const body = bodyOf(c, regenerateBody);
      const segment = await regenerateSegment(services, c.req.param('id'), { changes: body.changes, keepOriginal: body.keep_original, answersNotes: body.answers_notes }, c.get('actor'));
      return c.json(await detail(c, segment), 202);
    })
    .post('/:id/cancel-render', endpoint(db, { rule: rule('segment.generate'), summary: 'Cancel this shot’s take while it waits, is queued or renders (a render’s result is not kept)' }), async (c) => {
      const segment = await cancelShotRender(services, c.req.param('id'), c.get('actor'));
      return c.json(await detail(c, segment));
    })
    .post('/:id/rollback', endpoint(db, { rule: rule('segment.regenerate'), summary: 'Make an earlier take current again', body: rollbackBody }), async (c) => {
      const segment = await rollbackSegment(services, c.req.param('id'), bodyOf(c, rollbackBody).to_version, c.get('actor'));
      return c.json(await detail(c, segment));
    });
}
