/** Inside or outside: the heading decides where it says (INT./EXT., 内景/外景), the place's words otherwise. */
import { describe, expect, it } from 'vitest';
import { settingOf } from '../../../server/media/animatic-scene.ts';

const scene = (heading: string, location: string, locationDescription = '') => ({ scene: { number: 1, heading, location, locationDescription, timeOfDay: '' } });

describe('the animatic backdrop', () => {
  it('is an interior for INT. and 内景 headings, whatever the place is called', () => {
    expect(settingOf(scene('INT. FOREST CABIN - NIGHT', 'Forest Cabin'))).toBe('interior');
    expect(settingOf(scene('内景 茶馆 - 夜', '茶馆'))).toBe('interior');
    expect(settingOf(scene('内/外景 汽车 - 日', '汽车'))).toBe('interior');
  });

  it('is never an interior for EXT. and 外景 headings, even at a house or a shop', () => {
    expect(settingOf(scene('EXT. HOUSE - DAY', 'House', 'A white house with a red door'))).not.toBe('interior');
    expect(settingOf(scene('外景 小店 - 夜', '小店'))).not.toBe('interior');
    expect(settingOf(scene('外景 街道 - 夜', '街道'))).toBe('city');
  });

  it('goes by the place when the heading says neither', () => {
    expect(settingOf(scene('ROOFTOP KITCHEN', 'Rooftop Kitchen'))).toBe('interior');
    expect(settingOf(scene('HARBOUR', 'Harbour'))).toBe('water');
  });
});
