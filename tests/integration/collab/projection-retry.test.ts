/**
 * A refresh of a live document that fails (the database drops the connection under it) is tried
 * again on its own: the change it was to bring reaches the document without any further change,
 * after a second failure too.
 */
import type { onLoadDocumentPayload } from '@hocuspocus/server';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEpisode } from '../../../server/commands/episode-creator.ts';
import { ProjectionExtension } from '../../../server/collab/extensions/projection.extension.ts';
import { Notifications } from '../../../server/db/notifications.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { readLiveEpisode } from '../../../src/lib/live/episode-document.ts';
import { eventually } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

/** Fails the next `left` statements on the projection's handle the way a dropped connection does. */
class ConnectionDrops implements KyselyPlugin {
  left = 0;
  failed = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.left > 0) {
      this.left -= 1;
      this.failed += 1;
      throw new Error('Connection terminated unexpectedly');
    }
    return args.result;
  }
}

const warnings: string[] = [];
const log = { debug() {}, info() {}, warn: (message: string) => void warnings.push(message), error() {} };
let context: TestContext;
let notifications: Notifications;
let projection: ProjectionExtension;
const drops = new ConnectionDrops();
const document = new Y.Doc();
let episodeId: string;

beforeAll(async () => {
  context = await createTestContext();
  const owner = { userId: null, name: 'owner' };
  episodeId = (await createEpisode(context.services, { title: 'Dropped', shots: [{ scene: 'INT. ROOM - DAY', prompt: 'A cup cools', duration: 2 }] }, owner)).id;
  notifications = new Notifications({ pool: context.database.pool });
  projection = new ProjectionExtension({ db: context.services.db.withPlugin(drops), notifications, log });
  await projection.onLoadDocument({ documentName: `episode/${episodeId}`, document } as onLoadDocumentPayload);
});
afterAll(async () => {
  await projection?.close();
  await notifications?.close();
  await context?.cleanup();
});

describe('a live refresh that fails', () => {
  it('is tried again until the change is in the document', async () => {
    const live = () => readLiveEpisode(document)!;
    expect(live().slots[0]!.progress).toBe(0);
    const [take] = await listCurrentSegments(context.services.db, episodeId);
    drops.left = 2;
    await context.services.db.updateTable('video_segments').set({ progress: 64 }).where('id', '=', take!.id).execute();
    await eventually(async () => live().slots[0]!.progress === 64, 30_000, 'the progress in the document');
    expect(drops.failed).toBe(2);
    expect(warnings.filter((warning) => warning.includes('trying again'))).toHaveLength(2);
  });
});
