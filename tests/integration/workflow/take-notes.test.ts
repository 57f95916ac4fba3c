/**
 * Frame notes through the API: a note at a frame with a drawing and a mention, threads of replies,
 * edits and deletion of one's own note with the history kept, resolving, filters, guests with the
 * review right, the timecode start, notes listed on later takes, a proposal and a new take that
 * answers notes (resolved once it is approved), and every class of bad input refused with nothing
 * stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { NoteDto, NoteHistoryDto, NoteListDto, NoteProposalDto } from '../../../src/lib/api/notes.schema.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { generateAndAnalyze, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let editor: TestClient;
let ana: TestClient;
let ben: TestClient;
let vic: TestClient;
let guest: TestClient;
const ids: Record<string, string> = {};
let episodeId: string;
let take: { id: string; duration: number };
let fps: number;

const ARROW = { shapes: [{ kind: 'arrow', color: '#e11d48', width: 0.01, from: [0.2, 0.3], to: [0.5, 0.55] }] };

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'olga@example.com', 'Olga');
  editor = await signedUpClient(app.server.base, 'dora@example.com', 'Dora');
  ana = await signedUpClient(app.server.base, 'ana@example.com', 'Ana');
  ben = await signedUpClient(app.server.base, 'ben@example.com', 'Ben');
  vic = await signedUpClient(app.server.base, 'vic@example.com', 'Vic');
  await signedUpClient(app.server.base, 'stranger@example.com', 'Stan');
  for (const [name, client] of Object.entries({ owner, editor, ana, ben, vic })) ids[name] = (await client.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  const episode = await plannedEpisode(app.context.services, 'A lighthouse keeper waits for the storm', 1, ids.owner!);
  episodeId = episode.id;
  await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'dora@example.com', role: 'editor' });
  for (const email of ['ana@example.com', 'ben@example.com']) await owner.put(`/api/v1/episodes/${episodeId}/members`, { email, role: 'reviewer' });
  await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'vic@example.com', role: 'viewer' });
  const [first] = await generateFirstSegments(app.context.services, episodeId, 1);
  take = { id: first!.id, duration: Number(first!.duration) };
  // Episodes are made at 24 fps unless asked otherwise.
  fps = 24;
  const link = await owner.json<{ token: string }>('POST', `/api/v1/episodes/${episodeId}/share-links`, { role: 'reviewer', label: 'client' });
  guest = new TestClient(app.server.base);
  expect((await guest.post(`/api/v1/share/${link.body.token}/session`, { name: 'Gail' })).status).toBe(201);
});

const notesOf = async (client: TestClient, segmentId: string, filter?: string) =>
  (await client.json<NoteListDto>('GET', `/api/v1/segments/${segmentId}/notes${filter ? `?filter=${filter}` : ''}`)).body;
const write = (client: TestClient, segmentId: string, body: Record<string, unknown>) => client.json<NoteDto & { error?: { code: string } }>('POST', `/api/v1/segments/${segmentId}/notes`, body);

describe('frame notes', () => {
  let threadId: string;

  it('anchors a note to frame 37 with an arrow and a mention, and shows it to the others', async () => {
    const made = await write(ana, take.id, { text: '@Ben the sky should be darker here', frame_in: 37, drawing: ARROW, mentions: [ids.ben] });
    expect(made.status).toBe(201);
    threadId = made.body.id;
    expect(made.body).toMatchObject({
      version: 1,
      frame_in: 37,
      frame_out: 37,
      drawing: ARROW,
      mentions: [{ id: ids.ben, name: 'Ben' }],
      author: { name: 'Ana', is_me: true },
      resolved: false,
      replies: [],
      can: { edit: true, delete: true, resolve: true, reply: true },
    });
    const seenByBen = await notesOf(ben, take.id);
    expect(seenByBen).toMatchObject({ fps, timecode_start_frame: 0 });
    expect(seenByBen.notes).toHaveLength(1);
    expect(seenByBen.notes[0]).toMatchObject({ id: threadId, frame_in: 37, drawing: ARROW, author: { name: 'Ana', is_me: false }, can: { edit: false, delete: false, resolve: true, reply: true } });
    // Mentions and authorship filter per person.
    expect((await notesOf(ben, take.id, 'mentions')).notes.map((n) => n.id)).toEqual([threadId]);
    expect((await notesOf(ana, take.id, 'mentions')).notes).toEqual([]);
    expect((await notesOf(ana, take.id, 'mine')).notes.map((n) => n.id)).toEqual([threadId]);
    expect((await notesOf(ben, take.id, 'mine')).notes).toEqual([]);
  });

  it('threads replies, keeps edits and deletions in the history, and only the author may change a note', async () => {
    const reply = await ben.json<NoteDto>('POST', `/api/v1/notes/${threadId}/replies`, { text: 'Agreed, see https://example.com/ref' });
    expect(reply.status).toBe(201);
    expect(reply.body.id).toBe(threadId);
    expect(reply.body.replies.map((r) => [r.author.name, r.text])).toEqual([['Ben', 'Agreed, see https://example.com/ref']]);
    const replyId = reply.body.replies[0]!.id;
    // A reply to a reply joins the same thread.
    const again = await ana.json<NoteDto>('POST', `/api/v1/notes/${replyId}/replies`, { text: 'Thanks' });
    expect(again.body.replies.map((r) => r.text)).toEqual(['Agreed, see https://example.com/ref', 'Thanks']);
    expect((await notesOf(ben, take.id, 'mine')).notes.map((n) => n.id)).toEqual([threadId]);

    expect((await ben.request('PATCH', `/api/v1/notes/${threadId}`, { text: 'Ben was here' })).status).toBe(403);
    expect((await ben.request('DELETE', `/api/v1/notes/${threadId}`)).status).toBe(403);
    const edited = await ana.json<NoteDto>('PATCH', `/api/v1/notes/${threadId}`, { text: '@Ben the sky should be much darker' });
    expect(edited.status).toBe(200);
    expect(edited.body.text).toBe('@Ben the sky should be much darker');
    expect(edited.body.edited_at).toEqual(expect.any(String));
    const deleted = await ben.json<NoteDto>('DELETE', `/api/v1/notes/${replyId}`);
    expect(deleted.body.replies[0]).toMatchObject({ id: replyId, deleted: true, text: '', can: { edit: false, delete: false } });
    expect((await ben.request('POST', `/api/v1/notes/${replyId}/replies`, { text: 'hello?' })).status).toBe(201);

    const history = await vic.json<NoteHistoryDto>('GET', `/api/v1/notes/${threadId}/history`);
    expect(history.body.edits.map((e) => [e.text, e.edited_by])).toEqual([['@Ben the sky should be darker here', 'Ana']]);
    expect(history.body.edits[0]!.drawing).toEqual(ARROW);
    const replyHistory = await vic.json<NoteHistoryDto>('GET', `/api/v1/notes/${replyId}/history`);
    expect(replyHistory.body.edits.map((e) => e.text)).toEqual(['Agreed, see https://example.com/ref']);

    const audit = await owner.json<{ events: { action: string; actor_name: string }[] }>('GET', `/api/v1/episodes/${episodeId}/audit`);
    const actions = audit.body.events.map((e) => `${e.action} ${e.actor_name}`);
    for (const expected of ['note.create Ana', 'note.reply Ben', 'note.edit Ana', 'note.delete Ben']) expect(actions).toContain(expected);
  });

  it('resolves and reopens threads, not replies, and filters by state', async () => {
    const replyId = (await notesOf(ana, take.id)).notes[0]!.replies[0]!.id;
    const refused = await ben.json<{ error: { code: string } }>('POST', `/api/v1/notes/${replyId}/resolve`);
    expect([refused.status, refused.body.error.code]).toEqual([422, 'not_a_thread']);
    const resolved = await ben.json<NoteDto>('POST', `/api/v1/notes/${threadId}/resolve`);
    expect(resolved.body).toMatchObject({ resolved: true, resolved_by: 'Ben' });
    expect((await notesOf(ana, take.id, 'open')).notes).toEqual([]);
    expect((await notesOf(ana, take.id, 'resolved')).notes.map((n) => n.id)).toEqual([threadId]);
    expect((await ana.json<NoteDto>('POST', `/api/v1/notes/${threadId}/reopen`)).body).toMatchObject({ resolved: false, resolved_by: null });
    expect((await notesOf(ana, take.id, 'open')).notes.map((n) => n.id)).toEqual([threadId]);
  });

  it('lets a guest with the review right write notes, and a viewer read but not write', async () => {
    const made = await write(guest, take.id, { text: 'Too dark at the start', frame_in: 10, frame_out: 20 });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ frame_in: 10, frame_out: 20, author: { name: 'Gail (guest)', is_me: true } });
    expect((await write(vic, take.id, { text: 'I would like to say something' })).status).toBe(403);
    const seen = await notesOf(vic, take.id);
    expect(seen.notes.map((n) => n.author.name)).toEqual(['Ana', 'Gail (guest)']);
    expect(seen.notes.every((n) => !n.can.reply && !n.can.resolve)).toBe(true);
    // The whole take: no frames.
    const whole = await write(ben, take.id, { text: 'Lovely take overall' });
    expect(whole.body).toMatchObject({ frame_in: null, frame_out: null });
  });

  it('sets the timecode start by frame or by timecode (editors)', async () => {
    expect((await vic.request('PUT', `/api/v1/episodes/${episodeId}/timecode`, { start_frame: 1001 })).status).toBe(403);
    expect((await editor.json('PUT', `/api/v1/episodes/${episodeId}/timecode`, { start_frame: 1001 })).body).toEqual({ timecode_start_frame: 1001 });
    expect((await notesOf(vic, take.id)).timecode_start_frame).toBe(1001);
    // One hour of frames at the episode's rate.
    expect((await editor.json('PUT', `/api/v1/episodes/${episodeId}/timecode`, { start: '01:00:00:00' })).body).toEqual({ timecode_start_frame: 3600 * fps });
    expect((await owner.json<{ timecode_start_frame: number }>('GET', `/api/v1/episodes/${episodeId}`)).body.timecode_start_frame).toBe(3600 * fps);
    await editor.put(`/api/v1/episodes/${episodeId}/timecode`, { start_frame: 0 });
  });

  it('proposes the next take from notes; the new take answers them, lists v1 notes, and resolves them when approved', async () => {
    const proposal = await editor.json<NoteProposalDto>('POST', `/api/v1/segments/${take.id}/notes/proposal`, { note_ids: [threadId] });
    expect(proposal.status).toBe(200);
    expect(proposal.body).toMatchObject({ source: 'rules', note_ids: [threadId], model_error: null });
    expect(proposal.body.changes.prompt_modifications).toContain('much darker');
    expect(proposal.body.proposed.prompt.startsWith(proposal.body.current.prompt)).toBe(true);
    expect(proposal.body.proposed.prompt).toContain('much darker');
    // Proposing stores nothing; a reviewer may ask too (the reject form's suggestion).
    const fromText = await ana.json<NoteProposalDto>('POST', `/api/v1/segments/${take.id}/notes/proposal`, { text: 'make it 4 seconds long' });
    expect(fromText.body.changes.duration).toBe(4);

    const v2 = await editor.json<{ id: string; version: number }>('POST', `/api/v1/segments/${take.id}/regenerate`, { changes: proposal.body.changes, answers_notes: [threadId] });
    expect([v2.status, v2.body.version]).toEqual([202, 2]);
    const onV2 = await notesOf(ana, v2.body.id);
    expect(onV2.notes.find((n) => n.id === threadId)).toMatchObject({ version: 1, addressed_in_version: 2, resolved: false });
    await generateAndAnalyze(app.context.services, v2.body.id);
    const made = await owner.json<{ generation_params: { prompt: string } }>('GET', `/api/v1/segments/${v2.body.id}`);
    expect(made.body.generation_params.prompt).toContain('much darker');
    expect((await ana.json<{ approval_status: string }>('PUT', `/api/v1/segments/${v2.body.id}/decision`, { decision: 'approve' })).body.approval_status).toBe('approved');
    const after = (await notesOf(ana, v2.body.id)).notes.find((n) => n.id === threadId)!;
    expect(after).toMatchObject({ resolved: true, resolved_by: 'approval of version 2', addressed_in_version: 2 });
    // The guest's note was not chosen: still open.
    expect((await notesOf(ana, v2.body.id, 'open')).notes.map((n) => n.author.name)).toEqual(['Gail (guest)', 'Ben']);
  }, 180_000);
});

describe('bad input', () => {
  it('refuses each with a clear 4xx and stores nothing', async () => {
    const episode = await plannedEpisode(app.context.services, 'Two trains pass in the night', 1, ids.owner!);
    await owner.put(`/api/v1/episodes/${episode.id}/members`, { email: 'ana@example.com', role: 'reviewer' });
    await owner.put(`/api/v1/episodes/${episode.id}/members`, { email: 'dora@example.com', role: 'editor' });
    const [made] = await generateFirstSegments(app.context.services, episode.id, 1);
    const lastFrame = Math.round(Number(made!.duration) * fps) - 1;
    const thread = (await write(ana, made!.id, { text: 'A thread', frame_in: 0 })).body;
    const reply = (await ana.json<NoteDto>('POST', `/api/v1/notes/${thread.id}/replies`, { text: 'A reply' })).body.replies[0]!;
    const resolved = (await write(ana, made!.id, { text: 'Settled', frame_in: 1 })).body;
    await ana.post(`/api/v1/notes/${resolved.id}/resolve`);
    // Notes of the first episode's take, which Ana may see but which belong to another shot.
    const elsewhere = (await notesOf(ana, take.id)).notes[0]!;
    // A note of an episode Ana is not on.
    const privateEpisode = await plannedEpisode(app.context.services, 'A secret garden', 1, ids.owner!);
    const [privateTake] = await generateFirstSegments(app.context.services, privateEpisode.id, 1);
    const privateNote = (await write(owner, privateTake!.id, { text: 'Owner only' })).body;
    const huge = { shapes: Array.from({ length: 3 }, () => ({ kind: 'freehand', color: '#112233', width: 0.005, points: Array.from({ length: 5000 }, (_, i) => [0.123456789 + i / 1e7, 0.987654321 - i / 1e7]) })) };

    const before = await databaseFingerprint(app.context.services.db);
    const path = `/api/v1/segments/${made!.id}/notes`;
    const cases: [string, Promise<Response>, number, string][] = [
      ['a frame past the take', ana.post(path, { text: 'x', frame_in: lastFrame + 1 }), 422, 'frame_out_of_range'],
      ['a range ending past the take', ana.post(path, { text: 'x', frame_in: 0, frame_out: lastFrame + 1 }), 422, 'frame_out_of_range'],
      ['a range that ends before it starts', ana.post(path, { text: 'x', frame_in: 20, frame_out: 10 }), 422, 'invalid_frame_range'],
      ['an end without a start', ana.post(path, { text: 'x', frame_out: 10 }), 422, 'invalid_frame_range'],
      ['a negative frame', ana.post(path, { text: 'x', frame_in: -1 }), 400, 'validation_failed'],
      ['a fractional frame', ana.post(path, { text: 'x', frame_in: 1.5 }), 400, 'validation_failed'],
      ['a drawing over 256 KiB', ana.post(path, { text: 'x', frame_in: 0, drawing: huge }), 413, 'drawing_too_large'],
      ['a non-finite coordinate', ana.request('POST', path, '{"text":"x","frame_in":0,"drawing":{"shapes":[{"kind":"arrow","color":"#112233","width":0.01,"from":[1e999,0],"to":[0.5,0.5]}]}}'), 400, 'validation_failed'],
      ['a colour that is not #rrggbb', ana.post(path, { text: 'x', drawing: { shapes: [{ kind: 'rect', color: 'red', width: 0.01, x: 0, y: 0, w: 0.1, h: 0.1 }] } }), 400, 'validation_failed'],
      ['neither text nor drawing', ana.post(path, { text: '  ' }), 400, 'validation_failed'],
      ['a mention of someone not on the episode', ana.post(path, { text: '@Vic look', mentions: [ids.vic] }), 422, 'mention_not_member'],
      ['a reply to a note of another episode', ana.post(`/api/v1/notes/${privateNote.id}/replies`, { text: 'sneaky' }), 404, 'not_found'],
      ['a reply mentioning a stranger', ana.post(`/api/v1/notes/${thread.id}/replies`, { text: 'hi', mentions: [ids.vic] }), 422, 'mention_not_member'],
      ['an edit of someone else’s note', editor.request('PATCH', `/api/v1/notes/${thread.id}`, { text: 'mine now' }), 403, 'not_author'],
      ['an edit leaving nothing', ana.request('PATCH', `/api/v1/notes/${thread.id}`, { text: '' }), 422, 'empty_note'],
      ['resolving a reply', ana.post(`/api/v1/notes/${reply.id}/resolve`), 422, 'not_a_thread'],
      ['an unknown filter', ana.request('GET', `${path}?filter=everything`), 400, 'validation_failed'],
      ['a note id that is not a UUID', ana.post('/api/v1/notes/not-a-note/replies', { text: 'x' }), 400, 'validation_failed'],
      ['a proposal from a resolved note', editor.post(`${path}/proposal`, { note_ids: [resolved.id] }), 422, 'notes_not_answerable'],
      ['a proposal from a note of another shot', editor.post(`${path}/proposal`, { note_ids: [elsewhere.id] }), 422, 'notes_not_answerable'],
      ['a proposal from a reply', editor.post(`${path}/proposal`, { note_ids: [reply.id] }), 422, 'notes_not_answerable'],
      ['a new take answering a note of another shot', editor.post(`/api/v1/segments/${made!.id}/regenerate`, { answers_notes: [elsewhere.id] }), 422, 'notes_not_answerable'],
      ['a timecode past the frame rate', editor.request('PUT', `/api/v1/episodes/${episode.id}/timecode`, { start: `00:00:00:${fps}` }), 422, 'invalid_timecode'],
      ['a timecode in another form', editor.request('PUT', `/api/v1/episodes/${episode.id}/timecode`, { start: '1h' }), 400, 'validation_failed'],
    ];
    for (const [what, pendingResponse, status, code] of cases) {
      const response = await pendingResponse;
      const body = (await response.json()) as { error?: { code: string; message: string } };
      expect([what, response.status, body.error?.code]).toEqual([what, status, code]);
      expect(body.error?.message, what).toEqual(expect.any(String));
    }
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
  }, 180_000);

  it('refuses a note on a take that is not made yet', async () => {
    const episode = await plannedEpisode(app.context.services, 'A kite over the dunes', 1, ids.owner!);
    await owner.put(`/api/v1/episodes/${episode.id}/members`, { email: 'ana@example.com', role: 'reviewer' });
    const [pending] = await generateFirstSegments(app.context.services, episode.id, 0);
    const refused = await ana.json<{ error: { code: string; message: string } }>('POST', `/api/v1/segments/${pending!.id}/notes`, { text: 'too early', frame_in: 0 });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'conflict']);
    expect(refused.body.error.message).toContain('not made yet');
  }, 180_000);
});
