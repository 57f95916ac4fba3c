/**
 * The built-in music: a soft, slowly breathing chord pad, for compiles that ask for background
 * music without an uploaded track. Deterministic for the same length and seed.
 */
import { runFfmpeg } from './ffmpeg.ts';
import { filter } from './filtergraph.ts';

const CHORDS: [number, number, number][] = [
  [220.0, 261.63, 329.63],
  [196.0, 246.94, 293.66],
  [174.61, 220.0, 261.63],
  [164.81, 207.65, 246.94],
];

/** Renders `seconds` of the pad as 48 kHz stereo WAV at `outputPath`. */
export async function renderMusicBed(outputPath: string, seconds: number, options: { seed?: number; signal?: AbortSignal } = {}): Promise<void> {
  const [a, b, c] = CHORDS[(options.seed ?? 0) % CHORDS.length]!;
  const voice = (f: number, detune: number) => `0.05*sin(2*PI*${f.toFixed(2)}*t)+0.03*sin(2*PI*${(f * 2 + detune).toFixed(2)}*t)`;
  const expression = `(${voice(a, 0.3)}+${voice(b, -0.2)}+${voice(c, 0.1)})*(0.75+0.25*sin(2*PI*0.11*t))`;
  const length = Math.max(0.1, seconds).toFixed(3);
  const fade = Math.min(2, seconds / 4).toFixed(2);
  await runFfmpeg(
    [
      '-f', 'lavfi',
      '-i', `aevalsrc=${expression}|${expression}:s=48000:d=${length}`,
      '-af', [filter('lowpass', { f: 1800 }), filter('afade', { t: 'in', d: fade }), filter('afade', { t: 'out', st: (seconds - Number(fade)).toFixed(2), d: fade })].join(','),
      '-c:a', 'pcm_s16le',
      outputPath,
    ],
    { ...(options.signal ? { signal: options.signal } : {}) },
  );
}
