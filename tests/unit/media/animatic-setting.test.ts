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

  it('reads the places of plans written in Spanish, French, German and Japanese', () => {
    // The location descriptions the built-in planner writes for a street, in each language.
    expect(settingOf(scene('EXT. VALPARAÍSO - NIGHT', 'Valparaíso', 'Valparaíso de noche: una farola solitaria zumba en lo alto.'))).toBe('city');
    expect(settingOf(scene('EXT. LYON - DAY', 'Lyon', 'Lyon en plein jour, dans une ruelle étroite : des enseignes brillent.'))).toBe('city');
    expect(settingOf(scene('EXT. HAMBURG - NIGHT', 'Hamburg', 'Hamburg bei Nacht: alte Backsteinmauern rücken eng zusammen; Schilder leuchten.'))).toBe('city');
    expect(settingOf(scene('EXT. 横浜 - NIGHT', '横浜', '夜の横浜。街灯がひとつ頭上でうなる。'))).toBe('city');
    expect(settingOf(scene('EXT. PUERTO - DAWN', 'Puerto viejo', 'al final del muelle'))).toBe('water');
    expect(settingOf(scene('EXT. BOSQUE - DAY', 'Bosque milenario'))).toBe('forest');
    expect(settingOf(scene('MUSÉE', 'Musée'))).toBe('interior');
    // A word inside another is not that word: "mar" in "marché" is a market, not the sea.
    expect(settingOf(scene('EXT. MARCHÉ - DAY', 'Marché aux fleurs'))).toBe('city');
  });
});
