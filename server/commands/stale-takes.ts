/**
 * Regenerate stale: one run that makes a new take of every shot whose current take a change left
 * stale (or of the stale takes named), each recorded as a `regenerate` decision saying why.
 *
 * An approved stale take keeps its approval, and its place in the cut, until its new take is
 * decided: the new take is a candidate (candidate-takes.ts) that replaces it once approved. A stale
 * take whose candidate is already waiting is not made again, nor one of a shot whose takes are
 * being voted on (closing the vote makes its winner current, which would undo a new take made
 * meanwhile); the answer lists both. While a run is active, the new takes are made with it
 * instead, as single regenerations would be.
 */
import type { StaleRegenerationDto } from '../../src/lib/api/continuity.schema.ts';
import type { StaleReason } from '../../src/lib/domain/continuity.ts';
import { findEpisode, transitionEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { findActiveRun, findRun, insertRun } from '../db/queries/generation-run.queries.ts';
import { listCurrentSegments, listOpenCandidates } from '../db/queries/segment.queries.ts';
import { listOpenChoicesWithVotes } from '../db/queries/take-choice.queries.ts';
import type { GenerationMode, GenerationRun, VideoSegment } from '../db/schema.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { assertAccountQuota } from './account-quotas.ts';
import { staleShots } from './continuity.ts';
import { assertWithinBudget } from './episode-budget.ts';
import { advanceRun, covers } from './generation-runs.ts';
import { queueSegmentGeneration } from './segment-queue.ts';
import { makeCandidate } from './candidate-takes.ts';
import { replaceWithNextVersion } from './segment-versions.ts';
import type { Actor, Services } from './services.ts';

export interface RegenerateStaleInput {
  segmentIds?: string[];
  mode: GenerationMode;
}

export interface RegenerateStaleResult {
  run: GenerationRun;
  joined_active_run: boolean;
  regenerated: StaleRegenerationDto['regenerated'];
  waiting: StaleRegenerationDto['waiting'];
  voting: StaleRegenerationDto['voting'];
}

const messages = (reasons: readonly StaleReason[]) => reasons.map((reason) => reason.message);

export async function regenerateStale(services: Services, episodeId: string, input: RegenerateStaleInput, actor: Actor): Promise<RegenerateStaleResult> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const episode = await findEpisode(trx, episodeId);
    if (!episode) throw notFound('Episode', episodeId);
    const active = await findActiveRun(trx, episodeId);
    const stale = await staleShots(trx, episodeId);
    const current = await listCurrentSegments(trx, episodeId);
    const staleTakes = current.filter((take) => stale.has(take.shot_id));
    let chosen: VideoSegment[] = staleTakes;
    if (input.segmentIds) {
      const known = new Set(staleTakes.map((take) => take.id));
      const notStale = [...new Set(input.segmentIds)].filter((id) => !known.has(id));
      if (notStale.length > 0) {
        throw new AppError('not_stale', `${notStale.length === 1 ? 'One take named is' : `${notStale.length} takes named are`} not a stale current take of this episode; nothing was regenerated.`, {
          status: 422,
          details: { not_stale: notStale, stale: [...known] },
        });
      }
      chosen = staleTakes.filter((take) => input.segmentIds!.includes(take.id));
    }
    if (chosen.length === 0) throw new AppError('nothing_stale', 'No take of this episode is stale: every take was made from its characters and sets as they are now.', { status: 409 });
    const candidates = new Map((await listOpenCandidates(trx, episodeId)).map((take) => [take.replaces_segment_id, take]));
    const votes = new Map((await listOpenChoicesWithVotes(trx, episodeId)).map((choice) => [choice.shot_id, choice.id]));
    const waiting = chosen.filter((take) => candidates.has(take.id));
    const voting = chosen.filter((take) => votes.has(take.shot_id));
    const toMake = chosen.filter((take) => !candidates.has(take.id) && !votes.has(take.shot_id));
    const waitingItems = waiting.map((take) => ({ shot_id: take.shot_id, segment_number: take.segment_number, segment_id: take.id, candidate_id: candidates.get(take.id)!.id }));
    const votingItems = voting.map((take) => ({ shot_id: take.shot_id, segment_number: take.segment_number, segment_id: take.id, choice_id: votes.get(take.shot_id)! }));
    if (toMake.length === 0) {
      const why = [
        waiting.length > 0 && `${waiting.length === 1 ? 'one has' : `${waiting.length} have`} a new take waiting for its decision (decide on it first)`,
        voting.length > 0 && `${voting.length === 1 ? 'one is' : `${voting.length} are`} being voted on (close the vote first)`,
      ].filter(Boolean);
      throw new AppError('stale_takes_waiting', `No stale take can be made again now: ${why.join('; ')}.`, {
        status: 409,
        details: { waiting: waitingItems, voting: votingItems },
      });
    }
    // A new run counts against the account's runs; takes made with a run under way do not.
    if (!active) await assertAccountQuota(services, trx, 'generationRuns', actor);
    const regenerated: RegenerateStaleResult['regenerated'] = [];
    const made: VideoSegment[] = [];
    for (const take of toMake) {
      const reasons = messages(stale.get(take.shot_id)!);
      const changes = { notes: `Stale: ${reasons.join('; ')}` };
      const candidate = take.approval_status === 'approved';
      const next = candidate
        ? await makeCandidate(services, trx, take, changes, actor, { stale: reasons })
        : await replaceWithNextVersion(services, trx, take, changes, actor, { stale: reasons });
      made.push(next);
      regenerated.push({ shot_id: take.shot_id, segment_number: take.segment_number, replaced_segment_id: take.id, new_segment_id: next.id, new_version: next.version, candidate, reasons });
    }
    await assertWithinBudget(services, trx, episode, made);
    const answer = (run: GenerationRun, joined: boolean): RegenerateStaleResult => ({
      run,
      joined_active_run: joined,
      regenerated,
      waiting: waitingItems,
      voting: votingItems,
    });
    if (active) {
      // A run is active: the new takes are made as single regenerations would be, with that run
      // where it covers them (waiting with it while it is paused); a candidate is made at once.
      for (const next of made) {
        const candidate = next.replaces_segment_id !== null;
        const withRun = !candidate && covers(active, next);
        if (withRun && active.paused_at) continue;
        await queueSegmentGeneration(services, trx, next, { autoApprove: withRun && active.auto_approve, runId: withRun ? active.id : null, requestedBy: actor.userId });
      }
      return answer(active, true);
    }
    const run = await insertRun(trx, {
      episode_id: episodeId,
      mode: input.mode,
      batch_size: input.mode === 'parallel' ? made.length : 1,
      start_from: Math.min(...made.map((take) => take.segment_number)),
      auto_approve: false,
      total_segments: made.length,
      created_by: actor.userId,
      cost_cap_usd: null,
      shot_ids: made.map((take) => take.shot_id),
    });
    if (!run) throw conflict('Another run started at the same moment.');
    await transitionEpisode(trx, episodeId, 'generating', undefined);
    await advanceRun(services, trx, episodeId);
    return answer((await findRun(trx, run.id)) ?? run, false);
  });
}
