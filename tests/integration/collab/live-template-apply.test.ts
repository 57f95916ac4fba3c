/**
 * Applying a template reaches every open page through the live document, as a shot edit does:
 * a viewer connected before the apply sees the template's name on each shot it was applied to,
 * and on no other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateDto } from '../../../src/lib/api/templates.schema.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { connectLive, liveTokenFor, type LiveClient } from '../../support/live-client.ts';

const app = appServerForFile();
let owner: TestClient;
let episodeId: string;
const clients: LiveClient[] = [];

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  await signedUpClient(app.server.base, 'viewer@example.com');
  const ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  episodeId = (await plannedEpisode(app.context.services, 'A ferry crossing at night', 4, ownerId)).id;
  await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'viewer@example.com', role: 'viewer' });
});
afterAll(() => {
  for (const client of clients) client.close();
});

describe('a template applied to shots', () => {
  it('shows on those shots’ cards for a viewer already watching', async () => {
    const viewer = connectLive(app.server.port, episodeId, await liveTokenFor(app.server.base, 'viewer@example.com'));
    clients.push(viewer);
    await viewer.synced();
    expect(viewer.read()!.slots.every((slot) => slot.template === null)).toBe(true);

    const template = await owner.json<TemplateDto>('POST', `/api/v1/episodes/${episodeId}/templates`, { name: 'Blue hour', style: 'cold blue dusk', camera: 'push-in' });
    expect(template.status).toBe(201);
    expect((await owner.post(`/api/v1/episodes/${episodeId}/templates/${template.body.id}/apply`, { segment_numbers: [1, 3] })).status).toBe(200);

    const seen = await viewer.until((state) => state.slots.filter((slot) => slot.template === 'Blue hour').length === 2, 'the applied template');
    expect(seen.slots.filter((slot) => slot.template === 'Blue hour').map((slot) => slot.slot)).toEqual([1, 3]);
    expect(seen.slots.find((slot) => slot.slot === 2)!.template).toBeNull();
  });
});
