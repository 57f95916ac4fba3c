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
    for (let py = y0; py < y1; py++) this.span(py, x0, x1, colour, alpha);
  }

  /**
   * Fills pixels x0..x1 (exclusive) of row y with `colour` at coverage `alpha`: an opaque span is
   * written once and doubled with copyWithin, a translucent one blended in a plain loop.
   */
  span(y: number, x0: number, x1: number, colour: Rgb, alpha = 1): void {
    const from = Math.max(0, x0);
    const to = Math.min(this.width, x1);
    if (to <= from || y < 0 || y >= this.height || alpha <= 0) return;
    const px = this.pixels;
    const start = (y * this.width + from) * 3;
    const end = (y * this.width + to) * 3;
    if (alpha >= 1) {
      px[start] = colour.r;
      px[start + 1] = colour.g;
      px[start + 2] = colour.b;
      for (let filled = 3; start + filled < end; filled *= 2) px.copyWithin(start + filled, start, Math.min(start + filled, end - filled));
      return;
    }
    for (let i = start; i < end; i += 3) {
      px[i] = Math.round(px[i]! + (colour.r - px[i]!) * alpha);
      px[i + 1] = Math.round(px[i + 1]! + (colour.g - px[i + 1]!) * alpha);
      px[i + 2] = Math.round(px[i + 2]! + (colour.b - px[i + 2]!) * alpha);
    }
  }

  /**
   * Fills a rectangle with rounded corners of radius `radius`, anti-aliased at the corners. The run
   * of each row that is fully covered is filled as one span; only the edge pixels are computed.
   */
  roundedRect(x: number, y: number, w: number, h: number, radius: number, colour: Rgb, alpha = 1): void {
    const r = Math.max(0, Math.min(radius, w / 2, h / 2));
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.ceil(x + w));
    const y1 = Math.min(this.height, Math.ceil(y + h));
    const coverageAt = (cx: number, cy: number) => {
      // Distance outside the inner rectangle, then against the corner radius (a signed-distance box).
      const dx = Math.max(x + r - cx, 0, cx - (x + w - r));
      const dy = Math.max(y + r - cy, 0, cy - (y + h - r));
      const coverage = r > 0 ? Math.min(1, Math.max(0, r - Math.hypot(dx, dy) + 0.5)) : 1;
      const edge = Math.min(1, Math.max(0, Math.min(cx - x, x + w - cx, cy - y, y + h - cy) + 0.5));
      return Math.min(coverage, edge);
    };
    for (let py = y0; py < y1; py++) {
      const cy = py + 0.5;
      const dy = Math.max(y + r - cy, 0, cy - (y + h - r));
      // Pixels whose centre lies between the corner arcs and clear of the left and right edges are fully covered.
      const solidRow = Math.min(cy - y, y + h - cy) >= 0.5 && (r === 0 || dy <= r - 0.5);
      let inner0 = x1;
      let inner1 = x1;
      if (solidRow) {
        inner0 = Math.max(x0, Math.ceil(Math.max(x + r, x + 0.5) - 0.5));
        inner1 = Math.max(inner0, Math.min(x1, Math.floor(Math.min(x + w - r, x + w - 0.5) - 0.5) + 1));
      }
      for (let px = x0; px < inner0; px++) this.blend(px, py, colour, alpha * coverageAt(px + 0.5, cy));
      this.span(py, inner0, inner1, colour, alpha);
      for (let px = inner1; px < x1; px++) this.blend(px, py, colour, alpha * coverageAt(px + 0.5, cy));
    }
  }

  /**
   * Fills an anti-aliased ellipse centred on (cx, cy). Each row's fully covered run is filled as
   * one span; only the rim is computed pixel by pixel.
   */
  ellipse(cx: number, cy: number, rx: number, ry: number, colour: Rgb, alpha = 1): void {
    if (rx <= 0 || ry <= 0) return;
    const x0 = Math.max(0, Math.floor(cx - rx - 1));
    const y0 = Math.max(0, Math.floor(cy - ry - 1));
    const x1 = Math.min(this.width, Math.ceil(cx + rx + 1));
    const y1 = Math.min(this.height, Math.ceil(cy + ry + 1));
    const minRadius = Math.min(rx, ry);
    // Coverage is 1 where the normalized distance is at most `solid` and 0 beyond `clear`.
    const solid = 1 - 0.5 / minRadius;
    const clear = 1 + 0.5 / minRadius;
    for (let py = y0; py < y1; py++) {
      const ny = (py + 0.5 - cy) / ry;
      if (Math.abs(ny) >= clear) continue;
      const outerHalf = Math.sqrt(clear * clear - ny * ny) * rx;
      const from = Math.max(x0, Math.floor(cx - outerHalf - 0.5));
      const to = Math.min(x1, Math.ceil(cx + outerHalf + 0.5));
      let inner0 = to;
      let inner1 = to;
      if (solid > 0 && Math.abs(ny) < solid) {
        // One pixel in from the exact boundary, so rounding never fills a pixel that is not fully covered.
        const innerHalf = Math.sqrt(solid * solid - ny * ny) * rx;
        inner0 = Math.max(from, Math.ceil(cx - innerHalf - 0.5) + 1);
        inner1 = Math.max(inner0, Math.min(to, Math.floor(cx + innerHalf - 0.5)));
      }
      for (let px = from; px < to; px++) {
        if (px === inner0 && inner1 > inner0) {
          this.span(py, inner0, inner1, colour, alpha);
          px = inner1 - 1;
          continue;
        }
        const nx = (px + 0.5 - cx) / rx;
        const coverage = Math.min(1, Math.max(0, (1 - Math.sqrt(nx * nx + ny * ny)) * minRadius + 0.5));
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
