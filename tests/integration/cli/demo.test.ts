/**
 * The main job, as a new user runs it: `dailies demo "<idea>"` on an empty data folder with no
 * DATABASE_URL — embedded Postgres, job worker, built-in planner and animatic, compile.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, runCli, type CliResult } from '../../support/cli.ts';
import { ffprobe } from '../../support/ffprobe.ts';

const run = promisify(execFile);

/** Integrated loudness and true peak of a file's sound (ffmpeg's ebur128, independent of the compile's loudnorm). */
async function measureLoudness(path: string): Promise<{ loudness: number; truePeak: number }> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-map', '0:a', '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return { loudness: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]), truePeak: Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)![1]) };
}

describe('dailies demo on the embedded default', () => {
  let dataDir: string;
  let result: CliResult;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dailies-demo-'));
    result = await runCli(
      ['demo', 'A detective cat solves a mystery in a rainy Tokyo alley'],
      childEnv({ DAILIES_DATA_DIR: dataDir }),
      600_000,
    );
  }, 620_000);
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('exits 0 and prints a table of approved segments and the output path', () => {
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').filter((line) => /^\d+\s+\d+\.\d+\s+\d+\.\d+ s\s+approved$/.test(line));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.length).toBeLessThanOrEqual(12);
    expect(result.stdout).toMatch(/Output: .*\/out\/[0-9a-f-]{36}\.mp4/);
  });

  it('writes a playable video whose duration is the segments minus the dissolves', async () => {
    const [, episodeId] = result.stdout.match(/out\/([0-9a-f-]{36})\.mp4/) ?? [];
    const output = join(dataDir, 'out', `${episodeId}.mp4`);
    expect(existsSync(output)).toBe(true);
    const facts = await ffprobe(output);
    expect(facts.streams.filter((s) => s.codec_type === 'video').map((s) => s.codec_name)).toEqual(['h264']);
    expect(facts.streams.filter((s) => s.codec_type === 'audio').map((s) => s.codec_name)).toEqual(['aac']);

    const segmentDir = join(dataDir, 'segments', episodeId!);
    const segments = await readdir(segmentDir);
    const durations = await Promise.all(segments.map(async (id) => (await ffprobe(join(segmentDir, id, 'video.mp4'))).duration));
    const expected = durations.reduce((sum, d) => sum + d, 0) - (durations.length - 1) * 0.5;
    expect(Math.abs(facts.duration - expected)).toBeLessThanOrEqual(0.1);
  });

  it('normalizes the sound to -16 LUFS by default, true peak at most -1 dBTP', async () => {
    const [, episodeId] = result.stdout.match(/out\/([0-9a-f-]{36})\.mp4/) ?? [];
    const { loudness, truePeak } = await measureLoudness(join(dataDir, 'out', `${episodeId}.mp4`));
    expect(Math.abs(loudness - -16)).toBeLessThanOrEqual(1);
    expect(truePeak).toBeLessThanOrEqual(-0.9);
  });

  it('stops the embedded Postgres it started', () => {
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });
});
