/**
 * Turns the idea's location into scenes' places: the screenplay heading, a corner of the location
 * for each later scene (so scenes differ but stay in one world), and a location description that
 * carries the weather and the time of day into every generation of the scene.
 */
import { z } from 'zod';
import type { IdeaAnalysis } from './idea-rules.ts';
import { KIT_LANGUAGES, type Language } from './kits/kit.types.ts';
import { PLAN_WORDS } from './languages/plan-words.ts';
import { SETTING_KINDS, TIMES_OF_DAY, WEATHERS, type SettingKind } from './lexicon.ts';
import type { SeededRandom } from './seeded-random.ts';
import words from './setting-words.json' with { type: 'json' };

/** A corner of the location, per language: `head` goes into the heading, `text` into the description. */
export type SubArea = Record<Language, { head: string; text: string }>;

const perLanguage = <T extends z.ZodType>(schema: T) =>
  z.strictObject(Object.fromEntries(KIT_LANGUAGES.map((language) => [language, schema])) as Record<Language, T>);

/**
 * The words live in `setting-words.json`, one table for every kind of setting, weather and time,
 * in every language the planner writes; a corner there is [heading, description] per language.
 * Checked once when loaded, so a missing word fails at start rather than in the middle of a plan.
 */
const settingWords = z.strictObject({
  settings: z.record(
    z.enum(SETTING_KINDS),
    z.strictObject({
      corners: z.array(perLanguage(z.tuple([z.string().min(1), z.string().min(1)]))).min(1),
      ambience: perLanguage(z.array(z.string().min(1)).min(1)),
    }),
  ),
  weather: z.record(z.enum(WEATHERS), perLanguage(z.string().min(1))),
  timeOfDay: z.record(z.enum(TIMES_OF_DAY), perLanguage(z.string().min(1))),
});

const WORDS = settingWords.parse(words);

const SUB_AREAS = Object.fromEntries(
  SETTING_KINDS.map((kind) => [
    kind,
    WORDS.settings[kind].corners.map(
      (corner) => Object.fromEntries(KIT_LANGUAGES.map((language) => [language, { head: corner[language][0], text: corner[language][1] }])) as SubArea,
    ),
  ]),
) as Record<SettingKind, SubArea[]>;

/** Corners of the location for scenes after the first, in a seeded order. */
export function subAreasFor(setting: SettingKind, random: SeededRandom): SubArea[] {
  return random.shuffle(SUB_AREAS[setting]);
}

/** `EXT. TOKYO ALLEY - NIGHT`, or with a corner: `EXT. TOKYO ALLEY - ROOFTOP - NIGHT`. */
export function sceneHeading(analysis: IdeaAnalysis, subArea: SubArea | undefined): string {
  const { location, language, timeOfDay } = analysis;
  const prefix = location.setting === 'interior' || location.setting === 'vessel' ? 'INT.' : 'EXT.';
  const corner = subArea ? ` - ${subArea[language].head}` : '';
  return `${prefix} ${location.name.toUpperCase()}${corner} - ${timeOfDay}`;
}

/** What the place looks like in this scene; it always names the weather and light of the idea. */
export function locationDescription(analysis: IdeaAnalysis, subArea: SubArea | undefined, random: SeededRandom): string {
  const { location, language, timeOfDay, weather } = analysis;
  const ambience = random.pick(WORDS.settings[location.setting].ambience[language]);
  const weatherText = weather ? WORDS.weather[weather][language] : undefined;
  const details = [weatherText, ambience].filter((detail): detail is string => detail !== undefined);
  return PLAN_WORDS[language].locationDescription(location.phrase, location.proper, WORDS.timeOfDay[timeOfDay][language], subArea?.[language].text, details);
}
