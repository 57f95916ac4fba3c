import { describe, expect, it } from 'vitest';
import { genreCueCounts } from '../../../server/providers/builtin/planner/genre-cues.ts';

/** The genre with the most cue words in the idea, or undefined when none has any. */
function topGenre(idea: string): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [genre, count] of genreCueCounts(idea)) {
    if (count > bestCount) [best, bestCount] = [genre, count];
  }
  return best;
}

describe('romance, space and adventure cues in six languages', () => {
  it('recognises a love story in every language', () => {
    for (const idea of [
      'A shy baker falls in love with the florist next door before the wedding',
      '一个害羞的面包师爱上了隔壁的花店老板，约会总是出错',
      '内気なパン屋が隣の花屋に恋に落ち、初めてのデートで告白する',
      'Una panadera tímida se enamora del florista y sueña con una cita',
      'Une boulangère timide tombe amoureuse du fleuriste : un coup de foudre au marché',
      'Eine schüchterne Bäckerin verliebt sich in den Floristen und plant ein Date',
    ]) expect(topGenre(idea), idea).toBe('romance');
  });

  it('reads robots, androids, the future and time travel as space stories', () => {
    for (const idea of [
      'A robot on a starship learns to dream in the future',
      '一个机器人在未来的飞船上学会了做梦',
      'アンドロイドが宇宙船で未来の夢を見る',
      'Un androide construye una máquina del tiempo',
      "Un cyborg fait un voyage dans le temps à bord d'un vaisseau",
      'Ein Roboter baut eine Zeitmaschine',
    ]) expect(topGenre(idea), idea).toBe('space');
  });

  it('recognises a quest for treasure in every language', () => {
    for (const idea of [
      "A young knight searches for a dragon's treasure in a lost city",
      '年轻的骑士踏上寻宝的冒险，去找巨龙的宝藏',
      '若い騎士がドラゴンの財宝を探して冒険に出る',
      'Un joven caballero busca el tesoro de un dragón',
      "Une jeune chevalière part à l'aventure chercher le trésor d'un dragon",
      'Eine junge Ritterin sucht den Schatz eines Drachen',
    ]) expect(topGenre(idea), idea).toBe('adventure');
  });

  it('leaves everyday French words alone: besoin is not a kiss, mars is a month', () => {
    expect(genreCueCounts("J'ai besoin d'un café le 3 mars").size).toBe(0);
  });
});
