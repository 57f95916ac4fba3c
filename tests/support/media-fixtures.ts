/**
 * Helpers for media tests: request factories, scratch folders, and independent readers of the
 * files under test (frames, audio samples, MP4 atoms) that call ffmpeg directly rather than
 * through the code being tested.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { VideoCharacterSheet, VideoRequest } from '../../server/providers/video.types.ts';

const run = promisify(execFile);

/** A fresh folder under the OS temp dir, with a cleanup function. */
export async function makeScratchDir(prefix = 'dailies-media-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const MIKA: VideoCharacterSheet = {
  key: 'mika',
  name: 'Mika',
  description: 'A courier',
  visualTraits: ['red jacket'],
  color: '#e4572e',
};

export const JOE: VideoCharacterSheet = {
  key: 'joe',
  name: 'Joe',
  description: 'A cook',
  visualTraits: ['apron'],
  color: '#29335c',
};

/** Magenta appears in no backdrop palette, so pixels of it can only come from this figure. */
export const PIP: VideoCharacterSheet = {
  key: 'pip',
  name: 'Pip',
  description: 'A robot',
  visualTraits: ['antenna'],
  color: '#ff00ff',
};

type RequestOverrides = Partial<Omit<VideoRequest, 'scene' | 'shot'>> & {
  scene?: Partial<VideoRequest['scene']>;
  shot?: Partial<VideoRequest['shot']>;
};

/** A valid 720p request for a short night shot with two characters and one line of dialogue. */
export function buildVideoRequest(overrides: RequestOverrides = {}): VideoRequest {
  const { scene, shot, ...rest } = overrides;
  return {
    episodeTitle: 'Night Shift',
    characters: [MIKA, JOE, PIP],
    style: 'flat colour animatic',
    seed: 1,
    width: 1280,
    height: 720,
    fps: 24,
    ...rest,
    scene: {
      number: 1,
      heading: 'EXT. TOKYO ALLEY - NIGHT',
      location: 'Tokyo alley',
      locationDescription: 'A narrow alley lit by neon signs, wet cobbles',
      timeOfDay: 'night',
      ...scene,
    },
    shot: {
      number: 1,
      prompt: 'Mika hurries past the ramen stall; Joe looks up from the pot.',
      camera: 'static',
      cameraNote: 'locked-off wide',
      duration: 2,
      characterKeys: ['mika', 'joe'],
      dialogue: [{ character: 'mika', line: 'Is it ready?' }],
      ...shot,
    },
  };
}

/** Decodes one frame at `atSeconds` to raw pixels (one byte per pixel for gray, three for rgb24). */
export async function decodeFrame(path: string, atSeconds: number, pixelFormat: 'gray' | 'rgb24'): Promise<Buffer> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-ss', String(atSeconds), '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', pixelFormat, '-'],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** Decodes the audio to interleaved 32-bit float samples. */
export async function decodeAudio(path: string): Promise<Float32Array> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-vn', '-f', 'f32le', '-acodec', 'pcm_f32le', '-'], {
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  return new Float32Array(stdout.buffer, stdout.byteOffset, stdout.byteLength / 4);
}

/** Mean absolute difference of two equally sized gray frames (0..255). */
export function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) throw new Error(`frame sizes differ: ${a.length} vs ${b.length}`);
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs(a[i]! - b[i]!);
  return total / a.length;
}

/** Mean absolute difference over rows [top, bottom) of two gray frames `width` wide. */
export function regionDifference(a: Buffer, b: Buffer, width: number, top: number, bottom: number): number {
  return meanAbsoluteDifference(a.subarray(top * width, bottom * width), b.subarray(top * width, bottom * width));
}

/** How many rgb24 pixels are within `tolerance` (per channel) of `hex`. */
export function countPixelsNear(rgb: Buffer, hex: string, tolerance = 12): number {
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  let count = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    if (Math.abs(rgb[i]! - r) <= tolerance && Math.abs(rgb[i + 1]! - g) <= tolerance && Math.abs(rgb[i + 2]! - b) <= tolerance) count++;
  }
  return count;
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** Top-level MP4 box types in file order (ftyp, moov, mdat…). */
export async function topLevelBoxes(path: string): Promise<string[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const boxes: string[] = [];
    const header = Buffer.alloc(16);
    let offset = 0;
    while (offset + 8 <= size) {
      await file.read(header, 0, 16, offset);
      let boxSize = header.readUInt32BE(0);
      boxes.push(header.toString('latin1', 4, 8));
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      else if (boxSize === 0) boxSize = size - offset;
      if (boxSize < 8) break;
      offset += boxSize;
    }
    return boxes;
  } finally {
    await file.close();
  }
}

/** Makes a test clip with ffmpeg's built-in sources: a moving pattern, optionally a tone. */
export async function makeTestClip(
  path: string,
  options: { durationSeconds: number; audio?: boolean; size?: string; fps?: number; toneHz?: number },
): Promise<void> {
  const size = options.size ?? '320x180';
  const fps = options.fps ?? 24;
  const d = String(options.durationSeconds);
  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}:duration=${d}`];
  if (options.audio !== false) args.push('-f', 'lavfi', '-i', `sine=frequency=${options.toneHz ?? 440}:sample_rate=44100:duration=${d}`);
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  if (options.audio !== false) args.push('-c:a', 'aac', '-ac', '1');
  args.push(path);
  await run('ffmpeg', args);
}

const clips = new Map<string, Promise<Buffer>>();

/** The bytes of a 2-s 320×180 H.264 test clip (with a tone when `audio`), made once per process: what stand-in servers hand out. */
export function testClipBytes(audio: boolean): Promise<Buffer> {
  const key = audio ? 'audio' : 'silent';
  let clip = clips.get(key);
  if (!clip) {
    clip = (async () => {
      const scratch = await makeScratchDir('dailies-stand-in-clip-');
      try {
        const path = join(scratch.dir, 'clip.mp4');
        await makeTestClip(path, { durationSeconds: 2, audio, size: '320x180', fps: 24 });
        return await readFile(path);
      } finally {
        await scratch.cleanup();
      }
    })();
    clips.set(key, clip);
  }
  return clip;
}

/** Facts about a file read with ffprobe directly. */
export async function probeStreams(path: string): Promise<{
  duration: number;
  streams: { codec_type: string; codec_name: string; width?: number; height?: number; avg_frame_rate?: string; pix_fmt?: string; sample_rate?: string; channels?: number }[];
}> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path]);
  const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: [] };
  return { duration: Number(parsed.format.duration), streams: parsed.streams };
}
