/**
 * Takes to choose from, with a real worker and a provider that renders two takes at a time: three
 * takes of a shot are queued at once in the provider's two lanes, each with its own seed; nobody
 * decides on them while the vote is open; reviewers vote blind (provider, seed, versions and who
 * voted hidden until it closes, on the grid and the take pages); a tie is refused; the winner becomes the shot's current take and
 * the others stay as versions. On a shot whose take is approved, the winner replaces the approved
 * take only once it is approved itself. A vote whose last take fails goes on among those made. Bad
 * input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVersions, listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import type { WorkerHandle } from '../../../server/jobs/worker.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import type { TakeChoiceDto } from '../../../src/lib/api/take-choices.schema.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { addMember } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { InstrumentedProvider } from '../../support/instrumented-provider.ts';
import { eventually } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';
import { startTestWorker } from '../../support/worker.ts';

interface Made {
  choice: TakeChoiceDto | null;
  takes: { segment_id: string; version: number; seed: number; is_current: boolean; queued: boolean }[];
}
interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

const provider = new InstrumentedProvider('pair');
let context: TestContext;
let server: AppServer;
let worker: WorkerHandle | undefined;
let editor: TestClient;
let rita: TestClient;
let rolf: TestClient;
let episodeId: string;

const shots = () => listCurrentSegments(context.services.db, episodeId);
const choicePath = (id: string) => `/api/v1/episodes/${episodeId}/take-choices/${id}`;
const getChoice = async (client: TestClient, id: string) => (await client.json<TakeChoiceDto>('GET', choicePath(id))).body;
const made = (client: TestClient, id: string) => eventually(async () => ((await getChoice(client, id)).rendered ? getChoice(client, id) : undefined), 90_000, 'every take made');
const inboxOf = async (client: TestClient) => (await client.json<{ items: { kind: string; read: boolean; text: string; link: string }[] }>('GET', '/api/v1/me/inbox')).body.items;
const letter = (choice: TakeChoiceDto, label: string) => choice.takes.find((take) => take.label === label)!.segment_id;

beforeAll(async () => {
  context = await createTestContext({ providers: createProviderRegistry({ videos: [provider] }), engine: { providerLimits: { pair: { maxConcurrent: 2 } } } });
  server = await startAppServer(context);
  editor = await signedUpClient(server.base, 'edda@example.com', 'Edda');
  rita = await signedUpClient(server.base, 'rita@example.com', 'Rita');
  rolf = await signedUpClient(server.base, 'rolf@example.com', 'Rolf');
  const { status, body } = await editor.json<{ id: string }>('POST', '/api/v1/episodes', {
    width: 320,
    height: 180,
    video_provider: 'pair',
    shots: [
      { scene: 'EXT. QUAY - DUSK', prompt: 'A ferry leaves the quay', duration: 1 },
      { scene: 'EXT. QUAY - DUSK', prompt: 'Gulls circle the mast', duration: 1 },
      { scene: 'EXT. QUAY - NIGHT', prompt: 'The harbour lights come on', duration: 1 },
    ],
  });
  expect(status).toBe(201);
  episodeId = body.id;
  await addMember(context.services, episodeId, 'rita@example.com', 'reviewer');
  await addMember(context.services, episodeId, 'rolf@example.com', 'reviewer');
  worker = await startTestWorker(context, { concurrency: 4 });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await context?.cleanup();
});

describe('three takes of a shot, voted on blind', () => {
  let choice: TakeChoiceDto;

  it('queues three takes with different seeds at once, in the provider’s two lanes', async () => {
    const [first] = await shots();
    const { status, body } = await editor.json<Made>('POST', `/api/v1/segments/${first!.id}/takes`, { count: 3, blind: true });
    expect(status).toBe(202);
    expect(body.takes).toHaveLength(3);
    // The shot had no take yet: the first of the three is its own take, the others are made beside it.
    expect(body.takes.map((take) => take.is_current)).toEqual([true, false, false]);
    expect(body.takes[0]!.segment_id).toBe(first!.id);
    expect(new Set(body.takes.map((take) => take.seed)).size).toBe(3);
    expect(body.takes.every((take) => take.queued)).toBe(true);
    const lanes = (await listVersions(context.services.db, first!.shot_id)).map((take) => take.queue_lane);
    expect(new Set(lanes)).toEqual(new Set([0, 1]));
    choice = body.choice!;
    expect(choice).toMatchObject({ blind: true, status: 'open', revealed: false, votes_cast: 0, my_vote: null, requested_by_name: 'Edda' });
    expect(choice.takes.map((take) => take.label)).toEqual(['A', 'B', 'C']);
    expect(choice.takes.map((take) => [take.provider, take.seed, take.version, take.votes, take.voters])).toEqual([
      [null, null, null, null, null],
      [null, null, null, null, null],
      [null, null, null, null, null],
    ]);
    choice = await made(rita, choice.id);
    expect(choice.takes.map((take) => take.status)).toEqual(['completed', 'completed', 'completed']);
    // Never more renders at once than the provider takes.
    expect(provider.maxActive).toBeLessThanOrEqual(2);
  });

  it('asks each reviewer once to vote when every take is made, and leads to the vote', async () => {
    const waiting = await eventually(async () => {
      const items = (await inboxOf(rolf)).filter((item) => item.kind === 'decision' && !item.read);
      return items.length > 0 ? items : undefined;
    }, 20_000, 'the vote in the inbox');
    expect(waiting.map((item) => [item.text, item.link])).toEqual([['3 takes of shot 1 wait for your vote', `/episodes/${episodeId}/choices/${choice.id}`]]);
  });

  it('hides provider and seed on the take pages too while the blind vote is open', async () => {
    const page = (await rita.json<{ provider: string | null; seed: number | null; generation_params: Record<string, unknown>; previous_versions: { provider: string | null; seed: number | null }[] }>('GET', `/api/v1/segments/${letter(choice, 'A')}`)).body;
    expect([page.provider, page.seed, page.generation_params.seed]).toEqual([null, null, undefined]);
    expect(page.previous_versions.map((version) => [version.provider, version.seed])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('refuses decisions on the takes while the vote is open', async () => {
    const response = await editor.json<ErrorBody>('POST', `/api/v1/segments/${letter(choice, 'A')}/approve`, {});
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/voted on/);
    expect((await shots())[0]!.approval_status).toBe('pending');
  });

  it('counts votes without showing who voted for what, and refuses to close on a tie', async () => {
    const ritas = await rita.json<TakeChoiceDto>('PUT', `${choicePath(choice.id)}/vote`, { segment_id: letter(choice, 'B') });
    expect(ritas.status).toBe(200);
    expect(ritas.body).toMatchObject({ votes_cast: 1, my_vote: letter(choice, 'B'), revealed: false });
    await rolf.json('PUT', `${choicePath(choice.id)}/vote`, { segment_id: letter(choice, 'B') });
    // Rolf changes his mind: still one vote each.
    const moved = await rolf.json<TakeChoiceDto>('PUT', `${choicePath(choice.id)}/vote`, { segment_id: letter(choice, 'C') });
    expect(moved.body).toMatchObject({ votes_cast: 2, my_vote: letter(choice, 'C') });
    expect(moved.body.takes.every((take) => take.votes === null && take.voters === null && take.provider === null)).toBe(true);
    expect((await getChoice(rita, choice.id)).my_vote).toBe(letter(choice, 'B'));
    // Having voted, nothing waits for Rita.
    expect((await inboxOf(rita)).filter((item) => item.kind === 'decision' && !item.read)).toEqual([]);

    const tied = await editor.json<ErrorBody>('POST', `${choicePath(choice.id)}/close`, {});
    expect(tied.status).toBe(409);
    expect(tied.body.error.code).toBe('vote_tied');
    expect(new Set(tied.body.error.details!.tied as string[])).toEqual(new Set([letter(choice, 'B'), letter(choice, 'C')]));
    expect((await getChoice(editor, choice.id)).status).toBe('open');
  });

  it('makes the winner the shot’s take, keeps the others as versions, and shows everything once closed', async () => {
    await rolf.json('PUT', `${choicePath(choice.id)}/vote`, { segment_id: letter(choice, 'B') });
    const closed = await editor.json<TakeChoiceDto>('POST', `${choicePath(choice.id)}/close`, {});
    expect(closed.status).toBe(200);
    const winner = letter(choice, 'B');
    expect(closed.body).toMatchObject({ status: 'closed', revealed: true, winner_segment_id: winner, closed_how: 'votes', closed_by_name: 'Edda' });
    const b = closed.body.takes.find((take) => take.label === 'B')!;
    expect(b).toMatchObject({ provider: 'pair', votes: 2, voters: ['Rita', 'Rolf'], outcome: 'chosen', is_current: true });
    expect(closed.body.takes.filter((take) => take.label !== 'B').map((take) => [take.votes, take.outcome, take.is_current])).toEqual([
      [0, 'passed_over', false],
      [0, 'passed_over', false],
    ]);
    expect(new Set(closed.body.takes.map((take) => take.seed)).size).toBe(3);
    expect(closed.body.takes.map((take) => take.version).sort()).toEqual([1, 2, 3]);

    const [first] = await shots();
    expect(first).toMatchObject({ id: winner, approval_status: 'pending' });
    expect(await listVersions(context.services.db, first!.shot_id)).toHaveLength(3);
    expect((await rita.json<{ provider: string | null; seed: number | null }>('GET', `/api/v1/segments/${winner}`)).body).toMatchObject({ provider: 'pair', seed: b.seed });
    // A take the vote passed over is not decided on; the winner is.
    const loser = letter(choice, 'A');
    expect((await editor.post(`/api/v1/segments/${loser}/approve`, {})).status).toBe(409);
    // The vote is settled in every inbox; the winner waits for a decision instead.
    expect((await inboxOf(rolf)).filter((item) => item.kind === 'decision' && !item.read).map((item) => item.text)).toEqual([`Shot 1 v${b.version} waits for your decision`]);
    expect((await editor.post(`/api/v1/segments/${winner}/approve`, {})).status).toBe(200);
    // A closed vote takes no more votes.
    const late = await rita.json<ErrorBody>('PUT', `${choicePath(choice.id)}/vote`, { segment_id: loser });
    expect([late.status, late.body.error.code]).toEqual([409, 'choice_closed']);
  });
});

describe('takes to choose from on a shot whose take is approved', () => {
  it('keeps the approved take until the winner is approved', async () => {
    const second = (await shots())[1]!;
    const single = await editor.json<Made>('POST', `/api/v1/segments/${second.id}/takes`, { count: 1 });
    expect(single.status).toBe(202);
    expect(single.body.choice).toBeNull();
    await eventually(async () => (await shots())[1]!.status === 'completed', 90_000, 'shot 2 made');
    expect((await editor.post(`/api/v1/segments/${second.id}/approve`, {})).status).toBe(200);

    const { status, body } = await editor.json<Made>('POST', `/api/v1/segments/${second.id}/takes`, { count: 2, changes: { seed: 41 } });
    expect(status).toBe(202);
    expect(body.takes.map((take) => [take.is_current, take.seed])).toEqual([
      [false, 41],
      [false, 42],
    ]);
    const open = await made(editor, body.choice!.id);
    // Not blind: who made what is shown while the vote is open.
    expect(open).toMatchObject({ revealed: true });
    expect(open.takes.map((take) => take.provider)).toEqual(['pair', 'pair']);
    expect((await shots())[1]).toMatchObject({ id: second.id, approval_status: 'approved' });

    const named = body.takes[1]!.segment_id;
    const closed = await editor.json<TakeChoiceDto>('POST', `${choicePath(open.id)}/close`, { segment_id: named });
    expect(closed.body).toMatchObject({ winner_segment_id: named, closed_how: 'editor' });
    // The winner waits for its decision beside the approved take.
    expect((await shots())[1]).toMatchObject({ id: second.id, approval_status: 'approved' });
    expect((await rita.post(`/api/v1/segments/${named}/approve`, {})).status).toBe(200);
    expect((await shots())[1]).toMatchObject({ id: named, approval_status: 'approved' });
  });
});

describe('a vote whose last take fails', () => {
  it('asks the reviewers to vote among the takes that were made', async () => {
    const [first] = await shots();
    const others = async () => (await listVersions(context.services.db, first!.shot_id)).filter((take) => take.seed === 70 || take.seed === 71);
    // The third take is refused by the provider only once the other two are made: it fails last.
    provider.refuse = async (request) => {
      if (request.seed !== 72) return false;
      await eventually(async () => ((await others()).filter((take) => take.status === 'completed').length === 2 ? true : undefined), 90_000, 'the other two takes made');
      return true;
    };
    const { status, body } = await editor.json<Made>('POST', `/api/v1/segments/${first!.id}/takes`, { count: 3, changes: { seed: 70 } });
    expect([status, body.takes.map((take) => take.seed)]).toEqual([202, [70, 71, 72]]);
    const waiting = await eventually(async () => {
      const items = (await inboxOf(rolf)).filter((item) => item.kind === 'decision' && !item.read && item.link.includes(body.choice!.id));
      return items.length > 0 ? items : undefined;
    }, 90_000, 'the vote in the inbox');
    provider.refuse = () => false;
    expect(waiting.map((item) => item.text)).toEqual(['2 takes of shot 1 wait for your vote']);
    const open = await getChoice(rolf, body.choice!.id);
    expect(open.takes.map((take) => [take.seed, take.status])).toEqual([
      [70, 'completed'],
      [71, 'completed'],
      [72, 'failed'],
    ]);
    // The vote goes on among the two made.
    await rolf.json('PUT', `${choicePath(open.id)}/vote`, { segment_id: open.takes[1]!.segment_id });
    const closed = await editor.json<TakeChoiceDto>('POST', `${choicePath(open.id)}/close`, {});
    expect([closed.status, closed.body.winner_segment_id]).toEqual([200, open.takes[1]!.segment_id]);
  }, 180_000);
});

describe('bad input', () => {
  it('refuses a count outside 1–4, or malformed fields, and makes nothing', async () => {
    const third = (await shots())[2]!;
    for (const body of [{ count: 0 }, { count: 5 }, { count: 2.5 }, { count: '2' }, {}, { count: 2, blind: 'yes' }, { count: 2, seeds: [1, 2] }]) {
      const response = await editor.json<ErrorBody>('POST', `/api/v1/segments/${third.id}/takes`, body);
      expect([response.status, response.body.error.code], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
    expect(await listVersions(context.services.db, third.shot_id)).toHaveLength(1);
    expect((await editor.json<{ choices: unknown[] }>('GET', `/api/v1/episodes/${episodeId}/take-choices`)).body.choices).toHaveLength(3);
  });

  it('refuses a vote for a take that is not in the vote, and a vote or a choice that does not exist', async () => {
    const [first] = await shots();
    await worker!.stop();
    worker = undefined;
    const third = (await shots())[2]!;
    const { body } = await editor.json<Made>('POST', `/api/v1/segments/${third.id}/takes`, { count: 2 });
    const id = body.choice!.id;

    const outside = await rita.json<ErrorBody>('PUT', `${choicePath(id)}/vote`, { segment_id: first!.id });
    expect([outside.status, outside.body.error.code]).toEqual([422, 'take_not_in_choice']);
    // Nothing is made yet: no vote, and the vote cannot close.
    const early = await rita.json<ErrorBody>('PUT', `${choicePath(id)}/vote`, { segment_id: body.takes[0]!.segment_id });
    expect([early.status, early.body.error.code]).toEqual([409, 'take_not_ready']);
    const closing = await editor.json<ErrorBody>('POST', `${choicePath(id)}/close`, {});
    expect([closing.status, closing.body.error.code]).toEqual([409, 'takes_rendering']);
    // A second request while this vote is open.
    const again = await editor.json<ErrorBody>('POST', `/api/v1/segments/${third.id}/takes`, { count: 2 });
    expect([again.status, again.body.error.code]).toEqual([409, 'choice_open']);
    // A take that is not the shot's current one.
    const old = await editor.json<ErrorBody>('POST', `/api/v1/segments/${body.takes[1]!.segment_id}/takes`, { count: 2 });
    expect(old.status).toBe(409);

    expect((await rita.json<ErrorBody>('PUT', `${choicePath(id)}/vote`, { segment_id: 'nope' })).status).toBe(400);
    expect((await rita.json<ErrorBody>('GET', choicePath('not-a-uuid'))).status).toBe(400);
    expect((await rita.json<ErrorBody>('GET', choicePath('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    const choice = await getChoice(editor, id);
    expect([choice.status, choice.votes_cast]).toEqual(['open', 0]);
    expect(await listVersions(context.services.db, third.shot_id)).toHaveLength(2);
  });
});
