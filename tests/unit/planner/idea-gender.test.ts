/**
 * Characters agree with themselves: a hero the idea calls a girl or a woman gets a woman's invented
 * name and, in Spanish, French and German, a feminine description; the supporting roles the kits
 * write as "el testigo", "le suspect" or "der Zeuge" are played by men with men's trades, never
 * "Mila, der Zeuge: Kellnerin …". The names below are sorted by what they are, by hand.
 */
import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import { expectConsistentPlan } from './plan-checks.ts';

const planner = createBuiltinPlanner();
const SEEDS = [1, 2, 3, 4, 5, 6];

/** Women's names among those a plan may invent, in every script the planner writes. */
const WOMEN = new Set([
  'Ada', 'Iris', 'Nora', 'Ruby', 'Vera', 'Lena', 'Lucía', 'Carmen', 'Elena', 'Inés', 'Marta', 'Rosa', 'Camille', 'Chloé', 'Léa', 'Manon',
  'Margaux', 'Greta', 'Mila', 'Ida', 'Frieda', 'Hanna', '小雨', '小桃', '林澜', '小满', '青禾', '美玲', '艾达', '艾丽丝', '诺拉', '露比', '维拉', '莉娜',
]);
/** Men's names among them. */
const MEN = new Set([
  'Felix', 'Milo', 'Otto', 'Theo', 'Jonah', 'Hugo', 'Mateo', 'Diego', 'Pablo', 'Tomás', 'Julián', 'Andrés', 'Louis', 'Jules', 'Théo', 'Lucien',
  'Basile', 'Jonas', 'Paul', 'Emil', 'Anton', 'Karl', '小墨', '阿福', '阿明', '老周', '星河', '大勇', '菲利克斯', '米洛', '奥托', '西奥', '乔纳', '雨果',
]);

async function plans(idea: string) {
  return Promise.all(
    SEEDS.map(async (seed) => {
      const plan = await planner.plan({ idea, seed });
      expectConsistentPlan(plan);
      return plan;
    }),
  );
}

describe('the hero’s gender', () => {
  it('gives a girl in an English idea a woman’s invented name, whatever the seed', async () => {
    for (const plan of await plans('A girl repaints her grandfather’s lighthouse before the winter storms.')) {
      expect(WOMEN.has(plan.characters[0]!.name), plan.characters[0]!.name).toBe(true);
    }
  });

  it('gives an old man a man’s invented name', async () => {
    for (const plan of await plans('An old fisherman rebuilds his boat to sail one last time.')) {
      expect(MEN.has(plan.characters[0]!.name), plan.characters[0]!.name).toBe(true);
    }
  });

  it('gives a little girl in a Chinese idea a girl’s name, not 老周', async () => {
    for (const plan of await plans('一个小女孩在山村里修好了爷爷的旧钟。')) {
      expect(WOMEN.has(plan.characters[0]!.name), plan.characters[0]!.name).toBe(true);
    }
  });

  it('describes a named Spanish heroine with the feminine hero', async () => {
    const plan = await planner.plan({ idea: 'Marta roba una corona de oro del museo de Madrid.', seed: 1 });
    expect(plan.characters[0]!.description).toMatch(/^Marta, joven soñadora,/u);
  });

  it('describes a German heroine by the title the idea opens with', async () => {
    const plan = await planner.plan({ idea: 'Kommissarin Greta Vogel sucht in Hamburg die gestohlene Geige.', seed: 1 });
    expect(plan.characters[0]!.description).toMatch(/^Greta Vogel, Kommissarin,/u);
    expect(plan.logline).not.toMatch(/junger Detektiv/u);
  });

  it('describes a French heroine with no noun of her own as a woman', async () => {
    const plan = await planner.plan({ idea: 'Elle s’appelle Manon et elle rêve de chanter à l’Olympia de Paris.', seed: 2 });
    expect(plan.characters[0]!.description).not.toMatch(/jeune rêveur(?!se)/u);
  });
});

describe('supporting roles of one grammatical gender', () => {
  const cases = [
    { idea: 'La detective Lucía busca en Sevilla al violinista desaparecido.', label: /^(\S+), el (?:testigo|sospechoso):\s*(\S+)/u, womansTrade: /(?<!ist)a$/u },
    { idea: 'Die Detektivin Greta sucht in Hamburg die gestohlene Geige.', label: /^(\S+), der (?:Zeuge|Verdächtige):\s*(\S+)/u, womansTrade: /in$/u },
    { idea: "L'inspectrice Claire cherche à Lyon un bracelet volé.", label: /^(\S+), le (?:témoin|suspect)\s*:\s*(\S+)/u, womansTrade: /(?:euse|rice)$/u },
  ];
  for (const { idea, label, womansTrade } of cases) {
    it(`casts men in the masculine roles: ${idea}`, async () => {
      let seen = 0;
      for (const plan of await plans(idea)) {
        for (const character of plan.characters.slice(1)) {
          const match = label.exec(character.description);
          if (!match) continue;
          seen += 1;
          expect(MEN.has(match[1]!), character.description).toBe(true);
          expect(match[2]!.replace(/[^\p{L}]+$/u, ''), character.description).not.toMatch(womansTrade);
        }
      }
      expect(seen).toBeGreaterThanOrEqual(SEEDS.length);
    });
  }
});
