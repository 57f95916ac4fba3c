/**
 * Builds a genre kit from its words. A kit's `.kit.json` holds only what that genre says; the
 * shape is checked here once. Each moment names its cast and speakers once for both languages,
 * so the English and Chinese versions of a shot cannot disagree about who is in it.
 */
import { z } from 'zod';
import { SETTING_KINDS, TIMES_OF_DAY } from '../lexicon.ts';
import { BEATS, GENRES, MOMENTS_PER_BEAT, ROLE_IDS, type Beat, type GenreKit, type KitText, type Language, type Moment } from './kit.types.ts';

const words = z.array(z.string());
const roleId = z.enum(ROLE_IDS);

const roleText = z.strictObject({
  label: z.string(),
  title: z.string(),
  description: z.string(),
  humanKinds: words,
  animalAdjectives: words,
  attire: words,
  fixedKind: z.string().optional(),
});

const kitText = z.strictObject({
  defaultProtagonist: z.string(),
  protagonistNote: z.string(),
  objects: words,
  titles: words,
  hook: z.string(),
  defaultLocation: z.string(),
  style: z.string(),
  summaries: z.strictObject(Object.fromEntries(BEATS.map((beat) => [beat, z.string()])) as Record<Beat, z.ZodString>),
});

/** One shot of story in both languages: `lines` are [speaker, English, Chinese]. */
const bilingualMoment = z
  .strictObject({
    cast: z.array(roleId).min(1),
    en: z.string(),
    zh: z.string(),
    lines: z.array(z.tuple([roleId, z.string(), z.string()])),
  })
  .refine((moment) => moment.lines.every(([speaker]) => moment.cast.includes(speaker)), {
    message: 'every speaker must be in the moment’s cast',
  });

const kitWords = z.strictObject({
  genre: z.enum(GENRES),
  defaultTime: z.enum(TIMES_OF_DAY),
  defaultSetting: z.enum(SETTING_KINDS),
  roles: z.array(z.strictObject({ id: roleId.exclude(['P']), en: roleText, zh: roleText })),
  en: kitText,
  zh: kitText,
  moments: z.strictObject(
    Object.fromEntries(BEATS.map((beat) => [beat, z.array(bilingualMoment).min(MOMENTS_PER_BEAT[beat])])) as Record<
      Beat,
      z.ZodArray<typeof bilingualMoment>
    >,
  ),
});

type KitWords = z.infer<typeof kitWords>;

function textIn(parsed: KitWords, language: Language): KitText {
  const beats = Object.fromEntries(
    BEATS.map((beat) => [
      beat,
      parsed.moments[beat].map(
        (moment): Moment => ({
          cast: moment.cast,
          action: moment[language],
          lines: moment.lines.map(([speaker, en, zh]) => [speaker, language === 'en' ? en : zh]),
        }),
      ),
    ]),
  ) as Record<Beat, Moment[]>;
  return { ...parsed[language], beats };
}

/**
 * Checks a kit's words and spreads them into one text per language. `source` names the file in
 * the error, since a mistake here is a mistake in that file.
 */
export function buildKit(source: string, data: unknown): GenreKit {
  const result = kitWords.safeParse(data);
  if (!result.success) {
    throw new Error(`The genre kit ${source} does not have the expected shape; fix the file:\n${z.prettifyError(result.error)}`, {
      cause: result.error,
    });
  }
  const parsed = result.data;
  return {
    genre: parsed.genre,
    defaultTime: parsed.defaultTime,
    defaultSetting: parsed.defaultSetting,
    roles: parsed.roles,
    en: textIn(parsed, 'en'),
    zh: textIn(parsed, 'zh'),
  };
}
