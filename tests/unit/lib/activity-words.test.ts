/**
 * The words and links of activity rows and inbox items about votes among takes: a vote that waits
 * leads to the compare page, a chosen take says so; other takes keep their own words.
 */
import { describe, expect, it } from 'vitest';
import { activityLink, activitySentence, inboxItemWords } from '../../../src/lib/activity-words.ts';

const episodeId = 'e1';

describe('votes among takes in words', () => {
  it('says how many takes wait to be compared, and leads to the vote', () => {
    const facts = { kind: 'take.ready', actorName: 'Dailies', episodeId, segmentId: 's1', noteId: null, details: { shot_number: 4, version: 2, vote: true, takes: 3, choice_id: 'c9' } };
    expect(activitySentence(facts)).toBe('3 takes of shot 4 are ready to compare and vote on');
    expect(activityLink(facts)).toBe('/episodes/e1/choices/c9');
  });

  it('asks for a vote in the inbox, and for a decision once a take is chosen', () => {
    const base = { kind: 'decision' as const, episode_id: episodeId, episode_title: 'Harbour', segment_id: 's1', segment_number: 4, version: 2, note_id: null, activity_kind: 'take.ready', actor_name: null, inviter_name: null, invitation_role: null };
    expect(inboxItemWords({ ...base, details: { vote: true, takes: 3, choice_id: 'c9', shot_number: 4 } })).toEqual({ text: '3 takes of shot 4 wait for your vote', link: '/episodes/e1/choices/c9' });
    expect(inboxItemWords({ ...base, details: { chosen: true } })).toEqual({ text: 'Shot 4 v2 waits for your decision', link: '/episodes/e1/segments/s1' });
  });

  it('keeps the words of a take made on its own', () => {
    expect(activitySentence({ kind: 'take.ready', actorName: 'Dailies', episodeId, segmentId: 's1', noteId: null, details: { shot_number: 1, version: 3 } })).toBe('Shot 1 v3 is ready for review');
    expect(activitySentence({ kind: 'take.ready', actorName: 'Dailies', episodeId, segmentId: 's1', noteId: null, details: { shot_number: 1, version: 3, chosen: true } })).toBe('Shot 1 v3 was chosen among its takes and is ready for review');
  });
});
