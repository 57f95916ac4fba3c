import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMp4Index } from '../../../server/media/mp4-index.ts';
import { normalizeClip } from '../../../server/media/normalize.ts';
import { makeScratchDir, makeTestClip } from '../../support/media-fixtures.ts';

const run = promisify(execFile);

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-mp4-index-');
  await Promise.all([
    makeTestClip(join(scratch.dir, 'source.mp4'), { durationSeconds: 2.5, audio: true, size: '320x180', fps: 30 }),
    makeTestClip(join(scratch.dir, 'silent.mp4'), { durationSeconds: 1, audio: false, size: '160x90', fps: 25 }),
    run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=24:duration=1', '-c:v', 'libx264', '-pix_fmt', 'yuv444p', join(scratch.dir, 'yuv444.mp4')]),
    run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=24:duration=1', '-c:v', 'mpeg4', join(scratch.dir, 'mpeg4.mp4')]),
    run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=24:duration=1', '-f', 'lavfi', '-i', 'sine=duration=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'libmp3lame', '-f', 'mp4', join(scratch.dir, 'mp3-in-mp4.mp4')]),
    run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=24:duration=1', '-f', 'lavfi', '-i', 'sine=duration=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'mp4', join(scratch.dir, 'aac-in-mp4.mp4')]),
  ]);
  await normalizeClip(join(scratch.dir, 'source.mp4'), join(scratch.dir, 'normalized.mp4'), { width: 320, height: 180, fps: 24 });
  // The same clip with its index after the media data (no +faststart).
  await run('ffmpeg', ['-v', 'error', '-i', join(scratch.dir, 'normalized.mp4'), '-c', 'copy', join(scratch.dir, 'index-last.mp4')]);
});
afterAll(() => scratch.cleanup());

/** Keyframe numbers and stream facts as ffprobe sees them, independently of the reader. */
async function ffprobeFacts(path: string) {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_entries', 'packet=stream_index,flags', path]);
  const parsed = JSON.parse(stdout) as {
    streams: { index: number; codec_type: string; codec_name: string; width?: number; height?: number; pix_fmt?: string; nb_frames?: string; sample_rate?: string; channels?: number }[];
    packets: { stream_index: number; flags: string }[];
  };
  const video = parsed.streams.find((stream) => stream.codec_type === 'video')!;
  const audio = parsed.streams.find((stream) => stream.codec_type === 'audio');
  const videoPackets = parsed.packets.filter((packet) => packet.stream_index === video.index);
  return {
    video,
    audio,
    keyframes: videoPackets.flatMap((packet, index) => (packet.flags.startsWith('K') ? [index] : [])),
  };
}

describe('readMp4Index', () => {
  it('reads the same facts and keyframes as ffprobe from a normalized clip, index first or last', async () => {
    for (const name of ['normalized.mp4', 'index-last.mp4', 'silent.mp4']) {
      const path = join(scratch.dir, name);
      const index = await readMp4Index(path);
      const expected = await ffprobeFacts(path);
      expect(index, name).toBeDefined();
      expect(index!.info.video).toEqual({
        codec: 'h264',
        width: expected.video.width,
        height: expected.video.height,
        fps: expect.closeTo(name === 'silent.mp4' ? 25 : 24, 6),
        pixFmt: expected.video.pix_fmt,
        frames: Number(expected.video.nb_frames),
      });
      expect(index!.keyframes, name).toEqual(expected.keyframes);
      if (expected.audio) {
        expect(index!.info.audio).toEqual({ codec: 'aac', sampleRate: Number(expected.audio.sample_rate), channels: expected.audio.channels });
      } else {
        expect(index!.info.audio).toBeUndefined();
      }
    }
    expect((await readMp4Index(join(scratch.dir, 'normalized.mp4')))!.keyframes).toEqual([0, 6, 12, 18, 24, 48]);
    // The same small file with AAC is read; with MP3 (below) it is not.
    expect((await readMp4Index(join(scratch.dir, 'aac-in-mp4.mp4')))?.info.audio?.codec).toBe('aac');
  });

  it('leaves everything it does not fully understand to ffprobe', async () => {
    const truncatedIndex = join(scratch.dir, 'truncated-index.mp4');
    const bytes = await readFile(join(scratch.dir, 'normalized.mp4'));
    await writeFile(truncatedIndex, bytes.subarray(0, 200));
    await writeFile(join(scratch.dir, 'text.mp4'), 'not an mp4 at all');
    for (const name of ['yuv444.mp4', 'mpeg4.mp4', 'mp3-in-mp4.mp4', 'truncated-index.mp4', 'text.mp4', 'missing.mp4']) {
      expect(await readMp4Index(join(scratch.dir, name)), name).toBeUndefined();
    }
  });
});
