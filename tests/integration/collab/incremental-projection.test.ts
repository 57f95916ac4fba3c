/**
 * A change to one take reloads that take's slot, not the episode: the projection is given a
 * database handle that counts the rows every query returns, and a progress tick, a decision and a
 * note on one of 40 slots must each read a handful of rows (a whole reload reads every slot's).
 * A change of the shots themselves (a reorder) still reloads everything, and the document ends up
 * as a fresh load of the same rows would make it.
 */
import type { onLoadDocumentPayload } from '@hocuspocus/server';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEpisode } from '../../../server/commands/episode-creator.ts';
import { setEpisodeOrder } from '../../../server/commands/episode-editing.ts';
import { decideOnSegment, withdrawDecision } from '../../../server/commands/segment-reviews.ts';
import { createNote } from '../../../server/commands/take-notes.ts';
import { ProjectionExtension } from '../../../server/collab/extensions/projection.extension.ts';
import { loadLiveEpisode } from '../../../server/collab/live-model.ts';
import { Notifications } from '../../../server/db/notifications.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import type { VideoSegment } from '../../../server/db/schema.ts';
import { readLiveEpisode, writeLiveEpisode } from '../../../src/lib/live/episode-document.ts';
import { eventually } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

/** Counts the statements run and the rows they returned. */
class RowCounter implements KyselyPlugin {
  statements = 0;
  rows = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.statements++;
    this.rows += args.result.rows.length;
    return args.result;
  }
  reset(): void {
    this.statements = 0;
    this.rows = 0;
  }
}

const SHOTS = 40;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let context: TestContext;
let notifications: Notifications;
let projection: ProjectionExtension;
const counter = new RowCounter();
const document = new Y.Doc();
let episodeId: string;
let takes: VideoSegment[];
const owner = { userId: null, name: 'owner' };

beforeAll(async () => {
  context = await createTestContext();
  const { services } = context;
  const shots = Array.from({ length: SHOTS }, (_, index) => ({ scene: `INT. ROOM ${Math.floor(index / 5) + 1} - DAY`, prompt: `Shot ${index + 1}`, duration: 3 }));
  episodeId = (await createEpisode(services, { shots, title: 'Forty shots' }, owner)).id;
  // Every slot with a finished take, so that a whole reload has something to read in each.
  await sql`UPDATE video_segments SET status = 'completed', progress = 100, duration = 3, video_url = '/media/' || id || '.mp4' WHERE episode_id = ${episodeId}`.execute(services.db);
  takes = await listCurrentSegments(services.db, episodeId);
  notifications = new Notifications({ pool: context.database.pool });
  projection = new ProjectionExtension({ db: services.db.withPlugin(counter), notifications, log: quiet });
  await projection.onLoadDocument({ documentName: `episode/${episodeId}`, document } as onLoadDocumentPayload);
});
afterAll(async () => {
  await projection?.close();
  await notifications?.close();
  await context?.cleanup();
});

const live = () => readLiveEpisode(document)!;

/** Waits until the document shows `shown`, then until the projection is idle; the rows read meanwhile. */
async function rowsReadUntil(what: string, shown: () => boolean): Promise<number> {
  await eventually(async () => shown(), 30_000, what);
  await projection.settled();
  return counter.rows;
}

describe('the projection after a change', () => {
  it('reads every slot when it loads', () => {
    expect(live().slots).toHaveLength(SHOTS);
    expect(counter.rows).toBeGreaterThanOrEqual(2 * SHOTS);
  });

  it('reloads only the slot of a take whose progress moved', async () => {
    await projection.settled();
    counter.reset();
    const take = takes[17]!;
    await context.services.db.updateTable('video_segments').set({ progress: 37 }).where('id', '=', take.id).execute();
    const rows = await rowsReadUntil('the progress', () => live().slots[17]!.progress === 37);
    expect(rows).toBeLessThanOrEqual(3);
    expect(live().slots.filter((slot) => slot.progress === 37).map((slot) => slot.slot)).toEqual([18]);
  });

  it('reloads only the slot of a take someone decided on, and the newest activity', async () => {
    await projection.settled();
    counter.reset();
    await decideOnSegment(context.services, takes[3]!.id, owner, { decision: 'changes_requested', rating: 2 });
    const rows = await rowsReadUntil('the decision', () => live().slots[3]!.decisions.length === 1 && live().slots[3]!.approval === 'needs_revision');
    expect(rows).toBeLessThanOrEqual(8);
    expect(live().slots[3]).toMatchObject({ ratingCount: 1, ratingMean: 2, decisions: [{ name: 'owner', decision: 'changes_requested', rating: 2 }] });
    expect(live().episode.activity).toBeGreaterThan(0);

    // Taken back: the reviewer's key goes from that slot.
    await withdrawDecision(context.services, takes[3]!.id, owner);
    await rowsReadUntil('the decision taken back', () => live().slots[3]!.decisions.length === 0);
    expect(live().slots[3]).toMatchObject({ ratingCount: 0, ratingMean: null, approval: 'pending' });
  });

  it('reloads only the slot of a take that got a note', async () => {
    await projection.settled();
    counter.reset();
    await createNote(context.services, takes[30]!.id, owner, { text: 'Hold the last frame longer', frame_in: 12, mentions: [] });
    const rows = await rowsReadUntil('the note', () => live().slots[30]!.notes.open === 1);
    expect(rows).toBeLessThanOrEqual(8);
    expect(live().slots[30]!.notes.latest).toMatchObject({ text: 'Hold the last frame longer', frameIn: 12 });
  });

  it('moves a run\'s progress when one of its takes finishes, reading the jobs and that slot only', async () => {
    const { db } = context.services;
    const run = await db.insertInto('generation_runs').values({ episode_id: episodeId, mode: 'parallel', batch_size: 4, total_segments: 4 }).returning('id').executeTakeFirstOrThrow();
    await eventually(async () => live().jobs.some((job) => job.id === run.id), 30_000, 'the run');
    await db.updateTable('video_segments').set({ generation_run_id: run.id, status: 'generating' }).where('id', 'in', [takes[5]!.id, takes[6]!.id]).execute();
    await rowsReadUntil('the takes in the making', () => live().slots[5]!.status === 'generating' && live().slots[6]!.status === 'generating');
    counter.reset();
    await db.updateTable('video_segments').set({ status: 'completed' }).where('id', '=', takes[5]!.id).execute();
    const rows = await rowsReadUntil('the run at a quarter', () => live().jobs.find((job) => job.id === run.id)?.progress === 25);
    expect(live().slots[5]!.status).toBe('completed');
    expect(rows).toBeLessThanOrEqual(12);
  });

  it('reloads everything when the shots themselves change, and shows what a fresh load shows', async () => {
    await projection.settled();
    counter.reset();
    const order = live().order;
    const swapped = [order[1]!, order[0]!, ...order.slice(2)];
    await setEpisodeOrder(context.services, episodeId, swapped, owner);
    const rows = await rowsReadUntil('the new order', () => live().order[0] === swapped[0]);
    expect(rows).toBeGreaterThanOrEqual(2 * SHOTS);
    const fresh = new Y.Doc();
    writeLiveEpisode(fresh, (await loadLiveEpisode(context.services.db, episodeId))!, 'test');
    expect(live()).toEqual(readLiveEpisode(fresh));
  });
});
