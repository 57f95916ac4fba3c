/**
 * Whether the idea's hero is a woman or a man, when the idea says so: by the noun it calls the hero
 * ("la pescadora", "l'inspectrice", "die Kommissarin", "a policewoman", "小女孩", "少年"), the article
 * before that noun ("la detective Lucía"), the name as the taggers know it (Marta, Max), or the
 * pronouns that follow (she/he, ella/él, elle/il, 她/他, 彼女/彼). The plan then invents no name that
 * contradicts it, and Spanish, French and German words agree with it.
 */
import type { Language } from '../kits/kit.types.ts';
import type { IdeaAnalysis, PersonGender } from '../idea-rules.ts';
import { taggerFor } from './taggers.ts';

/** Nouns for a woman or a man, as whole words (English) or anywhere in the phrase (Chinese, Japanese). */
const NOUNS: Record<'en' | 'zh' | 'ja', Record<PersonGender, RegExp>> = {
  en: {
    f: /\b(?:woman|women|girl|lady|mother|mum|mom|grandmother|grandma|granny|daughter|sister|niece|aunt|wife|widow|bride|queen|princess|empress|duchess|actress|waitress|policewoman|spacewoman|heroine|nun|witch|goddess|schoolgirl|businesswoman|fisherwoman)\b/iu,
    m: /\b(?:man|men|boy|gentleman|father|dad|grandfather|grandpa|son|brother|nephew|uncle|husband|widower|groom|king|prince|emperor|duke|actor|waiter|policeman|spaceman|monk|wizard|god|schoolboy|businessman|fisherman)\b/iu,
  },
  zh: {
    f: /女孩|女儿|少女|姑娘|奶奶|外婆|婆婆|妈妈|母亲|姐姐|妹妹|阿姨|妻子|公主|王后|女王|女士|女侦探|女警|老太太|她/u,
    m: /男孩|儿子|少年|小伙|爷爷|外公|爸爸|父亲|哥哥|弟弟|叔叔|丈夫|王子|国王|先生|老头|老汉|他/u,
  },
  ja: {
    f: /少女|女の子|娘|母|祖母|おばあ|姉|妹|妻|姫|女王|女性|彼女|おかみ/u,
    m: /少年|男の子|息子|父|祖父|おじい|兄|弟|夫|王子|王様|男性|彼(?!女)/u,
  },
};

/** Endings and articles that make a Spanish, French or German noun a woman's. */
const FEMININE_NOUN: Record<'es' | 'fr' | 'de', RegExp> = {
  es: /^(?:\p{L}+(?:ora|era|ana|ina|ona|ada|ía|iña|ela|esa|isa)|abuela|niña|madre|hija|hermana|reina|princesa|mujer|chica|señora|doña)$/u,
  fr: /^(?:\p{L}+(?:rice|euse|ière|ienne|enne|esse|ette|ine|ée|ère)|fille|femme|mère|sœur|reine|princesse|madame|dame)$/u,
  de: /^(?:\p{Lu}\p{L}+in|Frau|Mutter|Tochter|Schwester|Oma|Großmutter|Königin|Prinzessin|Mädchen|Dame)$/u,
};
const MASCULINE_NOUN: Record<'es' | 'fr' | 'de', RegExp> = {
  es: /^(?:\p{L}+(?:ero|ado|ino|ano|or|ón|ito)|abuelo|niño|padre|hijo|hermano|rey|príncipe|hombre|chico|señor|don)$/u,
  fr: /^(?:\p{L}+(?:eur|ier|ien|eux|on|et|in|é|er)|garçon|homme|père|frère|fils|roi|prince|monsieur)$/u,
  de: /^(?:\p{Lu}\p{L}+(?:er|or|ist|ant|ent|eur)|Mann|Vater|Sohn|Bruder|Opa|Großvater|König|Prinz|Junge|Herr)$/u,
};
const FEMININE_ARTICLE: Record<'es' | 'fr' | 'de', RegExp> = { es: /^(?:la|una)$/iu, fr: /^(?:la|une)$/iu, de: /^(?:die|eine)$/iu };
const MASCULINE_ARTICLE: Record<'es' | 'fr' | 'de', RegExp> = { es: /^(?:el|un)$/iu, fr: /^(?:le|un)$/iu, de: /^(?:der|ein)$/iu };

/** Pronouns that stand for a woman or a man, counted across the idea. */
const PRONOUNS: Record<Language, Record<PersonGender, RegExp>> = {
  en: { f: /\b(?:she|her|hers|herself)\b/giu, m: /\b(?:he|his|him|himself)\b/giu },
  es: { f: /(?<!\p{L})ella(?!\p{L})/giu, m: /(?<!\p{L})él(?!\p{L})/giu },
  // "il y a", "il fait" and "il était une fois" name nobody.
  fr: { f: /(?<!\p{L})elle(?!\p{L})/giu, m: /(?<!\p{L})il(?!\p{L})(?!\s+(?:y\s+a|fait|était\s+une\s+fois|faut))/giu },
  de: { f: /(?!)/gu, m: /(?<!\p{L})er(?!\p{L})/giu },
  zh: { f: /她/gu, m: /他(?!们)/gu },
  ja: { f: /彼女/gu, m: /彼(?!女|ら)/gu },
};

export async function heroGender(analysis: IdeaAnalysis): Promise<PersonGender | undefined> {
  const { idea, language, protagonist } = analysis;
  const phrase = protagonist.phrase;
  const kit = analysis.kit[language];
  const ownPhrase = phrase !== kit.defaultProtagonist;
  if (language === 'en' || language === 'zh' || language === 'ja') {
    const nouns = NOUNS[language];
    if (ownPhrase && nouns.f.test(phrase)) return 'f';
    if (ownPhrase && nouns.m.test(phrase)) return 'm';
  } else {
    const words = phrase.split(/\s+/u);
    if (ownPhrase && words.some((word) => FEMININE_NOUN[language].test(word))) return 'f';
    const before = articleBefore(idea, ownPhrase ? phrase : protagonist.name);
    if (before && FEMININE_ARTICLE[language].test(before)) return 'f';
    if (before && MASCULINE_ARTICLE[language].test(before)) return 'm';
    if (ownPhrase && words.some((word) => MASCULINE_NOUN[language].test(word))) return 'm';
  }
  const byName = protagonist.name ? await nameGender(protagonist.name) : undefined;
  if (byName) return byName;
  const women = idea.match(PRONOUNS[language].f)?.length ?? 0;
  const men = idea.match(PRONOUNS[language].m)?.length ?? 0;
  if (women > men) return 'f';
  if (men > women) return 'm';
  return undefined;
}

/** The article right before a phrase of the idea ("la detective Lucía" → "la"). */
function articleBefore(idea: string, phrase: string | undefined): string | undefined {
  if (!phrase) return undefined;
  const at = idea.indexOf(phrase);
  if (at <= 0) return undefined;
  return /([\p{L}]+)[\s’']+$/u.exec(idea.slice(0, at))?.[1];
}

/** What the taggers know of a first name: compromise's FemaleName and MaleName. */
async function nameGender(name: string): Promise<PersonGender | undefined> {
  const first = name.split(/\s+/u)[0] ?? name;
  if (!/^\p{Lu}\p{Ll}+$/u.test(first)) return undefined;
  for (const edition of ['en', 'es', 'fr', 'de'] as const) {
    const tags = (await taggerFor(edition))(first).json().flatMap((sentence) => sentence.terms)[0]?.tags ?? [];
    if (tags.includes('FemaleName')) return 'f';
    if (tags.includes('MaleName')) return 'm';
  }
  return undefined;
}
