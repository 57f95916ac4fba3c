/**
 * Who and where a Chinese or Japanese idea names (see named-things.ts): jieba's part-of-speech tags
 * for Chinese and kuromoji's (IPADIC) for Japanese, with a few rules on top where short ideas
 * defeat them.
 */
import type { Tokenizer } from 'kuromoji';
import { ROLES } from '../lexicon.ts';
import type { NamedThings } from './named-things.ts';
import type { TagZh } from './taggers.ts';

// ---------------------------------------------------------------------------------------------
// Chinese

const ROLE_WORDS_ZH = new Set(ROLES.flatMap((role) => role.zh));
/** The commonest one-character family names, for names the tagger splits (周 + 建国). */
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤'];
const HAN_NAME = /^[\u4e00-\u9fff]{2,3}$/u;
const NUMERAL_START = /^[一二两三四五六七八九十几每某这那]/u;
const PLACE_LEADS = new Set(['在', '从', '去', '到', '来到', '前往', '回到', '离开', '穿越', '飞往', '住在', '搬进', '拉回']);

export function namedInChinese(idea: string, tagZh: TagZh): NamedThings {
  const tokens = tagZh(idea);
  const found: NamedThings = { people: [], places: [] };
  const add = (list: string[], name: string) => {
    if (!found.people.includes(name) && !found.places.includes(name)) list.push(name);
  };
  const roleLike = (index: number) => {
    const token = tokens[index];
    if (!token) return false;
    if (ROLE_WORDS_ZH.has(token.word)) return true;
    if (token.tag === 'm') return !NUMERAL_START.test(token.word);
    return /^(?:n|nr|nrt|vn|nz)$/u.test(token.tag) && token.word.length >= 2;
  };
  // A name ends where a verb, a preposition, a conjunction or punctuation follows; never 的, and
  // never 里 or 上 (a thing has an inside, a person does not: 真人秀里).
  const endsPhrase = (index: number) => {
    const token = tokens[index];
    return !token || /^(?:v|vn|p|c|d|x|r|ul)$/u.test(token.tag);
  };

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const { word, tag } = token;
    const previous = tokens[index - 1]?.word ?? '';
    // A family name and the given name the tagger split off it: 父亲周建国 (周 + 建国), 和周宁.
    const given = tokens[index + 1];
    if (
      word.length === 1 && SURNAMES.includes(word) && given && /^[\u4e00-\u9fff]{1,2}$/u.test(given.word) && !/^(?:uj|ul|p|c|v|d|u)$/u.test(given.tag) &&
      (roleLike(index - 1) || ((index === 0 || ['的', '和', '与', '跟', '同'].includes(previous)) && endsPhrase(index + 2)))
    ) {
      add(found.people, word + given.word);
      index += 1;
      continue;
    }
    // An unknown name after what describes it: 大学毕业的周宁回到….
    if (tag === 'x' && HAN_NAME.test(word) && previous === '的' && /^(?:v|vn|p|d)$/u.test(tokens[index + 1]?.tag ?? '') && !ROLE_WORDS_ZH.has(word)) {
      add(found.people, word);
      continue;
    }
    // Quoted names: “织女”.
    if (/^[“「『"]$/u.test(word) && tokens[index + 2] && /^[”」』"]$/u.test(tokens[index + 2]!.word) && HAN_NAME.test(tokens[index + 1]!.word)) {
      add(found.people, tokens[index + 1]!.word);
      index += 2;
      continue;
    }
    if (tag === 'ns' || (/^nr/u.test(tag) && PLACE_LEADS.has(tokens[index - 1]?.word ?? ''))) {
      if (word.length >= 2) add(found.places, word);
      continue;
    }
    // A familiar name right after a role: 徒弟阿杰, 评委老刘, 高手老周 (the tagger may split it).
    const joined = word + (tokens[index + 1]?.word ?? '');
    const familiar = /^(?:老|小|阿)[\u4e00-\u9fff]/u.exec(word.length === 1 ? joined : word);
    // 老板 or 小说 are words (the tagger says n); 老周, 小雨 and 阿杰 are not.
    if (familiar && roleLike(index - 1) && !ROLE_WORDS_ZH.has(word) && !/^(?:n|v|vn|nz|ns)$/u.test(tag)) {
      const name = (word.length === 1 ? joined : word).slice(0, word.length >= 2 && word.length <= 3 ? word.length : 2);
      add(found.people, name);
      if (word.length === 1) index++;
      continue;
    }
    const atStart = index === 0;
    const unknownAfterRole = (tag === 'x' || /^nr/u.test(tag)) && HAN_NAME.test(word) && (roleLike(index - 1) || atStart) && endsPhrase(index + 1);
    // A doubled syllable after a creature is a pet name: 小兔子豆豆.
    const doubled = word.length === 2 && word[0] === word[1] && roleLike(index - 1);
    if ((unknownAfterRole || doubled) && !ROLE_WORDS_ZH.has(word) && !word.endsWith('子')) add(found.people, word);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Japanese

/** Loanwords that sit where names do ("エースになる"). */
const JA_NOT_NAMES = new Set(['エース', 'チーム', 'ヒーロー', 'スター', 'ボス', 'リーダー']);

/** Worlds a story can be set on: places, though the dictionary files them as common nouns. */
const JA_WORLDS = new Set(['火星', '金星', '木星', '土星', '水星', '月面', '地球', '冥王星', '海王星', '天王星', 'エウロパ', 'タイタン']);

/** Runs of katakana nouns are one word: the dictionary splits names it does not know (ミ + ライ). */
function joinKatakana(tokens: ReturnType<Tokenizer['tokenize']>): ReturnType<Tokenizer['tokenize']> {
  const joined: ReturnType<Tokenizer['tokenize']> = [];
  for (const token of tokens) {
    const last = joined.at(-1);
    const katakana = (t: typeof token) => t.pos === '名詞' && /^[\u30a0-\u30ff]+$/u.test(t.surface_form) && t.pos_detail_1 !== '固有名詞';
    if (last && katakana(last) && katakana(token)) {
      joined[joined.length - 1] = { ...last, surface_form: last.surface_form + token.surface_form, basic_form: '*' };
    } else joined.push(token);
  }
  return joined;
}

export function namedInJapanese(idea: string, tokenizer: Tokenizer): NamedThings {
  const tokens = joinKatakana(tokenizer.tokenize(idea));
  const found: NamedThings = { people: [], places: [] };
  const add = (list: string[], name: string) => {
    if (!found.people.includes(name) && !found.places.includes(name)) list.push(name);
  };
  const personal = (index: number) => tokens[index]?.pos_detail_1 === '固有名詞' && tokens[index]?.pos_detail_2 === '人名';
  const katakanaName = (word: string | undefined) => word !== undefined && /^[\u30a0-\u30ff]{2,6}$/u.test(word) && !JA_NOT_NAMES.has(word);
  tokens.forEach((token, index) => {
    const word = token.surface_form;
    if (token.pos !== '名詞') return;
    // A name with an honorific is a person as the idea calls them: 源さん, ミオちゃん.
    const honorific = tokens[index + 1];
    if (honorific && ['さん', 'くん', 'ちゃん', '様', 'さま'].includes(honorific.surface_form) && (token.pos_detail_1 === '固有名詞' || katakanaName(word) || /^[\u4e00-\u9fff]$/u.test(word))) {
      return add(found.people, word + honorific.surface_form);
    }
    // The given name after a family name is part of it: 佐藤ハル, 山田太郎.
    if (personal(index - 1) && tokens[index - 1]?.pos_detail_3 === '姓' && (personal(index) || katakanaName(word))) return;
    if (token.pos_detail_1 === '固有名詞' && token.pos_detail_2 === '地域' && word.length >= 2) return add(found.places, word);
    if (JA_WORLDS.has(word)) return add(found.places, word);
    if (personal(index) && token.pos_detail_3 === '姓' && (personal(index + 1) || katakanaName(tokens[index + 1]?.surface_form))) {
      return add(found.people, word + tokens[index + 1]!.surface_form);
    }
    if (personal(index) && word.length >= 2) return add(found.people, word);
    // A katakana name the dictionary does not know: after の, a verb or a role noun ("青年ソウタ"),
    // and followed by a particle that makes it the one who acts or is met (は, が, と, に).
    const next = tokens[index + 1];
    const before = tokens[index - 1];
    const katakana = katakanaName(word);
    const acts = next?.pos === '助詞' && ['は', 'が', 'と', 'に'].includes(next.surface_form);
    const introduced = !before || before.surface_form === 'の' || before.pos === '動詞' || (before.pos === '名詞' && before.pos_detail_1 === '一般');
    if (katakana && acts && introduced) add(found.people, word);
  });
  return found;
}
