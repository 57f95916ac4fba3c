/**
 * Background music: an uploaded audio file is checked, stored and mixed into a compile; a file
 * that is not audio, an empty one, and an asset of another episode are refused and leave nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shotListEpisode, startHarness, type Harness } from '../../support/harness.ts';
import type { TestClient } from '../../support/http-client.ts';
import { compileAndWait } from '../../support/compile.ts';
import { eventually } from '../../support/server-process.ts';
import type { TestContext } from '../../support/services.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { jobsDone } from '../../support/jobs.ts';

const run = promisify(execFile);
let harness: Harness;
let context: TestContext;
let editor: TestClient;
let episodeId: string;

const upload = (filename: string, body: Buffer | string, type = 'audio/wav') =>
  editor.request('POST', `/api/v1/episodes/${episodeId}/assets?filename=${encodeURIComponent(filename)}`, body, { 'content-type': type });
const uploadsDir = () => join(context.dataDir, 'uploads', episodeId);
const assetRows = () => context.services.db.selectFrom('assets').selectAll().execute();

beforeAll(async () => {
  harness = await startHarness();
  ({ context, editor } = harness);
  const shots = [
    { scene: 'EXT. BEACH - DAY', prompt: 'Waves', duration: 2 },
    { scene: 'EXT. BEACH - DAY', prompt: 'Gulls', duration: 2 },
  ];
  episodeId = await shotListEpisode(editor, shots);
});
afterAll(async () => harness?.close());

describe('music uploads', () => {
  it('refuse a file that is not audio, and an empty one, leaving nothing behind', async () => {
    await jobsDone(context.services.db);
    const before = await databaseFingerprint(context.services.db);
    const text = await upload('song.mp3', 'definitely not an mp3', 'audio/mpeg');
    expect(text.status).toBe(422);
    const refusal = (await text.json()).error;
    expect(refusal.code).toBe('not_audio');
    // It says why, not where the server put the file.
    expect(refusal.message).toMatch(/not audio we can read \(invalid data found when processing input\)/);
    expect(refusal.message).not.toContain(context.dataDir);
    expect(refusal.message).not.toContain(`${tmpdir()}/`);
    const empty = await upload('empty.wav', '');
    expect(empty.status).toBe(400);
    const badName = await upload('../../etc/passwd', 'x');
    expect(badName.status).toBe(400);
    expect(await assetRows()).toEqual([]);
    expect(await databaseFingerprint(context.services.db)).toEqual(before);
    expect(existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []).toEqual([]);
  });

  it('store real audio and mix it into a compile', async () => {
    const wavPath = join(context.dataDir, 'tone.wav');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=f=1000:d=3', '-ac', '2', '-ar', '48000', wavPath]);
    const response = await upload('theme.wav', await readFile(wavPath));
    expect(response.status).toBe(201);
    const asset = (await response.json()) as { id: string; duration: number; url: string };
    expect(asset.duration).toBeCloseTo(3, 1);
    expect((await editor.json<{ assets: { id: string }[] }>('GET', `/api/v1/episodes/${episodeId}/assets`)).body.assets.map((a) => a.id)).toEqual([asset.id]);
    expect((await editor.get(asset.url)).status).toBe(200);

    await editor.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel', auto_approve: true });
    await eventually(async () => (await editor.json<{ totals: { approved: number } }>('GET', `/api/v1/episodes/${episodeId}/segments/status`)).body.totals.approved === 2, 60_000, 'approval');

    await jobsDone(context.services.db);
    const stored = await databaseFingerprint(context.services.db);
    const unknown = await editor.json<{ error: { code: string } }>('POST', `/api/v1/episodes/${episodeId}/compile`, { audio_config: { music_asset_id: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.status).toBe(400);
    expect(await databaseFingerprint(context.services.db)).toEqual(stored);
    expect(await context.services.db.selectFrom('segment_compilation_jobs').selectAll().execute()).toEqual([]);

    const { job } = await compileAndWait(editor, episodeId, { transition_style: 'cut', audio_config: { music_asset_id: asset.id } });
    // The 1 kHz theme is in the mix: a band-pass around it is far louder than the animatic bed alone (about −75 dB).
    const output = context.services.storage.localPath(job.output_video_url.replace('/media/', ''))!;
    const { stderr } = await run('ffmpeg', ['-hide_banner', '-i', output, '-af', 'bandpass=f=1000:width_type=h:w=20,volumedetect', '-f', 'null', '-'], { encoding: 'utf8' });
    const mean = Number(/mean_volume: (-?[\d.]+) dB/.exec(stderr)?.[1]);
    expect(mean).toBeGreaterThan(-50);
  });
});
