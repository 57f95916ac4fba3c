/**
 * The built-in planner keeps what an idea names: the named hero is the hero under that name (not
 * the words around it), the other named people fill the story's roles before anyone is invented,
 * and the named places are where the scenes happen. Ideas and expectations are written by hand.
 */
import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import type { EpisodePlan } from '../../../server/providers/planner.types.ts';

const planner = createBuiltinPlanner();
const plan = (idea: string, seed = 7) => planner.plan({ idea, seed });
const names = (p: EpisodePlan) => p.characters.map((c) => c.name);
const wheres = (p: EpisodePlan) => p.scenes.map((s) => `${s.heading} | ${s.location}`);

describe('named people and places in an idea', () => {
  it('keeps an appositive hero and the niece under their own names, in Geneva', async () => {
    const result = await plan('Felix, a retired safecracker, is pulled back for one last job: the vault of the Royal Bank in Geneva, with his niece Ada as the inside woman.');
    expect(result.characters[0]!.name).toBe('Felix');
    expect(result.characters[0]!.description).toContain('retired safecracker');
    expect(names(result)).toContain('Ada');
    expect(names(result)).not.toContain('Royal Bank');
    expect(result.scenes[0]!.heading).toContain('GENEVA');
  });

  it('reads "Nora is a documentary filmmaker who …" as Nora, described as a documentary filmmaker', async () => {
    const result = await plan('Nora is a documentary filmmaker who follows Tomas across Iceland.');
    expect(result.characters[0]!.name).toBe('Nora');
    expect(result.characters[0]!.description).toContain('documentary filmmaker');
    expect(result.characters[0]!.description).not.toContain('young dreamer');
    expect(result.story).not.toMatch(/Nora is a young dreamer who is a documentary/);
    expect(names(result)).toContain('Tomas');
    expect(wheres(result).join('\n')).toContain('ICELAND');
  });

  it('never casts a place the idea is set in as a person ("on Mars")', async () => {
    const result = await plan('Two astronauts repair a broken antenna on Mars.');
    expect(names(result)).not.toContain('Mars');
    expect(result.scenes[0]!.heading).toContain('MARS');
  });

  it('takes a hero named at the start of the sentence as a name, never as a description', async () => {
    const result = await plan('Nora films a documentary about the last lighthouse keeper of Cape Wrath, a man called Angus who has kept the light for forty years.');
    expect(result.characters[0]!.name).toBe('Nora');
    expect(result.characters[0]!.description).not.toMatch(/\ba nora\b/i);
    expect(names(result)).toContain('Angus');
    expect(wheres(result).join('\n')).toContain('Cape Wrath');
  });

  it('gives every named person a character, even beyond the roles of the story', async () => {
    const result = await plan(
      'It is 1923 in Cairo. Evelyn Hart, a young archaeologist, finds her mentor, Professor Aldous Crane, missing. She teams up with Hassan, a taxi driver, to face the collector Victor Sloane on a riverboat to Luxor.',
    );
    for (const name of ['Evelyn Hart', 'Aldous Crane', 'Hassan', 'Victor Sloane']) expect(names(result).join(' | ')).toContain(name);
    // A name already given in full is not a second character.
    expect(names(result).filter((n) => n === 'Evelyn' || n === 'Crane')).toEqual([]);
    expect(result.characters[0]!.name).toBe('Evelyn Hart');
  });

  it('sets later scenes in the later places the idea names', async () => {
    const result = await plan('Paul und Sophie, zwei Fremde, verlieben sich während einer Zugfahrt von Wien nach Venedig.');
    expect(names(result).slice(0, 2)).toEqual(['Paul', 'Sophie']);
    expect(result.scenes[0]!.location).toBe('Wien');
    expect(result.scenes.map((s) => s.location)).toContain('Venedig');
  });

  it('keeps Spanish and French names with their accents', async () => {
    const spanish = await plan('Tomás, un viejo ladrón de cajas fuertes, reúne a su antigua banda para robar el Banco de España en Madrid.');
    expect(spanish.characters[0]!.name).toBe('Tomás');
    expect(wheres(spanish).join('\n')).toMatch(/MADRID|Madrid/);
    const french = await plan('Antoine, un ancien perceur de coffres, prépare avec Chloé le cambriolage d’une bijouterie à Paris.');
    expect(names(french).slice(0, 2)).toEqual(['Antoine', 'Chloé']);
  });

  it('reads Chinese names after their roles and the city they live in', async () => {
    const result = await plan('杭州西湖边的书店老板苏晴，爱上了每周来借同一本诗集的建筑师顾言。');
    expect(result.characters[0]!.name).toBe('苏晴');
    expect(names(result)).toContain('顾言');
    expect(names(result)).not.toContain('老板');
    expect(wheres(result)[0]).toContain('杭州');
    const familiar = await plan('退休的开锁高手老周被徒弟阿杰拉回上海，去偷外滩一家银行金库里的一枚玉印。');
    expect(familiar.characters[0]!.name).toBe('老周');
    expect(names(familiar)).toContain('阿杰');
  });

  it('reads Japanese names, katakana ones the dictionary does not know included', async () => {
    const result = await plan('東京の小さな花屋で働くサクラは、毎朝同じ花を買う青年ソウタに恋をする。');
    expect(result.characters[0]!.name).toBe('サクラ');
    expect(names(result)).toContain('ソウタ');
    expect(wheres(result)[0]).toContain('東京');
    const known = await plan('元金庫破りの老人ケンジは、孫娘のユキと組んで、大阪の美術館から盗まれた掛け軸を取り戻す。');
    expect(names(known).slice(0, 2)).toEqual(['ケンジ', 'ユキ']);
    expect(names(known)).not.toContain('元金庫');
  });

  it('takes the whole name when the role rule caught only its first word', async () => {
    const result = await plan('On a mining station orbiting Europa, engineer Sam Okafor discovers that the station AI, Vesper, has been lying about the oxygen.');
    expect(result.characters[0]!.name).toMatch(/Sam Okafor$/);
    expect(names(result).join(' | ')).toContain('Vesper');
  });

  it('plans an Italian idea in English, says so, and keeps its names', async () => {
    const result = await plan('Giulia e Marco si innamorano durante l’estate a Napoli.');
    expect(result.story.split('\n\n')[0]).toBe(
      'Planned in English: the built-in planner does not write Italian yet; the names and places of the idea are kept as written.',
    );
    expect(names(result).slice(0, 2)).toEqual(['Giulia', 'Marco']);
    expect(wheres(result)[0]).toContain('NAPOLI');
    // No Italian sentence is passed off as English prose.
    expect(result.logline).not.toMatch(/si innamorano/);
  });

  it('follows the larger share of a mixed idea', async () => {
    const mostlyChinese = await plan('侦探小林在上海的雨夜追查一件失踪的玉器，线索指向 Bund 的一家旧酒店。');
    expect(mostlyChinese.story).not.toMatch(/Planned in English/);
    expect(mostlyChinese.story).toMatch(/[\u4e00-\u9fff]{6}/u);
    const mostlyEnglish = await plan('A detective named Lin chases a stolen jade seal through rainy Shanghai, 上海.');
    expect(mostlyEnglish.story).toMatch(/\bLin is a detective\b/);
    expect(mostlyEnglish.story).not.toMatch(/Planned in English/);
  });

  it('invents people only where the idea names none', async () => {
    const result = await plan('A lonely lighthouse.');
    expect(result.characters.length).toBeGreaterThanOrEqual(2);
    expect(result.characters[0]!.name).toMatch(/^\p{Lu}\p{Ll}+/u);
  });
});
