/**
 * A vote among takes as the API shows it: each take under its letter, the votes, and the caller's
 * own; provider, seed, version and who voted for what left out while a blind vote is open.
 */
import type { SegmentDetailDto } from '../../../src/lib/api/segments.schema.ts';
import type { TakeChoiceDto, TakeChoiceTakeDto } from '../../../src/lib/api/take-choices.schema.ts';
import { countVotes, displayOrder, TAKE_LETTERS } from '../../../src/lib/domain/take-choice.ts';
import type { TakeChoice, TakeVote, VideoSegment } from '../../db/schema.ts';
import { playable, poster } from './segment.presenter.ts';

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

export function presentChoice(choice: TakeChoice, contenders: VideoSegment[], votes: TakeVote[], voterKey: string): TakeChoiceDto {
  const revealed = !choice.blind || choice.status === 'closed';
  const counts = countVotes(contenders.map((take) => take.id), votes);
  const takes = displayOrder(choice.id, choice.blind, contenders).map(
    (take, index): TakeChoiceTakeDto => ({
      label: TAKE_LETTERS[index] ?? String(index + 1),
      segment_id: take.id,
      status: take.status,
      approval_status: take.approval_status,
      progress: Math.round(Number(take.progress)),
      video_url: playable(take),
      thumbnail_url: poster(take),
      duration: num(take.duration),
      quality_score: num(take.quality_score),
      consistency_score: num(take.consistency_score),
      error_message: take.error_message,
      is_current: take.is_current,
      outcome: take.choice_state ?? 'contending',
      version: revealed ? take.version : null,
      provider: revealed ? take.provider : null,
      seed: revealed ? take.seed : null,
      votes: revealed ? (counts.get(take.id) ?? 0) : null,
      voters: revealed ? votes.filter((vote) => vote.segment_id === take.id).map((vote) => vote.voter_name) : null,
    }),
  );
  return {
    id: choice.id,
    episode_id: choice.episode_id,
    shot_id: choice.shot_id,
    segment_number: contenders[0]?.segment_number ?? 0,
    blind: choice.blind,
    status: choice.status,
    revealed,
    requested_by_name: choice.requested_by_name,
    created_at: new Date(choice.created_at).toISOString(),
    closed_at: choice.closed_at ? new Date(choice.closed_at).toISOString() : null,
    closed_by_name: choice.closed_by_name,
    closed_how: choice.closed_how,
    winner_segment_id: choice.winner_segment_id,
    rendered: contenders.every((take) => take.status === 'completed' || take.status === 'failed'),
    votes_cast: votes.length,
    my_vote: votes.find((vote) => vote.voter_key === voterKey)?.segment_id ?? null,
    takes,
  };
}

/**
 * A take page's answer with what a blind vote hides (provider, seed, model, cost) left out for the
 * takes in `hidden`: the take itself and its other versions.
 */
export function withoutBlindFacts(detail: SegmentDetailDto, hidden: ReadonlySet<string>): SegmentDetailDto {
  if (hidden.size === 0) return detail;
  const params = { ...detail.generation_params };
  if (hidden.has(detail.id)) delete params.seed;
  return {
    ...detail,
    ...(hidden.has(detail.id) && { provider: null, seed: null, provenance: null, cost: null, generation_params: params }),
    previous_versions: detail.previous_versions.map((version) => (hidden.has(version.id) ? { ...version, provider: null, seed: null, model: null, cost_usd: null } : version)),
  };
}
