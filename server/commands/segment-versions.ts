/**
 * Takes of a slot: regenerate makes a new version (version + 1, parent = the current one,
 * parameters = parent's merged with the last rejection's suggestions and the given changes, a new
 * random seed unless either gives one) and makes it current; rollback makes an earlier version current
 * again. Nothing is deleted, except the files of the replaced take when `keep_original` is false.
 */
import { settleDecisionItems } from '../db/queries/activity.queries.ts';
import { regenerationActivity } from './activity.ts';
import { captionsKey, originalKey } from './segment-analyzer.ts';
import { randomInt } from 'node:crypto';
import {
  clearCurrent,
  findSegment,
  latestSuggestedChanges,
  listVersions,
  lockCurrentVersion,
  makeCurrent,
  insertNextVersion,
  markPurged,
} from '../db/queries/segment.queries.ts';
import { findActiveRun } from '../db/queries/generation-run.queries.ts';
import type { Transaction } from 'kysely';
import type { DB, VideoSegment } from '../db/schema.ts';
import { findEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { assertWithinBudget } from './episode-budget.ts';
import { notFound } from '../errors.ts';
import type { GenerationChanges } from '../../src/lib/api/segments.schema.ts';
import { changeNotes, mergeChanges } from '../../src/lib/take-changes.ts';
import { advanceRun, covers } from './generation-runs.ts';
import { queueSegmentGeneration } from './segment-queue.ts';
import { recordReview, stateConflict } from './review-records.ts';
import { isContending } from './candidate-state.ts';
import { answerableNotes } from './take-notes.ts';
import { markNotesAddressed } from '../db/queries/note.queries.ts';
import type { Actor, Services } from './services.ts';

/**
 * The parameters of the take that follows `params`: the last rejection's suggestions, then the
 * given changes (which win where both say something). Every suggestion is kept, seed included;
 * notes (and undocumented keys) of both are the new take's notes. A new random seed unless one of
 * them gives one.
 */
export function nextTakeParams(params: Record<string, unknown>, suggested: GenerationChanges | undefined, given: GenerationChanges): { params: Record<string, unknown>; seed: number } {
  // Notes belong to the take they were written for: the new take keeps only this round's.
  const carried = { ...params };
  delete carried.notes;
  const merged = mergeChanges(mergeChanges(carried, suggested ?? {}), given);
  const notes = [...changeNotes(suggested), ...changeNotes(given)];
  const seed = given.seed ?? suggested?.seed ?? randomInt(0, 2_147_483_647);
  return { params: { ...merged, ...(notes.length > 0 && { notes: notes.join('; ') }), seed }, seed };
}

/**
 * Makes the next version of a made take the current one of its slot: its parameters from the take's,
 * the last rejection's suggestions and `changes`; the request recorded as a `regenerate` decision on
 * the take (with `record`), its open decision items settled, the team told. It is not queued: the
 * caller checks the budget and queues it. Call inside `withEpisodeLock`.
 */
export async function replaceWithNextVersion(
  services: Services,
  trx: Transaction<DB>,
  current: VideoSegment,
  changes: GenerationChanges,
  actor: Actor,
  record: Record<string, unknown>,
): Promise<VideoSegment> {
  const suggested = (await latestSuggestedChanges(trx, current.id)) as GenerationChanges | undefined;
  const { params, seed } = nextTakeParams(current.generation_params, suggested, changes);
  const next = await insertNextVersion(trx, current, { seed, generation_params: params });
  await recordReview(trx, current, actor, 'regenerate', { suggested_changes: { ...changes, ...record, new_version: next.version, new_segment_id: next.id } });
  await settleDecisionItems(trx, [current.id]);
  const answered = Array.isArray(record.answers_notes) ? record.answers_notes.length : 0;
  await regenerationActivity(services, trx, current, actor, { new_version: next.version, changes, answers_notes: answered, ...(record.stale ? { stale: record.stale } : {}) });
  return next;
}

/** The 409 for replacing a take while the vote among several takes of its shot is open. */
const voteFirst = (current: VideoSegment) =>
  stateConflict(`Shot ${current.segment_number} has several takes being voted on: close the vote first, then make another take or go back to an earlier one.`, current);

async function findInSlot(services: Services, segmentId: string): Promise<VideoSegment> {
  const segment = await findSegment(services.db, segmentId);
  if (!segment) throw notFound('Segment', segmentId);
  return segment;
}

/** What a regeneration changes, whether the replaced take's files stay, and the notes it answers. */
export interface RegenerateInput {
  changes: GenerationChanges;
  keepOriginal: boolean;
  answersNotes?: readonly string[];
}

export async function regenerateSegment(
  services: Services,
  segmentId: string,
  input: RegenerateInput,
  actor: Actor,
): Promise<VideoSegment> {
  const target = await findInSlot(services, segmentId);
  const created = await withEpisodeLock(services.db, target.episode_id, (trx) => regenerateInLock(services, trx, target, input, actor));
  if (!input.keepOriginal) await discardFiles(services, created.replaced);
  return created.next;
}

/**
 * Makes the next take of `target`'s slot inside the caller's episode lock (one regenerate, or a
 * batch of them in one transaction); the caller discards the replaced take's files after commit
 * when `keepOriginal` is false.
 */
export async function regenerateInLock(
  services: Services,
  trx: Transaction<DB>,
  target: VideoSegment,
  input: RegenerateInput,
  actor: Actor,
): Promise<{ next: VideoSegment; replaced: VideoSegment }> {
  const current = await lockCurrentVersion(trx, target.shot_id);
  if (!current || current.id !== target.id) throw stateConflict('Only the current version of a slot can be regenerated.', target);
  if (current.status === 'generating' || (current.status === 'pending' && current.queued_at !== null)) {
    throw stateConflict('This segment is being generated; wait for it to finish.', current);
  }
  if (current.status === 'pending') throw stateConflict('This segment has not been generated yet; start a generation run, or edit its shot.', current);
  if (isContending(current)) throw voteFirst(current);
  if (current.approval_status === 'approved') throw stateConflict('This take is approved: an editor or owner reopens it first (with a reason), then it can be regenerated.', current);
  const answered = await answerableNotes(trx, current, input.answersNotes ?? []);
  const next = await replaceWithNextVersion(services, trx, current, input.changes, actor, {
    keep_original: input.keepOriginal,
    ...(answered.length > 0 && { answers_notes: answered }),
  });
  await markNotesAddressed(trx, answered, next.id);
  const episode = await findEpisode(trx, current.episode_id);
  if (episode) await assertWithinBudget(services, trx, episode, [next]);
  const run = await findActiveRun(trx, current.episode_id);
  // Under a paused run the new take waits with the run's other shots; it starts when the run resumes.
  const held = run?.paused_at && covers(run, next);
  if (!held) await queueSegmentGeneration(services, trx, next, { autoApprove: run?.auto_approve ?? false, runId: run?.id ?? null, requestedBy: actor.userId });
  return { next, replaced: current };
}

/** Removes a replaced take's files and marks it purged; its row and history stay. */
export async function discardFiles(services: Services, segment: VideoSegment): Promise<void> {
  for (const key of [segment.storage_key, segment.thumbnail_key, captionsKey(segment), originalKey(segment)]) if (key) await services.storage.delete(key);
  await markPurged(services.db, segment.id);
}

export async function rollbackSegment(services: Services, segmentId: string, toVersion: number, actor: Actor): Promise<VideoSegment> {
  const anchor = await findInSlot(services, segmentId);
  return withEpisodeLock(services.db, anchor.episode_id, async (trx) => {
    const current = await lockCurrentVersion(trx, anchor.shot_id);
    const versions = await listVersions(trx, anchor.shot_id);
    const target = versions.find((v) => v.version === toVersion);
    if (!target) throw notFound(`Version ${toVersion} of this slot`);
    if (current?.id === target.id) throw stateConflict(`Version ${toVersion} is already current.`, target);
    if (current && isContending(current)) throw voteFirst(current);
    if (current && (current.status === 'generating' || (current.status === 'pending' && current.queued_at !== null))) {
      throw stateConflict('The current version is being generated; wait for it to finish.', current);
    }
    if (target.status !== 'completed' || target.purged_at) {
      throw stateConflict(`Version ${toVersion} has no video to go back to (${target.purged_at ? 'its files were purged' : target.status}).`, target);
    }
    await clearCurrent(trx, anchor.shot_id);
    const restored = await makeCurrent(trx, target.id);
    await recordReview(trx, restored, actor, 'rollback', { suggested_changes: { from_version: current?.version ?? null, to_version: toVersion } });
    await advanceRun(services, trx, restored.episode_id);
    return restored;
  });
}
