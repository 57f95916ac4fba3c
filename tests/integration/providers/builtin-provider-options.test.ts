/**
 * The options the built-in animatic declares are the options it follows: a take that asks for
 * burned subtitles gets them, one that asks for nothing keeps the server's setting, and an option
 * it does not take is named as such by the check templates use.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinVideoProvider } from '../../../server/providers/builtin/builtin-video.provider.ts';
import { providerOptionProblems } from '../../../server/providers/provider-options.ts';
import type { VideoProvider } from '../../../server/providers/video.types.ts';
import { buildVideoRequest, makeScratchDir } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
let provider: VideoProvider;

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-provider-options-');
  provider = createBuiltinVideoProvider();
});
afterAll(() => scratch.cleanup());

async function subtitleHandler(providerOptions?: Record<string, string>): Promise<string | undefined> {
  const request = buildVideoRequest({ width: 320, height: 180, shot: { duration: 1, dialogue: [{ character: 'mika', line: 'Is it ready?' }] }, ...(providerOptions ? { providerOptions } : {}) });
  const { jobId } = await provider.submit(request, { workDir: join(scratch.dir, jobIdLabel(providerOptions)) });
  const result = await provider.result(jobId);
  if (result.kind !== 'file') throw new Error('the animatic renders a file');
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 's', '-show_entries', 'stream_tags=handler_name', '-of', 'json', result.path]);
  return (JSON.parse(stdout) as { streams: { tags?: { handler_name?: string } }[] }).streams[0]?.tags?.handler_name;
}

const jobIdLabel = (options?: Record<string, string>) => (options ? Object.values(options).join('-') : 'defaults');

describe('the built-in animatic’s options', () => {
  it('burns the subtitles in when a take asks, and keeps the server’s setting otherwise', { timeout: 60_000 }, async () => {
    expect(await subtitleHandler({ subtitles: 'burned' })).toBe('Dialogue (burned in)');
    expect(await subtitleHandler()).toBe('Dialogue');
  });

  it('names what it does not take and values outside its list', () => {
    expect(Object.keys(provider.options ?? {})).toEqual(['slate', 'subtitles', 'voice']);
    expect(providerOptionProblems(provider, { subtitles: 'burned', voice: 'off' })).toEqual({ unknown: [], invalid: [] });
    expect(providerOptionProblems(provider, { motion_strength: 0.5, voice: true, subtitles: 'sideways' })).toEqual({
      unknown: ['motion_strength'],
      invalid: [
        { name: 'voice', expected: 'one of on, off' },
        { name: 'subtitles', expected: 'one of track, burned' },
      ],
    });
    // A name an object carries by inheritance is not an option.
    expect(providerOptionProblems(provider, { toString: 'x' }).unknown).toEqual(['toString']);
  });
});
