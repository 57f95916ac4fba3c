/**
 * Takes to choose from. An editor asks for 1–4 new takes of a shot, each with its own seed; they
 * render at once, as many as the provider takes at a time (each in its own provider lane). Two or
 * more open a vote (a choice): nobody decides on them while it is open; reviewers compare them and
 * vote (optionally blind); an editor closes the vote, and the winner becomes the shot's current
 * take, to be reviewed as any take is, while the others stay as versions. Where the shot's take
 * is approved, the new takes are candidates (candidate-takes.ts): the winner replaces the approved
 * take once it is approved itself.
 *
 * Which of the shot's takes the new ones are:
 *   never made (pending, not queued)   the first is that take itself, the others are made beside it
 *   made, not approved                 the first replaces it as current, the others beside it
 *   approved                           every one is a candidate to replace it
 */
import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { GenerationChanges } from '../../src/lib/api/segments.schema.ts';
import { voteResult } from '../../src/lib/domain/take-choice.ts';
import { settleDecisionItems } from '../db/queries/activity.queries.ts';
import { findEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { findActiveRun } from '../db/queries/generation-run.queries.ts';
import {
  clearCurrent,
  findEpisodeSegments,
  findSegment,
  insertNextVersion,
  latestSuggestedChanges,
  lockCurrentVersion,
  makeCurrent,
  setPendingParams,
} from '../db/queries/segment.queries.ts';
import {
  closeChoiceRow,
  deleteVote,
  findChoice,
  findOpenChoiceOfShot,
  insertChoice,
  listChoices,
  listContenders,
  listVotes,
  lockChoice,
  setChoiceState,
  upsertVote,
} from '../db/queries/take-choice.queries.ts';
import type { DB, TakeChoice, TakeChoiceClosing, TakeVote, VideoSegment } from '../db/schema.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { chosenTakeActivity, regenerationActivity, voteReadyActivity } from './activity.ts';
import { isDecidable } from './candidate-state.ts';
import { assertWithinBudget } from './episode-budget.ts';
import { advanceRun, covers } from './generation-runs.ts';
import { recordReview, reviewerKey, stateConflict } from './review-records.ts';
import { laneCount, queueSegmentGeneration } from './segment-queue.ts';
import { nextTakeParams } from './segment-versions.ts';
import type { Actor, Services } from './services.ts';

const MAX_SEED = 2_147_483_647;

export interface MakeTakesInput {
  count: number;
  blind: boolean;
  changes: GenerationChanges;
}

const rendering = (take: VideoSegment) => take.status === 'generating' || (take.status === 'pending' && take.queued_at !== null);

/** `count` different seeds: from the one given (then the next ones), else drawn at random. */
export function takeSeeds(count: number, given: number | undefined, draw: () => number = () => randomInt(0, MAX_SEED)): number[] {
  const seeds: number[] = [];
  while (seeds.length < count) {
    const seed = given === undefined ? draw() : (given + seeds.length) % (MAX_SEED + 1);
    if (!seeds.includes(seed)) seeds.push(seed);
  }
  return seeds;
}

const choiceClosed = (choice: TakeChoice) =>
  new AppError('choice_closed', 'This vote is closed: ask for new takes to vote again.', {
    status: 409,
    details: { choice_id: choice.id, winner_segment_id: choice.winner_segment_id },
  });

/** Asks for `count` new takes of the shot whose current take is `segmentId`; see the file's comment. */
export async function makeTakes(services: Services, segmentId: string, input: MakeTakesInput, actor: Actor): Promise<{ choice: TakeChoice | null; takes: VideoSegment[] }> {
  const target = await findSegment(services.db, segmentId);
  if (!target) throw notFound('Segment', segmentId);
  return withEpisodeLock(services.db, target.episode_id, async (trx) => {
    const current = await lockCurrentVersion(trx, target.shot_id);
    if (!current || current.id !== target.id) throw stateConflict('New takes are asked for on the current take of a shot: reload the episode.', target);
    const open = await findOpenChoiceOfShot(trx, current.shot_id);
    if (open) {
      throw new AppError('choice_open', `A vote among takes of shot ${current.segment_number} is open: close it before asking for more.`, { status: 409, details: { choice_id: open.id } });
    }
    if (rendering(current)) throw stateConflict('This shot is being generated; wait for it to finish.', current);
    const run = await findActiveRun(trx, current.episode_id);
    if (run?.paused_at && covers(run, current)) {
      throw conflict('The generation run covering this shot is paused: resume it, or cancel it, before asking for takes.', { run_id: run.id, pause_reason: run.pause_reason });
    }
    const episode = await findEpisode(trx, current.episode_id);
    if (!episode) throw notFound('Episode', current.episode_id);
    const takes = await newTakes(services, trx, current, input, actor);
    await assertWithinBudget(services, trx, episode, takes);
    const choice =
      input.count > 1 ? await insertChoice(trx, { episode_id: current.episode_id, shot_id: current.shot_id, blind: input.blind, requested_by: actor.userId, requested_by_name: actor.name }) : null;
    if (choice) await setChoiceState(trx, takes.map((take) => take.id), choice.id, 'contending');
    // Each take in its own lane of the provider: as many render at once as the provider takes.
    const lanes = laneCount(services, current.provider);
    for (const [index, take] of takes.entries()) {
      await queueSegmentGeneration(services, trx, take, {
        autoApprove: !choice && (run?.auto_approve ?? false),
        runId: run && covers(run, take) ? run.id : null,
        lane: (current.segment_number + index) % lanes,
        requestedBy: actor.userId,
      });
    }
    const made = await findEpisodeSegments(trx, current.episode_id, takes.map((take) => take.id));
    return { choice, takes: made.sort((a, b) => a.version - b.version) };
  });
}

/** Writes the new takes (not queued yet), and records the request on the take they follow. */
async function newTakes(services: Services, trx: Transaction<DB>, current: VideoSegment, input: MakeTakesInput, actor: Actor): Promise<VideoSegment[]> {
  const neverMade = current.status === 'pending';
  const approved = current.approval_status === 'approved';
  const suggested = neverMade ? undefined : ((await latestSuggestedChanges(trx, current.id)) as GenerationChanges | undefined);
  const takes: VideoSegment[] = [];
  for (const [index, seed] of takeSeeds(input.count, input.changes.seed).entries()) {
    const { params } = nextTakeParams(current.generation_params, suggested, { ...input.changes, seed });
    if (index === 0 && neverMade) {
      await setPendingParams(trx, current.id, params, seed);
      takes.push({ ...current, generation_params: params, seed });
    } else {
      const beside = index > 0 && !approved;
      takes.push(await insertNextVersion(trx, current, { seed, generation_params: params, ...(approved ? { replaces_segment_id: current.id } : {}), beside }));
    }
  }
  if (!neverMade) {
    const record = { takes: input.count, new_versions: takes.map((take) => take.version), ...(approved && { candidate: true }), ...(input.count > 1 && { blind: input.blind }) };
    await recordReview(trx, current, actor, 'regenerate', { suggested_changes: { ...input.changes, ...record } });
    if (!approved) await settleDecisionItems(trx, [current.id]);
    await regenerationActivity(services, trx, current, actor, { new_version: takes[0]!.version, changes: input.changes, answers_notes: 0, ...record });
  }
  return takes;
}

/** The choice, locked, with its takes; 404 for another episode's, 409 once it is closed. */
async function openChoice(trx: Transaction<DB>, episodeId: string, choiceId: string): Promise<{ choice: TakeChoice; contenders: VideoSegment[] }> {
  const choice = await lockChoice(trx, episodeId, choiceId);
  if (!choice) throw notFound('Vote', choiceId);
  if (choice.status !== 'open') throw choiceClosed(choice);
  return { choice, contenders: await listContenders(trx, choice.id) };
}

function contenderOf(contenders: VideoSegment[], segmentId: string): VideoSegment {
  const take = contenders.find((candidate) => candidate.id === segmentId);
  if (!take) throw new AppError('take_not_in_choice', 'That take is not one of the takes of this vote.', { status: 422, details: { segment_id: segmentId, takes: contenders.map((c) => c.id) } });
  return take;
}

function assertPlayable(take: VideoSegment): void {
  if (take.status !== 'completed' || take.purged_at) {
    throw new AppError('take_not_ready', `Version ${take.version} is ${take.status === 'completed' ? 'without its video' : take.status === 'failed' ? 'a failed take' : 'not made yet'}: it cannot be chosen.`, {
      status: 409,
      details: { segment_id: take.id, status: take.status },
    });
  }
}

/** Casts the caller's vote for one of the takes, or moves it there. */
export async function castVote(services: Services, episodeId: string, choiceId: string, segmentId: string, actor: Actor): Promise<void> {
  await services.db.transaction().execute(async (trx) => {
    const { choice, contenders } = await openChoice(trx, episodeId, choiceId);
    const take = contenderOf(contenders, segmentId);
    assertPlayable(take);
    await upsertVote(trx, { choice_id: choice.id, episode_id: choice.episode_id, shot_id: choice.shot_id, voter_key: reviewerKey(actor), voter_id: actor.userId, voter_name: actor.name, segment_id: take.id });
    // Their own question is answered.
    if (actor.userId) await settleDecisionItems(trx, contenders.map((other) => other.id), actor.userId);
  });
}

/** Takes the caller's vote back (nothing happens when there is none). */
export async function withdrawVote(services: Services, episodeId: string, choiceId: string, actor: Actor): Promise<void> {
  await services.db.transaction().execute(async (trx) => {
    const { choice } = await openChoice(trx, episodeId, choiceId);
    await deleteVote(trx, choice.id, reviewerKey(actor));
  });
}

/**
 * Closes the vote: the take named, else the one with the most votes, wins (409 on a tie or with
 * no votes); with no take made at all, it closes without a winner. Every take must have finished
 * rendering.
 */
export async function closeChoice(services: Services, episodeId: string, choiceId: string, named: string | undefined, actor: Actor): Promise<TakeChoice> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const { choice, contenders } = await openChoice(trx, episodeId, choiceId);
    const busy = contenders.filter((take) => take.status === 'pending' || take.status === 'generating');
    if (busy.length > 0) {
      throw new AppError('takes_rendering', `${busy.length} of the ${contenders.length} takes ${busy.length === 1 ? 'is' : 'are'} still being made: close the vote once every take is made.`, {
        status: 409,
        details: { rendering: busy.map((take) => take.id) },
      });
    }
    const eligible = contenders.filter((take) => take.status === 'completed' && !take.purged_at);
    let winner: VideoSegment | undefined;
    let how: TakeChoiceClosing = 'none';
    if (named) {
      winner = contenderOf(contenders, named);
      assertPlayable(winner);
      how = 'editor';
    } else if (eligible.length > 0) {
      const result = voteResult(eligible.map((take) => take.id), await listVotes(trx, [choice.id]));
      if (result.kind !== 'winner') {
        const message = result.kind === 'tied' ? `The vote is tied (${result.votes} each): name the winner, or wait for another vote.` : 'Nobody has voted yet: name the winner, or wait for the votes.';
        throw new AppError(result.kind === 'tied' ? 'vote_tied' : 'no_votes', message, { status: 409, details: { ...(result.kind === 'tied' && { tied: result.takeIds, votes: result.votes }) } });
      }
      winner = eligible.find((take) => take.id === result.takeId)!;
      how = 'votes';
    }
    await settleDecisionItems(trx, contenders.map((take) => take.id));
    await setChoiceState(trx, contenders.filter((take) => take.id !== winner?.id).map((take) => take.id), choice.id, 'passed_over');
    if (winner) await crown(services, trx, choice, winner);
    const closed = await closeChoiceRow(trx, choice.id, { winner_segment_id: winner?.id ?? null, closed_how: how, closed_by_name: actor.name });
    await advanceRun(services, trx, episodeId);
    return closed;
  });
}

/**
 * The winner becomes the shot's current take; or, while the take it would replace is still the
 * approved current one, the candidate to replace it. Reviewers are asked to decide on it.
 */
async function crown(services: Services, trx: Transaction<DB>, choice: TakeChoice, winner: VideoSegment): Promise<void> {
  await setChoiceState(trx, [winner.id], choice.id, 'chosen');
  const current = await lockCurrentVersion(trx, choice.shot_id);
  const staysCandidate = winner.replaces_segment_id !== null && current?.id === winner.replaces_segment_id && current.approval_status === 'approved';
  let chosen = { ...winner, choice_state: 'chosen' as const };
  if (!staysCandidate && !winner.is_current) {
    await clearCurrent(trx, choice.shot_id);
    chosen = { ...(await makeCurrent(trx, winner.id)), choice_state: 'chosen' };
  }
  if (isDecidable(chosen)) await chosenTakeActivity(services, trx, chosen);
}

/** A choice of the episode with its takes and votes (404 for another episode's). */
export async function loadChoice(services: Services, episodeId: string, choiceId: string): Promise<{ choice: TakeChoice; contenders: VideoSegment[]; votes: TakeVote[] }> {
  const choice = await findChoice(services.db, episodeId, choiceId);
  if (!choice) throw notFound('Vote', choiceId);
  const [contenders, votes] = await Promise.all([listContenders(services.db, choice.id), listVotes(services.db, [choice.id])]);
  return { choice, contenders, votes };
}

/** The episode's votes, open ones first, then the latest closed ones. */
export async function loadChoices(services: Services, episodeId: string, limit = 50): Promise<{ choice: TakeChoice; contenders: VideoSegment[]; votes: TakeVote[] }[]> {
  const choices = await listChoices(services.db, episodeId, limit);
  const votes = await listVotes(services.db, choices.map((choice) => choice.id));
  return Promise.all(
    choices.map(async (choice) => ({ choice, contenders: await listContenders(services.db, choice.id), votes: votes.filter((vote) => vote.choice_id === choice.id) })),
  );
}

/** The takes of the shot's open blind vote, whose provider and seed stay hidden until it closes. */
export async function blindTakeIds(services: Services, shotId: string): Promise<Set<string>> {
  const open = await findOpenChoiceOfShot(services.db, shotId);
  if (!open?.blind) return new Set();
  return new Set((await listContenders(services.db, open.id)).map((take) => take.id));
}

/**
 * After one of a vote's takes is made, or failed: once none is left rendering and at least one is
 * made, the reviewers are asked to compare and vote among those made. Call inside the transaction
 * that recorded the take.
 */
export async function noticeVoteReady(services: Services, trx: Transaction<DB>, take: VideoSegment): Promise<void> {
  if (take.choice_state !== 'contending' || !take.choice_id) return;
  const contenders = await listContenders(trx, take.choice_id);
  if (contenders.some((other) => other.status === 'pending' || other.status === 'generating')) return;
  const made = contenders.filter((other) => other.status === 'completed');
  if (made.length === 0) return;
  const anchor = made.find((other) => other.is_current) ?? made[0]!;
  await voteReadyActivity(services, trx, anchor, take.choice_id, made.length);
}
