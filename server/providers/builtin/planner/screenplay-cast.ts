/**
 * Collects a screenplay's characters from its cues. "MIKO", "MIKO (V.O.)" and "MIKO (CONT'D)" are
 * one person; colours follow first appearance. A character's description and visual traits come
 * from the first action line that names them ("MIKO, a grey tabby in a trench coat, …"), so the
 * writer's own introduction fixes how they look.
 */
import type { PlannedCharacter } from '../../planner.types.ts';
import type { FountainElement } from './fountain.parser.ts';
import type { ScriptLanguage } from './kits/kit.types.ts';
import { paletteColour } from './palette.ts';
import type { SeededRandom } from './seeded-random.ts';
import { HAN, titleCase, uniqueKey } from './text-utils.ts';

export interface ScreenplayCast {
  characters: PlannedCharacter[];
  /** The key for a cue as written ("MIKO (V.O.)" → "miko"), or undefined for an empty cue. */
  keyOf(cue: string): string | undefined;
  nameOf(key: string): string;
  /** Keys of the characters an action text names. */
  mentionedIn(text: string): string[];
}

const ACCESSORIES = {
  en: ['scarf', 'jacket', 'cap', 'coat', 'hat', 'satchel'],
  zh: ['围巾', '夹克', '鸭舌帽', '外套', '帽子', '挎包'],
};
const BUILDS = { en: ['tall and lean', 'short and sturdy', 'medium build'], zh: ['高而瘦', '矮而壮', '中等身材'] };

const normalise = (cue: string) => cue.replace(/\s*[(（][^)）]*[)）]/g, '').replace(/[\s^@]+$/g, '').replace(/^@/, '').replace(/\s+/g, ' ').trim().toUpperCase();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds the cast of a parsed screenplay. */
export function screenplayCast(elements: FountainElement[], language: ScriptLanguage, random: SeededRandom): ScreenplayCast {
  const byCue = new Map<string, PlannedCharacter>();
  const patterns = new Map<string, RegExp>();
  const lineCounts = new Map<string, number>();
  const taken = new Set<string>();
  const actions = elements.flatMap((element) => (element.type === 'action' ? [element.text.replace(/\s*\n\s*/g, ' ')] : []));

  for (const element of elements) {
    if (element.type !== 'dialogue') continue;
    const cue = normalise(element.character);
    if (!cue) continue;
    const existing = byCue.get(cue);
    if (existing) {
      lineCounts.set(existing.key, (lineCounts.get(existing.key) ?? 0) + 1);
      continue;
    }
    const written = element.character.replace(/^@/, '').trim();
    const name = /\p{Ll}/u.test(written) || HAN.test(written) ? written : titleCase(written);
    const colour = paletteColour(byCue.size);
    const pattern = mentionPattern(name);
    // The sentence that describes them ("MARA (30s, wiry) enters") wins over an earlier mere mention.
    const mentions = actions.flatMap((action) => sentencesNaming(action, pattern));
    const described = mentions.find((sentence) => traitsFrom(sentence, pattern, language).length > 0);
    const intro = described ?? mentions[0];
    const traits = traitsFrom(intro, pattern, language);
    if (traits.length < 2) traits.push(`${language === 'zh' ? `${colour.zh}色` : `${colour.en} `}${random.pick(ACCESSORIES[language])}`);
    if (traits.length < 2) traits.push(random.pick(BUILDS[language]));
    const character: PlannedCharacter = {
      key: uniqueKey(name, taken),
      name,
      description: intro ?? '',
      visualTraits: traits.slice(0, 4),
      color: colour.hex,
    };
    byCue.set(cue, character);
    patterns.set(character.key, pattern);
    lineCounts.set(character.key, 1);
  }

  const characters = [...byCue.values()];
  for (const character of characters) {
    if (character.description) continue;
    const count = lineCounts.get(character.key) ?? 0;
    character.description =
      language === 'zh' ? `${character.name}，剧本中有${count}段台词。` : `${character.name}, who speaks ${count} time${count === 1 ? '' : 's'} in the screenplay.`;
  }
  return {
    characters,
    keyOf: (cue) => byCue.get(normalise(cue))?.key,
    nameOf: (key) => characters.find((character) => character.key === key)?.name ?? key,
    mentionedIn: (text) => characters.filter((character) => patterns.get(character.key)?.test(text)).map((character) => character.key),
  };
}

/** Matches the full name, or the last word of a longer one ("Miko" for "Detective Miko"). */
function mentionPattern(name: string): RegExp {
  if (HAN.test(name)) return new RegExp(escape(name));
  const words = name.split(' ');
  const last = words.length > 1 && (words.at(-1)?.length ?? 0) >= 3 ? words.at(-1) : undefined;
  const options = [name, ...(last ? [last] : [])].map(escape).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${options})(?![\\p{L}\\p{N}])`, 'iu');
}

/** Every sentence of `action` that names the character, in order (each cut to 220 characters). */
function sentencesNaming(action: string, pattern: RegExp): string[] {
  const sentences = action.match(/[^.!?。！？]+[.!?。！？]*/g) ?? [action];
  return sentences
    .map((sentence) => sentence.trim())
    .filter((sentence) => pattern.test(sentence))
    .map((found) => (found.length > 220 ? `${found.slice(0, 219)}…` : found));
}

/** "MIKO (a grey tabby in a trench coat)" or "MIKO, a grey tabby in a trench coat," → traits. */
function traitsFrom(sentence: string | undefined, pattern: RegExp, language: ScriptLanguage): string[] {
  if (!sentence) return [];
  const match = pattern.exec(sentence);
  if (!match) return [];
  const after = sentence.slice(match.index + match[0].length);
  const appositive =
    /^\s*[(（]([^)）]+)[)）]/.exec(after)?.[1] ??
    (language === 'zh' ? /^，(一[^，。]+)[，。]/.exec(after)?.[1] : /^,\s*((?:an?|the|\d+)\b[^,.;]+)[,.;]/i.exec(after)?.[1]);
  if (!appositive) return [];
  // "一只穿着风衣的灰猫": the creature, then what it wears.
  const worn = /^(?:一[只个位名条头])?(?:穿着|戴着|披着|拿着)(.+?)的(.+)$/.exec(appositive);
  if (worn) return [worn[2] ?? '', worn[1] ?? ''].filter(Boolean);
  return appositive
    .split(language === 'zh' ? /[，、；]|穿着|戴着/ : /,|;|\band\b|\bin\b|\bwith\b|\bwearing\b/i)
    .map((part) => part.trim().replace(/^(?:an?|the|一只|一个|一位|一名)\s*/i, '').replace(/的$/, '').trim())
    .filter((part) => part.length > 1 && part.length <= 40)
    .slice(0, 3);
}
