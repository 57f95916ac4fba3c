/**
 * The dashboard's data: what each person can reach, with role and progress, and what waits for
 * their review; and the OpenAPI document that lists every route with its rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/commands/accounts.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { addMember, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { PASSWORD, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
const clients: Record<string, TestClient> = {};
let reviewed: string;
let watched: string;

async function login(email: string) {
  const client = new TestClient(app.server.base);
  const response = await client.post('/api/v1/auth/login', { email, password: PASSWORD });
  expect(response.status).toBe(200);
  return client;
}

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: PASSWORD });
  const owner = await createAccount(app.context.services, { email: 'owner@example.com', password: PASSWORD, isAdmin: false });
  for (const name of ['rita', 'vera']) await createAccount(app.context.services, { email: `${name}@example.com`, password: PASSWORD, isAdmin: false });
  for (const name of ['owner', 'rita', 'vera']) clients[name] = await login(`${name}@example.com`);
  reviewed = (await plannedEpisode(app.context.services, 'A robot learns to paint', 1, owner.id)).id;
  watched = (await plannedEpisode(app.context.services, 'A dragon guards a library', 2, owner.id)).id;
  await addMember(app.context.services, reviewed, 'rita@example.com', 'reviewer', { userId: owner.id, name: 'owner' });
  await addMember(app.context.services, watched, 'rita@example.com', 'viewer', { userId: owner.id, name: 'owner' });
  await addMember(app.context.services, watched, 'vera@example.com', 'viewer', { userId: owner.id, name: 'owner' });
  await generateFirstSegments(app.context.services, reviewed, 2);
  await generateFirstSegments(app.context.services, watched, 1);
});

describe('GET /me/episodes', () => {
  it('lists only reachable episodes, each with the caller’s role and progress', async () => {
    const { body } = await clients.rita!.json<{ episodes: { id: string; role: string; progress: { total: number; completed: number } }[] }>('GET', '/api/v1/me/episodes');
    const byId = new Map(body.episodes.map((e) => [e.id, e]));
    expect([...byId.keys()].sort()).toEqual([reviewed, watched].sort());
    expect(byId.get(reviewed)).toMatchObject({ role: 'reviewer', progress: { completed: 2 } });
    expect(byId.get(watched)).toMatchObject({ role: 'viewer', progress: { completed: 1 } });
    const vera = await clients.vera!.json<{ episodes: { id: string }[] }>('GET', '/api/v1/me/episodes');
    expect(vera.body.episodes.map((e) => e.id)).toEqual([watched]);
  });
});

describe('GET /me/reviews', () => {
  it('lists completed segments awaiting review where the caller may review, and none where they only watch', async () => {
    const rita = await clients.rita!.json<{ segments: { episode_id: string; segment_number: number }[] }>('GET', '/api/v1/me/reviews');
    expect(rita.body.segments.map((s) => [s.episode_id, s.segment_number])).toEqual([
      [reviewed, 1],
      [reviewed, 2],
    ]);
    const vera = await clients.vera!.json<{ segments: unknown[] }>('GET', '/api/v1/me/reviews');
    expect(vera.body.segments).toEqual([]);
  });
});

describe('GET /openapi.json', () => {
  it('documents every route with its rule and request schema', async () => {
    const { status, body } = await new TestClient(app.server.base).json<{ openapi: string; paths: Record<string, Record<string, { description: string; requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>> }>('GET', '/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    for (const path of ['/auth/login', '/me/episodes', '/tokens/{id}', '/episodes/{id}/members', '/episodes/{id}/share-links', '/share-links/{id}', '/share/{token}/session']) {
      expect(Object.keys(body.paths)).toContain(path);
    }
    const create = body.paths['/episodes']!.post!;
    expect(create.requestBody!.content['application/json']!.schema.properties).toHaveProperty('idea');
    expect(body.paths['/share-links/{id}']!.delete!.description).toMatch(/owner/);
  });
});
