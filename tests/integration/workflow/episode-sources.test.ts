/**
 * Episodes from a Fountain screenplay and from a JSON shot list, and shot edits before generation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planEpisode } from '../../../server/commands/episode-planner.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';

const app = appServerForFile();
let editor: TestClient;

interface Detail {
  id: string;
  status: string;
  title: string;
  characters: { key: string; name: string; color: string }[];
  scenes: { heading: string }[];
  shots: { id: string; prompt: string; duration: number; characters: string[]; dialogue: { character: string; line: string }[]; segment: { status: string } }[];
}

const SCREENPLAY = `Title: The Lighthouse

INT. LIGHTHOUSE - NIGHT

The lamp turns slowly. MARA climbs the last steps.

MARA
Someone has been here.

EXT. CLIFF - DAWN

Waves break below. TOM waits by the rail.

TOM
(quietly)
You came.
`;

beforeAll(async () => {
  editor = await signedUpClient(app.server.base, 'editor@example.com');
});

describe('episode sources', () => {
  it('reads a Fountain screenplay through the planner job', async () => {
    const created = await editor.json<Detail>('POST', '/api/v1/episodes', { screenplay: SCREENPLAY });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('planning');
    expect(await planEpisode(app.context.services, created.body.id)).toBe('planned');
    const { body } = await editor.json<Detail>('GET', `/api/v1/episodes/${created.body.id}`);
    expect(body.title).toBe('The Lighthouse');
    expect(body.scenes.map((s) => s.heading)).toEqual(['INT. LIGHTHOUSE - NIGHT', 'EXT. CLIFF - DAWN']);
    expect(body.characters.map((c) => c.name.toUpperCase())).toEqual(expect.arrayContaining(['MARA', 'TOM']));
  });

  it('takes a JSON shot list as it is, planned at once, with characters in fixed colours', async () => {
    const shots = [
      { scene: 'EXT. MARKET - DAY', prompt: 'Crowds among the stalls', duration: 4, characters: ['Lin'] },
      { scene: 'EXT. MARKET - DAY', prompt: 'Lin haggles', dialogue: [{ character: 'Lin', line: 'Too much!' }, { character: 'Vendor', line: 'Best price.' }] },
      { scene: 'INT. TEAHOUSE - DUSK', prompt: 'Lin rests', camera: 'push-in' },
    ];
    const { status, body } = await editor.json<Detail>('POST', '/api/v1/episodes', { shots, characters: [{ name: 'Lin', color: '#123456', visual_traits: ['red scarf'] }], title: 'Market day' });
    expect(status).toBe(201);
    expect(body.status).toBe('planned');
    expect(body.scenes.map((s) => s.heading)).toEqual(['EXT. MARKET - DAY', 'INT. TEAHOUSE - DUSK']);
    expect(body.characters.map((c) => [c.name, c.color])).toEqual([['Lin', '#123456'], ['Vendor', expect.stringMatching(/^#[0-9a-f]{6}$/i)]]);
    expect(body.shots.map((s) => s.duration)).toEqual([4, 5, 5]);
    expect(body.shots[1]!.characters.sort()).toEqual(['lin', 'vendor']);
    expect(body.shots.every((s) => s.segment.status === 'pending')).toBe(true);
  });
});

describe('shot edits before generation', () => {
  it('change the shot and what its first take will be made with', async () => {
    const { body } = await editor.json<Detail>('POST', '/api/v1/episodes', { shots: [{ prompt: 'A field', characters: ['Ada'] }] });
    const shot = body.shots[0]!;
    const patched = await editor.json<{ prompt: string; duration: number; dialogue: unknown[] }>('PATCH', `/api/v1/shots/${shot.id}`, {
      prompt: 'A field of sunflowers',
      duration: 3,
      dialogue: [{ character: 'ada', line: 'Look!' }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ prompt: 'A field of sunflowers', duration: 3, dialogue: [{ character: 'ada', line: 'Look!' }] });
    const before = await databaseFingerprint(app.context.services.db);
    const unknown = await editor.json<{ error: { code: string } }>('PATCH', `/api/v1/shots/${shot.id}`, { characters: ['nobody'] });
    expect(unknown.status).toBe(400);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
  });
});
