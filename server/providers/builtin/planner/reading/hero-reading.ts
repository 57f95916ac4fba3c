/**
 * The named hero, in the languages whose sentences the planner's rules do not read (Japanese,
 * Spanish, French, German): what the idea calls them, the noun the name stands beside ("la
 * pescadora Rosario", "die Kommissarin Greta Vogel", "Lucía, una detective de Sevilla,",
 * "刑事の佐藤ハル", "少年タケル"; without one the genre's usual hero describes the character), and
 * what they do, event by event, for an idea that points to no genre.
 */
import type { Tokenizer } from 'kuromoji';

/** Articles a noun before or after a name opens with. */
const ARTICLES = new Set([
  'el', 'la', 'los', 'las', 'un', 'una', 'le', 'les', 'l', 'une', 'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer',
]);
/** Words that end a description after a name: verbs and clauses start there. */
const CLAUSE_WORDS = new Set(['que', 'qui', 'quien', 'der', 'die', 'das', 'y', 'et', 'und', 'con', 'avec', 'mit']);
/** "una detective llamada Lucía": the word that only says a name follows. */
const NAMING = new Set(['llamado', 'llamada', 'nommé', 'nommée', 'appelé', 'appelée', 'namens', 'genannt']);

const bare = (token: string) => token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** The noun phrase beside `name` in a Spanish, French or German idea, or undefined. */
export function latinHeroNoun(idea: string, name: string, language: 'es' | 'fr' | 'de'): string | undefined {
  const at = idea.indexOf(name);
  if (at < 0) return undefined;
  const before = idea.slice(0, at).replace(/[’']/gu, ' ').trim().split(/\s+/u).filter(Boolean);
  if (NAMING.has(bare(before.at(-1) ?? '').toLocaleLowerCase())) before.pop();
  // "la pescadora Rosario", "la joven pescadora Rosario", "die Kommissarin Greta Vogel".
  for (const length of [1, 2]) {
    const raw = before.slice(before.length - length - 1);
    if (raw.length !== length + 1 || raw.some((token) => /[,.;:!?]$/u.test(token))) break;
    if (!ARTICLES.has(bare(raw[0]!).toLocaleLowerCase())) continue;
    const words = raw.slice(1).map(bare);
    if (words.every((word) => word !== '')) return words.join(' ');
  }
  // "Kommissarin Greta Vogel sucht …", "Inspectora Ruiz …": a title that opens the idea, with no article.
  const opening = bare(before.at(-1) ?? '');
  const openingAt = idea.lastIndexOf(opening, at);
  const sentenceStart = openingAt >= 0 && /(?:^|[.!?]\s+)$/u.test(idea.slice(0, openingAt));
  if (before.length >= 1 && sentenceStart && /^\p{Lu}\p{Ll}{3,}$/u.test(opening) && !/[,;:]$/u.test(before.at(-1)!)) {
    return language === 'de' ? opening : opening.toLocaleLowerCase();
  }
  // "Lucía, una detective de Sevilla, …": the apposition after the name, up to the next comma.
  const after = /^,\s*([^,.;:!?]+)[,.;:!?]/u.exec(idea.slice(at + name.length))?.[1]?.trim().split(/\s+/u) ?? [];
  if (after.length >= 2 && after.length <= 5 && ARTICLES.has(after[0]!.toLocaleLowerCase())) {
    const words = after.slice(1);
    const end = words.findIndex((word) => CLAUSE_WORDS.has(word.toLocaleLowerCase()));
    const phrase = (end < 0 ? words : words.slice(0, end)).join(' ');
    if (phrase) return phrase;
  }
  return undefined;
}

/** The noun run right before `name` in a Japanese idea ("刑事の佐藤ハル" → 刑事, "少年タケル" → 少年). */
export function japaneseHeroNoun(idea: string, name: string, tokenizer: Tokenizer): string | undefined {
  const at = idea.indexOf(name);
  if (at <= 0) return undefined;
  const tokens = tokenizer.tokenize(idea.slice(0, at));
  let index = tokens.length - 1;
  if (tokens[index]?.surface_form === 'の') index--;
  const run: string[] = [];
  while (index >= 0) {
    const token = tokens[index]!;
    // Common nouns and their suffixes (灯台守), never names of people or places.
    if (token.pos !== '名詞' || token.pos_detail_1 === '固有名詞' || token.pos_detail_1 === '代名詞' || token.pos_detail_1 === '数') break;
    run.unshift(token.surface_form);
    index--;
  }
  const phrase = run.join('');
  return phrase.length >= 2 ? phrase : undefined;
}

/** Where one event of a Spanish, French or German sentence ends and the next begins (captured, to be kept when a piece continues the one before). */
const LATIN_JOINS = /(\s*[,;]\s*(?:(?:y|e|et|und)\s+)?(?:(?:luego|después|finalmente|puis|ensuite|enfin|dann|danach|schließlich)\s+)?|\s+(?:y luego|y después|et puis|et enfin|und dann|und schließlich|y|e|et|und)\s+)/iu;

/**
 * The hero's events in a Spanish, French or German idea: what follows the hero's name (and the
 * apposition after it), split at commas and "y", "et", "und", "luego", "puis", "dann" …: "Rosario
 * repara la barca, enseña a su nieta a pescar y le regala la barca" → three events. A piece that
 * opens with an article or a preposition continues the one before, joined as the idea joined them
 * ("pan y leche", "du pain et du lait").
 */
export function latinHeroEvents(idea: string, name: string): string[] {
  const at = idea.indexOf(name);
  if (at < 0) return [];
  const rest = idea
    .slice(at + name.length)
    .replace(/^,\s*[^,]+,\s*/u, ' ')
    .trim()
    .replace(/[.!?…]+$/u, '');
  // split() with a capturing group: pieces at even places, the joins between them at odd ones.
  const parts = rest.split(LATIN_JOINS);
  const events: string[] = [];
  for (let index = 0; index < parts.length; index += 2) {
    const piece = parts[index]?.trim();
    if (!piece) continue;
    const first = piece.split(/\s+/u)[0]!.toLocaleLowerCase();
    if (events.length > 0 && (ARTICLES.has(first) || /^(?:de|del|du|des|à|a|en|con|avec|mit|von|zu|im|al|au)$/u.test(first))) {
      events[events.length - 1] = `${events[events.length - 1]}${parts[index - 1] ?? ' '}${piece}`;
    } else events.push(piece);
  }
  return events.slice(0, 5);
}

/**
 * The hero's events in a Japanese idea: the clauses after 「名前は」, split at 、 and 。, each ending
 * in its verb's dictionary form (古い船を直し → 古い船を直す), so that each reads as a sentence.
 */
export function japaneseHeroEvents(idea: string, name: string, tokenizer: Tokenizer): string[] {
  const at = idea.indexOf(`${name}は`);
  if (at < 0) return [];
  return idea
    .slice(at + name.length + 1)
    .split(/[、。！？]|そして|それから|最後に/u)
    .map((piece) => piece.trim())
    .filter((piece) => piece.length >= 3)
    .slice(0, 5)
    .map((piece) => {
      const tokens = tokenizer.tokenize(piece);
      const last = tokens.at(-1);
      if (!last || last.pos !== '動詞' || last.conjugated_form !== '連用形' || !last.basic_form || last.basic_form === '*') return piece;
      return piece.slice(0, piece.length - last.surface_form.length) + last.basic_form;
    });
}
