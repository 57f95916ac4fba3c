/**
 * The picture of a title card (a screenplay's centred text, ">THE END<"): the text in white,
 * centred on black, held still for the whole shot. It replaces the animatic's scene and figures;
 * the sound bed and the file's metadata stay the animatic's.
 */
import { chain, filter } from './filtergraph.ts';
import { frameRateArg } from './encode-args.ts';
import { TextLayer, wrapText } from './text-render.ts';

/** Up to this many lines of card; longer text ends in an ellipsis. */
const MAX_LINES = 6;

/**
 * The filter chain from the still on input 0 (only its size is used) to `[v]`: black, the card's
 * text centred, `frames` frames at `fps`.
 */
export function titleCardChain(card: string, format: { width: number; height: number; fps: number; frames: number }, layer: TextLayer): string {
  const { width: w, height: h, fps, frames } = format;
  const size = Math.round(h * 0.07);
  const lines = card
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .flatMap((line) => wrapText(line, size, w * 0.8, MAX_LINES))
    .slice(0, MAX_LINES);
  // One drawtext per line, so that every line is centred on its own, the block centred as a whole.
  const lineHeight = Math.round(size * 1.3);
  const top = `(h-${lines.length * lineHeight})/2`;
  const drawn = lines.map((line, index) =>
    layer.drawtext({ lines: [line], fontSize: size, bold: true, x: '(w-text_w)/2', y: `${top}+${index * lineHeight}`, colour: 'white' }),
  );
  return chain(
    ['0:v'],
    [
      'format=rgb24',
      filter('drawbox', { x: 0, y: 0, w: 'iw', h: 'ih', color: 'black', t: 'fill' }),
      filter('scale', { w, h, out_color_matrix: 'bt709', out_range: 'tv' }),
      'format=yuv420p',
      filter('zoompan', { z: 1, d: frames, s: `${w}x${h}`, fps: frameRateArg(fps) }),
      ...drawn,
      filter('setparams', { colorspace: 'bt709', color_primaries: 'bt709', color_trc: 'bt709', range: 'tv' }),
    ],
    ['v'],
  );
}
