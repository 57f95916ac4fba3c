/**
 * Compiling through the API: refused (409, listing the slots) until every slot is approved; then
 * the approved takes in the episode's order, checked with ffprobe and by comparing frames.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAndWait } from '../../support/compile.ts';
import { ffprobe } from '../../support/ffprobe.ts';
import { shotListEpisode, startHarness, type Harness } from '../../support/harness.ts';
import type { TestClient } from '../../support/http-client.ts';
import { eventually } from '../../support/server-process.ts';
import type { TestContext } from '../../support/services.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { jobsDone } from '../../support/jobs.ts';

const run = promisify(execFile);
let harness: Harness;
let context: TestContext;
let editor: TestClient;
let episodeId: string;
let segments: { id: string; segment_number: number; duration: number }[];

/** The mean grey level of one decoded frame: different scenes have different levels. */
async function meanGrey(path: string, atSeconds: number): Promise<number> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-ss', String(atSeconds), '-i', path, '-frames:v', '1', '-vf', 'scale=64:36,format=gray', '-f', 'rawvideo', '-'], {
    encoding: 'buffer',
    maxBuffer: 1 << 20,
  });
  const bytes = stdout as unknown as Buffer;
  return bytes.reduce((sum, value) => sum + value, 0) / bytes.length;
}

/** Each character's reference take, by slot, as the episode page receives it. */
async function referenceSlots() {
  const { body } = await editor.json<{ characters: { name: string; reference: { slot: number; thumbnail_url: string | null } | null }[] }>('GET', `/api/v1/episodes/${episodeId}`);
  for (const character of body.characters) if (character.reference) expect(character.reference.thumbnail_url).toMatch(/^\/media\//);
  return Object.fromEntries(body.characters.map((c) => [c.name, c.reference?.slot ?? null]));
}

/**
 * Each test's own episode (it becomes `episodeId` and `segments`): three places, every take made,
 * then approved and put in `order` when asked.
 */
async function threePlaces(options: { approve?: boolean; order?: number[] } = {}): Promise<void> {
  const shots = [
    { scene: 'EXT. DESERT - NOON', prompt: 'Sun-bleached dunes', duration: 2, characters: ['Ada'] },
    { scene: 'INT. CAVE - NIGHT', prompt: 'A dark cave', duration: 2.5, characters: ['Bo'] },
    { scene: 'EXT. SNOWFIELD - DAY', prompt: 'White snow', duration: 3, characters: ['Ada'] },
  ];
  episodeId = await shotListEpisode(editor, shots, 'Three places');
  await editor.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel' });
  const status = await eventually(async () => {
    const { body } = await editor.json<{ totals: { completed: number }; segments: typeof segments }>('GET', `/api/v1/episodes/${episodeId}/segments/status`);
    return body.totals.completed === 3 && body;
  }, 60_000, 'generation');
  segments = status.segments;
  if (options.approve) for (const segment of segments) expect((await editor.post(`/api/v1/segments/${segment.id}/approve`, {})).status).toBe(200);
  if (options.order) expect((await editor.put(`/api/v1/episodes/${episodeId}/order`, { order: options.order })).status).toBe(200);
}

beforeAll(async () => {
  harness = await startHarness();
  ({ context, editor } = harness);
});
afterAll(async () => harness?.close());

describe('compile', () => {
  it('is refused while slots are not approved, naming them', async () => {
    await threePlaces();
    await editor.post(`/api/v1/segments/${segments[0]!.id}/approve`, {});
    await jobsDone(context.services.db);
    const before = await databaseFingerprint(context.services.db);
    const refused = await editor.json<{ error: { details: { unapproved: { segment_number: number }[] } } }>('POST', `/api/v1/episodes/${episodeId}/compile`, { transition_style: 'cut' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.unapproved.map((s) => s.segment_number)).toEqual([2, 3]);
    expect(await databaseFingerprint(context.services.db)).toEqual(before);
    // Ada's look is now the approved take of slot 1; Bo has none yet.
    expect(await referenceSlots()).toEqual({ Ada: 1, Bo: null });
  });

  it('joins the approved takes in the chosen order, with the expected duration', async () => {
    await threePlaces();
    for (const segment of segments) await editor.post(`/api/v1/segments/${segment.id}/approve`, {});
    // Each character's reference is the newest approved take of a shot they are in.
    expect(await referenceSlots()).toEqual({ Ada: 3, Bo: 2 });
    expect((await editor.put(`/api/v1/episodes/${episodeId}/order`, { order: [3, 1, 2] })).status).toBe(200);
    const started = await editor.json<{ compilation_job_id: string; status: string; estimated_duration: number }>('POST', `/api/v1/episodes/${episodeId}/compile`, {
      transition_style: 'dissolve',
      transition_duration: 0.5,
      audio_config: { volume_normalization: false },
    });
    expect(started.status).toBe(202);
    const total = segments.reduce((sum, s) => sum + s.duration, 0);
    expect(started.body.estimated_duration).toBeCloseTo(total - 1, 1);
    const job = await eventually(async () => {
      const { body } = await editor.json<{ status: string; progress: number; output_video_url: string; output_duration: number; segments_included: number }>('GET', `/api/v1/compilation-jobs/${started.body.compilation_job_id}`);
      if (body.status === 'failed') throw new Error('compile failed');
      return body.status === 'completed' && body;
    }, 120_000, 'the compile');
    expect(job).toMatchObject({ progress: 100, segments_included: 3 });
    const output = context.services.storage.localPath(job.output_video_url.replace('/media/', ''))!;
    const facts = await ffprobe(output);
    expect(Math.abs(facts.duration - (total - 1))).toBeLessThanOrEqual(0.1);
    expect(Math.abs(job.output_duration - facts.duration)).toBeLessThan(0.01);

    // The output opens on slot 3 (snow), not slot 1 (desert).
    const paths = Object.fromEntries(segments.map((s) => [s.segment_number, context.services.storage.localPath(`segments/${episodeId}/${s.id}/video.mp4`)!]));
    const opening = await meanGrey(output, 0.5);
    const snow = await meanGrey(paths[3]!, 0.5);
    const desert = await meanGrey(paths[1]!, 0.5);
    expect(Math.abs(opening - snow)).toBeLessThan(Math.abs(opening - desert));
    // The media route serves it to members.
    expect((await editor.get(job.output_video_url, { range: 'bytes=0-15' })).status).toBe(206);
  });

  it('refuses an order that is not a permutation of the slots', async () => {
    await threePlaces({ order: [3, 1, 2] });
    await jobsDone(context.services.db);
    const before = await databaseFingerprint(context.services.db);
    for (const order of [[1, 2], [1, 2, 2], [1, 2, 4]]) {
      const { status, body } = await editor.json<{ error: { code: string } }>('PUT', `/api/v1/episodes/${episodeId}/order`, { order });
      expect(status).toBe(400);
      expect(body.error.code).toBe('validation_failed');
    }
    expect(await databaseFingerprint(context.services.db)).toEqual(before);
    const positions = await context.services.db.selectFrom('shots').select(['shot_number', 'position']).where('episode_id', '=', episodeId).orderBy('position').execute();
    expect(positions.map((p) => p.shot_number)).toEqual([3, 1, 2]);
  });

  it('mixes the built-in music under the takes, normalizes loudness and names chapters after scenes and shots', async () => {
    await threePlaces({ approve: true, order: [3, 1, 2] });
    const { job } = await compileAndWait(editor, episodeId, {
      transition_style: 'wipeleft',
      transition_duration: 0.5,
      audio_config: { background_music: true, volume_normalization: true, target_lufs: -16 },
    });
    const output = context.services.storage.localPath(job.output_video_url.replace('/media/', ''))!;
    const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_chapters', output]);
    const inFile = (JSON.parse(stdout) as { chapters: { start_time: string; end_time: string; tags: { title: string } }[] }).chapters;
    const titles = inFile.map((c) => c.tags.title);
    // The API gives the pages the same chapters, with the take each one shows.
    expect(job.chapters.map((c) => c.title)).toEqual(titles);
    expect(job.chapters.map((c) => c.segment_id)).toEqual([3, 1, 2].map((n) => segments.find((s) => s.segment_number === n)!.id));
    job.chapters.forEach((chapter, index) => {
      expect(chapter.start).toBeCloseTo(Number(inFile[index]!.start_time), 2);
      expect(chapter.end).toBeCloseTo(Number(inFile[index]!.end_time), 2);
    });
    expect(job.chapters.at(-1)!.end).toBeCloseTo(job.output_duration, 1);
    expect(titles).toEqual([
      'Scene 3 · Shot 1 — EXT. SNOWFIELD - DAY',
      'Scene 1 · Shot 1 — EXT. DESERT - NOON',
      'Scene 2 · Shot 1 — INT. CAVE - NIGHT',
    ]);
    const loudness = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', output, '-af', 'ebur128', '-f', 'null', '-'], { encoding: 'utf8' });
    const integrated = Number(/I:\s+(-?[\d.]+) LUFS/.exec(loudness.stderr.split('Summary:').at(-1) ?? '')?.[1]);
    expect(Math.abs(integrated - -16)).toBeLessThan(1.5);
  });
});

