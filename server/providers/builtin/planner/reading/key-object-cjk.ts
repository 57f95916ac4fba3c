/**
 * The thing a Chinese or Japanese idea turns on. Chinese (jieba's tags): the noun a verb acts on,
 * past what describes it ("寻找失踪的小提琴手" → 小提琴手, "偷走了博物馆的金冠" → 金冠). Japanese
 * (kuromoji's): the noun marked as the object with を ("盗まれた茶碗を探す" → 茶碗).
 */
import type { Tokenizer } from 'kuromoji';
import type { KeyObject } from './key-object.ts';
import { ROLES } from '../lexicon.ts';
import type { TagZh } from './taggers.ts';

const ROLE_WORDS = new Set(ROLES.flatMap((role) => role.zh));
/** Verbs that link or state rather than act on a thing. */
const ZH_LINKS = new Set(['是', '有', '成为', '叫', '叫做', '名叫', '变成', '当', '做', '住', '住在', '生活', '工作', '来到', '回到', '前往', '去', '在']);
/** Nouns no single shot can show, and words that stand for anything. */
const ZH_ABSTRACT = new Set([
  '真相', '秘密', '工作', '生活', '梦想', '答案', '机会', '时间', '故事', '案子', '案件', '比赛', '冠军', '家', '朋友', '自己', '办法', '勇气', '世界',
  '东西', '一切', '谎言', '谎', '线索', '凶手', '方向', '路', '人', '过去', '未来', '爱情', '友谊', '家人', '决赛', '纪录片', '节目', '旅程', '冒险',
]);
const JA_ABSTRACT = new Set([
  '真相', '秘密', '仕事', '人生', '夢', '答え', '道', '時間', '事件', '謎', '旅', '気持ち', '勇気', '家族', '世界', '試合', '大会', '優勝', '決勝',
  'こと', 'もの', '嘘', 'うそ', '物', '何', '全て', 'すべて', '犯人', '手がかり', '過去', '未来', '恋', '友情', '番組', '冒険', '自分',
]);

/** People a Chinese idea names by their relation or age (奶奶, 孩子): never the thing acted on. */
const ZH_PEOPLE = new Set([
  '奶奶', '爷爷', '外婆', '外公', '姥姥', '妈妈', '爸爸', '母亲', '父亲', '哥哥', '姐姐', '弟弟', '妹妹', '儿子', '女儿', '孩子', '妻子', '丈夫',
  '老师', '同学', '邻居', '老人', '孙子', '孙女', '叔叔', '阿姨', '朋友们', '大家',
]);

/** 把 puts the thing acted on before its verb (把一颗红果子送给奶奶 → 红果子). */
function baObject(tokens: ReturnType<TagZh>, people: readonly string[]): KeyObject | undefined {
  const ba = tokens.findIndex((token) => token.word === '把');
  if (ba < 0) return undefined;
  const run: string[] = [];
  for (let at = ba + 1; at < tokens.length; at++) {
    const token = tokens[at]!;
    const next = tokens[at + 1];
    // A one-character quality right before the noun is part of its name (红果子, 蓝风筝), whatever
    // the tagger calls it (it reads 蓝 as a name).
    if (token.word.length === 1 && /\p{Script=Han}/u.test(token.word) && /^(?:a|nr|ng|b)$/u.test(token.tag) && next && /^n[^r]?$/u.test(next.tag) && next.word.length > 1) {
      run.push(token.word);
      continue;
    }
    if (/^n/u.test(token.tag) || token.tag === 'x' || token.tag === 'ng') {
      if (!/\p{Script=Han}/u.test(token.word) || /^(?:nr|ns|nt|nrt|nrfg)$/u.test(token.tag) || people.includes(token.word)) return undefined;
      run.push(token.word);
      continue;
    }
    if (run.length > 0) break;
    // A count, a measure and what describes it come before the noun (一颗红果子); a verb ends it.
    if (!/^(?:m|q|mq|a|ad|b|uj)$/u.test(token.tag) && token.word !== '的') return undefined;
  }
  const phrase = run.join('');
  return phrase && !ZH_ABSTRACT.has(phrase) && !ZH_PEOPLE.has(run.at(-1) ?? '') ? { phrase } : undefined;
}

/** A word right after 的 that ends the clause: what the 的 phrase describes, a thing. */
const thingAfterDe = (tokens: ReturnType<TagZh>, at: number): boolean =>
  tokens[at - 1]?.word === '的' && (!tokens[at + 1] || /^[，。！？；、,.!?;]$/u.test(tokens[at + 1]!.word));

export function chineseKeyObject(idea: string, tag: TagZh, people: readonly string[]): KeyObject | undefined {
  const tokens = tag(idea);
  const moved = baObject(tokens, people);
  if (moved) return moved;
  for (let index = 0; index < tokens.length; index++) {
    const { word, tag: kind } = tokens[index]!;
    // A trade the tagger reads as a verb (侦探 in 侦探猫) describes the hero; it acts on nothing.
    if (kind !== 'v' || ZH_LINKS.has(word) || ROLE_WORDS.has(word)) continue;
    let run: string[] = [];
    for (let at = index + 1; at < tokens.length; at++) {
      const token = tokens[at]!;
      if (!/\p{Script=Han}/u.test(token.word)) break;
      // A place, a group, or a person the idea names; a word jieba only guesses is a name (玉佩 as
      // nr) is a thing when the planner did not read it as one of the idea's people.
      if (/^(?:ns|nt)$/u.test(token.tag) || people.includes(token.word) || (/^(?:nr|nrt|nrfg)$/u.test(token.tag) && !thingAfterDe(tokens, at))) {
        run = [];
        if (tokens[at + 1]?.word === '的') continue;
        break;
      }
      // An unknown word of Han characters is most often a noun the dictionary lacks (旧钟).
      if (/^n/u.test(token.tag) || token.tag === 'ng' || token.tag === 'x') {
        run.push(token.word);
        continue;
      }
      if (token.word === '的' || token.tag === 'uj') {
        // What came before 的 describes the noun that follows it.
        run = [];
        continue;
      }
      if (run.length > 0) break;
      // A verb after 的-less modifiers starts another clause; anything else (了, 一把, 古老) describes.
      if (token.tag === 'v' && tokens[at + 1]?.word !== '的') break;
      if (/^(?:p|c)$/u.test(token.tag)) break;
    }
    const phrase = run.join('');
    if (phrase.length >= 1 && !ZH_ABSTRACT.has(phrase) && !ZH_ABSTRACT.has(run.at(-1) ?? '') && !ZH_PEOPLE.has(run.at(-1) ?? '')) return { phrase };
  }
  return undefined;
}

export function japaneseKeyObject(idea: string, tokenizer: Tokenizer, people: readonly string[]): KeyObject | undefined {
  const tokens = tokenizer.tokenize(idea);
  for (let index = 1; index < tokens.length; index++) {
    const marker = tokens[index]!;
    if (marker.surface_form !== 'を' || marker.pos !== '助詞') continue;
    const run: string[] = [];
    for (let at = index - 1; at >= 0; at--) {
      const token = tokens[at]!;
      if (token.pos !== '名詞' || ['代名詞', '非自立', '数'].includes(token.pos_detail_1)) break;
      if (token.pos_detail_1 === '固有名詞' && ['人名', '地域', '組織'].includes(token.pos_detail_2)) {
        run.length = 0;
        break;
      }
      run.unshift(token.surface_form);
    }
    const phrase = run.join('');
    if (!phrase || JA_ABSTRACT.has(phrase) || JA_ABSTRACT.has(run.at(-1) ?? '') || people.some((name) => name.includes(phrase) || phrase.includes(name))) continue;
    return { phrase };
  }
  return undefined;
}
