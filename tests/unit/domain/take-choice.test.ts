/**
 * The rules of a vote among takes: the letters' order (by version, or shuffled the same way for
 * everyone in a blind vote), the count, the winner or a tie, and the seeds of new takes.
 */
import { describe, expect, it } from 'vitest';
import { takeSeeds } from '../../../server/commands/take-choices.ts';
import { countVotes, displayOrder, voteResult } from '../../../src/lib/domain/take-choice.ts';

const takes = [
  { id: 'c3', version: 7 },
  { id: 'a1', version: 5 },
  { id: 'b2', version: 6 },
  { id: 'd4', version: 8 },
];

describe('displayOrder', () => {
  it('shows takes by version when the vote is not blind', () => {
    expect(displayOrder('choice-1', false, takes).map((take) => take.id)).toEqual(['a1', 'b2', 'c3', 'd4']);
  });

  it('shuffles a blind vote the same way on every call, whatever order the takes come in', () => {
    const once = displayOrder('choice-1', true, takes).map((take) => take.id);
    expect(displayOrder('choice-1', true, [...takes].reverse()).map((take) => take.id)).toEqual(once);
    expect([...once].sort()).toEqual(['a1', 'b2', 'c3', 'd4']);
  });

  it('does not always put the first take made first in blind votes', () => {
    const firsts = new Set(Array.from({ length: 40 }, (_, index) => displayOrder(`choice-${index}`, true, takes)[0]!.id));
    expect(firsts.size).toBeGreaterThan(1);
  });
});

describe('countVotes and voteResult', () => {
  it('counts each vote for its take and ignores votes for other takes', () => {
    const counts = countVotes(['a', 'b', 'c'], [{ segment_id: 'a' }, { segment_id: 'c' }, { segment_id: 'a' }, { segment_id: 'z' }]);
    expect([...counts]).toEqual([
      ['a', 2],
      ['b', 0],
      ['c', 1],
    ]);
  });

  it('names the take with the most votes', () => {
    expect(voteResult(['a', 'b', 'c'], [{ segment_id: 'b' }, { segment_id: 'b' }, { segment_id: 'a' }])).toEqual({ kind: 'winner', takeId: 'b', votes: 2 });
  });

  it('reports a tie between the leaders only', () => {
    expect(voteResult(['a', 'b', 'c'], [{ segment_id: 'a' }, { segment_id: 'c' }])).toEqual({ kind: 'tied', takeIds: ['a', 'c'], votes: 1 });
  });

  it('reports no votes, also when the only votes are for takes that cannot win', () => {
    expect(voteResult(['a', 'b'], [])).toEqual({ kind: 'no_votes' });
    expect(voteResult(['a', 'b'], [{ segment_id: 'failed-take' }])).toEqual({ kind: 'no_votes' });
  });
});

describe('takeSeeds', () => {
  it('counts on from a given seed', () => {
    expect(takeSeeds(3, 100)).toEqual([100, 101, 102]);
  });

  it('wraps at the largest seed', () => {
    expect(takeSeeds(2, 2_147_483_647)).toEqual([2_147_483_647, 0]);
  });

  it('draws again when a random seed repeats', () => {
    const draws = [9, 9, 4, 9, 7];
    expect(takeSeeds(3, undefined, () => draws.shift()!)).toEqual([9, 4, 7]);
  });
});
