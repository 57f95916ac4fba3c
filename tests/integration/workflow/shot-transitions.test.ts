/**
 * A shot's own transition in: set through the API (even after its take is made), shown with the
 * shot, and used by the compile for that join while the other joins keep the compile's transition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAndWait } from '../../support/compile.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { ffprobe } from '../../support/ffprobe.ts';
import { shotListEpisode, startHarness, type Harness } from '../../support/harness.ts';
import { jobsDone } from '../../support/jobs.ts';
import { eventually } from '../../support/server-process.ts';

let harness: Harness;
let episodeId: string;
let segments: { id: string; segment_number: number }[];
let shots: { id: string; shot_number: number }[];

beforeAll(async () => {
  harness = await startHarness();
  const { editor } = harness;
  episodeId = await shotListEpisode(
    editor,
    [
      { scene: 'EXT. DESERT - NOON', prompt: 'Sun-bleached dunes', duration: 2, characters: ['Ada'] },
      { scene: 'INT. CAVE - NIGHT', prompt: 'A dark cave', duration: 2.5, characters: ['Bo'] },
      { scene: 'EXT. SNOWFIELD - DAY', prompt: 'White snow', duration: 3, characters: ['Ada'] },
    ],
    'Three joins',
  );
  await editor.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel' });
  segments = await eventually(async () => {
    const { body } = await editor.json<{ totals: { completed: number }; segments: typeof segments }>('GET', `/api/v1/episodes/${episodeId}/segments/status`);
    return body.totals.completed === 3 && body.segments;
  }, 60_000, 'generation');
  for (const segment of segments) expect((await editor.post(`/api/v1/segments/${segment.id}/approve`, {})).status).toBe(200);
  const { body } = await editor.json<{ shots: typeof shots }>('GET', `/api/v1/episodes/${episodeId}`);
  shots = [...body.shots].sort((a, b) => a.shot_number - b.shot_number);
}, 120_000);
afterAll(async () => harness?.close());

describe('a shot\'s transition in', () => {
  it('can be set after the take is made, and the episode shows it', async () => {
    const { editor } = harness;
    const cut = await editor.json<{ transition_in: unknown }>('PATCH', `/api/v1/shots/${shots[1]!.id}`, { transition_in: { style: 'cut' } });
    expect(cut.status).toBe(200);
    expect(cut.body.transition_in).toEqual({ style: 'cut' });
    const dissolve = await editor.json<{ transition_in: unknown }>('PATCH', `/api/v1/shots/${shots[2]!.id}`, { transition_in: { style: 'dissolve', duration_seconds: 1 } });
    expect(dissolve.status).toBe(200);
    const { body } = await editor.json<{ shots: { shot_number: number; transition_in: unknown; title_card: unknown }[] }>('GET', `/api/v1/episodes/${episodeId}`);
    const byNumber = Object.fromEntries(body.shots.map((shot) => [shot.shot_number, shot]));
    expect(byNumber[1]).toMatchObject({ transition_in: null, title_card: null });
    expect(byNumber[2]).toMatchObject({ transition_in: { style: 'cut' } });
    expect(byNumber[3]).toMatchObject({ transition_in: { style: 'dissolve', duration_seconds: 1 } });
  });

  it('refuses an unknown style or a length out of range, changing nothing', async () => {
    const { editor, context } = harness;
    await jobsDone(context.services.db);
    const before = await databaseFingerprint(context.services.db);
    for (const transition_in of [{ style: 'spin' }, { style: 'dissolve', duration_seconds: 9 }, { style: 'dissolve', duration_seconds: 0 }, { duration_seconds: 1 }]) {
      const { status, body } = await editor.json<{ error: { code: string; message: string } }>('PATCH', `/api/v1/shots/${shots[2]!.id}`, { transition_in });
      expect(status).toBe(400);
      expect(body.error.code).toBe('validation_failed');
    }
    expect(await databaseFingerprint(context.services.db)).toEqual(before);
  });

  it('is the join into that shot in the compile; the other joins keep the compile\'s transition', async () => {
    const { editor, context } = harness;
    // Join 1 → 2 is the shot's cut (no overlap) and 2 → 3 its 1 s dissolve, although the compile asks for 0.5 s wipes.
    const { job, estimatedDuration } = await compileAndWait(editor, episodeId, {
      transition_style: 'wipeleft',
      transition_duration: 0.5,
      audio_config: { volume_normalization: false },
    });
    expect(estimatedDuration).toBeCloseTo(6.5, 3);
    const output = context.services.storage.localPath(job.output_video_url.replace('/media/', ''))!;
    expect((await ffprobe(output)).duration).toBeCloseTo(6.5, 1);
    expect(job.chapters.map((chapter) => [chapter.start, chapter.end])).toEqual([
      [0, 2],
      [2, 3.5],
      [3.5, 6.5],
    ]);

    // The final video is out of date once a shot's own transition changes, and names it.
    expect((await editor.json('PATCH', `/api/v1/shots/${shots[1]!.id}`, { transition_in: null })).status).toBe(200);
    const stale = await editor.json<{ out_of_date: boolean; changes_since: string[] }>('GET', `/api/v1/episodes/${episodeId}`);
    expect(stale.body).toMatchObject({ out_of_date: true, changes_since: ['Shot 2 has a new transition in'] });

    // Back to the compile's own transition: both joins are 0.5 s wipes.
    expect((await editor.json('PATCH', `/api/v1/shots/${shots[2]!.id}`, { transition_in: null })).status).toBe(200);
    const again = await compileAndWait(editor, episodeId, { transition_style: 'wipeleft', transition_duration: 0.5, audio_config: { volume_normalization: false } });
    expect(again.job.chapters.map((chapter) => [chapter.start, chapter.end])).toEqual([
      [0, 1.5],
      [1.5, 3.5],
      [3.5, 6.5],
    ]);
    const fresh = await editor.json<{ out_of_date: boolean }>('GET', `/api/v1/episodes/${episodeId}`);
    expect(fresh.body.out_of_date).toBe(false);
  });

  it('can come with a JSON shot list, beside title cards', async () => {
    const { editor } = harness;
    const id = await shotListEpisode(editor, [
      { scene: 'EXT. PIER - DUSK', prompt: 'Boats rock at the pier', duration: 2 },
      { scene: 'EXT. PIER - DUSK', prompt: 'The lamps come on', duration: 2, transition_in: { style: 'fade', duration_seconds: 0.75 } },
      { scene: 'EXT. PIER - DUSK', prompt: 'End title', duration: 3, title_card: 'THE END', transition_in: { style: 'dissolve' } },
    ]);
    const { body } = await editor.json<{ shots: { shot_number: number; transition_in: unknown; title_card: unknown }[] }>('GET', `/api/v1/episodes/${id}`);
    const sorted = [...body.shots].sort((a, b) => a.shot_number - b.shot_number);
    expect(sorted.map((shot) => [shot.transition_in, shot.title_card])).toEqual([
      [null, null],
      [{ style: 'fade', duration_seconds: 0.75 }, null],
      [{ style: 'dissolve' }, 'THE END'],
    ]);
  });
});
