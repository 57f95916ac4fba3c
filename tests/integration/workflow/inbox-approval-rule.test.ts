/**
 * A take waits in the inbox of the people the approval rule waits for, and the rule decides who:
 * when the rule changes, people it no longer waits for are no longer asked and people it now
 * waits for are asked, except those who already decided.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { InboxPageDto } from '../../../src/lib/api/activity.schema.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { addMember, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let ana: TestClient;
let ben: TestClient;
let cleo: TestClient;
const ids: Record<string, string> = {};
let episodeId: string;
let takeId: string;

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'olga@example.com', 'Olga');
  ana = await signedUpClient(app.server.base, 'ana@example.com', 'Ana');
  ben = await signedUpClient(app.server.base, 'ben@example.com', 'Ben');
  cleo = await signedUpClient(app.server.base, 'cleo@example.com', 'Cleo');
  for (const [name, client] of Object.entries({ owner, ana, ben, cleo })) ids[name] = (await client.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  episodeId = (await plannedEpisode(app.context.services, 'A baker races the sunrise', 1, ids.owner!)).id;
  for (const email of ['ana@example.com', 'ben@example.com', 'cleo@example.com']) await owner.put(`/api/v1/episodes/${episodeId}/members`, { email, role: 'reviewer' });
  // Only Ana and Ben are waited for when the take is made.
  expect((await owner.request('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'all', approvers: [ids.ana, ids.ben] })).status).toBe(200);
  takeId = (await generateFirstSegments(app.context.services, episodeId, 1))[0]!.id;
});

const waitingFor = async (client: TestClient) =>
  (await client.json<InboxPageDto>('GET', '/api/v1/me/inbox?unread=1')).body.items.filter((item) => item.kind === 'decision').length;

describe('decisions awaited under the approval rule', () => {
  it('asks only the approvers the rule names', async () => {
    expect([await waitingFor(owner), await waitingFor(ana), await waitingFor(ben), await waitingFor(cleo)]).toEqual([0, 1, 1, 0]);
  });

  it('follows a change of rule: asks the newly named, stops asking the others, skips those who decided', async () => {
    expect((await ben.request('PUT', `/api/v1/segments/${takeId}/decision`, { decision: 'changes_requested', note: 'Warmer light' })).status).toBe(200);
    expect(await waitingFor(ben)).toBe(0);
    const changed = await owner.request('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'all', approvers: [ids.ben, ids.cleo, ids.owner] });
    expect(changed.status).toBe(200);
    // Ana is no longer waited for; Cleo and Olga are now; Ben has decided already.
    expect([await waitingFor(owner), await waitingFor(ana), await waitingFor(ben), await waitingFor(cleo)]).toEqual([1, 0, 0, 1]);
  });

  it('asks someone who joins about the takes already waiting for them, and stops asking someone made a viewer', async () => {
    expect((await owner.request('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'any' })).status).toBe(200);
    const dan = await signedUpClient(app.server.base, 'dan@example.com', 'Dan');
    expect(await waitingFor(dan)).toBe(0);
    await addMember(app.context.services, episodeId, 'dan@example.com', 'reviewer', { userId: ids.owner!, name: 'Olga' });
    expect(await waitingFor(dan)).toBe(1);
    expect((await owner.request('PUT', `/api/v1/episodes/${episodeId}/members`, { email: 'cleo@example.com', role: 'viewer' })).status).toBe(200);
    expect(await waitingFor(cleo)).toBe(0);
  });
});
