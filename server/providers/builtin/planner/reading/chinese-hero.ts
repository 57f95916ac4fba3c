/**
 * The hero's phrase of a Chinese idea ends where the hero starts to act. The sentence rules cut it
 * at the verbs they list (在, 寻找, 拯救 …); jieba's tags find the others ("老渔夫老陈修好了他的旧渔船"
 * → 老渔夫老陈, and 修好了他的旧渔船 goes back to what the hero does). A verb that describes the hero
 * stays: before 的 ("退休的警察") or when it is a trade (侦探 in 侦探猫).
 */
import type { IdeaAnalysis } from '../idea-rules.ts';
import { ROLES } from '../lexicon.ts';
import { chineseTagger } from './taggers.ts';

const ROLE_WORDS = new Set(ROLES.flatMap((role) => role.zh));

export async function withChineseHero(analysis: IdeaAnalysis): Promise<IdeaAnalysis> {
  const { protagonist, idea } = analysis;
  if (analysis.language !== 'zh' || !protagonist.phrase) return analysis;
  const tokens = (await chineseTagger())(protagonist.phrase);
  let offset = 0;
  for (let index = 0; index < tokens.length; index++) {
    const { word, tag } = tokens[index]!;
    const acts = index > 0 && tag === 'v' && word.length >= 2 && !ROLE_WORDS.has(word) && tokens[index + 1]?.word !== '的';
    if (acts) {
      const phrase = protagonist.phrase.slice(0, offset).trim();
      const at = idea.indexOf(protagonist.phrase);
      if (!phrase || at < 0) return analysis;
      const predicate = idea.slice(at + offset).replace(/[。！？.!?]+$/u, '').trim();
      return { ...analysis, protagonist: { ...protagonist, phrase }, predicate };
    }
    offset += word.length;
  }
  return analysis;
}
