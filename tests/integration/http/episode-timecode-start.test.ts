/**
 * The episode answer carries the frame its timecode starts at: 0 for a new episode, in the answer
 * to creating it and to reading it; the stored frame once one is set.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appServerForFile } from '../../support/app-server.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let editor: TestClient;

beforeAll(async () => {
  editor = await signedUpClient(app.server.base, 'editor@example.com');
});

describe('the episode’s timecode start', () => {
  it('is frame 0 by default', async () => {
    const created = await editor.json<{ id: string; timecode_start_frame: number }>('POST', '/api/v1/episodes', { shots: [{ prompt: 'A quiet street at night' }] });
    expect(created.status).toBe(201);
    expect(created.body.timecode_start_frame).toBe(0);
    const read = await editor.json<{ timecode_start_frame: number }>('GET', `/api/v1/episodes/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.timecode_start_frame).toBe(0);
  });

  it('is the episode’s stored frame once one is set', async () => {
    const created = await editor.json<{ id: string }>('POST', '/api/v1/episodes', { shots: [{ prompt: 'A quiet street at dawn' }] });
    // 01:00:00:00 at 24 fps; no route sets it yet, so the test writes the column.
    await app.context.services.db.updateTable('episodes').set({ timecode_start_frame: 86_400 }).where('id', '=', created.body.id).execute();
    const read = await editor.json<{ timecode_start_frame: number }>('GET', `/api/v1/episodes/${created.body.id}`);
    expect(read.body.timecode_start_frame).toBe(86_400);
  });
});
