/**
 * Small colour and randomness helpers for the animatic. Everything here is pure and deterministic:
 * the same inputs give the same numbers on every machine, which keeps renders byte-identical.
 */
import { createHash } from 'node:crypto';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Parses `#rrggbb` or `#rgb`; undefined for anything else. */
export function parseHexColour(value: string): Rgb | undefined {
  const text = value.trim();
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text);
  if (long) return { r: parseInt(long[1]!, 16), g: parseInt(long[2]!, 16), b: parseInt(long[3]!, 16) };
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(text);
  if (short) return { r: parseInt(short[1]!.repeat(2), 16), g: parseInt(short[2]!.repeat(2), 16), b: parseInt(short[3]!.repeat(2), 16) };
  return undefined;
}

/** HSL (hue in degrees, saturation and lightness 0..1) to 8-bit RGB. */
export function hsl(hue: number, saturation: number, lightness: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 360;
  const s = clamp01(saturation);
  const l = clamp01(lightness);
  if (s === 0) {
    const v = Math.round(l * 255);
    return { r: v, g: v, b: v };
  }
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return {
    r: Math.round(channel(h + 1 / 3) * 255),
    g: Math.round(channel(h) * 255),
    b: Math.round(channel(h - 1 / 3) * 255),
  };
}

/** Mixes `a` towards `b` by `amount` (0 = a, 1 = b). */
export function mix(a: Rgb, b: Rgb, amount: number): Rgb {
  const t = clamp01(amount);
  return {
    r: Math.round(a.r + (b.r - a.r) * t),
    g: Math.round(a.g + (b.g - a.g) * t),
    b: Math.round(a.b + (b.b - a.b) * t),
  };
}

/** Darkens (negative) or lightens (positive) a colour by mixing with black or white. */
export function shade(colour: Rgb, amount: number): Rgb {
  return amount < 0 ? mix(colour, { r: 0, g: 0, b: 0 }, -amount) : mix(colour, { r: 255, g: 255, b: 255 }, amount);
}

export function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** A 32-bit seed from any text (first four bytes of its SHA-256). */
export function hashSeed(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/**
 * mulberry32: tiny, fast and good enough to place shapes; chosen over Math.random because the
 * same seed must give the same picture.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random number in [min, max). */
export function between(random: () => number, min: number, max: number): number {
  return min + (max - min) * random();
}
