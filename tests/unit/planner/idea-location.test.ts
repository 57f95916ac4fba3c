import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';

const planner = createBuiltinPlanner();

describe('builtin planner location and time', () => {
  it('takes the place, the rain and the night from the detective-cat idea', async () => {
    const plan = await planner.plan({ idea: 'A detective cat solves a mystery in a rainy Tokyo alley at night', seed: 1 });
    for (const scene of plan.scenes) {
      expect(scene.location).toBe('Tokyo alley');
      expect(scene.heading).toMatch(/^EXT\. TOKYO ALLEY( - [A-Z ]+)? - NIGHT$/);
      expect(scene.timeOfDay).toBe('NIGHT');
      expect(scene.locationDescription).toMatch(/rain/i);
      expect(scene.locationDescription).toMatch(/night/i);
    }
    expect(plan.scenes[0]?.heading).toBe('EXT. TOKYO ALLEY - NIGHT');
  });

  it('plays a mystery at night when the idea names no time', async () => {
    const plan = await planner.plan({ idea: 'A detective cat solves a mystery in a rainy Tokyo alley', seed: 1 });
    expect(plan.scenes[0]?.heading).toBe('EXT. TOKYO ALLEY - NIGHT');
    expect(plan.scenes[0]?.locationDescription).toMatch(/rain/);
  });

  it('reads other places, weather and times', async () => {
    const island = await planner.plan({ idea: 'Two kids search for treasure on a foggy island at dawn', seed: 1 });
    expect(island.scenes[0]?.location).toBe('Island');
    expect(island.scenes[0]?.timeOfDay).toBe('DAWN');
    expect(island.scenes[0]?.locationDescription).toMatch(/fog/);
    const station = await planner.plan({ idea: 'A lonely robot learns to paint in an abandoned space station', seed: 1 });
    expect(station.scenes[0]?.location).toBe('Abandoned space station');
    expect(station.scenes[0]?.heading).toMatch(/^INT\. ABANDONED SPACE STATION - /);
    const paris = await planner.plan({ idea: 'A shy baker falls in love with a street musician in Paris', seed: 1 });
    expect(paris.scenes[0]?.location).toBe('Paris');
  });

  it('falls back to the genre’s place when the idea names none', async () => {
    const plan = await planner.plan({ idea: 'A retired spy must steal back a stolen diamond', seed: 1 });
    expect(plan.scenes[0]?.location).toBe('City alley');
  });
});
