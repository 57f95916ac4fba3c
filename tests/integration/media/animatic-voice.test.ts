/**
 * The animatic speaks its dialogue (temp voice): each line inside its caption cue, a voice of its
 * own per character, Chinese and Japanese too, the same bytes for the same request, a longer take
 * when the lines do not fit, and nothing spoken when the voice is off.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic, type AnimaticInfo } from '../../../server/media/animatic.ts';
import { extractCaptions, parseWebVtt } from '../../../server/media/captions.ts';
import { buildVideoRequest, makeScratchDir } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
const RATE = 16000;
const WINDOW = 0.05;
let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
const file = (name: string) => join(scratch.dir, name);

const twoVoices = buildVideoRequest({
  seed: 11,
  shot: {
    duration: 6,
    dialogue: [
      { character: 'mika', line: 'The boat leaves at dawn.' },
      { character: 'joe', line: 'The boat leaves at dawn.' },
    ],
  },
});
const chineseAndJapanese = buildVideoRequest({
  seed: 12,
  shot: {
    duration: 6,
    dialogue: [
      { character: 'mika', line: '我们必须在天亮以前离开。' },
      { character: 'joe', line: 'すぐに行きましょう。' },
    ],
  },
});
const tooLong = buildVideoRequest({
  seed: 13,
  shot: {
    duration: 2,
    dialogue: [
      { character: 'mika', line: 'We have to leave before the storm reaches the harbour and the roads close behind us.' },
      { character: 'joe', line: 'Then stop talking, pack the last of the maps, and start walking towards the bridge.' },
    ],
  },
});

const infos: Record<string, AnimaticInfo> = {};

/** The take's sound as mono 16 kHz samples. */
async function monoSamples(path: string): Promise<Float32Array> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-vn', '-ac', '1', '-ar', String(RATE), '-f', 'f32le', '-'], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return new Float32Array(stdout.buffer, stdout.byteOffset, stdout.byteLength / 4);
}

/** RMS level in dBFS of each 50-ms window. */
function windowLevels(samples: Float32Array): number[] {
  const size = Math.round(WINDOW * RATE);
  const levels: number[] = [];
  for (let start = 0; start + size <= samples.length; start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i += 1) sum += samples[i]! * samples[i]!;
    levels.push(10 * Math.log10(sum / size + 1e-12));
  }
  return levels;
}

/** Levels of the windows lying wholly between `from` and `to` seconds. */
function between(levels: number[], from: number, to: number): number[] {
  return levels.filter((_, index) => index * WINDOW >= from - 1e-9 && (index + 1) * WINDOW <= to + 1e-9);
}

/** The loudest the room tone alone gets, from the same shot rendered without voice. */
let bedCeiling: number;
const isSpeech = (level: number) => level > bedCeiling + 6;

/** Median fundamental frequency (Hz) over the loud windows of a stretch, by autocorrelation. */
function medianPitch(samples: Float32Array, from: number, to: number): number {
  const size = Math.round(0.04 * RATE);
  const pitches: number[] = [];
  for (let start = Math.round(from * RATE); start + size <= Math.round(to * RATE); start += size) {
    const frame = samples.subarray(start, start + size);
    let energy = 0;
    for (const value of frame) energy += value * value;
    if (10 * Math.log10(energy / size) < bedCeiling + 12) continue;
    let bestLag = 0;
    let best = 0;
    for (let lag = Math.round(RATE / 400); lag <= Math.round(RATE / 60); lag += 1) {
      let sum = 0;
      for (let i = 0; i + lag < size; i += 1) sum += frame[i]! * frame[i + lag]!;
      if (sum > best) {
        best = sum;
        bestLag = lag;
      }
    }
    if (bestLag > 0 && best > 0.3 * energy) pitches.push(RATE / bestLag);
  }
  pitches.sort((a, b) => a - b);
  return pitches[Math.floor(pitches.length / 2)] ?? 0;
}

async function audioHash(path: string): Promise<string> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:a', '-c', 'copy', '-f', 'data', '-'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return createHash('sha256').update(stdout).digest('hex');
}

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-voice-');
  const render = async (name: string, request: typeof twoVoices, voice: 'on' | 'off' = 'on') => {
    infos[name] = await renderAnimatic(request, file(`${name}.mp4`), { workDir: scratch.dir, voice });
  };
  await Promise.all([render('two', twoVoices), render('two-silent', twoVoices, 'off')]);
  await Promise.all([render('cjk', chineseAndJapanese), render('long', tooLong)]);
  const room = (location: string) =>
    buildVideoRequest({ seed: 14, width: 320, height: 180, scene: { location }, shot: { duration: 2, dialogue: [] } });
  await Promise.all([render('pier', room('Harbour pier')), render('pier-again', room('  harbour PIER ')), render('kitchen', room('Kitchen'))]);
  // Another shot in between: what eSpeak said before must not change what it says next.
  await render('two-again', twoVoices);
  bedCeiling = Math.max(...windowLevels(await monoSamples(file('two-silent.mp4'))));
}, 240_000);
afterAll(() => scratch?.cleanup());

describe('the animatic temp voice', () => {
  it('speaks each line inside its own cue, with only room tone before it', async () => {
    const levels = windowLevels(await monoSamples(file('two.mp4')));
    // Two lines over 6 s: cues 0–3 s and 3–6 s; each line starts 0.2 s into its cue.
    expect(between(levels, 0.3, 2.9).some(isSpeech)).toBe(true);
    expect(between(levels, 3.3, 5.9).some(isSpeech)).toBe(true);
    expect(between(levels, 0, 0.15).some(isSpeech)).toBe(false);
    expect(between(levels, 2.9, 3.15).some(isSpeech)).toBe(false);
    expect(between(levels, 5.85, 6).some(isSpeech)).toBe(false);
    expect(infos.two!.durationSeconds).toBe(6);
  });

  it('gives the two characters clearly different voices', async () => {
    const samples = await monoSamples(file('two.mp4'));
    const mika = medianPitch(samples, 0, 3);
    const joe = medianPitch(samples, 3, 6);
    expect(mika).toBeGreaterThan(60);
    expect(joe).toBeGreaterThan(60);
    expect(Math.max(mika, joe) / Math.min(mika, joe)).toBeGreaterThan(1.15);
  });

  it('speaks a Chinese and a Japanese line', async () => {
    const levels = windowLevels(await monoSamples(file('cjk.mp4')));
    expect(between(levels, 0.2, 3).filter(isSpeech).length).toBeGreaterThan(10);
    expect(between(levels, 3.2, 6).filter(isSpeech).length).toBeGreaterThan(10);
  });

  it('gives the same audio for the same request, whatever was rendered before', async () => {
    expect(await audioHash(file('two-again.mp4'))).toBe(await audioHash(file('two.mp4')));
    expect(await audioHash(file('two-silent.mp4'))).not.toBe(await audioHash(file('two.mp4')));
  });

  it('lengthens a take whose lines do not fit, and its cues still hold the speech', async () => {
    const info = infos.long!;
    expect(info.durationSeconds).toBeGreaterThan(4);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file('long.mp4')]);
    expect(Number(stdout)).toBeCloseTo(info.durationSeconds, 1);
    expect(await extractCaptions(file('long.mp4'), file('long.vtt'))).toBe(true);
    const cues = parseWebVtt(await readFile(file('long.vtt'), 'utf8'));
    expect(cues).toHaveLength(2);
    expect(cues[1]!.end).toBeCloseTo(info.durationSeconds, 1);
    const levels = windowLevels(await monoSamples(file('long.mp4')));
    const spoken = levels.flatMap((level, index) => (isSpeech(level) ? [index * WINDOW] : []));
    expect(spoken.length).toBeGreaterThan(20);
    for (const at of spoken) expect(cues.some((cue) => at >= cue.start && at + WINDOW <= cue.end + 0.01)).toBe(true);
    for (const cue of cues) expect(spoken.some((at) => at >= cue.start && at < cue.end)).toBe(true);
  });

  it('says nothing when the voice is off, and keeps the shot length', async () => {
    const levels = windowLevels(await monoSamples(file('two-silent.mp4')));
    // The bed alone sits around -30 dBFS: no window comes near speech level.
    expect(Math.max(...levels)).toBeLessThan(-24);
    expect(infos['two-silent']!.durationSeconds).toBe(6);
  });

  it('lays a room tone of the location under the shot: the same place sounds the same, another does not', async () => {
    expect(await audioHash(file('pier-again.mp4'))).toBe(await audioHash(file('pier.mp4')));
    const [pier, kitchen] = await Promise.all([monoSamples(file('pier.mp4')), monoSamples(file('kitchen.mp4'))]);
    let difference = 0;
    for (let i = 0; i < pier.length; i += 1) difference += Math.abs(pier[i]! - (kitchen[i] ?? 0));
    let level = 0;
    for (const value of pier) level += Math.abs(value);
    // Same seed, so the chord is the same: what differs is the room, by a clear share of the bed.
    expect(difference / level).toBeGreaterThan(0.05);
  });
});
