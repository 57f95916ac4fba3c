/**
 * Lays what the idea names over the rule-based reading: the hero is the person the idea names
 * (never the phrase around the name), the people it names fill the story's roles before anyone
 * is invented, and the places it names are where the scenes happen.
 */
import type { IdeaAnalysis } from '../idea-rules.ts';
import type { NamedThings } from './named-things.ts';

const words = (name: string) => name.toLocaleLowerCase().split(/[\s-]+/u);

/**
 * Drops a name that only repeats part of an earlier one ("Evelyn" after "Evelyn Hart", "Crane"
 * after "Aldous Crane"), and names that are also places.
 */
function distinctPeople(named: NamedThings): string[] {
  const kept: string[] = [];
  for (const name of named.people) {
    const parts = words(name);
    const repeats = kept.some((earlier) => {
      const whole = words(earlier);
      return parts.every((part) => whole.includes(part)) || (/[\u3400-\u9fff]/u.test(name) && earlier.includes(name));
    });
    if (!repeats && !named.places.includes(name)) kept.push(name);
  }
  return kept;
}

/** What is left of "退休的开锁高手老周" or "nora" once the name is taken out: a description, or nothing. */
function withoutName(phrase: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return phrase
    .replace(new RegExp(escaped, 'giu'), ' ')
    .replace(/的\s*$/u, '')
    .replace(/^\s*(?:a|an|the)\s+/iu, '')
    .replace(/[\s,，]+/gu, ' ')
    .trim();
}

export function keepNamedThings(analysis: IdeaAnalysis, named: NamedThings): IdeaAnalysis {
  // The place rules know "on Mars" is a place even where the tagger took "Mars" for a person.
  const where = analysis.location.proper ? analysis.location.name.toLocaleLowerCase() : '';
  const people = distinctPeople(named).filter((name) => name.toLocaleLowerCase() !== where);
  const text = analysis.kit[analysis.language];
  let protagonist = analysis.protagonist;
  // The rules may have caught one word of the name ("engineer Sam" of "engineer Sam Okafor").
  const fuller = protagonist.name && people.find((name) => name !== protagonist.name && words(name).includes(protagonist.name!.toLocaleLowerCase()));
  const hero = fuller ?? protagonist.name ?? people[0];
  if (hero) {
    // A phrase that was only the name ("Nora films…") describes nobody: the genre's usual hero
    // stands in as the description, and the name stays the idea's.
    const rest = withoutName(protagonist.phrase, hero);
    protagonist = { ...protagonist, name: hero, phrase: rest || text.defaultProtagonist };
  }
  const supporting = people.filter((name) => name !== hero);

  let location = analysis.location;
  const [firstPlace, ...laterPlaces] = named.places.filter((place) => !people.includes(place));
  const mentions = (place: string) => `${location.name} ${location.phrase}`.toLocaleLowerCase().includes(place.toLocaleLowerCase());
  if (firstPlace && !mentions(firstPlace)) {
    location = { ...location, name: firstPlace, phrase: firstPlace, inSentence: firstPlace, proper: true };
  }
  return { ...analysis, protagonist, location, supportingNames: supporting, laterPlaces: laterPlaces.filter((place) => !mentions(place)) };
}
