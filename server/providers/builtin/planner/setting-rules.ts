/**
 * Turns the idea's location into scenes' places: the screenplay heading, a corner of the location
 * for each later scene (so scenes differ but stay in one world), and a location description that
 * carries the weather and the time of day into every generation of the scene.
 */
import { z } from 'zod';
import type { IdeaAnalysis } from './idea-rules.ts';
import { SETTING_KINDS, TIMES_OF_DAY, WEATHERS, type SettingKind } from './lexicon.ts';
import type { SeededRandom } from './seeded-random.ts';
import words from './setting-words.json' with { type: 'json' };
import { capitalize, withArticle } from './text-utils.ts';

/** A corner of the location: `head` goes into the heading, `en`/`zh` into the description. */
export interface SubArea {
  head: string;
  en: string;
  zhHead: string;
  zh: string;
}

const bilingual = z.strictObject({ en: z.string(), zh: z.string() });

/**
 * The words live in `setting-words.json`, one table for every kind of setting, weather and time;
 * a corner there is [heading, English, Chinese heading, Chinese]. Checked once when loaded, so a
 * missing kind fails at start rather than in the middle of a plan.
 */
const settingWords = z.strictObject({
  settings: z.record(
    z.enum(SETTING_KINDS),
    z.strictObject({
      corners: z.array(z.tuple([z.string(), z.string(), z.string(), z.string()])).min(1),
      ambience: z.strictObject({ en: z.array(z.string()).min(1), zh: z.array(z.string()).min(1) }),
    }),
  ),
  weather: z.record(z.enum(WEATHERS), bilingual),
  timeOfDay: z.record(z.enum(TIMES_OF_DAY), bilingual),
});

const WORDS = settingWords.parse(words);

const SUB_AREAS = Object.fromEntries(
  SETTING_KINDS.map((kind) => [kind, WORDS.settings[kind].corners.map(([head, en, zhHead, zh]): SubArea => ({ head, en, zhHead, zh }))]),
) as Record<SettingKind, SubArea[]>;

/** Corners of the location for scenes after the first, in a seeded order. */
export function subAreasFor(setting: SettingKind, random: SeededRandom): SubArea[] {
  return random.shuffle(SUB_AREAS[setting]);
}

/** `EXT. TOKYO ALLEY - NIGHT`, or with a corner: `EXT. TOKYO ALLEY - ROOFTOP - NIGHT`. */
export function sceneHeading(analysis: IdeaAnalysis, subArea: SubArea | undefined): string {
  const { location, language, timeOfDay } = analysis;
  const prefix = location.setting === 'interior' || location.setting === 'vessel' ? 'INT.' : 'EXT.';
  const corner = subArea ? ` - ${language === 'zh' ? subArea.zhHead : subArea.head}` : '';
  return `${prefix} ${location.name.toUpperCase()}${corner} - ${timeOfDay}`;
}

/** What the place looks like in this scene; it always names the weather and light of the idea. */
export function locationDescription(analysis: IdeaAnalysis, subArea: SubArea | undefined, random: SeededRandom): string {
  const { location, language, timeOfDay, weather } = analysis;
  const ambience = random.pick(WORDS.settings[location.setting].ambience[language]);
  const weatherText = weather ? WORDS.weather[weather][language] : undefined;
  if (language === 'zh') {
    const timed = /夜|晚|晨|昏|黎明|白天/.test(location.phrase) ? location.phrase : `${WORDS.timeOfDay[timeOfDay].zh}${location.phrase}`;
    const corner = subArea ? `，${subArea.zh}` : '';
    return `${timed}${corner}：${[weatherText, ambience].filter(Boolean).join('；')}。`;
  }
  const place = location.proper ? location.phrase : withArticle(location.phrase);
  const corner = subArea ? `, ${subArea.en}` : '';
  return `${capitalize(place)} ${WORDS.timeOfDay[timeOfDay].en}${corner}: ${[weatherText, ambience].filter(Boolean).join('; ')}.`;
}
