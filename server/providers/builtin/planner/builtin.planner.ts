/**
 * The built-in planner: turns an idea into a story, characters, scenes and shots by rules, and
 * reads screenplays written in Fountain. It works offline and is deterministic for the same input
 * and seed. It is not a language model and says so, so nobody mistakes its plans for one's.
 */
import { invalidInputError } from '../../errors.ts';
import type { EpisodePlan, Planner, PlanRequest } from '../../planner.types.ts';
import { japaneseTokenizer } from '../../../media/japanese-reading.ts';
import { analyzeIdea, type IdeaAnalysis } from './idea-rules.ts';
import { buildIdeaPlan } from './idea-plan.builder.ts';
import { createRandom } from './seeded-random.ts';
import { ideaLanguage } from './reading/idea-language.ts';
import { japaneseHeroEvents, japaneseHeroNoun, latinHeroEvents, latinHeroNoun } from './reading/hero-reading.ts';
import { withChineseHero } from './reading/chinese-hero.ts';
import { heroGender } from './reading/hero-gender.ts';
import { findKeyObject } from './reading/key-object.ts';
import { keepNamedThings } from './reading/keep-named.ts';
import { findNamedThings } from './reading/named-things.ts';
import { parseScreenplayToPlan } from './screenplay-plan.builder.ts';

/** Longest idea the planner reads; longer texts are screenplays or treatments, not ideas. */
export const MAX_IDEA_LENGTH = 2000;

const PROVIDER = 'builtin';

/**
 * In the languages whose sentences the rules do not read, the named hero is described by the noun
 * the idea puts beside the name ("la pescadora Rosario"), where it puts one, and an idea with no
 * genre is told through the events that follow the name.
 */
async function withHeroNoun(analysis: IdeaAnalysis): Promise<IdeaAnalysis> {
  const { language, protagonist } = analysis;
  if (language === 'en' || language === 'zh' || !protagonist.name) return analysis;
  const noun =
    language === 'ja' ? japaneseHeroNoun(analysis.idea, protagonist.name, await japaneseTokenizer()) : latinHeroNoun(analysis.idea, protagonist.name, language);
  // An idea with no genre is told through what its hero does (idea-plan.builder.ts).
  const events = !analysis.uncued
    ? []
    : language === 'ja'
      ? japaneseHeroEvents(analysis.idea, protagonist.name, await japaneseTokenizer())
      : latinHeroEvents(analysis.idea, protagonist.name);
  return {
    ...analysis,
    ...(noun ? { protagonist: { ...protagonist, phrase: noun } } : {}),
    ...(events.length >= 2 ? { events } : {}),
  };
}

/** Creates the rule-based planner registered as `builtin`. */
export function createBuiltinPlanner(): Planner {
  return {
    id: PROVIDER,
    description:
      'Built-in rule-based planner (not a language model): builds a story, characters and shots from genre templates and the words of your idea, and reads screenplays in Fountain format. Works offline.',
    async plan(request: PlanRequest, options?: { signal?: AbortSignal }): Promise<EpisodePlan> {
      options?.signal?.throwIfAborted();
      const idea = typeof request.idea === 'string' ? request.idea.trim() : '';
      if (!idea) {
        throw invalidInputError(PROVIDER, 'The idea is empty. Describe the story in a sentence, e.g. "A detective cat solves a mystery in a rainy Tokyo alley".');
      }
      if (idea.length > MAX_IDEA_LENGTH) {
        throw invalidInputError(
          PROVIDER,
          `The idea is ${idea.length} characters long; the built-in planner reads at most ${MAX_IDEA_LENGTH}. Shorten it to a few sentences, or paste a full script as a Fountain screenplay instead.`,
        );
      }
      const seed = Number.isFinite(request.seed) ? Math.trunc(request.seed) : 0;
      const language = await ideaLanguage(idea);
      let read = analyzeIdea(idea, language.planned);
      if (language.note) {
        // The English rules cannot read another language's sentence: its people and places come
        // from the libraries below, and the hero is described as the genre's usual one.
        const text = read.kit[read.language];
        read = { ...read, predicate: '', protagonist: { phrase: text.defaultProtagonist, kind: undefined, role: undefined, name: undefined } };
      }
      read = await withChineseHero(read);
      const named = await withHeroNoun(keepNamedThings(read, await findNamedThings(read.idea, language.code === 'zh' || language.code === 'ja' ? 'zh' : 'en')));
      // An idea in a language the planner does not write keeps the genre's own object.
      const keyObject = language.note ? undefined : await findKeyObject(idea, read.language, [named.protagonist.name ?? '', ...named.supportingNames]);
      const gender = await heroGender(named);
      const analysis = {
        ...named,
        ...(gender ? { heroGender: gender } : {}),
        ...(language.note ? { languageNote: language.note } : {}),
        ...(keyObject ? { keyObject: keyObject.phrase, ...(keyObject.gender ? { keyObjectGender: keyObject.gender } : {}) } : {}),
      };
      options?.signal?.throwIfAborted();
      return buildIdeaPlan(analysis, createRandom('builtin-planner', analysis.idea, seed), {
        style: request.style,
        targetShots: request.targetShots,
      });
    },
    async parseScreenplay(text: string, options: { seed: number }): Promise<EpisodePlan> {
      return parseScreenplayToPlan(text, Number.isFinite(options.seed) ? Math.trunc(options.seed) : 0);
    },
  };
}
