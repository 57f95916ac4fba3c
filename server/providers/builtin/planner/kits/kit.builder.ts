/**
 * Builds a genre kit from its words. A kit's `.kit.json` holds only what that genre says; the
 * shape is checked here once. Each moment names its cast and speakers once for every language, so
 * the versions of a shot in different languages cannot disagree about who is in it.
 */
import { z } from 'zod';
import { SETTING_KINDS, TIMES_OF_DAY } from '../lexicon.ts';
import {
  BEATS,
  GENRES,
  KIT_LANGUAGES,
  MOMENT_SHOTS,
  MOMENTS_PER_BEAT,
  ROLE_IDS,
  type Beat,
  type GenreKit,
  type KitLanguage,
  type KitText,
  type Moment,
  type SupportRole,
} from './kit.types.ts';

const words = z.array(z.string());
const roleId = z.enum(ROLE_IDS);

/** English is required everywhere; another language is written whole or not at all (checked below). */
function perLanguage<T extends z.ZodType>(schema: T) {
  return z.strictObject({
    en: schema,
    ...(Object.fromEntries(KIT_LANGUAGES.filter((l) => l !== 'en').map((l) => [l, schema.optional()])) as Record<
      Exclude<KitLanguage, 'en'>,
      z.ZodOptional<T>
    >),
  });
}

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
  feminine: z.strictObject({ defaultProtagonist: z.string(), protagonistNote: z.string().optional() }).optional(),
  objects: words,
  titles: words,
  hook: z.string(),
  defaultLocation: z.string(),
  style: z.string(),
  summaries: z.strictObject(Object.fromEntries(BEATS.map((beat) => [beat, z.string()])) as Record<Beat, z.ZodString>),
});

const text = z.string().min(1);

/** One shot of story in every language: `lines` are [speaker, {language: line}]. */
const moment = z
  .strictObject({
    cast: z.array(roleId).min(1),
    shot: z.enum(MOMENT_SHOTS).optional(),
    en: text,
    ...(Object.fromEntries(KIT_LANGUAGES.filter((l) => l !== 'en').map((l) => [l, text.optional()])) as Record<
      Exclude<KitLanguage, 'en'>,
      z.ZodOptional<typeof text>
    >),
    lines: z.array(z.tuple([roleId, perLanguage(text)])),
  })
  .refine((m) => m.lines.every(([speaker]) => m.cast.includes(speaker)), {
    message: 'every speaker must be in the moment’s cast',
  });

const kitWords = z.strictObject({
  genre: z.enum(GENRES),
  defaultTime: z.enum(TIMES_OF_DAY),
  defaultSetting: z.enum(SETTING_KINDS),
  cues: perLanguage(words),
  roles: z.array(z.strictObject({ id: roleId.exclude(['P']), ...perLanguage(roleText).shape })),
  ...perLanguage(kitText).shape,
  moments: z.strictObject(
    Object.fromEntries(BEATS.map((beat) => [beat, z.array(moment).min(MOMENTS_PER_BEAT[beat])])) as Record<
      Beat,
      z.ZodArray<typeof moment>
    >,
  ),
});

type KitWords = z.infer<typeof kitWords>;

/** The places a language must be written in, named as a person fixing the file would look for them. */
function missingIn(parsed: KitWords, language: KitLanguage): string[] {
  const missing: string[] = [];
  if (!parsed[language]) missing.push(language);
  if (!parsed.cues[language]) missing.push(`cues.${language}`);
  parsed.roles.forEach((role, index) => {
    if (!role[language]) missing.push(`roles[${index}].${language}`);
  });
  for (const beat of BEATS) {
    parsed.moments[beat].forEach((m, index) => {
      if (!m[language]) missing.push(`moments.${beat}[${index}].${language}`);
      m.lines.forEach(([, line], lineIndex) => {
        if (!line[language]) missing.push(`moments.${beat}[${index}].lines[${lineIndex}].${language}`);
      });
    });
  }
  return missing;
}

function textIn(parsed: KitWords, language: KitLanguage): KitText {
  const beats = Object.fromEntries(
    BEATS.map((beat) => [
      beat,
      parsed.moments[beat].map(
        (m): Moment => ({
          cast: m.cast,
          ...(m.shot ? { shot: m.shot } : {}),
          action: m[language] ?? m.en,
          lines: m.lines.map(([speaker, line]) => [speaker, line[language] ?? line.en]),
        }),
      ),
    ]),
  ) as Record<Beat, Moment[]>;
  return { ...(parsed[language] ?? parsed.en), beats };
}

/**
 * Checks a kit's words and spreads them into one text per language. `source` names the file in
 * the error, since a mistake here is a mistake in that file. A language the file writes must be
 * written everywhere; one it does not write reads as English and is left out of `written`.
 */
export function buildKit(source: string, data: unknown): GenreKit {
  const result = kitWords.safeParse(data);
  if (!result.success) {
    throw new Error(`The genre kit ${source} does not have the expected shape; fix the file:\n${z.prettifyError(result.error)}`, {
      cause: result.error,
    });
  }
  const parsed = result.data;
  const written = KIT_LANGUAGES.filter((language) => parsed[language] !== undefined);
  for (const language of written) {
    const missing = missingIn(parsed, language);
    if (missing.length > 0) {
      throw new Error(`The genre kit ${source} writes ${language} but leaves out: ${missing.slice(0, 12).join(', ')}${missing.length > 12 ? ` and ${missing.length - 12} more` : ''}.`);
    }
  }
  const roles = parsed.roles.map(
    (role) =>
      ({
        id: role.id,
        ...Object.fromEntries(KIT_LANGUAGES.map((language) => [language, role[language] ?? role.en])),
      }) as SupportRole,
  );
  const cues = Object.fromEntries(KIT_LANGUAGES.map((language) => [language, parsed.cues[language] ?? []])) as Record<KitLanguage, string[]>;
  return {
    genre: parsed.genre,
    defaultTime: parsed.defaultTime,
    defaultSetting: parsed.defaultSetting,
    cues,
    roles,
    written,
    ...(Object.fromEntries(KIT_LANGUAGES.map((language) => [language, textIn(parsed, language)])) as Record<KitLanguage, KitText>),
  };
}
