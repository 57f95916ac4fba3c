/**
 * The compiled film carries the whole cut's dialogue as one mov_text track, each take's lines
 * moved to where the take starts in the cut (its chapter) and cut off where the next take's
 * transition begins, so two lines never show at once. With subtitles burned into the picture,
 * the text keeps clear of the transitions, so a dissolve never blends two takes' subtitles.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import { extractCaptions, parseWebVtt } from '../../../server/media/captions.ts';
import { normalizeClip } from '../../../server/media/normalize.ts';
import { smartCompile, type SmartCompileResult } from '../../../server/media/smart-compile.ts';
import { buildVideoRequest, decodeFrame, makeScratchDir, regionDifference } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
const FORMAT = { width: 320, height: 180, fps: 24 } as const;
let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
const file = (name: string) => join(scratch.dir, name);
let result: SmartCompileResult;

/** A: two lines; B: one line; C: none. A dissolves into B (0.5 s); B cuts to C. */
const TAKES = [
  { name: 'a', dialogue: [{ character: 'mika', line: 'One.' }, { character: 'joe', line: 'Two.' }] },
  { name: 'b', dialogue: [{ character: 'pip', line: 'Three.' }] },
  { name: 'c', dialogue: [] },
];

async function renderTakes(subtitles: 'track' | 'burned') {
  await Promise.all(
    TAKES.map(async (take, index) => {
      const request = buildVideoRequest({ ...FORMAT, seed: index + 1, shot: { number: index + 1, duration: 2, dialogue: take.dialogue } });
      await renderAnimatic(request, file(`${take.name}-${subtitles}.raw.mp4`), { workDir: scratch.dir, subtitles });
      await normalizeClip(file(`${take.name}-${subtitles}.raw.mp4`), file(`${take.name}-${subtitles}.mp4`), FORMAT);
    }),
  );
  return smartCompile({
    clips: TAKES.map((take) => ({ path: file(`${take.name}-${subtitles}.mp4`), durationSeconds: 2, chapterTitle: take.name })),
    transition: 'cut',
    transitionDurationSeconds: 0.5,
    joins: [{ transition: 'dissolve', durationSeconds: 0.5 }],
    outputPath: file(`film-${subtitles}.mp4`),
    workDir: scratch.dir,
    ...FORMAT,
  });
}

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-compile-captions-');
  result = await renderTakes('track');
  await renderTakes('burned');
}, 180_000);
afterAll(() => scratch?.cleanup());

describe('the compiled film’s captions', () => {
  it('are a mov_text track whose cues start where each take starts in the cut and never overlap', async () => {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_chapters', '-show_entries', 'stream=codec_type,codec_name', '-of', 'json', file('film-track.mp4')]);
    const facts = JSON.parse(stdout) as { streams: { codec_type: string; codec_name: string }[]; chapters: { start_time: string }[] };
    expect(facts.streams.filter((s) => s.codec_type === 'subtitle').map((s) => s.codec_name)).toEqual(['mov_text']);
    // 2 s + 2 s − 0.5 s dissolve + 2 s: A at 0, B at 1.5 (where the dissolve begins), C at 3.5.
    expect(facts.chapters.map((c) => Number(c.start_time))).toEqual([0, 1.5, 3.5]);

    expect(await extractCaptions(file('film-track.mp4'), file('film.vtt'))).toBe(true);
    const cues = parseWebVtt(await readFile(file('film.vtt'), 'utf8'));
    expect(cues).toEqual([
      { start: 0, end: 1, text: 'MIKA: One.', speaker: 'MIKA' },
      // Cut off where B's dissolve in begins.
      { start: 1, end: 1.5, text: 'JOE: Two.', speaker: 'JOE' },
      { start: 1.5, end: 3.5, text: 'PIP: Three.', speaker: 'PIP' },
    ]);
    expect(cues[0]!.start).toBe(Number(facts.chapters[0]!.start_time));
    expect(cues[2]!.start).toBe(Number(facts.chapters[1]!.start_time));
    for (let index = 1; index < cues.length; index++) expect(cues[index]!.start).toBeGreaterThanOrEqual(cues[index - 1]!.end);
    expect(result.captions.map((cue) => [cue.start, cue.end])).toEqual([[0, 1], [1, 1.5], [1.5, 3.5]]);
  });

  it('burned into the picture, show mid-shot but never inside the dissolve', async () => {
    // Burned text is white with a dark outline: where it is, the gray level jumps by far more than
    // the encoder's noise (a few levels) between the two films. Count the pixels of the subtitle
    // band that jump by more than 48 levels.
    const textPixels = (plain: Buffer, burned: Buffer) => {
      let count = 0;
      for (let index = 145 * FORMAT.width; index < 175 * FORMAT.width; index++) if (Math.abs(plain[index]! - burned[index]!) > 48) count++;
      return count;
    };
    const frames = async (seconds: number) => Promise.all([decodeFrame(file('film-track.mp4'), seconds, 'gray'), decodeFrame(file('film-burned.mp4'), seconds, 'gray')]);
    // Mid-shot in A (its first line) and in B: the burned film shows text in the band.
    for (const seconds of [0.75, 2.5]) {
      const [plain, burned] = await frames(seconds);
      expect(textPixels(plain, burned)).toBeGreaterThan(40);
    }
    // Inside the dissolve (1.5–2 s) either take's text, blended at 20–80 %, would still jump by
    // more than 48 levels: none may show.
    for (const seconds of [1.6, 1.75, 1.9]) {
      const [plain, burned] = await frames(seconds);
      expect(textPixels(plain, burned)).toBe(0);
      expect(regionDifference(plain, burned, FORMAT.width, 145, 175)).toBeLessThan(1.5);
    }
  });
});
