/**
 * The people of an episode who can be mentioned, fetched once for every note box on the page.
 */
import type { MentionableDto } from '../api/notes.schema.ts';
import { apiClient } from '../services/api.ts';

const peopleOf = new Map<string, Promise<MentionableDto['people']>>();

/** The episode's people; none when the caller may not list them (a guest's "@" stays plain text). */
export function mentionable(episodeId: string): Promise<MentionableDto['people']> {
  let people = peopleOf.get(episodeId);
  if (!people) {
    people = apiClient(fetch)
      .notes.mentionable(episodeId)
      .then((answer) => answer.people)
      .catch(() => {
        // Asked again next time: the failure may have been the network.
        peopleOf.delete(episodeId);
        return [];
      });
    peopleOf.set(episodeId, people);
  }
  return people;
}
