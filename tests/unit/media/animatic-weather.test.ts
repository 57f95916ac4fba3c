/** The time of day and the weather of an animatic's set come from the scene's own words. */
import { describe, expect, it } from 'vitest';
import { daylightOf, weatherOf } from '../../../server/media/animatic-weather.ts';

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
});
