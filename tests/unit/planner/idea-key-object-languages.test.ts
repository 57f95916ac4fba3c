/**
 * The thing an idea turns on is read in every language the planner writes, and the kit's sentences
 * agree with it: Spanish and French articles and participles take its gender (with French elision),
 * German articles, adjectives and pronouns its gender and case. Expected sentences are written by
 * hand from the kits' own wording.
 */
import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import type { EpisodePlan } from '../../../server/providers/planner.types.ts';
import { expectConsistentPlan } from './plan-checks.ts';

const planner = createBuiltinPlanner();

async function planOf(idea: string): Promise<{ plan: EpisodePlan; text: string }> {
  const plan = await planner.plan({ idea, seed: 1 });
  expectConsistentPlan(plan);
  const text = [plan.title, plan.logline, plan.story, ...plan.characters.map((c) => c.description), JSON.stringify(plan.scenes)].join('\n');
  return { plan, text };
}

describe('the key object in Spanish, French and German', () => {
  it('keeps a Spanish feminine object and makes its articles feminine', async () => {
    const { text } = await planOf('Marta roba una corona de oro del museo de Madrid.');
    expect(text).toContain('corona de oro');
    expect(text).toMatch(/(?:una|la) corona de oro/u);
    expect(text).not.toMatch(/(?:el|un|del|al) corona/u);
  });

  it('keeps the person a Spanish idea looks for, with the idea’s masculine article', async () => {
    const { plan, text } = await planOf('La detective Lucía busca en Sevilla al violinista desaparecido.');
    expect(plan.title).toBe('Lucía y el violinista desaparecido');
    expect(text).toContain('cuando desaparece el violinista');
    expect(text).not.toMatch(/joyero|colgante|llavín|anillo/u);
  });

  it('agrees a Spanish feminine object’s participle and pronoun', async () => {
    const { plan, text } = await planOf('La detective Lucía busca en Sevilla la flauta robada.');
    expect(plan.logline).toContain('cuando desaparece la flauta, Lucía');
    expect(plan.logline).toContain('quién se la llevó');
    expect(text).toContain('Una flauta desaparecida.');
    expect(text).toContain('que la aprieta contra el pecho');
    // The idea's own participle is left to the kit's sentence (the story still quotes the idea).
    expect(JSON.stringify(plan.scenes)).not.toMatch(/flauta robada|(?:el|un|del|al) flauta/u);
  });

  it('elides the French article before a vowel, and never writes "du anneau"', async () => {
    const { text } = await planOf("L'inspectrice Claire cherche à Lyon un anneau volé.");
    expect(text).toMatch(/l’anneau/u);
    expect(text).not.toMatch(/(?:le|du|au) anneau/u);
  });

  it('makes French articles and participles feminine for a feminine object', async () => {
    const { plan, text } = await planOf('Le détective Hugo cherche à Marseille une montre disparue.');
    expect(plan.logline).toContain('quand la montre disparaît');
    expect(plan.logline).toContain('qui l’a prise');
    expect(text).toContain('la disparition de la montre');
    expect(text).toContain('Une montre disparue.');
    expect(text).toContain('qui la serre contre son cœur');
    expect(text).not.toMatch(/(?:le|du|au) montre/u);
  });

  it('declines German articles and pronouns for a feminine object', async () => {
    const { plan, text } = await planOf('Die Detektivin Greta sucht in Hamburg die gestohlene Geige.');
    expect(plan.logline).toContain('als die Geige verschwindet');
    expect(plan.logline).toContain('wer sie genommen hat');
    expect(text).toContain('dass die Geige verschwunden ist');
    expect(text).not.toMatch(/das Geige|ein verschwundenes Geige/u);
  });

  it('declines German articles and adjectives for a masculine object in the accusative and the nominative', async () => {
    const { plan, text } = await planOf('Max stiehlt den goldenen Schlüssel aus dem Museum.');
    expect(plan.logline).toContain('ein Schlüssel entscheidet');
    expect(text).toContain('öffnet mit zitternden Händen den Schlüssel');
    expect(text).not.toMatch(/das Schlüssel/u);
  });
});

describe('objects named with more than a noun, or after the hero’s title', () => {
  it('keeps a French adjective that is part of the thing’s name, but not the participle of what befell it', async () => {
    // The shots, not the story (which quotes the idea).
    expect(JSON.stringify((await planOf('Sophie, pâtissière à Tours, prépare une galette dorée pour la fête du village.')).plan.scenes)).toContain('galette dorée');
    const { plan } = await planOf('Le détective Hugo cherche à Marseille une montre disparue.');
    expect(JSON.stringify(plan.scenes)).not.toContain('montre disparue disparue');
  });

  it('reads a German object after the hero’s title and name, not the title', async () => {
    const { plan, text } = await planOf('In Köln sucht die Kommissarin Anna Lenz ein gestohlenes Gemälde.');
    expect(JSON.stringify(plan.scenes)).toContain('Gemälde');
    expect(text).not.toMatch(/(?:den|die|das) Kommissarin(?! Anna)/u);
  });
});

describe('the key object in Chinese and Japanese', () => {
  it('reads a thing the tagger takes for a name when the idea names no such person (金钗)', async () => {
    const { plan } = await planOf('绣娘阿珠在泉州的码头寻找被偷走的金钗。');
    expect(JSON.stringify(plan.scenes)).toContain('金钗');
  });

  it('reads the thing a Chinese idea moves with 把, with the quality that names it, never a relative', async () => {
    const { plan } = await planOf('小兔子米米要把一只蓝风筝带给住在山上的爷爷。');
    expect(JSON.stringify(plan.scenes)).toContain('蓝风筝');
  });


  it('reads the noun a Chinese verb acts on, past what describes it', async () => {
    const { plan, text } = await planOf('侦探林雪在上海寻找失踪的小提琴手。');
    expect(plan.title).toContain('小提琴手');
    expect(text).not.toMatch(/翡翠吊坠|音乐盒|黄铜钥匙|红宝石戒指/u);
  });

  it('reads what a Chinese thief takes from a museum', async () => {
    const { text } = await planOf('怪盗阿九从博物馆偷走了一顶金冠，警探老周紧追不舍。');
    expect(text).toContain('金冠');
  });

  it('reads the noun Japanese marks with を', async () => {
    const { plan, text } = await planOf('探偵のミコが京都で盗まれた茶碗を探す。');
    expect(plan.logline).toContain('茶碗が消え');
    expect(text).not.toMatch(/翡翠のペンダント|オルゴール|真鍮の鍵|ルビーの指輪/u);
  });

  it('keeps the genre’s object when the thing sought is abstract', async () => {
    const { text } = await planOf('Kommissar Brandt sucht in Köln die Wahrheit.');
    expect(text).not.toMatch(/die Wahrheit verschwindet/u);
  });
});
