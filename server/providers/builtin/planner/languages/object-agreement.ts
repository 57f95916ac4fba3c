/**
 * The kits write their Spanish and French around a masculine object and their German around a
 * neuter one ("el colgante", "le pendentif", "das Jadeamulett"). When the idea brings its own
 * object ("la corona", "l'anneau", "die Geige"), the words that agree with it change with it: the
 * article before it, an adjective or participle beside it, and the pronouns that stand for it.
 *
 * Kit text marks what no rule can tell: German accusatives (`{object:acc}`; nominative and dative
 * are read from the article), and the pronouns that stand for the object (`{lo}`, `{él}`; `{le}`,
 * `{il}`, `{lui}`, `{e}` for a participle's ending; `{es}`, `{es:acc}`, `{ihm}`, `{sein}`,
 * `{das:rel}`). Every mark is resolved here, so none reaches the plan.
 */
import type { GenreKit, Language } from '../kits/kit.types.ts';

/** Grammatical gender of the object's head noun: masculine, feminine, or (German) neuter. */
export type ObjectGender = 'm' | 'f' | 'n';

const NOT_LETTER = '(?<![\\p{L}])';

/** The gender a kit's own objects have in each language that has one. */
export function kitObjectGender(language: Language): ObjectGender | undefined {
  if (language === 'es' || language === 'fr') return 'm';
  return language === 'de' ? 'n' : undefined;
}

/** Rewrites one kit text for an object of this gender (`phrase` decides French elision). */
export function agreeWithObject(text: string, language: Language, gender: ObjectGender | undefined, phrase: string): string {
  if (language === 'es') return spanish(text, gender === 'f');
  if (language === 'fr') return french(text, gender === 'f', /^[aeiouyàâäéèêëîïôöùûüœæh]/iu.test(phrase));
  if (language === 'de') return german(text, gender ?? 'n');
  return text;
}

const ES_FEMININE: Record<string, string> = { el: 'la', El: 'La', del: 'de la', al: 'a la', un: 'una', Un: 'Una' };

function spanish(text: string, feminine: boolean): string {
  const agreed = feminine
    ? text.replace(
        new RegExp(`${NOT_LETTER}(el|El|del|al|un|Un)(\\s+)(mismo\\s+)?\\{(object|Object)\\}(\\s+\\p{Ll}+?(?:ad|id)o(?![\\p{L}]))?`, 'gu'),
        (_whole, article: string, space: string, same: string | undefined, slot: string, participle: string | undefined) =>
          `${ES_FEMININE[article]}${space}${same ? 'misma ' : ''}{${slot}}${participle ? participle.slice(0, -1) + 'a' : ''}`,
      )
    : text;
  return agreed.replaceAll('{lo}', feminine ? 'la' : 'lo').replaceAll('{él}', feminine ? 'ella' : 'él');
}

function french(text: string, feminine: boolean, vowel: boolean): string {
  const article = (word: string): string => {
    const capital = /^\p{Lu}/u.test(word);
    const lower = word.toLocaleLowerCase();
    let form: string;
    if (lower === 'le') form = vowel ? 'l’' : feminine ? 'la' : 'le';
    else if (lower === 'du') form = vowel ? 'de l’' : feminine ? 'de la' : 'du';
    else if (lower === 'au') form = vowel ? 'à l’' : feminine ? 'à la' : 'au';
    else form = feminine ? 'une' : 'un';
    return capital ? form.charAt(0).toLocaleUpperCase() + form.slice(1) : form;
  };
  const agreed = text.replace(
    new RegExp(`${NOT_LETTER}(le|Le|du|au|un|Un)(\\s+)(même\\s+)?\\{(object|Object)\\}(\\s+(?:disparu|perdu|échangé|palpitant|enfermé)(?![\\p{L}]))?`, 'gu'),
    (_whole, word: string, space: string, same: string | undefined, slot: string, participle: string | undefined) => {
      // "le même anneau" keeps its space and takes no elision: même starts with a consonant.
      const form = same ? article(word).replace(/^([lL])’$/u, feminine ? '$1a' : '$1e') : article(word);
      const gap = form.endsWith('’') && !same ? '' : space;
      return `${form}${gap}${same ?? ''}{${slot}}${participle && feminine ? participle + 'e' : (participle ?? '')}`;
    },
  );
  return agreed
    .replaceAll('{le}', feminine ? 'la' : 'le')
    .replaceAll('{il}', feminine ? 'elle' : 'il')
    .replaceAll('{Il}', feminine ? 'Elle' : 'Il')
    .replaceAll('{lui}', feminine ? 'elle' : 'lui')
    .replaceAll('{e}', feminine ? 'e' : '');
}

type Case = 'nom' | 'acc' | 'dat';

/** German articles by the kit's neuter form, case and the object's gender. */
const DE_ARTICLES: Record<string, Partial<Record<Case, Record<ObjectGender, string>>>> = {
  das: { nom: { m: 'der', f: 'die', n: 'das' }, acc: { m: 'den', f: 'die', n: 'das' } },
  ein: { nom: { m: 'ein', f: 'eine', n: 'ein' }, acc: { m: 'einen', f: 'eine', n: 'ein' } },
  dem: { dat: { m: 'dem', f: 'der', n: 'dem' } },
  vom: { dat: { m: 'vom', f: 'von der', n: 'vom' } },
  demselben: { dat: { m: 'demselben', f: 'derselben', n: 'demselben' } },
  einem: { dat: { m: 'einem', f: 'einer', n: 'einem' } },
};

/** An adjective's ending between the article and the object: weak after das, mixed after ein. */
function germanEnding(article: string, grammaticalCase: Case, gender: ObjectGender): string {
  if (grammaticalCase === 'dat') return 'en';
  if (article === 'das') return gender === 'm' && grammaticalCase === 'acc' ? 'en' : 'e';
  if (gender === 'f') return 'e';
  if (gender === 'n') return 'es';
  return grammaticalCase === 'acc' ? 'en' : 'er';
}

function german(text: string, gender: ObjectGender): string {
  const agreed = text.replace(
    new RegExp(`${NOT_LETTER}(das|Das|ein|Ein|dem|vom|demselben|einem)(\\s+)(?:(\\p{Ll}+?)(es|e)(\\s+))?\\{(object|Object)(:acc)?\\}`, 'gu'),
    (_whole, word: string, space: string, stem: string | undefined, _ending: string | undefined, gap: string | undefined, slot: string, acc: string | undefined) => {
      const key = word.toLocaleLowerCase();
      const forms = DE_ARTICLES[key]!;
      const grammaticalCase: Case = forms.dat ? 'dat' : acc ? 'acc' : 'nom';
      const form = forms[grammaticalCase]?.[gender] ?? word;
      const shown = /^\p{Lu}/u.test(word) ? form.charAt(0).toLocaleUpperCase() + form.slice(1) : form;
      const adjective = stem ? `${stem}${germanEnding(key, grammaticalCase, gender)}${gap}` : '';
      return `${shown}${space}${adjective}{${slot}}`;
    },
  );
  const pick = (forms: Record<ObjectGender, string>) => forms[gender];
  return agreed
    .replaceAll('{es:acc}', pick({ m: 'ihn', f: 'sie', n: 'es' }))
    .replaceAll('{es}', pick({ m: 'er', f: 'sie', n: 'es' }))
    .replaceAll('{Es}', pick({ m: 'Er', f: 'Sie', n: 'Es' }))
    .replaceAll('{ihm}', pick({ m: 'ihm', f: 'ihr', n: 'ihm' }))
    .replaceAll('{sein}', pick({ m: 'sein', f: 'ihr', n: 'sein' }))
    .replaceAll('{das:rel}', pick({ m: 'der', f: 'die', n: 'das' }))
    .replace(/\{(object|Object):acc\}/gu, '{$1}');
}

/** Every string of a value, rewritten; the shape is kept. */
function mapStrings<T>(value: T, rewrite: (text: string) => string): T {
  if (typeof value === 'string') return rewrite(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, rewrite)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, rewrite)])) as T;
  }
  return value;
}

/** The kit's text in one language, agreeing with the plan's object (the kit's own when `gender` is absent). */
export function kitForObject(kit: GenreKit, language: Language, gender: ObjectGender | undefined, phrase: string): GenreKit {
  const rewrite = (text: string) => agreeWithObject(text, language, gender ?? kitObjectGender(language), phrase);
  return {
    ...kit,
    [language]: mapStrings(kit[language], rewrite),
    roles: kit.roles.map((role) => ({ ...role, [language]: mapStrings(role[language], rewrite) })),
  };
}
