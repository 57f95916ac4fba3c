/**
 * One cap on an episode's shots holds for every way shots are made: a JSON shot list is refused
 * at creation (422), and an idea or a screenplay whose plan passes the cap fails its planning
 * with the reason, storing no scene and no shot. Here the cap is set to 5.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.ts';
import { eventually } from '../../support/server-process.ts';

let harness: Harness;

const countOf = async (table: 'shots' | 'scenes' | 'video_segments', episodeId: string) =>
  (await harness.context.services.db.selectFrom(table).select('id').where('episode_id', '=', episodeId).execute()).length;

/** Waits until planning ends and returns the episode as the API shows it. */
async function planned(id: string) {
  return eventually(async () => {
    const { body } = await harness.editor.json<{ status: string; error_message: string | null; shots: unknown[] }>('GET', `/api/v1/episodes/${id}`);
    return body.status !== 'planning' && body;
  }, 120_000, 'planning to end');
}

beforeAll(async () => {
  harness = await startHarness({ engine: { maxShots: 5 } });
});
afterAll(async () => harness?.close());

const shot = (i: number) => ({ scene: 'INT. HALL - DAY', prompt: `Shot ${i}` });

describe('the shot cap', () => {
  it('takes a shot list at the cap', async () => {
    const { status, body } = await harness.editor.json<{ id: string }>('POST', '/api/v1/episodes', { shots: [1, 2, 3, 4, 5].map(shot) });
    expect(status).toBe(201);
    expect(await countOf('shots', body.id)).toBe(5);
  });

  it('refuses a shot list one over the cap with 422 naming the cap, creating no episode', async () => {
    const episodesBefore = await harness.context.services.db.selectFrom('episodes').select('id').execute();
    const { status, body } = await harness.editor.json<{ error: { code: string; message: string; details: unknown } }>('POST', '/api/v1/episodes', {
      shots: [1, 2, 3, 4, 5, 6].map(shot),
    });
    expect(status).toBe(422);
    expect(body.error).toEqual({ code: 'too_many_shots', message: expect.stringMatching(/at most 5 shots.*makes 6/), details: { max_shots: 5, shots: 6 } });
    expect(await harness.context.services.db.selectFrom('episodes').select('id').execute()).toEqual(episodesBefore);
  });

  it('fails the planning of a screenplay of 20,000 scene headings, storing no shot', async () => {
    const screenplay = Array.from({ length: 20_000 }, (_, i) => `INT. R${i} - DAY`).join('\n\n');
    const { status, body } = await harness.editor.json<{ id: string }>('POST', '/api/v1/episodes', { screenplay });
    expect(status).toBe(201);
    const episode = await planned(body.id);
    expect(episode.status).toBe('failed');
    expect(episode.error_message).toMatch(/at most 5 shots, and this screenplay makes \d{4,}/);
    expect(await countOf('shots', body.id)).toBe(0);
    expect(await countOf('scenes', body.id)).toBe(0);
    expect(await countOf('video_segments', body.id)).toBe(0);
  }, 180_000);

  it('fails the planning of an idea whose plan passes the cap (the built-in planner writes 6 to 12 shots)', async () => {
    const { body } = await harness.editor.json<{ id: string }>('POST', '/api/v1/episodes', { idea: 'A lighthouse keeper befriends a whale' });
    const episode = await planned(body.id);
    expect(episode.status).toBe('failed');
    expect(episode.error_message).toMatch(/at most 5 shots, and this plan makes \d+/);
    expect(await countOf('shots', body.id)).toBe(0);
  });
});
