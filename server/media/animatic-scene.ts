/**
 * Paints the still an animatic shot is filmed from: the location as a backdrop and the characters
 * framed as the shot's size says (animatic-framing.ts). The set depends only on the place, its
 * time of day, weather and world (planet or era), so every shot and take of a scene is filmed on
 * the same set; the seed only nudges the figures. Same inputs, same pixels.
 */
import { shotSizeOf } from '../providers/shot-size.ts';
import type { VideoRequest } from '../providers/video.types.ts';
import { paintFigures, type FigureLabel } from './animatic-figures.ts';
import { layoutShot } from './animatic-framing.ts';
import { applyPalette, paletteOf } from './animatic-palette.ts';
import { daylightOf, paintWeather, weatherOf, type Daylight, type Weather } from './animatic-weather.ts';
import { between, createRandom, hashSeed, hsl, mix, shade, type Rgb } from './colour.ts';
import { Raster } from './raster.ts';

export type { FigureLabel } from './animatic-figures.ts';

/** How much larger than the frame the still is, so the camera has room to push, pull and pan. */
export const CANVAS_SCALE = 1.3;

export interface PaintedScene {
  raster: Raster;
  labels: FigureLabel[];
  /** Where the camera should end up: the subject's face, in canvas pixels. */
  focus: { x: number; y: number };
}

type Setting = 'interior' | 'city' | 'forest' | 'water' | 'open';

const WHITE: Rgb = { r: 255, g: 255, b: 255 };

/** Headings that say inside (INT., I/E, 内景) or outside (EXT., EST., 外景). */
const INTERIOR_HEADING = /^\s*(?:int|i\/e|int\.?\/ext)[\s./]|^\s*(?:内景|内\/外景|内外景)/i;
const EXTERIOR_HEADING = /^\s*(?:ext|est|ext\.?\/int)[\s./]|^\s*外景/i;

/** A whole word of Spanish, French or German (`\b` knows only ASCII letters). */
const words = (alternatives: string) => new RegExp(`(?<!\\p{L})(?:${alternatives})(?!\\p{L})`, 'u');

/**
 * The same places in Spanish, French and German, and the words the built-in planner's location
 * descriptions use in those languages and Japanese (a street lamp and shop signs make a street).
 */
const SETTING_WORDS: Readonly<Record<Exclude<Setting, 'open'>, RegExp>> = {
  interior: words('habitación|oficina|cocina|tienda|museo|biblioteca|despacho|pasillo|pièce|bureau|cuisine|boutique|musée|bibliothèque|couloir|zimmer|büro|küche|laden|museum|bibliothek|flur|wohnung'),
  forest: words('bosque|selva|parque|jardín|prado|forêt|bois|parc|jardin|prairie|wald|garten|wiese|lichtung'),
  water: words('mar|playa|lago|río|puerto|muelle|costa|orilla|mer|plage|lac|rivière|fleuve|quai|jetée|côte|rivage|meer|strand|fluss|hafen|ufer|küste|steg'),
  city: new RegExp(
    `${words('ciudad|calle|callejón|callejuela|pueblo|plaza|mercado|estación|azotea|farola|letreros|ville|rue|ruelle|village|marché|gare|réverbère|enseignes|stadt|straße|strasse|gasse|dorf|markt|bahnhof|platz|straßenlaterne|schilder|kleinstadt').source}|町|通り|路地|街灯|看板`,
    'u',
  ),
};

export function settingOf(request: Pick<VideoRequest, 'scene'>): Setting {
  const { heading, location, locationDescription } = request.scene;
  if (INTERIOR_HEADING.test(heading)) return 'interior';
  const text = `${location} ${locationDescription}`.toLowerCase();
  // Outside, a house or a shop is seen from the street: only a heading that says nothing lets the place decide.
  if (!EXTERIOR_HEADING.test(heading) && (/\b(room|office|kitchen|bar|caf[eé]|apartment|flat|house|hall|studio|shop|store|restaurant|classroom|lab|bedroom|corridor|lobby|library)\b|室|店|屋/.test(text) || SETTING_WORDS.interior.test(text))) return 'interior';
  if (/\b(forest|woods?|park|garden|jungle|grove|orchard|trees?)\b|森|林|園/.test(text) || SETTING_WORDS.forest.test(text)) return 'forest';
  if (/\b(beach|sea|ocean|lake|harbou?r|coast|river|shore|bay|port|pier)\b|海|湖|川|港/.test(text) || SETTING_WORDS.water.test(text)) return 'water';
  if (/\b(city|street|alley|road|town|market|station|rooftop|downtown|avenue|square|plaza|building)\b|街|市|駅|路/.test(text) || SETTING_WORDS.city.test(text)) return 'city';
  return 'open';
}

/** Paints the backdrop and figures for `request` on a canvas CANVAS_SCALE times the frame size. */
export function paintScene(request: VideoRequest, frameWidth: number, frameHeight: number): PaintedScene {
  const width = evenRound(frameWidth * CANVAS_SCALE);
  const height = evenRound(frameHeight * CANVAS_SCALE);
  const raster = new Raster(width, height);
  const place = `${request.scene.location}|${request.scene.locationDescription}`;
  // The set belongs to the place: every shot and every take of a scene is filmed on the same one,
  // and the take's seed only nudges the figures.
  const setRandom = createRandom(hashSeed(`location:${place}`));
  const random = createRandom(hashSeed(`take:${request.seed}:${place}`));

  const daylight = daylightOf(request.scene);
  const setting = settingOf(request);
  const weather = weatherOf(request.scene);
  const hue = setRandom() * 360;
  const horizon = height * between(setRandom, 0.5, 0.6);

  if (setting === 'interior') paintInterior(raster, hue, horizon, daylight, setRandom);
  else {
    paintExterior(raster, setting, hue, horizon, daylight, weather, setRandom);
    paintWeather(raster, weather, horizon, setRandom);
  }
  const palette = paletteOf(request.scene);
  if (palette) applyPalette(raster, palette);

  const sheet = new Map(request.characters.map((character) => [character.key, character]));
  const cast = request.shot.characterKeys.flatMap((key) => sheet.get(key) ?? []);
  const size = request.shot.size ?? shotSizeOf(request.shot);
  const layout = layoutShot(size, request, cast, { width, height, horizon, footZone: footZone(height, horizon) }, random);
  const labels = paintFigures(raster, layout, request);
  return { raster, labels, focus: layout.focus };
}

function skyColours(daylight: Daylight, hue: number): [Rgb, Rgb] {
  if (daylight === 'dawn') return [hsl(215 + (hue % 20), 0.35, 0.5), hsl(345 + (hue % 25), 0.6, 0.8)];
  if (daylight === 'night') return [hsl(232, 0.5, 0.07), hsl(238 + (hue % 30), 0.35, 0.2)];
  if (daylight === 'dusk') return [hsl(255 + (hue % 25), 0.35, 0.3), hsl(22 + (hue % 20), 0.8, 0.62)];
  return [hsl(200 + (hue % 25), 0.65, 0.52), hsl(195 + (hue % 20), 0.55, 0.82)];
}

function lightFactor(daylight: Daylight): number {
  return daylight === 'night' ? -0.55 : daylight === 'dusk' ? -0.25 : daylight === 'dawn' ? -0.12 : 0;
}

function paintExterior(raster: Raster, setting: Setting, hue: number, horizon: number, daylight: Daylight, weather: Weather, random: () => number): void {
  const { width, height } = raster;
  // Detail sizes are tuned for a 720p frame and scale with the canvas.
  const unit = height / 936;
  const [skyTop, skyBottom] = skyColours(daylight, hue);
  raster.verticalGradient(0, horizon, skyTop, skyBottom);

  if (daylight === 'night') {
    for (let i = 0; i < 70; i++) {
      const size = random() < 0.2 ? 3 : 2;
      raster.rect(random() * width, random() * horizon * 0.9, size, size, WHITE, between(random, 0.4, 0.9));
    }
  }
  // Under rain, snow or fog the sun or moon is hidden.
  if (weather === 'clear') {
    const orbX = width * between(random, 0.12, 0.88);
    const low = daylight === 'dusk' || daylight === 'dawn';
    const orbY = low ? horizon * 0.82 : horizon * between(random, 0.15, 0.4);
    const orbColour = daylight === 'night' ? hsl(50, 0.3, 0.9) : daylight === 'dusk' ? hsl(30, 0.95, 0.65) : daylight === 'dawn' ? hsl(40, 0.9, 0.78) : hsl(50, 1, 0.8);
    const orbRadius = height * (daylight === 'night' ? 0.045 : 0.06);
    raster.disc(orbX, orbY, orbRadius * 2.2, orbColour, 0.12);
    raster.disc(orbX, orbY, orbRadius, orbColour);
  }

  const light = lightFactor(daylight);
  const groundHue = setting === 'city' ? hue % 40 + 200 : setting === 'water' ? 40 + (hue % 20) : 80 + (hue % 70);
  const groundBase = setting === 'city' ? hsl(groundHue, 0.08, 0.4) : hsl(groundHue, 0.4, 0.42);
  const far = shade(mix(groundBase, skyBottom, 0.45), light);

  if (setting === 'city') {
    let x = -random() * 60;
    while (x < width) {
      const w = between(random, width * 0.06, width * 0.12);
      const h = between(random, horizon * 0.25, horizon * 0.7);
      const body = shade(hsl(hue + between(random, -20, 20), 0.15, between(random, 0.3, 0.5)), light);
      raster.rect(x, horizon - h, w - 4, h, body);
      const windowColour = daylight === 'night' ? hsl(45, 0.9, 0.7) : shade(skyBottom, -0.2);
      for (let wy = horizon - h + 14 * unit; wy < horizon - 24 * unit; wy += 34 * unit) {
        for (let wx = x + 10 * unit; wx < x + w - 24 * unit; wx += 26 * unit) {
          if (random() < 0.55) raster.rect(wx, wy, 12 * unit, 16 * unit, windowColour, daylight === 'night' ? 0.9 : 0.6);
        }
      }
      x += w;
    }
  } else if (setting === 'forest') {
    for (let i = 0; i < 6; i++) {
      raster.ellipse(width * between(random, 0, 1), horizon, width * between(random, 0.15, 0.3), horizon * between(random, 0.15, 0.3), far);
    }
  } else {
    for (let i = 0; i < 4; i++) {
      const rx = width * between(random, 0.2, 0.45);
      raster.ellipse(width * between(random, -0.1, 1.1), horizon + 8, rx, horizon * between(random, 0.15, 0.45), far);
    }
  }

  // Snow lies on the ground; the set under it keeps its shapes.
  const groundTop = weather === 'snow' ? shade(hsl(210, 0.15, 0.9), light * 0.7) : shade(groundBase, light);
  raster.verticalGradient(horizon, height, groundTop, shade(groundTop, -0.35));

  if (setting === 'water') {
    const water = shade(hsl(195 + (hue % 25), 0.55, 0.45), light);
    // The shoreline stays above the nearest feet so nobody stands in the water.
    const shore = horizon + (footZone(height, horizon).nearest - horizon) * between(random, 0.3, 0.45);
    raster.verticalGradient(horizon, shore, shade(water, 0.15), water);
    for (let i = 0; i < 14; i++) {
      raster.rect(random() * width, between(random, horizon + 3 * unit, shore - 3 * unit), between(random, 30, 120) * unit, 2 * unit, WHITE, 0.35);
    }
  } else if (setting === 'city') {
    const kerb = horizon + (height - horizon) * 0.12;
    raster.rect(0, kerb, width, 6 * unit, shade(groundTop, 0.25));
  } else if (setting === 'forest') {
    for (let i = 0; i < 7; i++) {
      const x = width * between(random, 0.02, 0.98);
      const base = horizon + (height - horizon) * between(random, 0.05, 0.3);
      const size = height * between(random, 0.1, 0.18);
      raster.rect(x - size * 0.08, base - size * 1.2, size * 0.16, size * 1.2, shade(hsl(25, 0.4, 0.3), light));
      raster.disc(x, base - size * 1.4, size * 0.7, shade(hsl(hue % 60 + 90, 0.45, 0.32), light));
    }
  }
}

function paintInterior(raster: Raster, hue: number, floorY: number, daylight: Daylight, random: () => number): void {
  const { width, height } = raster;
  const dim = daylight === 'night' ? -0.35 : 0;
  const wall = shade(hsl(hue, 0.3, 0.62), dim);
  raster.verticalGradient(0, floorY, shade(wall, -0.1), wall);

  const [skyTop, skyBottom] = skyColours(daylight, hue);
  const winW = width * between(random, 0.16, 0.24);
  // Kept in the lower half of the wall: the top of the frame is under the title bar.
  const winH = floorY * between(random, 0.3, 0.4);
  // Window, door and picture each get their own third of the wall so they never overlap.
  const thirds = [0, 1, 2];
  for (let i = thirds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [thirds[i], thirds[j]] = [thirds[j]!, thirds[i]!];
  }
  const zoneStart = (slot: number | undefined) => width * (0.05 + 0.3 * (slot ?? 0));
  const winX = zoneStart(thirds[0]) + (width * 0.3 - winW) * random();
  const winY = floorY * between(random, 0.42, 0.5);
  const frame = shade(wall, -0.45);
  raster.rect(winX - 8, winY - 8, winW + 16, winH + 16, frame);
  const steps = 24;
  for (let i = 0; i < steps; i++) {
    raster.rect(winX, winY + (winH * i) / steps, winW, winH / steps + 1, mix(skyTop, skyBottom, i / (steps - 1)));
  }
  raster.rect(winX + winW / 2 - 3, winY, 6, winH, frame);
  raster.rect(winX, winY + winH / 2 - 3, winW, 6, frame);

  const doorX = zoneStart(thirds[1]) + width * 0.21 * random();
  raster.rect(doorX, floorY - floorY * 0.55, width * 0.09, floorY * 0.55, shade(hsl(hue + 30, 0.35, 0.35), dim));
  raster.disc(doorX + width * 0.075, floorY - floorY * 0.27, 5, hsl(45, 0.6, 0.6));

  const pictureX = zoneStart(thirds[2]) + width * 0.22 * random();
  raster.rect(pictureX, floorY * 0.48, width * 0.08, floorY * 0.14, frame);
  raster.rect(pictureX + 6, floorY * 0.48 + 6, width * 0.08 - 12, floorY * 0.14 - 12, hsl(hue + 150, 0.4, 0.5));

  const floor = shade(hsl(hue + 25, 0.35, 0.38), dim);
  raster.verticalGradient(floorY, height, floor, shade(floor, -0.4));
  raster.rect(0, floorY - 6, width, 8, shade(wall, -0.55));
}

/** Where figures' feet may stand: on the ground, above the bottom of every camera view. */
function footZone(height: number, horizon: number): { farthest: number; nearest: number } {
  const nearest = height * 0.72;
  return { farthest: horizon + (nearest - horizon) * 0.6, nearest };
}

function evenRound(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}
