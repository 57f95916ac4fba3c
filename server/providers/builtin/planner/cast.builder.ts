/**
 * Builds the characters of an idea-based plan: the protagonist as the idea describes them, and
 * the genre's supporting roles as creatures of the same world (animals beside an animal hero,
 * people otherwise). Each gets a name, a description, fixed visual traits and a palette colour.
 */
import type { PlannedCharacter } from '../../planner.types.ts';
import { placeReference, type Culture, type IdeaAnalysis } from './idea-rules.ts';
import type { Language, RoleId, SupportRole } from './kits/kit.types.ts';
import { KINDS, type KindWord } from './lexicon.ts';
import { paletteColour, type PaletteColour } from './palette.ts';
import type { SeededRandom } from './seeded-random.ts';
import { fill, uniqueKey, withArticle } from './text-utils.ts';

export interface CastMember {
  role: RoleId;
  /** The name people use in dialogue ("Miko" for "Detective Miko"). */
  shortName: string;
  character: PlannedCharacter;
}

const NAMES: Record<Language, Record<Culture, string[]>> = {
  en: {
    western: ['Ada', 'Felix', 'Iris', 'Milo', 'Nora', 'Otto', 'Ruby', 'Theo', 'Vera', 'Jonah', 'Lena', 'Hugo'],
    japanese: ['Miko', 'Kenji', 'Hana', 'Yuki', 'Sora', 'Ren', 'Aki', 'Haru', 'Nori', 'Emi', 'Taro', 'Rin'],
    chinese: ['Mei', 'Lin', 'Wei', 'Jun', 'Lan', 'Ming', 'Bo', 'Xia', 'Tao', 'Yu', 'Hui', 'Ping'],
  },
  zh: {
    western: ['艾达', '菲利克斯', '艾丽丝', '米洛', '诺拉', '奥托', '露比', '西奥', '维拉', '乔纳', '莉娜', '雨果'],
    japanese: ['美子', '健二', '花子', '由纪', '小空', '阿莲', '秋子', '春树', '纪子', '惠美', '太郎', '小凛'],
    chinese: ['小墨', '阿福', '小雨', '林澜', '阿明', '小桃', '老周', '星河', '阿宝', '小满', '青禾', '大勇'],
  },
};
const AI_NAMES: Record<Language, string[]> = { en: ['HALO', 'ECHO', 'NOVA', 'IRIS'], zh: ['星环', '回声', '诺娃', '织女'] };
const SIDEKICK_ANIMALS = ['pigeon', 'fox', 'crow', 'rabbit', 'raccoon', 'owl', 'dog', 'mouse', 'hedgehog', 'cat'];
const ACCESSORIES = {
  en: ['scarf', 'bow tie', 'beret', 'backpack', 'raincoat', 'neckerchief', 'cap', 'umbrella'],
  zh: ['围巾', '领结', '贝雷帽', '背包', '雨衣', '领巾', '帽子', '雨伞'],
};
const MARKS = {
  animal: { en: ['bright green eyes', 'amber eyes', 'a white patch over one eye'], zh: ['翠绿的眼睛', '琥珀色的眼睛', '一只眼睛上的白斑'] },
  human: { en: ['a small scar on the chin', 'freckles', 'round spectacles'], zh: ['下巴上的小疤', '雀斑', '圆框眼镜'] },
  machine: { en: ['one glowing blue eye', 'a dented shoulder plate'], zh: ['一只发蓝光的眼睛', '凹陷的肩甲'] },
};

/** The protagonist first, then the kit's supporting roles, coloured in that order. */
export function buildCast(analysis: IdeaAnalysis, object: string, random: SeededRandom): CastMember[] {
  const { language, protagonist, kit } = analysis;
  const names = random.fork('names').shuffle(NAMES[language][analysis.culture]);
  const looks = random.fork('looks');
  const taken = new Set<string>();
  const members: CastMember[] = [];

  const given = protagonist.name ?? names.shift() ?? 'Ada';
  // Invented names never repeat one the idea gave.
  for (const name of [given, ...analysis.supportingNames]) if (names.includes(name)) names.splice(names.indexOf(name), 1);
  const namedSupport = [...analysis.supportingNames];
  // A title ("Detective") only where the idea gives one: a named hero keeps the name as written.
  const roleTitle = protagonist.role?.title?.[language];
  const title = roleTitle && (!protagonist.name || analysis.idea.toLocaleLowerCase().includes(roleTitle.toLocaleLowerCase())) ? roleTitle : undefined;
  const protagonistName = !title ? given : language === 'zh' ? `${title}${given}` : `${title} ${given}`;
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
    const invented = roleText.fixedKind ? looks.pick(AI_NAMES[language]) : (names.shift() ?? `${role.id}`);
    const shortName = namedSupport.shift() ?? invented;
    const name = !roleText.title ? shortName : language === 'zh' ? `${roleText.title}${shortName}` : `${roleText.title} ${shortName}`;
    const animal = protagonist.kind?.animal && !roleText.fixedKind ? KINDS.find((kind) => kind.en === sidekicks[index]) : undefined;
    const { kindText, traits } = supportLooks(role, language, animal, colour, looks);
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
      description: analysis.language === 'zh' ? `${name}，创意里提到的人物。` : `${name}, who the idea names.`,
      visualTraits: [],
      color: paletteColour(cast.length + index).hex,
    }));
}

/** The Chinese word for a kind as the idea wrote it ("猫" in "侦探猫"), else its plainest form. */
function kindZh(kind: KindWord, phrase: string): string {
  return [...kind.zh].sort((a, b) => b.length - a.length).find((word) => phrase.includes(word)) ?? kind.zh.at(-1) ?? kind.en;
}

function accessory(language: Language, colour: PaletteColour, random: SeededRandom): string {
  const index = random.int(0, ACCESSORIES.en.length - 1);
  if (language === 'zh') return `${colour.zh.endsWith('色') ? colour.zh : `${colour.zh}色`}${ACCESSORIES.zh[index]}`;
  return `${colour.en} ${ACCESSORIES.en[index]}`;
}

function markFor(kind: KindWord | undefined, language: Language, random: SeededRandom): string {
  const family = kind?.animal ? MARKS.animal : kind && !kind.looks.en[0]?.startsWith('with') ? MARKS.machine : MARKS.human;
  return random.pick(family[language]);
}

function protagonistTraits(analysis: IdeaAnalysis, colour: PaletteColour, random: SeededRandom): string[] {
  const { language, protagonist } = analysis;
  const { kind, role, phrase } = protagonist;
  const traits: string[] = [];
  if (kind) {
    const look = random.pick(kind.looks[language]);
    if (language === 'zh') traits.push(`${look}${kindZh(kind, phrase)}`);
    else traits.push(look.startsWith('with') ? `${kind.en} ${look}` : `${look} ${kind.en}`);
  } else {
    const hair = random.pick(KINDS.find((k) => k.en === 'woman')!.looks[language]);
    traits.push(language === 'zh' ? `${hair}${phrase}` : `${phrase} ${hair}`);
  }
  if (role) traits.push(role.clothing[language]);
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
): { kindText: string; traits: string[] } {
  const text = role[language];
  let kindText: string;
  let base: string;
  if (text.fixedKind) {
    kindText = text.fixedKind;
    base = language === 'zh' ? `${colour.zh}光芒的${text.fixedKind}` : `${text.fixedKind} glowing ${colour.en}`;
  } else if (animal) {
    const look = random.pick(animal.looks[language]);
    kindText = language === 'zh' ? kindZh(animal, '') : animal.en;
    base = language === 'zh' ? `${look}${kindText}` : `${look} ${animal.en}`;
  } else {
    kindText = random.pick(text.humanKinds);
    const hair = random.pick(KINDS.find((k) => k.en === 'woman')!.looks[language]);
    base = language === 'zh' ? `${hair}${kindText}` : `${kindText} ${hair}`;
  }
  const traits = [base, random.pick(text.attire)];
  if (!text.fixedKind) traits.push(accessory(language, colour, random));
  return { kindText, traits };
}

/** The protagonist with a measure word or article: "a detective cat", "一只侦探猫". */
export function protagonistIntro(analysis: IdeaAnalysis): string {
  const { language, protagonist } = analysis;
  if (language === 'zh') {
    const measure = /^(?:有)?(一|两|三|几|某)(只|个|位|名|条|头|匹|群|对|台|艘|支|队)/.exec(analysis.idea)?.[0]?.replace(/^有/, '');
    return `${measure ?? (protagonist.kind?.animal ? '一只' : '一位')}${protagonist.phrase}`;
  }
  return /^(two|three|four|five|several|some)\b/i.test(protagonist.phrase) ? protagonist.phrase : withArticle(protagonist.phrase);
}

function describeProtagonist(analysis: IdeaAnalysis, name: string): string {
  const note = analysis.kit[analysis.language].protagonistNote;
  if (analysis.language === 'zh') return `${name}，故事的主角，${protagonistIntro(analysis)}：${note}。`;
  return `${name} is ${protagonistIntro(analysis)} at the heart of the story — ${note}.`;
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
  const detail = fill(text.description, values);
  if (language === 'zh') {
    const measure = text.fixedKind ? '一个' : animal ? '一只' : '一位';
    return `${name}，${text.label}：${measure}${adjective}${kindText}，${detail}。`;
  }
  return `${name}, ${text.label}: ${withArticle(`${adjective ? `${adjective} ` : ''}${kindText}`)} ${detail}.`;
}
