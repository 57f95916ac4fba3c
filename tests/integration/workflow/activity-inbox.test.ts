/**
 * The activity feed and the inbox through the API: who joined, a take made ready asks the people
 * the approval rule waits for (not viewers), each decision answers its person and an approval
 * everyone; a mention reaches the person named, a reply the thread's other participants; a
 * compile tells the owners; an invitation to an address with an account lands in its inbox and
 * can be accepted there. The feed pages and filters by kind and person, guests see no addresses,
 * the unread count waits for a change, and every class of bad input is refused with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityItemDto, ActivityPageDto, InboxPageDto } from '../../../src/lib/api/activity.schema.ts';
import type { WorkerHandle } from '../../../server/jobs/worker.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { compileAndWait } from '../../support/compile.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';
import { startTestWorker } from '../../support/worker.ts';

const app = appServerForFile();
let owner: TestClient;
let editor: TestClient;
let ana: TestClient;
let ben: TestClient;
let vic: TestClient;
let gus: TestClient;
let guest: TestClient;
const ids: Record<string, string> = {};
let episodeId: string;
let takeId: string;
let worker: WorkerHandle;

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'olga@example.com', 'Olga');
  editor = await signedUpClient(app.server.base, 'dora@example.com', 'Dora');
  ana = await signedUpClient(app.server.base, 'ana@example.com', 'Ana');
  ben = await signedUpClient(app.server.base, 'ben@example.com', 'Ben');
  vic = await signedUpClient(app.server.base, 'vic@example.com', 'Vic');
  gus = await signedUpClient(app.server.base, 'gus@example.com', 'Gus');
  for (const [name, client] of Object.entries({ owner, editor, ana, ben, vic, gus })) ids[name] = (await client.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  const episode = await plannedEpisode(app.context.services, 'A lighthouse keeper waits for the storm', 1, ids.owner!);
  episodeId = episode.id;
  await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'dora@example.com', role: 'editor' });
  for (const email of ['ana@example.com', 'ben@example.com']) await owner.put(`/api/v1/episodes/${episodeId}/members`, { email, role: 'reviewer' });
  await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'vic@example.com', role: 'viewer' });
  const [first] = await generateFirstSegments(app.context.services, episodeId, 1);
  takeId = first!.id;
  const link = await owner.json<{ token: string }>('POST', `/api/v1/episodes/${episodeId}/share-links`, { role: 'reviewer', label: 'client' });
  guest = new TestClient(app.server.base);
  expect((await guest.post(`/api/v1/share/${link.body.token}/session`, { name: 'Gail' })).status).toBe(201);
  worker = await startTestWorker(app.context);
});
afterAll(async () => {
  await worker?.stop();
});

const feed = async (client: TestClient, query = '') => (await client.json<ActivityPageDto>('GET', `/api/v1/episodes/${episodeId}/activity${query}`)).body;
const inbox = async (client: TestClient, query = '') => (await client.json<InboxPageDto & { revision: string }>('GET', `/api/v1/me/inbox${query}`)).body;
const kindsOf = (items: ActivityItemDto[]) => items.map((item) => item.kind);

describe('activity and inbox', () => {
  it('shows who joined, newest first, with addresses for owners and none for anyone else', async () => {
    const page = await feed(owner, '?kind=members');
    expect(page.items.map((item) => item.text)).toEqual(['Vic joined as viewer', 'Ben joined as reviewer', 'Ana joined as reviewer', 'Dora joined as editor']);
    expect(page.items[0]!.details.email).toBe('vic@example.com');
    expect(page.items[0]!.actor.name).toBe('Olga');
    for (const client of [guest, editor, ana]) {
      const seen = await feed(client, '?kind=members');
      expect(seen.items.map((item) => item.text)).toEqual(page.items.map((item) => item.text));
      expect(seen.items.every((item) => item.details.email === undefined)).toBe(true);
      // The members list says the same: names for everyone, addresses for owners.
      const members = (await client.json<{ members: { display_name: string; email: string | null }[] }>('GET', `/api/v1/episodes/${episodeId}/members`)).body.members;
      expect(members.map((member) => member.email)).toEqual(members.map(() => null));
    }
    const forOwner = (await owner.json<{ members: { email: string | null }[] }>('GET', `/api/v1/episodes/${episodeId}/members`)).body.members;
    expect(forOwner.map((member) => member.email)).toContain('vic@example.com');
  });

  it('asks everyone who may decide (not the viewer) about a ready take, and says the take is ready', async () => {
    const ready = (await feed(owner, '?kind=takes')).items;
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ kind: 'take.ready', segment_id: takeId, version: 1, text: 'Shot 1 v1 is ready for review', link: `/episodes/${episodeId}/segments/${takeId}` });
    for (const client of [owner, editor, ana, ben]) {
      const box = await inbox(client);
      expect(box.unread).toBe(1);
      expect(box.items[0]).toMatchObject({ kind: 'decision', read: false, text: 'Shot 1 v1 waits for your decision', link: `/episodes/${episodeId}/segments/${takeId}`, episode: { id: episodeId } });
    }
    expect((await inbox(vic)).unread).toBe(0);
    expect((await inbox(gus)).unread).toBe(0);
  });

  it('settles a person’s question when they decide, and everyone’s once the take is approved', async () => {
    expect((await ana.request('PUT', `/api/v1/segments/${takeId}/decision`, { decision: 'changes_requested', note: 'Darker sky' })).status).toBe(200);
    expect((await inbox(ana)).unread).toBe(0);
    expect((await inbox(ben)).unread).toBe(1);
    expect((await ben.request('PUT', `/api/v1/segments/${takeId}/decision`, { decision: 'approve', rating: 4 })).status).toBe(200);
    for (const client of [owner, editor, ana, ben]) expect((await inbox(client, '?unread=1')).items).toEqual([]);
    const decisions = (await feed(owner, '?kind=decisions,takes')).items;
    expect(kindsOf(decisions)).toEqual(['take.approved', 'take.decided', 'take.decided', 'take.ready']);
    expect(decisions[1]!.text).toBe('Ben approved shot 1 v1 (4/5)');
    expect(decisions[2]!.text).toBe('Ana asked for changes on shot 1 v1: “Darker sky”');
  });

  it('tells the person named in a note, and the thread’s other participants of a reply', async () => {
    const note = await ana.json<{ id: string }>('POST', `/api/v1/segments/${takeId}/notes`, { text: '@Ben the horizon tilts', frame_in: 12, mentions: [ids.ben] });
    expect(note.status).toBe(201);
    const benBox = await inbox(ben, '?unread=1');
    expect(benBox.items.map((item) => item.kind)).toEqual(['mention']);
    expect(benBox.items[0]!.text).toBe('Ana mentioned you on shot 1 v1: “@Ben the horizon tilts”');
    expect(benBox.items[0]!.link).toBe(`/episodes/${episodeId}/segments/${takeId}?note=${note.body.id}`);
    expect((await inbox(ana, '?unread=1')).items).toEqual([]);

    expect((await editor.post(`/api/v1/notes/${note.body.id}/replies`, { text: 'Agreed, and the boat too' })).status).toBe(201);
    // Ana wrote the thread; Ben was only named in it, not a participant.
    expect((await inbox(ana, '?unread=1')).items.map((item) => [item.kind, item.text])).toEqual([['reply', 'Dora replied in a thread you are in, on shot 1 v1: “Agreed, and the boat too”']]);
    expect((await inbox(ben, '?unread=1')).items.map((item) => item.kind)).toEqual(['mention']);

    const mentions = (await feed(owner, '?kind=mentions')).items;
    expect(mentions.map((item) => item.note_id)).toEqual([note.body.id]);
    expect(mentions[0]).toMatchObject({ kind: 'note.created', frame: 12, mentioned_user_ids: [ids.ben], text: 'Ana noted on shot 1 v1 at frame 12: “@Ben the horizon tilts”' });
    const byDora = (await feed(owner, `?person=${ids.editor}`)).items;
    expect(kindsOf(byDora)).toEqual(['note.replied']);
  });

  it('pages the feed with before, and answers what is new with after', async () => {
    const all = (await feed(owner, '?limit=200')).items;
    const first = await feed(owner, '?limit=3');
    expect(first.items.map((item) => item.id)).toEqual(all.slice(0, 3).map((item) => item.id));
    expect(first.next_before).toBe(all[2]!.id);
    const second = await feed(owner, `?limit=3&before=${first.next_before}`);
    expect(second.items.map((item) => item.id)).toEqual(all.slice(3, 6).map((item) => item.id));
    const last = await feed(owner, `?limit=200&before=${all.at(-2)!.id}`);
    expect(last).toEqual({ items: [all.at(-1)], next_before: null });
    expect((await feed(owner, `?after=${all[1]!.id}`)).items.map((item) => item.id)).toEqual([all[0]!.id]);
  });

  it('tells the owners when a compile is done', async () => {
    await compileAndWait(editor, episodeId, { segment_ids: [takeId], transition_style: 'cut' });
    const box = await inbox(owner, '?unread=1');
    expect(box.items[0]).toMatchObject({ kind: 'compile', link: `/episodes/${episodeId}#final-video` });
    expect(box.items[0]!.text).toMatch(/^The final video is compiled \(\d+:\d\d\)$/);
    expect((await inbox(editor, '?unread=1')).items.filter((item) => item.kind === 'compile')).toEqual([]);
    expect(kindsOf((await feed(ana, '?kind=compiles')).items)).toEqual(['compile.completed']);
  });

  it('answers the unread count when it changes, and at once when it already differs', async () => {
    const now = await ben.json<{ unread: number; revision: string }>('GET', '/api/v1/me/inbox/unread');
    const waiting = ben.json<{ unread: number; revision: string }>('GET', `/api/v1/me/inbox/unread?since=${now.body.revision}&wait=30`);
    const started = Date.now();
    // Nothing for Ben yet: the answer waits.
    const early = await Promise.race([waiting.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]);
    expect(early).toBe('waiting');
    await ana.post(`/api/v1/segments/${takeId}/notes`, { text: 'Ben, look at the gulls', mentions: [ids.ben] });
    const changed = await waiting;
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(changed.body.unread).toBe(now.body.unread + 1);
    expect(changed.body.revision).not.toBe(now.body.revision);
    const stale = await ben.json<{ unread: number }>('GET', `/api/v1/me/inbox/unread?since=${now.body.revision}&wait=30`);
    expect(stale.body.unread).toBe(now.body.unread + 1);
  });

  it('marks items read, one by one or all at once', async () => {
    const box = await inbox(ben, '?unread=1');
    expect(box.unread).toBe(2);
    const one = await ben.json<{ unread: number; marked: number }>('POST', '/api/v1/me/inbox/read', { ids: [box.items[0]!.id] });
    expect(one.body).toEqual({ unread: 1, marked: 1 });
    const all = await ben.json<{ unread: number; marked: number }>('POST', '/api/v1/me/inbox/read', { all: true });
    expect(all.body).toEqual({ unread: 0, marked: 1 });
    expect((await inbox(ben)).items.every((item) => item.read)).toBe(true);
  });

  it('puts an invitation to an address with an account in its inbox, to accept there', async () => {
    expect((await owner.post(`/api/v1/episodes/${episodeId}/invitations`, { email: 'gus@example.com', role: 'reviewer' })).status).toBe(201);
    const box = await inbox(gus, '?unread=1');
    expect(box.items).toHaveLength(1);
    expect(box.items[0]).toMatchObject({ kind: 'invitation', text: `Olga invited you to “${box.items[0]!.episode.title}” as reviewer`, invitation: { role: 'reviewer', inviter_name: 'Olga' } });
    // Someone else cannot use Gus's item, nor Gus a non-invitation item.
    expect((await ana.request('POST', `/api/v1/me/inbox/${box.items[0]!.id}/accept`)).status).toBe(404);
    const accepted = await gus.json<{ episode_id: string; role: string }>('POST', `/api/v1/me/inbox/${box.items[0]!.id}/accept`);
    expect(accepted.body).toEqual({ episode_id: episodeId, role: 'reviewer' });
    expect((await gus.request('GET', `/api/v1/episodes/${episodeId}`)).status).toBe(200);
    // Used: it leaves the inbox.
    expect((await inbox(gus)).items.filter((item) => item.kind === 'invitation')).toEqual([]);
    expect((await feed(owner, '?kind=members')).items[0]!.text).toBe('Gus joined as reviewer through an invitation');
  });

  it('shows nothing of an episode to someone who left it', async () => {
    await ana.post(`/api/v1/segments/${takeId}/notes`, { text: 'Vic, the fog', mentions: [ids.ana] });
    expect((await owner.request('DELETE', `/api/v1/episodes/${episodeId}/members`, { email: 'ben@example.com' })).status).toBe(204);
    expect((await inbox(ben)).items).toEqual([]);
    expect((await ben.request('GET', `/api/v1/episodes/${episodeId}/activity`)).status).toBe(404);
  });

  it('asks again when an approved take is reopened, and records a decision taken back', async () => {
    for (const client of [owner, editor, ana, gus]) await client.post('/api/v1/me/inbox/read', { all: true });
    expect((await owner.request('POST', `/api/v1/segments/${takeId}/reopen`, { reason: 'The gulls again' })).status).toBe(200);
    expect((await feed(ana, '?kind=takes&limit=1')).items[0]!.text).toBe('Olga reopened shot 1 v1: “The gulls again”');
    for (const client of [editor, ana, gus]) {
      const box = await inbox(client, '?unread=1');
      expect(box.items.map((item) => [item.kind, item.text])).toEqual([['decision', 'Shot 1 v1 waits for your decision']]);
    }
    // Olga reopened it herself: nothing asks her.
    expect((await inbox(owner, '?unread=1')).items).toEqual([]);
    expect((await ana.request('PUT', `/api/v1/segments/${takeId}/decision`, { decision: 'approve' })).status).toBe(200);
    expect((await ana.request('DELETE', `/api/v1/segments/${takeId}/decision`)).status).toBe(200);
    expect((await feed(owner, '?kind=decisions&limit=1')).items[0]!.text).toBe('Ana took back their decision on shot 1 v1');
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    await ana.post(`/api/v1/segments/${takeId}/notes`, { text: 'Dora, the rope', mentions: [ids.editor] });
    const before = await databaseFingerprint(app.context.services.db);
    const cases: [TestClient, string, string, unknown, number, string][] = [
      [owner, 'GET', `/api/v1/episodes/${episodeId}/activity?kind=gossip`, undefined, 400, 'validation_failed'],
      [owner, 'GET', `/api/v1/episodes/${episodeId}/activity?before=soon`, undefined, 400, 'validation_failed'],
      [owner, 'GET', `/api/v1/episodes/${episodeId}/activity?person=ana`, undefined, 400, 'validation_failed'],
      [owner, 'GET', `/api/v1/episodes/${episodeId}/activity?limit=5000`, undefined, 400, 'validation_failed'],
      [owner, 'GET', '/api/v1/me/inbox/unread?wait=90', undefined, 400, 'validation_failed'],
      [owner, 'GET', '/api/v1/me/inbox/unread?since=yesterday', undefined, 400, 'validation_failed'],
      [owner, 'POST', '/api/v1/me/inbox/read', { ids: [] }, 400, 'validation_failed'],
      [owner, 'POST', '/api/v1/me/inbox/read', { all: false }, 400, 'validation_failed'],
      [owner, 'POST', '/api/v1/me/inbox/read', { ids: ['one'] }, 400, 'validation_failed'],
      [owner, 'POST', '/api/v1/me/inbox/abc/accept', undefined, 400, 'validation_failed'],
      [guest, 'GET', '/api/v1/me/inbox', undefined, 403, 'forbidden'],
    ];
    for (const [client, method, path, body, status, code] of cases) {
      const answer = await client.request(method, path, body);
      const json = (await answer.json()) as { error?: { code: string; message: string } };
      expect([path, answer.status, json.error?.code]).toEqual([path, status, code]);
      expect(json.error?.message.length).toBeGreaterThan(10);
    }
    // Someone else's item among one's own: nothing is marked.
    const own = (await inbox(editor, '?unread=1')).items[0]!.id;
    const foreign = (await inbox(gus)).items[0]!.id;
    const mixed = await editor.json<{ error: { code: string } }>('POST', '/api/v1/me/inbox/read', { ids: [own, foreign] });
    expect([mixed.status, mixed.body.error.code]).toEqual([404, 'not_found']);
    expect((await inbox(editor, '?unread=1')).items[0]!.id).toBe(own);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
  });
});
