/**
 * A rendered take is made reviewable before any further rendering takes a worker slot: with one
 * worker slot and every shot of a parallel run queued at once, each take's analysis runs right
 * after its render, not after every other render.
 */
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerEvents } from 'graphile-worker';
import type { WorkerHandle } from '../../../server/jobs/worker.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { eventually } from '../../support/server-process.ts';
import { startTestWorker } from '../../support/worker.ts';

const app = appServerForFile();
let editor: TestClient;
let worker: WorkerHandle | undefined;

beforeAll(async () => {
  editor = await signedUpClient(app.server.base, 'editor@example.com', 'Eddie');
});
afterAll(async () => {
  await worker?.stop();
});

describe('reviewable first', () => {
  it('analyses each rendered take before the next render starts', async () => {
    const episodeId = await shotListEpisode(editor, ['A red door', 'A blue window', 'A green stair', 'A white roof'].map((prompt) => ({ prompt, duration: 1 })));
    // Queued first, while no worker runs: every render waits in line before any analysis exists.
    const started = await editor.json('POST', `/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel', batch_size: 4 });
    expect(started.status).toBe(202);
    const order: string[] = [];
    // Listening before the worker starts, so that even its first job is seen on a busy machine.
    const events = new EventEmitter() as WorkerEvents;
    events.on('job:start', ({ job }) => {
      if (job.task_identifier === 'generate_segment' || job.task_identifier === 'analyze_segment') order.push(job.task_identifier);
    });
    worker = await startTestWorker(app.context, { concurrency: 1, events });
    await eventually(
      async () => {
        const ready = await app.context.services.db.selectFrom('video_segments').select('id').where('episode_id', '=', episodeId).where('status', '=', 'completed').execute();
        return ready.length === 4;
      },
      120_000,
      'all four takes to be reviewable',
    );
    expect(order).toEqual(['generate_segment', 'analyze_segment', 'generate_segment', 'analyze_segment', 'generate_segment', 'analyze_segment', 'generate_segment', 'analyze_segment']);
  }, 180_000);
});
