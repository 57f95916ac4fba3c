/**
 * The `can` flags an episode and a take carry tell each caller what the server will let them do:
 * the table below is written out by hand, and every flag that says no is a 403 when tried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/commands/accounts.ts';
import { findPlanRows } from '../../../server/db/queries/plan.queries.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { addMember, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { PASSWORD, TestClient } from '../../support/http-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

type Caller = 'owner' | 'editor' | 'reviewer' | 'viewer' | 'guest_reviewer' | 'guest_viewer' | 'owner_reviewer_token';
type Ability = 'review' | 'regenerate' | 'reopen' | 'generate' | 'edit' | 'edit_characters' | 'reorder' | 'compile' | 'share' | 'manage_webhooks' | 'manage_members' | 'set_approval_rule' | 'set_budget' | 'set_quality_gate' | 'delete';
type Can = Record<Ability, boolean>;

const NONE: Can = {
  review: false,
  regenerate: false,
  reopen: false,
  generate: false,
  edit: false,
  edit_characters: false,
  reorder: false,
  compile: false,
  share: false,
  manage_webhooks: false,
  manage_members: false,
  set_approval_rule: false,
  set_budget: false,
  set_quality_gate: false,
  delete: false,
};
const REVIEWER: Can = { ...NONE, review: true };
const EDITOR: Can = { ...REVIEWER, regenerate: true, reopen: true, generate: true, edit: true, edit_characters: true, reorder: true, compile: true, set_quality_gate: true };
const OWNER: Can = { ...EDITOR, share: true, manage_webhooks: true, manage_members: true, set_approval_rule: true, set_budget: true, delete: true };

const EXPECTED: Record<Caller, Can> = {
  owner: OWNER,
  editor: EDITOR,
  reviewer: REVIEWER,
  viewer: NONE,
  guest_reviewer: REVIEWER,
  guest_viewer: NONE,
  // An owner's token limited to reviewing may only review.
  owner_reviewer_token: REVIEWER,
};

let context: TestContext;
let server: AppServer;
let episodeId: string;
let segmentId: string;
let shotId: string;
let characterKey: string;
const clients = {} as Record<Caller, TestClient>;

async function signIn(email: string): Promise<TestClient> {
  const client = new TestClient(server.base);
  const response = await client.post('/api/v1/auth/login', { email, password: PASSWORD });
  if (response.status !== 200) throw new Error(`login of ${email} gave ${response.status}: ${await response.text()}`);
  return client;
}

/** A request that tries the ability; the body is left out or empty, since a refusal comes before it is read. */
function attempt(ability: Ability): [method: string, path: string, body?: unknown] {
  switch (ability) {
    case 'review':
      return ['POST', `/api/v1/segments/${segmentId}/approve`, {}];
    case 'regenerate':
      return ['POST', `/api/v1/segments/${segmentId}/regenerate`, {}];
    case 'reopen':
      return ['POST', `/api/v1/segments/${segmentId}/reopen`, {}];
    case 'generate':
      return ['POST', `/api/v1/episodes/${episodeId}/generate-segments`, {}];
    case 'edit':
      return ['PATCH', `/api/v1/shots/${shotId}`, {}];
    case 'edit_characters':
      return ['DELETE', `/api/v1/episodes/${episodeId}/characters/${characterKey}/reference`];
    case 'reorder':
      return ['PUT', `/api/v1/episodes/${episodeId}/order`, {}];
    case 'compile':
      return ['POST', `/api/v1/episodes/${episodeId}/compile`, {}];
    case 'share':
      return ['POST', `/api/v1/episodes/${episodeId}/share-links`, {}];
    case 'manage_webhooks':
      return ['POST', `/api/v1/episodes/${episodeId}/webhooks`, {}];
    case 'manage_members':
      return ['PUT', `/api/v1/episodes/${episodeId}/members`, {}];
    case 'set_approval_rule':
      return ['PUT', `/api/v1/episodes/${episodeId}/approval-rule`, {}];
    case 'set_budget':
      return ['PUT', `/api/v1/episodes/${episodeId}/budget`, {}];
    case 'set_quality_gate':
      return ['PUT', `/api/v1/episodes/${episodeId}/quality-gate`, {}];
    case 'delete':
      return ['DELETE', `/api/v1/episodes/${episodeId}`];
  }
}

beforeAll(async () => {
  context = await createTestContext();
  server = await startAppServer(context);
  // The first account is the server's admin (an owner everywhere); keep it out of the roles under test.
  await createAccount(context.services, { email: 'admin@example.com', password: PASSWORD });
  const ids: Record<string, string> = {};
  for (const name of ['owner', 'editor', 'reviewer', 'viewer']) {
    ids[name] = (await createAccount(context.services, { email: `${name}@example.com`, password: PASSWORD, displayName: name, isAdmin: false })).id;
  }
  const episode = await plannedEpisode(context.services, 'A lighthouse keeper befriends a whale', 5, ids.owner!);
  episodeId = episode.id;
  const [segment] = await generateFirstSegments(context.services, episodeId, 1);
  segmentId = segment!.id;
  shotId = segment!.shot_id;
  characterKey = (await findPlanRows(context.services.db, episodeId)).characters[0]!.key;

  clients.owner = await signIn('owner@example.com');
  for (const role of ['editor', 'reviewer', 'viewer'] as const) {
    await addMember(context.services, episodeId, `${role}@example.com`, role, { userId: ids.owner!, name: 'owner' });
    clients[role] = await signIn(`${role}@example.com`);
  }
  for (const role of ['reviewer', 'viewer'] as const) {
    const link = await clients.owner.json<{ token: string }>('POST', `/api/v1/episodes/${episodeId}/share-links`, { role, label: role });
    expect(link.status).toBe(201);
    const guest = new TestClient(server.base);
    expect((await guest.post(`/api/v1/share/${link.body.token}/session`, { name: `Guest ${role}` })).status).toBe(201);
    clients[`guest_${role}`] = guest;
  }
  const token = await clients.owner.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'review script', scope: 'reviewer' });
  expect(token.status).toBe(201);
  clients.owner_reviewer_token = new TestClient(server.base, { bearer: token.body.token });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await context?.cleanup();
});

describe('what each caller may do, as the answers say', () => {
  it('sends the expected `can` with the episode, the episode list and a take', async () => {
    const seen: Record<string, { episode: unknown; listed: unknown; segment: unknown }> = {};
    for (const caller of Object.keys(EXPECTED) as Caller[]) {
      const episode = await clients[caller].json<{ can: Can }>('GET', `/api/v1/episodes/${episodeId}`);
      const list = await clients[caller].json<{ episodes: { id: string; can: Can }[] }>('GET', '/api/v1/me/episodes');
      const segment = await clients[caller].json<{ can: Can }>('GET', `/api/v1/segments/${segmentId}`);
      expect([episode.status, list.status, segment.status], caller).toEqual([200, 200, 200]);
      seen[caller] = { episode: episode.body.can, listed: list.body.episodes.find((e) => e.id === episodeId)?.can, segment: segment.body.can };
    }
    const want = Object.fromEntries(Object.entries(EXPECTED).map(([caller, can]) => [caller, { episode: can, listed: can, segment: can }]));
    expect(seen).toEqual(want);
  });

  it('refuses with 403 every action whose flag is false', async () => {
    const mismatches: string[] = [];
    for (const caller of Object.keys(EXPECTED) as Caller[]) {
      for (const [ability, allowed] of Object.entries(EXPECTED[caller]) as [Ability, boolean][]) {
        if (allowed) continue;
        const [method, path, body] = attempt(ability);
        const response = await clients[caller].request(method, path, body);
        const answer = (await response.json()) as { error?: { code?: string } };
        if (response.status !== 403 || answer.error?.code !== 'forbidden') mismatches.push(`${caller} ${ability}: ${response.status} ${answer.error?.code ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('lets through to the body check whoever may review or regenerate', async () => {
    for (const caller of Object.keys(EXPECTED) as Caller[]) {
      const can = EXPECTED[caller];
      // Invalid bodies: an allowed caller gets a 400 about the body and changes nothing.
      const review = await clients[caller].request('POST', `/api/v1/segments/${segmentId}/approve`, { rating: 9 });
      expect(review.status, `${caller} review`).toBe(can.review ? 400 : 403);
      const regenerate = await clients[caller].request('POST', `/api/v1/segments/${segmentId}/regenerate`, { keep_original: 'no' });
      expect(regenerate.status, `${caller} regenerate`).toBe(can.regenerate ? 400 : 403);
    }
  });
});
