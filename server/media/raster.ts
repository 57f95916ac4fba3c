/**
 * A minimal RGB raster for painting the animatic's backdrop and figures once per shot. Painting a
 * single still in plain JS is cheaper and more portable than per-pixel ffmpeg filters (geq) or an
 * SVG decoder that many ffmpeg builds lack; ffmpeg then moves the camera over the still.
 */
import type { Rgb } from './colour.ts';

export class Raster {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.pixels = new Uint8Array(width * height * 3);
  }

  /** Blends `colour` into one pixel with coverage `alpha` (0..1); outside pixels are ignored. */
  blend(x: number, y: number, colour: Rgb, alpha: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || alpha <= 0) return;
    const i = (y * this.width + x) * 3;
    const px = this.pixels;
    if (alpha >= 1) {
      px[i] = colour.r;
      px[i + 1] = colour.g;
      px[i + 2] = colour.b;
      return;
    }
    px[i] = Math.round(px[i]! + (colour.r - px[i]!) * alpha);
    px[i + 1] = Math.round(px[i + 1]! + (colour.g - px[i + 1]!) * alpha);
    px[i + 2] = Math.round(px[i + 2]! + (colour.b - px[i + 2]!) * alpha);
  }

  /** Fills rows y0..y1 (exclusive) with a vertical gradient from `top` to `bottom`. */
  verticalGradient(y0: number, y1: number, top: Rgb, bottom: Rgb): void {
    const from = Math.max(0, Math.floor(y0));
    const to = Math.min(this.height, Math.ceil(y1));
    const span = Math.max(1, to - from - 1);
    for (let y = from; y < to; y++) {
      const t = (y - from) / span;
      const r = Math.round(top.r + (bottom.r - top.r) * t);
      const g = Math.round(top.g + (bottom.g - top.g) * t);
      const b = Math.round(top.b + (bottom.b - top.b) * t);
      let i = y * this.width * 3;
      for (let x = 0; x < this.width; x++) {
        this.pixels[i++] = r;
        this.pixels[i++] = g;
        this.pixels[i++] = b;
      }
    }
  }

  /** Fills an axis-aligned rectangle, optionally translucent. */
  rect(x: number, y: number, w: number, h: number, colour: Rgb, alpha = 1): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) this.blend(px, py, colour, alpha);
  }

  /** Fills a rectangle with rounded corners of radius `radius`, anti-aliased at the corners. */
  roundedRect(x: number, y: number, w: number, h: number, radius: number, colour: Rgb, alpha = 1): void {
    const r = Math.max(0, Math.min(radius, w / 2, h / 2));
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.ceil(x + w));
    const y1 = Math.min(this.height, Math.ceil(y + h));
    for (let py = y0; py < y1; py++) {
      const cy = py + 0.5;
      for (let px = x0; px < x1; px++) {
        const cx = px + 0.5;
        // Distance outside the inner rectangle, then against the corner radius (a signed-distance box).
        const dx = Math.max(x + r - cx, 0, cx - (x + w - r));
        const dy = Math.max(y + r - cy, 0, cy - (y + h - r));
        const coverage = r > 0 ? Math.min(1, Math.max(0, r - Math.hypot(dx, dy) + 0.5)) : 1;
        const edge = Math.min(1, Math.max(0, Math.min(cx - x, x + w - cx, cy - y, y + h - cy) + 0.5));
        this.blend(px, py, colour, alpha * Math.min(coverage, edge));
      }
    }
  }

  /** Fills an anti-aliased ellipse centred on (cx, cy). */
  ellipse(cx: number, cy: number, rx: number, ry: number, colour: Rgb, alpha = 1): void {
    if (rx <= 0 || ry <= 0) return;
    const x0 = Math.max(0, Math.floor(cx - rx - 1));
    const y0 = Math.max(0, Math.floor(cy - ry - 1));
    const x1 = Math.min(this.width, Math.ceil(cx + rx + 1));
    const y1 = Math.min(this.height, Math.ceil(cy + ry + 1));
    const minRadius = Math.min(rx, ry);
    for (let py = y0; py < y1; py++) {
      const ny = (py + 0.5 - cy) / ry;
      for (let px = x0; px < x1; px++) {
        const nx = (px + 0.5 - cx) / rx;
        const distance = Math.sqrt(nx * nx + ny * ny);
        const coverage = Math.min(1, Math.max(0, (1 - distance) * minRadius + 0.5));
        if (coverage > 0) this.blend(px, py, colour, alpha * coverage);
      }
    }
  }

  /** Fills a circle. */
  disc(cx: number, cy: number, radius: number, colour: Rgb, alpha = 1): void {
    this.ellipse(cx, cy, radius, radius, colour, alpha);
  }

  /** Encodes the raster as binary PPM (P6), which every ffmpeg build reads without extra libraries. */
  toPpm(): Buffer {
    const header = Buffer.from(`P6\n${this.width} ${this.height}\n255\n`, 'ascii');
    return Buffer.concat([header, this.pixels]);
  }
}
