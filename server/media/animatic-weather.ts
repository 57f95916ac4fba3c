/**
 * The sky over an exterior set: the time of day (day, dawn, dusk, night) and the weather (rain,
 * snow, fog), read from the scene's own words so that every shot of the scene shares them; and the
 * weather painted over the set. Rain and snow are sparse, soft marks: every mark moves with the
 * camera in every frame, and fine detail is what costs the encoder time.
 */
import type { VideoRequest } from '../providers/video.types.ts';
import { between, type Rgb } from './colour.ts';
import type { Raster } from './raster.ts';

export type Daylight = 'day' | 'dawn' | 'dusk' | 'night';
export type Weather = 'clear' | 'rain' | 'snow' | 'fog';

type SceneWords = Pick<VideoRequest['scene'], 'heading' | 'timeOfDay' | 'location' | 'locationDescription'>;

/** Day, dawn, dusk or night, from the time of day and the heading (dawn first: 夜明け is a dawn). */
export function daylightOf(scene: Pick<SceneWords, 'heading' | 'timeOfDay'>): Daylight {
  const text = `${scene.timeOfDay} ${scene.heading}`.toLowerCase();
  if (/dawn|sunrise|daybreak|first light|morning twilight|黎明|清晨|拂晓|日出|夜明け|明け方|새벽|amanecer|madrugada|aube|aurore|morgengrauen|morgendämmerung|sonnenaufgang/.test(text)) return 'dawn';
  if (/night|midnight|夜|晚|밤|noche|nuit|nacht/.test(text)) return 'night';
  if (/dusk|sunset|evening|twilight|golden hour|黄昏|傍晚|夕|저녁|atardecer|anochecer|crépuscule|soir|abend|dämmerung|sonnenuntergang/.test(text)) return 'dusk';
  return 'day';
}

/** Rain, snow or fog when the scene's heading, place or time says so; clear otherwise. */
export function weatherOf(scene: SceneWords): Weather {
  const text = `${scene.heading} ${scene.timeOfDay} ${scene.location} ${scene.locationDescription}`.toLowerCase();
  if (/\b(?:snow\w*|blizzard|sleet)\b|雪|nieve|nevad|neige|schnee/.test(text)) return 'snow';
  // A storm is drawn as rain: tormenta, tempête, orage, Gewitter, Sturm, 嵐, 雷.
  if (/\b(?:rain\w*|storm\w*|downpour|drizzl\w*|showers?)\b|雨|lluvi|llueve|tormenta|tempestad|pluie|pluvieu|tempête|(?<![a-z])orage|regen|gewitter|sturm|unwetter|嵐|雷/.test(text)) return 'rain';
  if (/\b(?:fog\w*|mist\w*|haze|hazy)\b|雾|霧|niebla|brume|brouillard|nebel/.test(text)) return 'fog';
  return 'clear';
}

const RAIN: Rgb = { r: 200, g: 214, b: 230 };
const SNOW: Rgb = { r: 248, g: 250, b: 255 };
const FOG: Rgb = { r: 190, g: 196, b: 204 };

/** Paints `weather` over the whole canvas, from the set's own random stream. */
export function paintWeather(raster: Raster, weather: Weather, horizon: number, random: () => number): void {
  const { width, height } = raster;
  const unit = height / 936;
  if (weather === 'rain') {
    // Slanted streaks, each a few short steps of a thin bar.
    for (let i = 0; i < 150; i++) {
      const x = random() * width;
      const y = random() * height;
      const length = between(random, 26, 48) * unit;
      const steps = 4;
      for (let step = 0; step < steps; step++) {
        raster.rect(x + step * 2 * unit, y + (step * length) / steps, 2 * unit, length / steps + 1, RAIN, 0.35);
      }
    }
  } else if (weather === 'snow') {
    for (let i = 0; i < 160; i++) raster.disc(random() * width, random() * height, between(random, 1.5, 3.5) * unit, SNOW, 0.85);
  } else if (weather === 'fog') {
    // Thickest at the horizon, thinning toward the top of the sky and the near ground.
    for (let y = 0; y < height; y++) {
      const distance = Math.abs(y - horizon) / (y < horizon ? horizon : height - horizon);
      raster.span(y, 0, width, FOG, 0.6 * (1 - distance) + 0.1);
    }
  }
}
