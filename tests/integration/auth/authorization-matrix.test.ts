/**
 * Walks every /api/v1 route, read from the router itself, for every kind of caller, and checks the
 * status against the least role written down below (not against the route's own declared rule, so
 * a rule changed by mistake fails here). A route added without an entry in the table fails here.
 */
import { insertChoice } from '../../../server/db/queries/take-choice.queries.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLE_RANK } from '../../../server/auth/policies.ts';
import { createGuestSession, createUserSession } from '../../../server/auth/sessions.ts';
import { createAccount } from '../../../server/commands/accounts.ts';
import { createApiToken } from '../../../server/commands/api-tokens.ts';
import { createEpisodeFromIdea } from '../../../server/commands/episode-creator.ts';
import { planEpisode } from '../../../server/commands/episode-planner.ts';
import { createInvitation } from '../../../server/commands/invitations.ts';
import { createShareLink } from '../../../server/commands/share-links.ts';
import { createCollabServer } from '../../../server/collab/server.ts';
import { Notifications } from '../../../server/db/notifications.ts';
import { insertCompilation } from '../../../server/db/queries/compilation.queries.ts';
import { upsertMember } from '../../../server/db/queries/member.queries.ts';
import { insertNote } from '../../../server/db/queries/note.queries.ts';
import { insertWebhook } from '../../../server/db/queries/webhook.queries.ts';
import { insertTemplate } from '../../../server/db/queries/template.queries.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import type { EpisodeRole, User } from '../../../server/db/schema.ts';
import { createApi } from '../../../server/http/app.ts';
import { declaredEndpoints, type EndpointSpec } from '../../../server/http/endpoint.ts';
import { findPlanRows } from '../../../server/db/queries/plan.queries.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { generateFirstSegments } from '../../support/factories.ts';
import { PASSWORD, TestClient } from '../../support/http-client.ts';

/**
 * Who may call each route: anyone; anyone signed in (a guest too); a person's own account (not a
 * guest); a server admin (none of the callers here is one); or the least role on the episode the
 * route's `:id` belongs to.
 */
type LeastRole = 'anyone' | 'signed_in' | 'account' | 'admin' | EpisodeRole;
const LEAST_ROLE: Record<string, LeastRole> = {
  'GET /health': 'anyone',
  'GET /openapi.json': 'anyone',
  'POST /auth/signup': 'anyone',
  'GET /auth/signup': 'anyone',
  'POST /auth/signup/confirm': 'anyone',
  'POST /auth/login': 'anyone',
  'GET /share/:token': 'anyone',
  'POST /share/:token/session': 'anyone',
  'POST /auth/logout': 'signed_in',
  'GET /me': 'signed_in',
  'GET /me/episodes': 'signed_in',
  'GET /me/reviews': 'signed_in',
  'GET /episodes': 'signed_in',
  'GET /providers': 'signed_in',
  'POST /auth/password': 'account',
  'POST /tokens': 'account',
  'GET /tokens': 'account',
  'DELETE /tokens/:id': 'account',
  'POST /episodes': 'account',
  'GET /episodes/:id': 'viewer',
  'GET /episodes/:id/members': 'viewer',
  'GET /episodes/:id/segments/status': 'viewer',
  'GET /episodes/:id/captions.vtt': 'viewer',
  'GET /episodes/:id/export/otio': 'viewer',
  'GET /episodes/:id/export/fcpxml': 'viewer',
  'GET /episodes/:id/export/edl': 'viewer',
  'GET /episodes/:id/export/srt': 'viewer',
  'GET /episodes/:id/export/vtt': 'viewer',
  'GET /episodes/:id/export/storyboard.pdf': 'viewer',
  'GET /episodes/:id/export/shots.csv': 'viewer',
  'GET /episodes/:id/export/package': 'viewer',
  'GET /episodes/:id/costs': 'viewer',
  'GET /episodes/:id/assets': 'viewer',
  'GET /episodes/:id/characters/:key/images': 'viewer',
  'GET /segments/:id': 'viewer',
  'GET /segments/:id/summary': 'viewer',
  'GET /segments/:id/captions.vtt': 'viewer',
  'GET /segments/:id/download': 'viewer',
  'GET /compilation-jobs/:id': 'viewer',
  'POST /segments/:id/approve': 'reviewer',
  'POST /segments/:id/reject': 'reviewer',
  'POST /segments/:id/request-regeneration': 'reviewer',
  'POST /segments/:id/comments': 'reviewer',
  'PUT /segments/:id/decision': 'reviewer',
  'DELETE /segments/:id/decision': 'reviewer',
  'GET /episodes/:id/approval-rule': 'viewer',
  'POST /segments/:id/reopen': 'editor',
  'PUT /episodes/:id/approval-rule': 'owner',
  'POST /episodes/:id/generate-segments': 'editor',
  'POST /episodes/:id/generate-segments/cancel': 'editor',
  'POST /episodes/:id/generate-segments/pause': 'editor',
  'POST /episodes/:id/generate-segments/resume': 'editor',
  'GET /episodes/:id/generate-segments/queue': 'viewer',
  'PUT /episodes/:id/generate-segments/queue': 'editor',
  'POST /episodes/:id/generate-segments/retry': 'editor',
  'PUT /episodes/:id/budget': 'owner',
  'GET /episodes/:id/quality-gate': 'viewer',
  'PUT /episodes/:id/quality-gate': 'editor',
  'PUT /episodes/:id/order': 'editor',
  'POST /episodes/:id/compile': 'editor',
  'POST /episodes/:id/assets': 'editor',
  'PUT /episodes/:id/characters/:key/reference': 'editor',
  'POST /episodes/:id/characters/:key/images': 'editor',
  'POST /episodes/:id/characters/:key/reference/approve': 'editor',
  'DELETE /episodes/:id/characters/:key/reference': 'editor',
  'POST /segments/:id/regenerate': 'editor',
  'POST /segments/:id/rollback': 'editor',
  'POST /segments/:id/cancel-render': 'editor',
  'PATCH /shots/:id': 'editor',
  'DELETE /episodes/:id': 'owner',
  'PUT /episodes/:id/members': 'owner',
  'DELETE /episodes/:id/members': 'owner',
  'GET /episodes/:id/audit': 'owner',
  'POST /episodes/:id/share-links': 'owner',
  'GET /episodes/:id/share-links': 'owner',
  'DELETE /share-links/:id': 'owner',
  'POST /episodes/:id/invitations': 'owner',
  'GET /episodes/:id/invitations': 'owner',
  'DELETE /invitations/:id': 'owner',
  'GET /invitations/:token': 'anyone',
  'POST /invitations/:token/accept': 'account',
  'GET /segments/:id/notes': 'viewer',
  'POST /segments/:id/notes': 'reviewer',
  'POST /segments/:id/notes/proposal': 'reviewer',
  'POST /notes/:id/replies': 'reviewer',
  // Editing and deleting a note also needs to be its author (403 not_author otherwise).
  'PATCH /notes/:id': 'reviewer',
  'DELETE /notes/:id': 'reviewer',
  'POST /notes/:id/resolve': 'reviewer',
  'POST /notes/:id/reopen': 'reviewer',
  'GET /notes/:id/history': 'viewer',
  'GET /episodes/:id/activity': 'viewer',
  'GET /me/inbox': 'account',
  'GET /me/inbox/unread': 'account',
  'POST /me/inbox/read': 'account',
  'POST /me/inbox/:id/accept': 'account',
  'GET /me/mail-preferences': 'account',
  'PUT /me/mail-preferences': 'account',
  'GET /unsubscribe/:token': 'anyone',
  'POST /unsubscribe/:token': 'anyone',
  'GET /episodes/:id/mentionable': 'viewer',
  'PUT /episodes/:id/timecode': 'editor',
  'POST /episodes/:id/webhooks': 'owner',
  'GET /episodes/:id/webhooks': 'owner',
  'PATCH /webhooks/:id': 'owner',
  'DELETE /webhooks/:id': 'owner',
  'GET /webhooks/:id/deliveries': 'owner',
  'POST /webhooks/:id/test': 'owner',
  'POST /admin/webhooks': 'admin',
  'GET /admin/webhooks': 'admin',
  'PATCH /admin/webhooks/:id': 'admin',
  'DELETE /admin/webhooks/:id': 'admin',
  'GET /admin/webhooks/:id/deliveries': 'admin',
  'POST /admin/webhooks/:id/test': 'admin',
  'GET /episodes/:id/graph': 'viewer',
  'PATCH /episodes/:id/characters/:key': 'editor',
  'PATCH /episodes/:id/scenes/:number': 'editor',
  'POST /episodes/:id/generate-segments/stale': 'editor',
  'GET /episodes/:id/templates': 'viewer',
  'POST /episodes/:id/templates': 'editor',
  'PATCH /episodes/:id/templates/:templateId': 'editor',
  'DELETE /episodes/:id/templates/:templateId': 'editor',
  'POST /episodes/:id/templates/:templateId/apply': 'editor',
  // Each action then needs its single route's role (decide: reviewer; regenerate, edits, move: editor).
  'POST /episodes/:id/batch': 'reviewer',
  'POST /segments/:id/takes': 'editor',
  'GET /episodes/:id/take-choices': 'viewer',
  'GET /episodes/:id/take-choices/:choiceId': 'viewer',
  'PUT /episodes/:id/take-choices/:choiceId/vote': 'reviewer',
  'DELETE /episodes/:id/take-choices/:choiceId/vote': 'reviewer',
  'POST /episodes/:id/take-choices/:choiceId/close': 'editor',
  // A person's own templates: someone else's is a 404, as if it did not exist.
  'GET /me/templates': 'account',
  'POST /me/templates': 'account',
  'PATCH /me/templates/:templateId': 'account',
  'DELETE /me/templates/:templateId': 'account',
};
const TEMPLATE_PARAMS = { style: 'noir', camera: null, duration: null, prompt_suffix: null, provider: null, provider_options: {} };
const RANK: Record<EpisodeRole, number> = { viewer: 1, reviewer: 2, editor: 3, owner: 4 };

type Caller = 'anonymous' | 'outsider' | 'guest_viewer' | 'guest_reviewer' | 'viewer' | 'reviewer' | 'editor' | 'owner';
const CALLERS: Caller[] = ['anonymous', 'outsider', 'guest_viewer', 'guest_reviewer', 'viewer', 'reviewer', 'editor', 'owner'];
const MEMBER_ROLES: EpisodeRole[] = ['viewer', 'reviewer', 'editor'];

const app = appServerForFile();
let users: Record<'owner' | 'editor' | 'reviewer' | 'viewer' | 'outsider', User>;
let routes: Map<string, EndpointSpec>;
/** Every route the app answers, as "METHOD /path". */
let allRouteKeys: string[];

interface Fixture {
  episodeId: string;
  segmentId: string;
  shotId: string;
  compilationId: string;
  shareLinkId: string;
  shareToken: string;
  invitationId: string;
  invitationToken: string;
  characterKey: string;
  noteId: string;
  webhookId: string;
  serverWebhookId: string;
  episodeTemplateId: string;
  accountTemplateId: string;
  choiceId: string;
  clients: Record<Caller, TestClient>;
  tokenIds: Partial<Record<Caller, string>>;
}

/** A fresh episode with members, links, guests and sessions, so that one route's writes never affect another's. */
async function buildFixture(): Promise<Fixture> {
  const { services } = app.context;
  const actor = { userId: users.owner.id, name: 'owner' };
  const episode = await createEpisodeFromIdea(services, { idea: 'A detective cat solves a mystery in a rainy Tokyo alley' }, actor);
  await planEpisode(services, episode.id);
  for (const role of MEMBER_ROLES) {
    await upsertMember(services.db, { episode_id: episode.id, user_id: users[role as 'viewer'].id, role, added_by: users.owner.id });
  }
  const other = await createEpisodeFromIdea(services, { idea: 'Another story' }, { userId: users.outsider.id, name: 'outsider' });
  void other;
  const [segment] = await listCurrentSegments(services.db, episode.id);
  const compilation = await insertCompilation(services.db, {
    episode_id: episode.id,
    segment_ids: [],
    transition_style: 'cut',
    transition_duration: 0,
    audio_config: {},
    created_by: users.owner.id,
  });
  const reviewerLink = await createShareLink(services, episode.id, { role: 'reviewer', label: 'review' }, actor);
  const viewerLink = await createShareLink(services, episode.id, { role: 'viewer', label: 'watch' }, actor);
  const invitation = await createInvitation(services, episode.id, { email: 'invited@example.com', role: 'reviewer' }, 'owner', actor);
  const clients = {} as Record<Caller, TestClient>;
  const tokenIds: Partial<Record<Caller, string>> = {};
  clients.anonymous = new TestClient(app.server.base);
  for (const name of ['owner', 'editor', 'reviewer', 'viewer', 'outsider'] as const) {
    const client = new TestClient(app.server.base);
    client.cookies.set('dailies_session', (await createUserSession(services.db, users[name].id)).token);
    clients[name] = client;
    tokenIds[name] = (await createApiToken(services, users[name].id, { name: 'matrix', scope: 'owner' })).row.id;
  }
  for (const [caller, link] of [['guest_reviewer', reviewerLink], ['guest_viewer', viewerLink]] as const) {
    const client = new TestClient(app.server.base);
    client.cookies.set('dailies_guest', (await createGuestSession(services.db, link.link.id, caller, null)).token);
    clients[caller] = client;
  }
  return {
    episodeId: episode.id,
    segmentId: segment!.id,
    shotId: segment!.shot_id,
    compilationId: compilation.id,
    shareLinkId: reviewerLink.link.id,
    shareToken: reviewerLink.token,
    invitationId: invitation.invitation.id,
    invitationToken: invitation.token,
    characterKey: (await findPlanRows(services.db, episode.id)).characters[0]!.key,
    noteId: await ownersNote(segment!),
    webhookId: (await insertWebhook(services.db, { episode_id: episode.id, url: 'https://hooks.example.com/in', secret: 'whsec_matrix', events: ['take.ready'], created_by: users.owner.id })).id,
    episodeTemplateId: (await insertTemplate(services.db, { scope: 'episode', episode_id: episode.id, owner_user_id: null, name: 'Matrix', params: TEMPLATE_PARAMS, source_segment_id: null, created_by: users.owner.id })).id,
    accountTemplateId: (await insertTemplate(services.db, { scope: 'account', episode_id: null, owner_user_id: users.owner.id, name: `Matrix ${episode.id}`, params: TEMPLATE_PARAMS, source_segment_id: null, created_by: users.owner.id })).id,
    choiceId: (await insertChoice(services.db, { episode_id: episode.id, shot_id: segment!.shot_id, blind: false, requested_by: users.owner.id, requested_by_name: 'owner' })).id,
    serverWebhookId: (await insertWebhook(services.db, { episode_id: null, url: 'https://hooks.example.com/all', secret: 'whsec_matrix', events: ['take.ready'], created_by: null })).id,
    clients,
    tokenIds,
  };
}

/** A note of the owner's on the take (written directly: the take is not made, and this is about who may call what). */
async function ownersNote(segment: { id: string; episode_id: string; shot_id: string }): Promise<string> {
  const note = await app.context.services.db.transaction().execute((trx) =>
    insertNote(trx, {
      episode_id: segment.episode_id,
      segment_id: segment.id,
      shot_id: segment.shot_id,
      parent_id: null,
      author_key: users.owner.id,
      author_user_id: users.owner.id,
      author_name: 'owner',
      author_color: '#e4572e',
      body: 'A note',
      frame_in: null,
      frame_out: null,
      drawing: null,
      mentions: [],
    }),
  );
  return note.id;
}

function roleOf(caller: Caller): EpisodeRole | undefined {
  if (caller === 'guest_viewer') return 'viewer';
  if (caller === 'guest_reviewer') return 'reviewer';
  if (caller === 'anonymous' || caller === 'outsider') return undefined;
  return caller;
}

type Expectation = 'allowed' | 401 | 403 | 404;

function isRole(least: LeastRole): least is EpisodeRole {
  return least in RANK;
}

function expected(least: LeastRole, caller: Caller): Expectation {
  if (least === 'anyone') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (least === 'signed_in') return 'allowed';
  if (least === 'account') return caller.startsWith('guest_') ? 403 : 'allowed';
  if (least === 'admin') return 403;
  const role = roleOf(caller);
  if (!role) return 404;
  return RANK[role] >= RANK[least] ? 'allowed' : 403;
}

/** The route's path with real ids; what `:id` names is read from the path's first segment. */
function pathFor(routePath: string, fixture: Fixture, caller: Caller): string {
  const resource = routePath.split('/')[1];
  const id =
    resource === 'admin'
      ? fixture.serverWebhookId
      : resource === 'tokens'
      ? (fixture.tokenIds[caller] ?? fixture.tokenIds.owner!)
      : ({ segments: fixture.segmentId, shots: fixture.shotId, 'share-links': fixture.shareLinkId, 'compilation-jobs': fixture.compilationId, notes: fixture.noteId, webhooks: fixture.webhookId, invitations: fixture.invitationId } as Record<string, string>)[resource ?? ''] ??
        fixture.episodeId;
  const token = resource === 'invitations' ? fixture.invitationToken : fixture.shareToken;
  const templateId = resource === 'me' ? fixture.accountTemplateId : fixture.episodeTemplateId;
  return `/api/v1${routePath.replace(':id', id).replace(':token', token).replace(':key', fixture.characterKey).replace(':templateId', templateId).replace(':number', '1').replace(':choiceId', fixture.choiceId)}`;
}

beforeAll(async () => {
  // The first account of a server is its admin; keep that out of the roles under test.
  await createAccount(app.context.services, { email: 'admin@example.com', password: PASSWORD });
  const make = (name: string) => createAccount(app.context.services, { email: `${name}@example.com`, password: PASSWORD, displayName: name, isAdmin: false });
  users = {
    owner: await make('owner'),
    editor: await make('editor'),
    reviewer: await make('reviewer'),
    viewer: await make('viewer'),
    outsider: await make('outsider'),
  };
  const api = createApi({
    services: app.context.services,
    settings: { signupOpen: true, trustProxy: false },
    collab: createCollabServer({ db: app.context.services.db, notifications: new Notifications({ pool: app.context.database.pool }) }),
    workerRunning: () => false,
    version: 'test',
  });
  routes = declaredEndpoints(api.routes);
  allRouteKeys = [...new Set(api.routes.filter((r) => r.path !== '/*').map((r) => `${r.method} ${r.path}`))];
});

describe('authorization matrix', () => {
  it('finds a declared rule on every API route', () => {
    const missing = allRouteKeys.filter((key) => !routes.has(key));
    expect(missing).toEqual([]);
  });

  it('has a least role written down for every route the app answers, and for no other', () => {
    expect(allRouteKeys.filter((key) => !(key in LEAST_ROLE)), 'routes without an entry in LEAST_ROLE').toEqual([]);
    expect(Object.keys(LEAST_ROLE).filter((key) => !allRouteKeys.includes(key)), 'entries for routes the app no longer has').toEqual([]);
  });

  it('answers every route for every caller as the table says, never with a server error', async () => {
    const failures: string[] = [];
    const listed = allRouteKeys.filter((key) => key in LEAST_ROLE);
    expect(listed.length).toBeGreaterThanOrEqual(40);
    for (const key of listed) {
      const least = LEAST_ROLE[key]!;
      const [method, routePath] = key.split(' ') as [string, string];
      const fixture = await buildFixture();
      // Least privileged first: an allowed destructive call (revoke, remove) must not hide a denial.
      for (const caller of CALLERS) {
        const path = pathFor(routePath, fixture, caller);
        const response = await fixture.clients[caller].request(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
        const text = await response.text();
        const code = text.startsWith('{') ? (JSON.parse(text) as { error?: { code?: string } }).error?.code : undefined;
        const want = expected(least, caller);
        // An episode route that answers "not found" for an allowed caller did not let it in.
        // Someone else's note refused to a caller whose role allows the route is not a denial of the route.
        const denied = response.status === 401 || (response.status === 403 && code !== 'not_author') || (isRole(least) && code === 'not_found');
        const ok = response.status < 500 && (want === 'allowed' ? !denied : response.status === want);
        if (!ok) failures.push(`${key} as ${caller}: expected ${want}, got ${response.status} ${code ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('lets only an owner delete an episode; every other caller leaves it whole', async () => {
    const fixture = await buildFixture();
    const path = `/api/v1/episodes/${fixture.episodeId}`;
    const segments = () => listCurrentSegments(app.context.services.db, fixture.episodeId);
    const before = (await segments()).length;
    const refusals: Record<string, number> = {};
    for (const caller of CALLERS.filter((c) => c !== 'owner')) refusals[caller] = (await fixture.clients[caller].request('DELETE', path)).status;
    expect(refusals).toEqual({ anonymous: 401, outsider: 404, guest_viewer: 403, guest_reviewer: 403, viewer: 403, reviewer: 403, editor: 403 });
    expect((await segments()).length).toBe(before);
    expect((await fixture.clients.owner.request('DELETE', path)).status).toBe(200);
    expect(await segments()).toEqual([]);
  });

  it('orders roles as the permission table assumes', () => {
    expect(ROLE_RANK.owner).toBeGreaterThan(ROLE_RANK.editor);
    expect(ROLE_RANK.editor).toBeGreaterThan(ROLE_RANK.reviewer);
    expect(ROLE_RANK.reviewer).toBeGreaterThan(ROLE_RANK.viewer);
  });
});

describe('media URLs follow the episode rule', () => {
  it('lets every member and guest watch, and nobody else', async () => {
    const fixture = await buildFixture();
    const [segment] = await generateFirstSegments(app.context.services, fixture.episodeId, 1);
    for (const caller of CALLERS) {
      const response = await fixture.clients[caller].get(segment!.video_url!);
      const want = caller === 'anonymous' ? 401 : caller === 'outsider' ? 404 : 200;
      expect(response.status, caller).toBe(want);
      await response.arrayBuffer();
    }
  });
});
