/**
 * Takes to choose from, as rules: the letters the takes are shown under, the count of votes, and
 * which take the votes make the winner. The server applies them (server/commands/take-choices.ts);
 * the compare page shows them.
 */
import { fnv1a } from './fnv.ts';

/** Most takes one request may ask for, and the letters they are shown under. */
export const MAX_TAKES = 4;
export const TAKE_LETTERS = ['A', 'B', 'C', 'D'] as const;


/**
 * The order the takes are shown in: by version, or, in a blind vote, shuffled by the choice (the
 * same for everyone and on every visit), so that the first take made is not always A.
 */
export function displayOrder<T extends { id: string; version: number }>(choiceId: string, blind: boolean, takes: readonly T[]): T[] {
  const byVersion = [...takes].sort((a, b) => a.version - b.version);
  if (!blind) return byVersion;
  return byVersion.sort((a, b) => fnv1a(`${choiceId}:${a.id}`) - fnv1a(`${choiceId}:${b.id}`) || a.version - b.version);
}

/** Votes per take id; every take named, with 0 where nobody voted for it. */
export function countVotes(takeIds: readonly string[], votes: readonly { segment_id: string }[]): Map<string, number> {
  const counts = new Map(takeIds.map((id) => [id, 0]));
  for (const vote of votes) if (counts.has(vote.segment_id)) counts.set(vote.segment_id, counts.get(vote.segment_id)! + 1);
  return counts;
}

export type VoteResult = { kind: 'winner'; takeId: string; votes: number } | { kind: 'tied'; takeIds: string[]; votes: number } | { kind: 'no_votes' };

/** What the votes decide among the takes that can win: the one with the most votes, a tie, or nothing. */
export function voteResult(eligible: readonly string[], votes: readonly { segment_id: string }[]): VoteResult {
  const counts = countVotes(eligible, votes);
  const most = Math.max(0, ...counts.values());
  if (most === 0) return { kind: 'no_votes' };
  const leaders = eligible.filter((id) => counts.get(id) === most);
  return leaders.length === 1 ? { kind: 'winner', takeId: leaders[0]!, votes: most } : { kind: 'tied', takeIds: leaders, votes: most };
}
