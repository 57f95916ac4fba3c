/** The time of day, the weather and the world of an animatic's set come from the scene's own words. */
import { describe, expect, it } from 'vitest';
import { paletteOf } from '../../../server/media/animatic-palette.ts';
import { paintScene } from '../../../server/media/animatic-scene.ts';
import { daylightOf, weatherOf } from '../../../server/media/animatic-weather.ts';
import { buildVideoRequest } from '../../support/media-fixtures.ts';

const scene = (heading: string, timeOfDay = '', locationDescription = '') => ({ heading, timeOfDay, location: 'Harbour', locationDescription });

describe('daylightOf', () => {
  it('tells dawn from dusk, night and day', () => {
    expect(daylightOf(scene('EXT. HARBOUR - DAWN'))).toBe('dawn');
    expect(daylightOf(scene('外景 港口 - 黎明'))).toBe('dawn');
    expect(daylightOf(scene('EXT. HARBOUR', '夜明け'))).toBe('dawn');
    expect(daylightOf(scene('EXT. HARBOUR - SUNSET'))).toBe('dusk');
    expect(daylightOf(scene('EXT. HARBOUR - NIGHT'))).toBe('night');
    expect(daylightOf(scene('外景 港口 - 夜'))).toBe('night');
    expect(daylightOf(scene('EXT. HARBOUR - DAY'))).toBe('day');
    expect(daylightOf(scene('HARBOUR'))).toBe('day');
  });
});

describe('weatherOf', () => {
  it('reads rain, snow and fog from the heading or the place', () => {
    expect(weatherOf(scene('EXT. HARBOUR - NIGHT - RAIN'))).toBe('rain');
    expect(weatherOf(scene('EXT. HARBOUR', '', 'Boats rocking in a downpour'))).toBe('rain');
    expect(weatherOf(scene('外景 港口 - 夜', '', '下着大雨'))).toBe('rain');
    expect(weatherOf(scene('EXT. HARBOUR - DAY', '', 'Snowdrifts on the quay'))).toBe('snow');
    expect(weatherOf(scene('EXT. HARBOUR - DAWN', '', 'Thick fog over the water'))).toBe('fog');
    expect(weatherOf(scene('EXT. HARBOUR - DAY', '', 'Boats under a clear sky'))).toBe('clear');
  });

  it('draws a storm as rain, in every language the planner writes', () => {
    expect(weatherOf(scene('EXT. VALPARAÍSO - NIGHT', '', 'una tormenta ruge y los relámpagos estallan entre las nubes'))).toBe('rain');
    expect(weatherOf(scene('EXT. MARSEILLE - NIGHT', '', 'une tempête fait rage'))).toBe('rain');
    expect(weatherOf(scene('EXT. HAMBURG - NIGHT', '', 'ein Sturm tobt, Blitze zucken'))).toBe('rain');
    expect(weatherOf(scene('EXT. 横浜 - NIGHT', '', '嵐が荒れ狂い、雲のあいだで稲妻が光る'))).toBe('rain');
    // "orage" inside "storage" is no storm.
    expect(weatherOf(scene('INT. STORAGE ROOM - DAY'))).toBe('clear');
  });
});

describe('the palette of the world', () => {
  const harbour = (heading: string) =>
    paintScene(buildVideoRequest({ scene: { heading, location: 'Harbour', locationDescription: 'Boats at the quay', timeOfDay: 'day' }, shot: { characterKeys: [] } }), 320, 180);
  /** Mean of red minus blue, and mean colourfulness (largest minus smallest channel), over the canvas. */
  const measure = (scene: ReturnType<typeof paintScene>) => {
    const { pixels } = scene.raster;
    let warm = 0;
    let colourful = 0;
    for (let i = 0; i < pixels.length; i += 3) {
      const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
      warm += r - b;
      colourful += Math.max(r, g, b) - Math.min(r, g, b);
    }
    return { warm: warm / (pixels.length / 3), colourful: colourful / (pixels.length / 3) };
  };

  it('reads the planet or era from the scene', () => {
    expect(paletteOf(scene('EXT. MARS COLONY - DAY'))).toBeDefined();
    expect(paletteOf(scene('外景 太空站 - 夜'))).toBeDefined();
    expect(paletteOf(scene('EXT. LONDON STREET - 1890s'))).toBeDefined();
    expect(paletteOf(scene('EXT. HARBOUR - DAY'))).toBeUndefined();
    expect(paletteOf(scene('EXT. DINER - 1985'))).toBeUndefined();
  });

  it('warms the same set on Mars and takes colour out of it in the 1890s', () => {
    const [earth, mars, old] = [harbour('EXT. HARBOUR - DAY'), harbour('EXT. HARBOUR ON MARS - DAY'), harbour('EXT. HARBOUR - DAY - 1890s')];
    expect(measure(mars).warm).toBeGreaterThan(measure(earth).warm + 30);
    expect(measure(old).colourful).toBeLessThan(measure(earth).colourful * 0.6);
  });
});
