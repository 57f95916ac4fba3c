/**
 * Builds the characters of an idea-based plan: the protagonist as the idea describes them, and
 * the genre's supporting roles as creatures of the same world (animals beside an animal hero,
 * people otherwise). Each gets a name, a description, fixed visual traits and a palette colour.
 */
import type { PlannedCharacter } from '../../planner.types.ts';
import { placeReference, type IdeaAnalysis, type PersonGender } from './idea-rules.ts';
import type { Language, RoleId, SupportRole } from './kits/kit.types.ts';
import { KINDS, type KindWord } from './lexicon.ts';
import { paletteColour, type PaletteColour } from './palette.ts';
import type { SeededRandom } from './seeded-random.ts';
import { roleGender, tradeGender } from './languages/gender-agreement.ts';
import { PLAN_WORDS } from './languages/plan-words.ts';
import { fill, uniqueKey } from './text-utils.ts';

export interface CastMember {
  role: RoleId;
  /** The name people use in dialogue ("Miko" for "Detective Miko"). */
  shortName: string;
  character: PlannedCharacter;
}

const SIDEKICK_ANIMALS = ['pigeon', 'fox', 'crow', 'rabbit', 'raccoon', 'owl', 'dog', 'mouse', 'hedgehog', 'cat'];

/** The protagonist first, then the kit's supporting roles, coloured in that order. */
export function buildCast(analysis: IdeaAnalysis, object: string, random: SeededRandom): CastMember[] {
  const { language, protagonist, kit } = analysis;
  const words = PLAN_WORDS[language];
  const names = {
    f: random.fork('names').shuffle(words.names[analysis.culture].f),
    m: random.fork('names-m').shuffle(words.names[analysis.culture].m),
  };
  const genders = random.fork('genders');
  /** A name of the character's gender where it is known, of either otherwise. */
  const invent = (gender: PersonGender | undefined): string | undefined => {
    const first = gender ?? (genders.chance(0.5) ? 'f' : 'm');
    return names[first].shift() ?? names[first === 'f' ? 'm' : 'f'].shift();
  };
  const looks = random.fork('looks');
  const taken = new Set<string>();
  const members: CastMember[] = [];

  const given = protagonist.name ?? invent(analysis.heroGender) ?? 'Ada';
  // Invented names never repeat one the idea gave.
  for (const name of [given, ...analysis.supportingNames]) {
    for (const list of [names.f, names.m]) if (list.includes(name)) list.splice(list.indexOf(name), 1);
  }
  const namedSupport = [...analysis.supportingNames];
  // A title ("Detective") only where the idea gives one: a named hero keeps the name as written.
  const roleTitle = language === 'en' || language === 'zh' ? protagonist.role?.title?.[language] : undefined;
  const title = roleTitle && (!protagonist.name || analysis.idea.toLocaleLowerCase().includes(roleTitle.toLocaleLowerCase())) ? roleTitle : undefined;
  const protagonistName = title ? words.titled(title, given) : given;
  const colour0 = paletteColour(0);
  members.push({
    role: 'P',
    shortName: given,
    character: {
      key: uniqueKey(protagonistName, taken),
      name: protagonistName,
      description: describeProtagonist(analysis, protagonistName),
      visualTraits: protagonistTraits(analysis, colour0, looks),
      color: colour0.hex,
    },
  });

  const sidekicks = looks.shuffle(SIDEKICK_ANIMALS.filter((animal) => animal !== protagonist.kind?.en));
  kit.roles.forEach((role, index) => {
    const colour = paletteColour(index + 1);
    const roleText = role[language];
    // Where the language's words agree with people, an invented character is of the role's gender.
    const gender = roleGender(roleText.label, language);
    const invented = roleText.fixedKind ? looks.pick(words.aiNames) : (invent(gender) ?? `${role.id}`);
    const named = namedSupport.shift();
    const shortName = named ?? invented;
    const name = roleText.title ? words.titled(roleText.title, shortName) : shortName;
    const animal = protagonist.kind?.animal && !roleText.fixedKind ? KINDS.find((kind) => kind.en === sidekicks[index]) : undefined;
    const { kindText, traits } = supportLooks(role, language, animal, colour, looks, named ? undefined : gender);
    members.push({
      role: role.id,
      shortName,
      character: {
        key: uniqueKey(name, taken),
        name,
        description: describeSupport(role, language, name, kindText, animal, looks, { object, place: placeReference(analysis) }),
        visualTraits: traits,
        color: colour.hex,
      },
    });
  });
  return members;
}

/**
 * People the idea names beyond the story's roles: characters of the plan under their own names,
 * coloured after the cast.
 */
export function extraNamedCharacters(analysis: IdeaAnalysis, cast: CastMember[]): PlannedCharacter[] {
  const taken = new Set(cast.map((member) => member.character.key));
  const used = new Set(cast.map((member) => member.shortName));
  return analysis.supportingNames
    .filter((name) => !used.has(name))
    .map((name, index) => ({
      key: uniqueKey(name, taken),
      name,
      description: PLAN_WORDS[analysis.language].named(name),
      visualTraits: [],
      color: paletteColour(cast.length + index).hex,
    }));
}

/** The Chinese word for a kind as the idea wrote it ("猫" in "侦探猫"), else its plainest form. */
function kindZh(kind: KindWord, phrase: string): string {
  return [...kind.zh].sort((a, b) => b.length - a.length).find((word) => phrase.includes(word)) ?? kind.zh.at(-1) ?? kind.en;
}

function accessory(language: Language, colour: PaletteColour, random: SeededRandom): string {
  const words = PLAN_WORDS[language];
  return words.accessory(colour[language], words.accessories[random.int(0, words.accessories.length - 1)]!);
}

function markFor(kind: KindWord | undefined, language: Language, random: SeededRandom): string {
  const family = kind?.animal ? 'animal' : kind && !kind.looks.en[0]?.startsWith('with') ? 'machine' : 'human';
  return random.pick(PLAN_WORDS[language].marks[family]);
}

/**
 * How a kind looks, in the plan's language. The lexicon describes creatures in English and Chinese
 * only, and only English and Chinese ideas are read for what their hero is; elsewhere a kind has
 * no looks of its own and the plan describes the character by its other traits.
 */
function looksOf(kind: KindWord, language: Language): readonly string[] {
  return language === 'en' || language === 'zh' ? kind.looks[language] : [];
}

function protagonistTraits(analysis: IdeaAnalysis, colour: PaletteColour, random: SeededRandom): string[] {
  const { language, protagonist } = analysis;
  const words = PLAN_WORDS[language];
  const { kind, role, phrase } = protagonist;
  const traits: string[] = [];
  const kindLooks = kind ? looksOf(kind, language) : [];
  if (kind && kindLooks.length > 0) {
    const look = random.pick(kindLooks);
    if (language === 'zh') traits.push(`${look}${kindZh(kind, phrase)}`);
    else traits.push(look.startsWith('with') ? `${kind.en} ${look}` : `${look} ${kind.en}`);
  } else {
    traits.push(words.withHair(phrase, random.pick(words.hair)));
  }
  if (role && (language === 'en' || language === 'zh')) traits.push(role.clothing[language]);
  traits.push(accessory(language, colour, random));
  if (!role || random.chance(0.5)) traits.push(markFor(kind, language, random));
  return traits.slice(0, 4);
}

function supportLooks(
  role: SupportRole,
  language: Language,
  animal: KindWord | undefined,
  colour: PaletteColour,
  random: SeededRandom,
  gender: PersonGender | undefined,
): { kindText: string; traits: string[] } {
  const text = role[language];
  const words = PLAN_WORDS[language];
  let kindText: string;
  let base: string;
  const animalLooks = animal ? looksOf(animal, language) : [];
  if (text.fixedKind) {
    kindText = text.fixedKind;
    base = words.glowing(text.fixedKind, colour[language]);
  } else if (animal && animalLooks.length > 0) {
    const look = random.pick(animalLooks);
    kindText = language === 'zh' ? kindZh(animal, '') : animal.en;
    base = language === 'zh' ? `${look}${kindText}` : `${look} ${animal.en}`;
  } else {
    const agreeing = gender ? text.humanKinds.filter((kind) => tradeGender(kind, language) !== (gender === 'f' ? 'm' : 'f')) : [];
    kindText = random.pick(agreeing.length > 0 ? agreeing : text.humanKinds);
    base = words.withHair(kindText, random.pick(words.hair));
  }
  const traits = [base, random.pick(text.attire)];
  if (!text.fixedKind) traits.push(accessory(language, colour, random));
  return { kindText, traits };
}

/** The protagonist with a measure word or article: "a detective cat", "一只侦探猫". */
export function protagonistIntro(analysis: IdeaAnalysis): string {
  const { language, protagonist } = analysis;
  return PLAN_WORDS[language].intro(protagonist.phrase, protagonist.kind?.animal ?? false, analysis.idea);
}

function describeProtagonist(analysis: IdeaAnalysis, name: string): string {
  const note = analysis.kit[analysis.language].protagonistNote;
  return PLAN_WORDS[analysis.language].protagonist(name, protagonistIntro(analysis), note);
}

function describeSupport(
  role: SupportRole,
  language: Language,
  name: string,
  kindText: string,
  animal: KindWord | undefined,
  random: SeededRandom,
  values: Record<string, string>,
): string {
  const text = role[language];
  const adjective = animal ? random.pick(text.animalAdjectives) : '';
  const kind = text.fixedKind ? 'fixed' : animal ? 'animal' : 'person';
  return PLAN_WORDS[language].support(name, text.label, kind, kindText, adjective, fill(text.description, values));
}
