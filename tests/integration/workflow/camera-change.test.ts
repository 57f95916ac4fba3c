/**
 * A take that moves the camera otherwise than the plan does is not told both moves: the planned
 * camera sentence leaves its prompt, and what the take records as its prompt is what a model was
 * given, the new move and the character change included.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutCameraSentence } from '../../../server/commands/video-request.builder.ts';
import { findPlanRows } from '../../../server/db/queries/plan.queries.ts';
import { findSegment, listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { generateAndAnalyze, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
});

describe('the planned camera sentence', () => {
  it('goes when a take moves the camera otherwise, and stays when it does not', () => {
    const prompt = "Close-up: Ruby lifts the lantern. Setting: The harbour at night. Camera: slow push-in on Ruby's face.";
    expect(withoutCameraSentence(prompt, "Slow push-in on Ruby's face")).toBe('Close-up: Ruby lifts the lantern. Setting: The harbour at night.');
    expect(withoutCameraSentence('特写：露比举起灯笼。场景：夜晚的港口。镜头：缓缓推近露比的脸。', '缓缓推近露比的脸')).toBe('特写：露比举起灯笼。场景：夜晚的港口。');
    // Somebody's own prompt that never names the planned move is left as it is.
    expect(withoutCameraSentence('Ruby lifts the lantern.', "Slow push-in on Ruby's face")).toBe('Ruby lifts the lantern.');
  });
});

describe('a regenerated take with another camera move', () => {
  it('is told the new move only, and records the prompt the model was given', { timeout: 120_000 }, async () => {
    const me = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body;
    const episode = await plannedEpisode(app.context.services, 'A lantern maker waits for the last ferry', 3, me.id);
    const [first] = await generateFirstSegments(app.context.services, episode.id, 1);
    const shot = (await findPlanRows(app.context.services.db, episode.id)).shots.find((row) => row.id === first!.shot_id)!;
    const plannedSentence = `Camera: ${shot.camera_note.charAt(0).toLowerCase()}${shot.camera_note.slice(1)}`.replace(/[.!?…]*$/, '');
    expect(shot.prompt).toContain(plannedSentence);
    const other = shot.camera === 'pan-left' ? 'pan-right' : 'pan-left';

    const regenerated = await owner.json<{ id: string }>('POST', `/api/v1/segments/${first!.id}/regenerate`, {
      changes: { camera: other, character_prompt: 'a red scarf on the lantern maker' },
    });
    expect(regenerated.status).toBe(202);
    await generateAndAnalyze(app.context.services, regenerated.body.id);
    const take = (await findSegment(app.context.services.db, regenerated.body.id))!;
    const params = take.generation_params as { prompt: string; camera: string };
    expect(params.camera).toBe(other);
    expect(params.prompt).not.toContain(plannedSentence);
    expect(params.prompt).not.toMatch(/Camera:/);
    // The recorded prompt is what a model is given: the new move, and the character change.
    const told = take.provenance!.prompt;
    expect(told).toContain(other === 'pan-left' ? 'Slow pan to the left.' : 'Slow pan to the right.');
    expect(told).toContain('Characters: a red scarf on the lantern maker.');
    expect(told).not.toContain(plannedSentence);
    // The other takes keep their planned sentence.
    const untouched = (await listCurrentSegments(app.context.services.db, episode.id))[1]!;
    await generateAndAnalyze(app.context.services, untouched.id);
    const plain = (await findSegment(app.context.services.db, untouched.id))!;
    const plainShot = (await findPlanRows(app.context.services.db, episode.id)).shots.find((row) => row.id === plain.shot_id)!;
    expect((plain.generation_params as { prompt: string }).prompt).toBe(plainShot.prompt);
  });
});
