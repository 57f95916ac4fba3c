import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import { measureConsistency } from '../../../server/media/consistency.ts';
import { MediaProbeError } from '../../../server/media/errors.ts';
import { buildVideoRequest, makeScratchDir } from '../../support/media-fixtures.ts';

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
const paths = { take1: '', take2: '', elsewhere: '' };

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-consistency-');
  const render = (name: string, request: Parameters<typeof buildVideoRequest>[0]) => {
    const path = join(scratch.dir, `${name}.mp4`);
    return renderAnimatic(buildVideoRequest({ width: 640, height: 360, ...request }), path, { workDir: scratch.dir }).then(() => path);
  };
  const shot = { duration: 2, camera: 'pan-right' as const };
  [paths.take1, paths.take2, paths.elsewhere] = await Promise.all([
    // Two takes of the same shot (same place, same characters), different seeds.
    render('take1', { seed: 1, shot }),
    render('take2', { seed: 2, shot }),
    // A very different place and palette: a sunny desert with another character.
    render('elsewhere', {
      seed: 1,
      scene: {
        heading: 'EXT. DESERT - DAY',
        location: 'Sahara dunes',
        locationDescription: 'Bright sand dunes under a blazing sun',
        timeOfDay: 'day',
      },
      shot: { ...shot, characterKeys: ['pip'], dialogue: [] },
    }),
  ]);
});
afterAll(() => scratch.cleanup());

describe('measureConsistency', () => {
  it('scores two takes of one shot above a take of another place', async () => {
    const same = await measureConsistency(paths.take1, [paths.take2]);
    const different = await measureConsistency(paths.take1, [paths.elsewhere]);
    expect(same.score).not.toBeNull();
    expect(different.score).not.toBeNull();
    expect(same.score!).toBeGreaterThan(different.score! + 0.15);
    // Both halves of the measure agree on the direction.
    expect(same.comparisons[0]!.histogram).toBeGreaterThan(different.comparisons[0]!.histogram);
    expect(same.comparisons[0]!.ssim).toBeGreaterThan(different.comparisons[0]!.ssim);
    expect(same.comparisons[0]!.reference).toBe(paths.take2);
  });

  it('gives a take compared with itself a score of 1', async () => {
    const self = await measureConsistency(paths.take1, [paths.take1]);
    expect(self.score).toBeCloseTo(1, 3);
    expect(self.comparisons[0]).toMatchObject({ histogram: 1, ssim: 1 });
  });

  it('averages over several references', async () => {
    const both = await measureConsistency(paths.take1, [paths.take2, paths.elsewhere]);
    const [a, b] = both.comparisons;
    expect(both.comparisons).toHaveLength(2);
    const per = (c: { histogram: number; ssim: number }) => 0.5 * c.histogram + 0.5 * c.ssim;
    expect(both.score!).toBeCloseTo((per(a!) + per(b!)) / 2, 3);
    expect(both.method).toMatch(/histogram/);
    for (const c of both.comparisons) {
      expect(c.histogram).toBeGreaterThanOrEqual(0);
      expect(c.histogram).toBeLessThanOrEqual(1);
      expect(c.ssim).toBeGreaterThanOrEqual(0);
      expect(c.ssim).toBeLessThanOrEqual(1);
    }
  });

  it('is null when there is nothing to compare with', async () => {
    const none = await measureConsistency(paths.take1, []);
    expect(none).toMatchObject({ score: null, comparisons: [] });
    expect(none.method.length).toBeGreaterThan(10);
  });

  it('rejects a missing reference', async () => {
    await expect(measureConsistency(paths.take1, [join(scratch.dir, 'gone.mp4')])).rejects.toBeInstanceOf(MediaProbeError);
  });
});
