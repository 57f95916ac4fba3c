/**
 * Weather over the set: rain streaks, snow flakes or a fog veil, read from the scene's heading,
 * location description and the shot's prompt. Painted from the set's own random stream so it stays
 * the same in every shot of the scene.
 */
import type { VideoRequest } from '../providers/video.types.ts';
import { between, type Rgb } from './colour.ts';
import type { Raster } from './raster.ts';

export type Weather = 'rain' | 'snow' | 'fog' | 'clear';

export function weatherOf(request: Pick<VideoRequest, 'scene' | 'shot'>): Weather {
  const text = `${request.scene.heading} ${request.scene.locationDescription} ${request.shot.prompt}`.toLowerCase();
  if (/\b(snow\w*|blizzard|sleet)\b|雪/.test(text)) return 'snow';
  if (/\b(rain\w*|storm\w*|downpour|drizzl\w*)\b|雨/.test(text)) return 'rain';
  if (/\b(fog\w*|mist\w*|haze|hazy)\b|雾|霧/.test(text)) return 'fog';
  return 'clear';
}

const PALE: Rgb = { r: 225, g: 232, b: 240 };
const WHITE: Rgb = { r: 255, g: 255, b: 255 };

export function paintWeather(raster: Raster, weather: Weather, random: () => number): void {
  const { width, height } = raster;
  const unit = height / 936;
  if (weather === 'rain') {
    for (let i = 0; i < 260; i++) {
      const x = random() * width;
      const y = random() * height;
      const length = between(random, 18, 40) * unit;
      // A slanted streak drawn as a short run of offset dashes.
      for (let step = 0; step < 4; step++) raster.rect(x + step * 2 * unit, y + (step * length) / 4, 2 * unit, length / 4, PALE, 0.45);
    }
  } else if (weather === 'snow') {
    for (let i = 0; i < 320; i++) raster.disc(random() * width, random() * height, between(random, 2, 5) * unit, WHITE, 0.85);
  } else if (weather === 'fog') {
    raster.rect(0, 0, width, height, PALE, 0.35);
  }
}
