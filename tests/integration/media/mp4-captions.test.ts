/**
 * Reading a clip's caption track straight from the MP4 gives what ffmpeg's own extraction gives
 * (compared through an independent path: ffmpeg writes WebVTT, parseWebVtt reads it), so a compile
 * can read a hundred clips' captions without a hundred ffmpeg runs.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import { hasCaptionTrack, parseWebVtt, readCaptionCues } from '../../../server/media/captions.ts';
import { readMp4Captions } from '../../../server/media/mp4-captions.ts';
import { readMp4Index } from '../../../server/media/mp4-index.ts';
import { normalizeClip } from '../../../server/media/normalize.ts';
import { buildVideoRequest, makeScratchDir, makeTestClip } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
const file = (name: string) => join(scratch.dir, name);

/** Cues as ffmpeg extracts them: its WebVTT, read back. */
async function ffmpegCues(input: string, name: string) {
  await run('ffmpeg', ['-v', 'error', '-y', '-i', input, '-map', '0:s:0', '-c:s', 'webvtt', '-f', 'webvtt', file(name)]);
  return parseWebVtt(await readFile(file(name), 'utf8'));
}

/** A 4-s clip muxed with the given SubRip text as its mov_text track. */
async function clipWithSubRip(name: string, srt: string, extra: string[] = []) {
  await writeFile(file(`${name}.srt`), srt);
  await run('ffmpeg', ['-v', 'error', '-y', '-i', file('plain.mp4'), '-i', file(`${name}.srt`), '-map', '0', '-map', '1', '-c', 'copy', '-c:s', 'mov_text', ...extra, file(`${name}.mp4`)]);
  return file(`${name}.mp4`);
}

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-mp4-captions-');
  const dialogue = [
    { character: 'mara', line: 'Where were you?' },
    { character: 'joe', line: 'Out.' },
    { character: 'ana', line: '我们走吧。', simultaneous: true },
  ];
  const request = buildVideoRequest({ width: 320, height: 180, fps: 24, seed: 3, shot: { number: 1, duration: 3, dialogue } });
  await Promise.all([
    renderAnimatic(request, file('take.raw.mp4'), { workDir: scratch.dir }),
    renderAnimatic(request, file('burned.mp4'), { workDir: scratch.dir, subtitles: 'burned' }),
    makeTestClip(file('plain.mp4'), { durationSeconds: 4, audio: true, size: '160x90', fps: 24 }),
  ]);
  await normalizeClip(file('take.raw.mp4'), file('take.mp4'), { width: 320, height: 180, fps: 24 });
});
afterAll(() => scratch?.cleanup());

describe('readMp4Captions', () => {
  it('reads a normalized take’s dialogue as ffmpeg extracts it, dual dialogue on two rows', async () => {
    const read = await readMp4Captions(file('take.mp4'));
    expect(read?.handlerName).toBe('Dialogue');
    expect(read?.cues).toEqual(await ffmpegCues(file('take.mp4'), 'take.vtt'));
    // Written down: 3 s shared by two groups of lines, the second said by two at once.
    expect(read?.cues).toEqual([
      { start: 0, end: 1.5, text: 'MARA: Where were you?', speaker: 'MARA' },
      { start: 1.5, end: 3, text: 'JOE: Out.\nANA: 我们走吧。', speaker: 'JOE / ANA' },
    ]);
    // The index reader accepts the caption track too, so the compile needs no ffprobe for such a clip.
    expect((await readMp4Index(file('take.mp4')))?.info.video?.frames).toBe(72);
  });

  it('keeps gaps between cues as gaps and a first cue that starts late where it starts', async () => {
    const srt = '1\n00:00:00,800 --> 00:00:01,250\nMARA: One.\n\n2\n00:00:02,000 --> 00:00:03,500\nJOE: Two\nlines.\n\n';
    const path = await clipWithSubRip('gaps', srt);
    const read = await readMp4Captions(path);
    expect(read?.cues).toEqual(await ffmpegCues(path, 'gaps.vtt'));
    expect(read?.cues).toEqual([
      { start: 0.8, end: 1.25, text: 'MARA: One.', speaker: 'MARA' },
      { start: 2, end: 3.5, text: 'JOE: Two\nlines.', speaker: 'JOE' },
    ]);
  });

  it('decodes the text itself: markup characters stay as written', async () => {
    const path = await clipWithSubRip('markup', '1\n00:00:00,000 --> 00:00:01,000\nPIP: Salt & pepper, 5 > 3.\n\n');
    expect((await readMp4Captions(path))?.cues.map((cue) => cue.text)).toEqual(['PIP: Salt & pepper, 5 > 3.']);
  });

  it('tells a clip without captions (null) and a burned-in track apart, as the caption helpers do', async () => {
    expect(await readMp4Captions(file('plain.mp4'))).toBeNull();
    expect(await hasCaptionTrack(file('plain.mp4'))).toBe(false);
    expect((await readMp4Captions(file('burned.mp4')))?.handlerName).toBe('Dialogue (burned in)');
    expect(await hasCaptionTrack(file('burned.mp4'))).toBe(false);
    expect(await readCaptionCues(file('burned.mp4'), file('burned.vtt'))).toEqual([]);
    expect(await hasCaptionTrack(file('take.mp4'))).toBe(true);
  });

  it('leaves what it cannot read to ffmpeg: a file that is not an MP4, or a track that starts later by an edit list', async () => {
    await writeFile(file('garbage.mp4'), Buffer.from('not a movie at all'));
    expect(await readMp4Captions(file('garbage.mp4'))).toBeUndefined();
    expect(await readMp4Captions(file('missing.mp4'))).toBeUndefined();

    const delayed = await clipWithSubRip('delayed-src', '1\n00:00:00,000 --> 00:00:01,000\nMARA: Late.\n\n');
    await run('ffmpeg', ['-v', 'error', '-y', '-i', file('plain.mp4'), '-itsoffset', '1.5', '-i', delayed, '-map', '0:v', '-map', '1:s', '-c', 'copy', file('delayed.mp4')]);
    const direct = await readMp4Captions(file('delayed.mp4'));
    const viaFfmpeg = await ffmpegCues(file('delayed.mp4'), 'delayed.vtt');
    // Either read right (as ffmpeg reads it) or not read at all; never read at the wrong time.
    if (direct !== undefined) expect(direct?.cues).toEqual(viaFfmpeg);
    expect(await readCaptionCues(file('delayed.mp4'), file('delayed-2.vtt'))).toEqual(viaFfmpeg);
  });
});
