/**
 * Characters whose words agree with them in Spanish, French and German. The hero: a woman is
 * described by the kit's feminine hero and note ("joven soñadora", "junge Detektivin"). The
 * supporting roles: the kit writes each role with its own grammatical gender ("el testigo", "die
 * weise alte Eule"), so an invented character takes that gender's name and a trade of that gender
 * ("Diego, el testigo: vendedor de periódicos"), and never "Mila, der Zeuge: Kellnerin …, der".
 */
import type { IdeaAnalysis, PersonGender } from '../idea-rules.ts';
import type { Language } from '../kits/kit.types.ts';

/** The kit and the hero's description as they read for the hero's gender. */
export function forHeroGender(analysis: IdeaAnalysis): IdeaAnalysis {
  const { language, heroGender, kit } = analysis;
  const text = kit[language];
  const feminine = text.feminine;
  if (heroGender !== 'f' || !feminine) return analysis;
  const womans = { ...text, defaultProtagonist: feminine.defaultProtagonist, protagonistNote: feminine.protagonistNote ?? text.protagonistNote };
  const phrase = analysis.protagonist.phrase === text.defaultProtagonist ? feminine.defaultProtagonist : analysis.protagonist.phrase;
  return { ...analysis, kit: { ...kit, [language]: womans }, protagonist: { ...analysis.protagonist, phrase } };
}

const FEMININE_LABEL = /^(?:la|una|die|eine)\s/iu;
const MASCULINE_LABEL = /^(?:el|un|le|der|ein)\s/iu;
/** French "l’" hides the article's gender: these nouns after it are a woman's. */
const FRENCH_ELIDED_FEMININE = /^l[’']\s*(?:\p{L}+(?:rice|euse|ière|ienne|esse|ée)|ia|amie|alliée|invitée|inconnue)(?:\s|$)/iu;

/** The grammatical gender a kit gives a supporting role, in the languages whose words show it. */
export function roleGender(label: string, language: Language): PersonGender | undefined {
  if (language !== 'es' && language !== 'fr' && language !== 'de') return undefined;
  if (FEMININE_LABEL.test(label)) return 'f';
  if (MASCULINE_LABEL.test(label)) return 'm';
  if (language === 'fr' && /^l[’']/iu.test(label)) return FRENCH_ELIDED_FEMININE.test(label) ? 'f' : 'm';
  return undefined;
}

/** Trades said the same of a woman and a man ("guía local", "pianiste", "Geschwister"). */
const EITHER = /^(?:\p{L}*ista|\p{L}*iste|guía|agente|comandante|cazatesoros|influencer|colocataire|libraire|cartographe|critique|jeune|célèbre|chauffagiste|touriste|pilote|Geschwister)$/iu;
const FEMININE_TRADE: Record<'es' | 'fr' | 'de', RegExp> = {
  es: /^\p{L}*a$/iu,
  fr: /^(?:\p{L}*(?:euse|rice|ière|ère|ienne|enne|esse|ine|ette|ée|elle|ante|ieille|mère)|vieille|grand-mère)$/iu,
  de: /^(?:\p{L}*in|\p{L}*mutter|Braut|Mädchen)$/u,
};

/**
 * Whether a trade in the kit ("camarera del turno de noche", "vieux marin", "Kellnerin der
 * Nachtschicht") is a woman's, a man's, or either: read from its first noun or adjective in
 * Spanish and French, from its last capitalised word before a genitive in German.
 */
export function tradeGender(kind: string, language: Language): PersonGender | 'either' {
  if (language !== 'es' && language !== 'fr' && language !== 'de') return 'either';
  const words = kind.split(/[\s,]+/u).filter(Boolean);
  let word: string | undefined;
  if (language === 'de') {
    // "Kellnerin der Nachtschicht", "Betreiber eines Nudelstands", "bleiches Mädchen im Nachthemd".
    const cut = words.findIndex((w, index) => index > 0 && /^(?:der|des|eines|einer|im|am|aus|von|an|mit)$/u.test(w));
    word = (cut < 0 ? words : words.slice(0, cut)).filter((w) => /^\p{Lu}/u.test(w)).at(-1);
  } else {
    word = words[0];
    // "jeune reporter", "célèbre critique": the adjective says nothing, the noun after it does.
    if (word && EITHER.test(word) && words[1] && !/^(?:de|del|d’|d')$/iu.test(words[1])) word = words[1];
  }
  if (!word || EITHER.test(word)) return 'either';
  return FEMININE_TRADE[language].test(word) ? 'f' : 'm';
}
