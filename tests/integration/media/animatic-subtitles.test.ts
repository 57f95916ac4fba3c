/**
 * The animatic's dialogue is a real subtitle track: `mov_text` in the MP4, kept by normalize, and
 * readable back as WebVTT cues timed as the lines are spoken on screen.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import { extractCaptions, parseWebVtt } from '../../../server/media/captions.ts';
import { normalizeClip } from '../../../server/media/normalize.ts';
import { buildVideoRequest, makeScratchDir, makeTestClip } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
const file = (name: string) => join(scratch.dir, name);
const request = buildVideoRequest({
  seed: 5,
  shot: {
    duration: 4,
    dialogue: [
      { character: 'mika', line: 'Is it ready?' },
      { character: 'joe', line: 'Two minutes.' },
      { character: 'pip', line: 'Beep.', simultaneous: true },
    ],
  },
});

/** Lines written in one language each, by the ISO 639-2 code their caption track should carry. */
const LINES_BY_LANGUAGE: Record<string, string[]> = {
  eng: ['Where did you put the keys this morning?', 'They are on the table by the window.'],
  zho: ['你把钥匙放在哪里了？', '在窗边的桌子上。'],
  jpn: ['鍵はどこに置いたの？', '窓のそばのテーブルの上だよ。'],
  spa: ['¿Dónde pusiste las llaves esta mañana?', 'Están en la mesa junto a la ventana.'],
  fra: ['Où as-tu mis les clés ce matin ?', 'Elles sont sur la table près de la fenêtre.'],
  deu: ['Wo hast du heute Morgen die Schlüssel hingelegt?', 'Sie liegen auf dem Tisch am Fenster.'],
};

async function subtitleStreams(path: string): Promise<{ codec_name: string; disposition: { default: number }; tags?: Record<string, string> }[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 's', '-show_entries', 'stream=codec_name:stream_disposition=default:stream_tags', '-of', 'json', path]);
  return (JSON.parse(stdout) as { streams: [] }).streams;
}

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-subtitles-');
  await Promise.all([
    renderAnimatic(request, file('take.mp4'), { workDir: scratch.dir }),
    renderAnimatic(request, file('burned.mp4'), { workDir: scratch.dir, subtitles: 'burned' }),
    renderAnimatic(buildVideoRequest({ shot: { dialogue: [] } }), file('silent.mp4'), { workDir: scratch.dir }),
    makeTestClip(file('remote.mp4'), { durationSeconds: 1 }),
    ...Object.entries(LINES_BY_LANGUAGE).map(([code, lines]) =>
      renderAnimatic(buildVideoRequest({ seed: 2, shot: { duration: 6, dialogue: lines.map((line, index) => ({ character: index % 2 ? 'joe' : 'mika', line })) } }), file(`lang-${code}.mp4`), { workDir: scratch.dir, voice: 'off' }),
    ),
  ]);
  await Promise.all([
    normalizeClip(file('take.mp4'), file('take-normalized.mp4'), { width: 1280, height: 720, fps: 24 }),
    normalizeClip(file('remote.mp4'), file('remote-normalized.mp4'), { width: 320, height: 180, fps: 24 }),
  ]);
}, 120_000);
afterAll(() => scratch?.cleanup());

describe('the animatic dialogue track', () => {
  it('is a mov_text stream named Dialogue, in the take and after normalize', async () => {
    for (const path of [file('take.mp4'), file('take-normalized.mp4')]) {
      const streams = await subtitleStreams(path);
      expect(streams).toHaveLength(1);
      expect(streams[0]!.codec_name).toBe('mov_text');
      expect(streams[0]!.tags?.handler_name).toBe('Dialogue');
    }
  });

  it('is tagged with the language its lines are written in', async () => {
    for (const path of [file('take.mp4'), file('take-normalized.mp4')]) expect((await subtitleStreams(path))[0]!.tags?.language).toBe('eng');
    for (const code of Object.keys(LINES_BY_LANGUAGE)) {
      const streams = await subtitleStreams(file(`lang-${code}.mp4`));
      expect(streams.map((stream) => stream.tags?.language), code).toEqual([code]);
    }
  });

  it('carries each line at its slice of the shot, dual dialogue in one cue', async () => {
    expect(await extractCaptions(file('take-normalized.mp4'), file('take.vtt'))).toBe(true);
    const cues = parseWebVtt(await readFile(file('take.vtt'), 'utf8'));
    expect(cues).toEqual([
      { start: 0, end: 2, text: 'MIKA: Is it ready?', speaker: 'MIKA' },
      { start: 2, end: 4, text: 'JOE: Two minutes.\nPIP: Beep.', speaker: 'JOE / PIP' },
    ]);
  });

  it('is named as burned in when the subtitles are on the picture, so captions do not show them twice', async () => {
    const streams = await subtitleStreams(file('burned.mp4'));
    expect(streams.map((s) => [s.codec_name, s.tags?.handler_name])).toEqual([['mov_text', 'Dialogue (burned in)']]);
    expect(await extractCaptions(file('burned.mp4'), file('burned.vtt'))).toBe(false);
  });

  it('is absent from a shot without dialogue and from a clip that never had one, which still normalizes', async () => {
    expect(await subtitleStreams(file('silent.mp4'))).toEqual([]);
    expect(await subtitleStreams(file('remote-normalized.mp4'))).toEqual([]);
    expect(await extractCaptions(file('remote-normalized.mp4'), file('remote.vtt'))).toBe(false);
  });
});
