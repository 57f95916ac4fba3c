/**
 * Video segments and their reviews. Status changes are guarded in SQL (`WHERE status = …`) so that
 * two workers or two reviewers acting at once cannot both win.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { DB, ReviewAction, TakeProvenance, VideoSegment, VideoSegmentUpdate } from '../schema.ts';

export async function findSegment(db: Database, id: string): Promise<VideoSegment | undefined> {
  return db.selectFrom('video_segments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The takes of an episode among `ids` (any version); ids of other episodes are left out. */
export async function findEpisodeSegments(db: Database, episodeId: string, ids: readonly string[]): Promise<VideoSegment[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('video_segments').selectAll().where('episode_id', '=', episodeId).where('id', 'in', [...ids]).execute();
}

/** The current version of every slot of an episode, in compile order. */
export async function listCurrentSegments(db: Database, episodeId: string): Promise<VideoSegment[]> {
  return db
    .selectFrom('video_segments as s')
    .innerJoin('shots as sh', 'sh.id', 's.shot_id')
    .selectAll('s')
    .where('s.episode_id', '=', episodeId)
    .where('s.is_current', '=', true)
    .orderBy('sh.position')
    .orderBy('s.segment_number')
    .execute();
}

/** Marks a pending segment (or one left generating by a crashed worker) as generating. */
export async function claimForGeneration(db: Database, id: string): Promise<VideoSegment | undefined> {
  return db
    .updateTable('video_segments')
    .set({ status: 'generating', progress: 0, error_kind: null, error_message: null })
    .where('id', '=', id)
    // The current take, a candidate to replace it, or one of several takes to choose from.
    .where((eb) => eb.or([eb('is_current', '=', true), eb('replaces_segment_id', 'is not', null), eb('choice_state', '=', 'contending')]))
    .where('status', 'in', ['pending', 'generating'])
    .returningAll()
    .executeTakeFirst();
}

export async function setGenerationProgress(db: Database, id: string, progress: number): Promise<void> {
  await db
    .updateTable('video_segments')
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))) })
    .where('id', '=', id)
    .where('status', '=', 'generating')
    .execute();
}

/** generating → completed, with the file's facts. Undefined when the segment was no longer generating. */
export async function completeGeneration(
  db: Database,
  id: string,
  fields: Pick<
    VideoSegmentUpdate,
    | 'video_url'
    | 'thumbnail_url'
    | 'storage_key'
    | 'thumbnail_key'
    | 'duration'
    | 'file_size'
    | 'resolution'
    | 'format'
    | 'sprite_key'
    | 'sprite_info'
    | 'quality_metrics'
    | 'quality_score'
    | 'consistency_score'
    | 'source_key'
  >,
): Promise<VideoSegment | undefined> {
  return db
    .updateTable('video_segments')
    .set({ ...fields, status: 'completed', progress: 100, generated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'generating')
    .returningAll()
    .executeTakeFirst();
}

/** generating → failed, keeping the provider's message; the failed take, if it was generating. */
export async function failGeneration(db: Database, id: string, kind: string, message: string): Promise<VideoSegment | undefined> {
  return db
    .updateTable('video_segments')
    .set({ status: 'failed', error_kind: kind, error_message: message.slice(0, 4000) })
    .where('id', '=', id)
    .where('status', '=', 'generating')
    .returningAll()
    .executeTakeFirst();
}

export interface NewReview {
  segment_id: string;
  episode_id: string;
  reviewer_id: string | null;
  reviewer_name: string;
  share_link_id?: string | null;
  action: ReviewAction;
  rating?: number | null;
  feedback?: string | null;
  suggested_changes?: Record<string, unknown> | null;
}

export async function insertReview(db: Database, review: NewReview): Promise<void> {
  await db
    .insertInto('segment_reviews')
    .values({
      ...review,
      suggested_changes: review.suggested_changes ? JSON.stringify(review.suggested_changes) : null,
    })
    .execute();
}

/** Marks a segment as queued for generation (by a run, or alone). */
export async function markQueued(db: Database, id: string, runId: string | null, lane: number, requestedBy: string | null): Promise<void> {
  await db
    .updateTable('video_segments')
    .set((eb) => ({ queued_at: new Date(), generation_run_id: runId, queue_lane: lane, requested_by: eb.fn.coalesce('requested_by', eb.val(requestedBy)) }))
    .where('id', '=', id)
    .execute();
}

/** Takes a queued take back to the run's waiting queue (its run was paused before it started). */
export async function unqueue(db: Database, id: string): Promise<boolean> {
  const result = await db
    .updateTable('video_segments')
    .set({ queued_at: null, queue_lane: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('provider_job', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A failed take back to waiting, to be made again under its run (same version, same parameters). */
export async function resetFailed(db: Database, id: string): Promise<VideoSegment | undefined> {
  return db
    .updateTable('video_segments')
    .set({ status: 'pending', error_kind: null, error_message: null, queued_at: null, queue_lane: null, progress: 0 })
    .where('id', '=', id)
    .where('is_current', '=', true)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
}

/** Stops a take that waits, is queued or renders: it fails as cancelled, with who and why. */
export async function cancelTake(db: Database, id: string, message: string): Promise<VideoSegment | undefined> {
  return db
    .updateTable('video_segments')
    .set({ status: 'failed', error_kind: 'cancelled', error_message: message.slice(0, 4000), queued_at: null, queue_lane: null, progress: 0 })
    .where('id', '=', id)
    .where('is_current', '=', true)
    .where('status', 'in', ['pending', 'generating'])
    .returningAll()
    .executeTakeFirst();
}

/** Stores the parameters a generation actually used. */
export async function setGenerationParams(db: Database, id: string, params: Record<string, unknown>): Promise<void> {
  await db.updateTable('video_segments').set({ generation_params: JSON.stringify(params) }).where('id', '=', id).execute();
}

/** The parameters and seed a take not yet queued will be made with. */
export async function setPendingParams(db: Database, id: string, params: Record<string, unknown>, seed: number): Promise<void> {
  await db.updateTable('video_segments').set({ generation_params: JSON.stringify(params), seed }).where('id', '=', id).where('status', '=', 'pending').where('queued_at', 'is', null).execute();
}

/** The provider a take not yet queued will be made with (a template applied to its shot). */
export async function setPendingProvider(db: Database, id: string, provider: string): Promise<void> {
  await db.updateTable('video_segments').set({ provider }).where('id', '=', id).where('status', '=', 'pending').where('queued_at', 'is', null).execute();
}

/** Every version of a slot, newest first. */
export async function listVersions(db: Database, shotId: string): Promise<VideoSegment[]> {
  return db.selectFrom('video_segments').selectAll().where('shot_id', '=', shotId).orderBy('version', 'desc').execute();
}

/** The current version of a slot, locked for the rest of the transaction. */
export async function lockCurrentVersion(trx: Transaction<DB>, shotId: string): Promise<VideoSegment | undefined> {
  return trx.selectFrom('video_segments').selectAll().where('shot_id', '=', shotId).where('is_current', '=', true).forUpdate().executeTakeFirst();
}

export async function clearCurrent(db: Database, shotId: string): Promise<void> {
  await db.updateTable('video_segments').set({ is_current: false }).where('shot_id', '=', shotId).where('is_current', '=', true).execute();
}

export async function makeCurrent(db: Database, id: string): Promise<VideoSegment> {
  return db.updateTable('video_segments').set({ is_current: true }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertVersion(
  db: Database,
  values: {
    episode_id: string;
    shot_id: string;
    segment_number: number;
    version: number;
    parent_segment_id: string;
    provider: string;
    seed: number;
    generation_params: Record<string, unknown>;
    /** A candidate (not current) that replaces this approved take once approved. */
    replaces_segment_id?: string;
    is_current?: boolean;
  },
): Promise<VideoSegment> {
  return db
    .insertInto('video_segments')
    .values({ ...values, generation_params: JSON.stringify(values.generation_params), ...(values.replaces_segment_id && { is_current: false }) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The next version of `from`'s shot, made from it (its parent): the shot's current take, in place of
 * the one there; or, replacing an approved take (`replaces_segment_id`), a candidate beside it; or,
 * with `beside`, one more take of the shot that is not current (a take to choose from).
 */
export async function insertNextVersion(
  db: Database,
  from: VideoSegment,
  values: { seed: number; generation_params: Record<string, unknown>; replaces_segment_id?: string; beside?: boolean },
): Promise<VideoSegment> {
  const { beside, ...columns } = values;
  const versions = await listVersions(db, from.shot_id);
  if (!values.replaces_segment_id && !beside) await clearCurrent(db, from.shot_id);
  return insertVersion(db, {
    episode_id: from.episode_id,
    shot_id: from.shot_id,
    segment_number: from.segment_number,
    version: (versions[0]?.version ?? from.version) + 1,
    parent_segment_id: from.id,
    provider: from.provider,
    ...columns,
    ...(beside && { is_current: false }),
  });
}

/**
 * The episode's open candidates (of the given shots only, when named): takes made to replace the
 * approved current take of their shot, not decided on yet and not failed, while that take is still
 * current.
 */
export async function listOpenCandidates(db: Database, episodeId: string, shotIds?: readonly string[]): Promise<VideoSegment[]> {
  if (shotIds?.length === 0) return [];
  return db
    .selectFrom('video_segments as c')
    .innerJoin('video_segments as r', 'r.id', 'c.replaces_segment_id')
    .selectAll('c')
    .where('c.episode_id', '=', episodeId)
    .where('c.is_current', '=', false)
    .where('c.approval_status', '=', 'pending')
    .where('c.status', '<>', 'failed')
    // Not while a vote among several is open, nor one the vote passed over.
    .where((eb) => eb.or([eb('c.choice_state', 'is', null), eb('c.choice_state', '=', 'chosen')]))
    .where('r.is_current', '=', true)
    .$if(shotIds !== undefined, (query) => query.where('c.shot_id', 'in', shotIds!))
    .orderBy('c.segment_number')
    .execute();
}

export async function listReviews(db: Database, segmentId: string) {
  return db.selectFrom('segment_reviews').selectAll().where('segment_id', '=', segmentId).orderBy('created_at').execute();
}

/** The changes the last rejection (or regeneration request) of a version suggested, if any. */
export async function latestSuggestedChanges(db: Database, segmentId: string): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('segment_reviews')
    .select('suggested_changes')
    .where('segment_id', '=', segmentId)
    .where('action', 'in', ['reject', 'request_regeneration', 'changes_requested'])
    .where('suggested_changes', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (row?.suggested_changes as Record<string, unknown> | null) ?? undefined;
}

export async function markPurged(db: Database, id: string): Promise<void> {
  await db
    .updateTable('video_segments')
    .set({ purged_at: new Date() })
    .where('id', '=', id)
    .where('purged_at', 'is', null)
    .execute();
}

export async function setSourceKey(db: Database, id: string, key: string | null): Promise<void> {
  await db.updateTable('video_segments').set({ source_key: key, progress: 90 }).where('id', '=', id).execute();
}

/** Records what a take was made with and what it cost. */
export async function setProvenance(db: Database, id: string, provenance: TakeProvenance, cost: { usd: number | null; source: VideoSegment['cost_source'] }): Promise<void> {
  await db
    .updateTable('video_segments')
    .set({ provenance: JSON.stringify(provenance), cost_usd: cost.usd, cost_source: cost.source })
    .where('id', '=', id)
    .execute();
}

/** Approved takes of an episode with their shot's scene and characters: references for consistency. */
export async function listApprovedTakes(db: Database, episodeId: string) {
  return db
    .selectFrom('video_segments as s')
    .innerJoin('shots as sh', 'sh.id', 's.shot_id')
    .select(['s.id', 's.storage_key', 's.approved_at', 'sh.scene_id', 'sh.character_keys'])
    .where('s.episode_id', '=', episodeId)
    .where('s.approval_status', '=', 'approved')
    .where('s.storage_key', 'is not', null)
    .where('s.purged_at', 'is', null)
    .orderBy('s.approved_at', 'desc')
    .execute();
}

/** Keeps the reason of a failed attempt on a segment that will be tried again. */
export async function noteRetry(db: Database, id: string, kind: string, message: string): Promise<void> {
  await db.updateTable('video_segments').set({ error_kind: kind, error_message: message.slice(0, 4000) }).where('id', '=', id).execute();
}

/** What every take of an episode cost so far, by provider (rejected and replaced takes included). */
export async function sumEpisodeSpend(db: Database, episodeId: string) {
  return db
    .selectFrom('video_segments')
    .select((eb) => [
      'provider',
      eb.fn.countAll<string>().as('takes'),
      eb.fn.sum<number | null>('cost_usd').as('cost_usd'),
      eb.fn.count<string>('cost_source').as('priced'),
    ])
    .where('episode_id', '=', episodeId)
    .where('provenance', 'is not', null)
    .groupBy('provider')
    .orderBy('provider')
    .execute();
}

/** Notes (or, with null, forgets) the remote job rendering a take, so another worker can follow it. */
export async function setProviderJob(db: Database, id: string, job: { provider: string; token: unknown } | null): Promise<void> {
  await db
    .updateTable('video_segments')
    .set({ provider_job: job === null ? null : JSON.stringify(job) })
    .where('id', '=', id)
    .execute();
}

/** Every take made for an episode, with who asked for it: what the costs view counts. */
export async function listMadeTakes(db: Database, episodeId: string) {
  return db
    .selectFrom('video_segments as s')
    .leftJoin('users as u', 'u.id', 's.requested_by')
    .select(['s.requested_by', 'u.display_name', 's.approval_status', 's.cost_usd', 's.duration', 's.is_current'])
    .where('s.episode_id', '=', episodeId)
    .where('s.provenance', 'is not', null)
    .execute();
}
