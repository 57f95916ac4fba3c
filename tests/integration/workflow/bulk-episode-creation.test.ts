/**
 * Creating an episode writes its plan in a few statements whatever its size: a 300-shot shot list
 * takes as many statements as a 10-shot one, and every shot still gets its scene, number and
 * first take.
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEpisode } from '../../../server/commands/episode-creator.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
beforeAll(async () => {
  context = await createTestContext({ engine: { maxShots: 1000 } });
});
afterAll(async () => {
  await context?.cleanup();
});

/** Creates an episode of `count` shots over `scenes` scenes; answers its id and the statements it took. */
async function create(count: number, scenes: number): Promise<{ id: string; statements: number }> {
  let statements = 0;
  const counting: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const services = { ...context.services, db: context.services.db.withPlugin(counting) };
  const shots = Array.from({ length: count }, (_, index) => ({
    scene: `EXT. PLACE ${(index % scenes) + 1} - DAY`,
    prompt: `Shot ${index + 1} of a long walk`,
    duration: 2,
  }));
  const episode = await createEpisode(services, { shots, title: `${count} shots` }, { userId: null, name: 'test' });
  return { id: episode.id, statements };
}

describe('bulk episode creation', () => {
  it('takes as many statements for 300 shots as for 10', async () => {
    const small = await create(10, 3);
    const large = await create(300, 30);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThan(30);
  });

  it('gives every shot its number, its scene and one pending first take', async () => {
    const { id } = await create(300, 30);
    const rows = await context.services.db
      .selectFrom('shots as sh')
      .innerJoin('scenes as sc', 'sc.id', 'sh.scene_id')
      .innerJoin('video_segments as v', 'v.shot_id', 'sh.id')
      .select(['sh.shot_number', 'sh.position', 'sh.prompt', 'sc.heading', 'v.segment_number', 'v.version', 'v.status', 'v.is_current'])
      .where('sh.episode_id', '=', id)
      .orderBy('sh.shot_number')
      .execute();
    expect(rows).toHaveLength(300);
    rows.forEach((row, index) => {
      expect(row).toMatchObject({ shot_number: index + 1, position: index + 1, prompt: `Shot ${index + 1} of a long walk`, segment_number: index + 1, version: 1, status: 'pending', is_current: true });
    });
    // Shots keep their scene: shot 1 in place 1, shot 2 in place 2, shot 31 back in place 1.
    expect(rows[0]!.heading).toMatch(/PLACE 1\b/);
    expect(rows[1]!.heading).toMatch(/PLACE 2\b/);
    expect(rows[30]!.heading).toMatch(/PLACE 1\b/);
  });
});
