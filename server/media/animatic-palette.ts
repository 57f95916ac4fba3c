/**
 * A palette for the world a scene is set in: another planet, outer space, or a past era tints the
 * whole set, so a Mars colony never looks like a desert on Earth and a 1920s street reads as old.
 * Read from the scene's words; applied once to the painted set, before the figures, so characters
 * keep their own colours.
 */
import type { VideoRequest } from '../providers/video.types.ts';
import type { Rgb } from './colour.ts';
import type { Raster } from './raster.ts';

export interface Palette {
  tint: Rgb;
  /** 0..1: how far every pixel moves toward the tint. */
  amount: number;
  /** 0..1: how much colour is taken out first (old film). */
  fade: number;
}

const PALETTES: readonly (readonly [RegExp, Palette])[] = [
  [/\bmars\b|martian|red planet|火星/i, { tint: { r: 214, g: 96, b: 52 }, amount: 0.35, fade: 0 }],
  [/alien (?:world|planet)|exoplanet|\bplanet\b|外星|星球/i, { tint: { r: 96, g: 200, b: 170 }, amount: 0.3, fade: 0 }],
  [/\b(?:space ?station|spaceship|starship|orbit(?:al)?|outer space|in space|asteroid|moon ?base|lunar)\b|太空|飞船|空间站|月球/i, { tint: { r: 120, g: 140, b: 190 }, amount: 0.3, fade: 0.3 }],
  [/\b(?:1[0-8][0-9]{2}s?|19[0-4][0-9]s?|victorian|edwardian|medieval|renaissance|wild west|old west|frontier town|ancient|roman|sepia)\b|民国|古代|清朝|明朝|唐朝|宋朝|江户|戦国/i, { tint: { r: 172, g: 138, b: 96 }, amount: 0.3, fade: 0.6 }],
];

/** The palette the scene's words call for, or undefined for the present-day Earth. */
export function paletteOf(scene: Pick<VideoRequest['scene'], 'heading' | 'location' | 'locationDescription' | 'timeOfDay'>): Palette | undefined {
  const text = `${scene.heading} ${scene.location} ${scene.locationDescription} ${scene.timeOfDay}`;
  return PALETTES.find(([pattern]) => pattern.test(text))?.[1];
}

/** Moves every pixel of the set toward the palette, in one pass over the pixel array. */
export function applyPalette(raster: Raster, palette: Palette): void {
  const px = raster.pixels;
  const { tint, amount, fade } = palette;
  const keep = 1 - amount;
  const tr = tint.r * amount;
  const tg = tint.g * amount;
  const tb = tint.b * amount;
  for (let i = 0; i < px.length; i += 3) {
    const r = px[i]!;
    const g = px[i + 1]!;
    const b = px[i + 2]!;
    const grey = (r * 0.3 + g * 0.59 + b * 0.11) * fade;
    const colour = 1 - fade;
    px[i] = Math.round((r * colour + grey) * keep + tr);
    px[i + 1] = Math.round((g * colour + grey) * keep + tg);
    px[i + 2] = Math.round((b * colour + grey) * keep + tb);
  }
}
