/**
 * A generation run's progress in the live document counts shots made, not takes: a retake made
 * during the run finishes a shot already counted, so a run never shows more than it has to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGenerationRun } from '../../../server/commands/generation-runs.ts';
import { regenerateSegment } from '../../../server/commands/segment-versions.ts';
import { loadLiveEpisode } from '../../../server/collab/live-model.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { generateAndAnalyze, plannedEpisode } from '../../support/factories.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
const editor = { userId: null, name: 'editor' };

beforeAll(async () => {
  context = await createTestContext();
});
afterAll(async () => context?.cleanup());

describe('run progress in the live document', () => {
  it('counts a retake made during the run once, with its shot', async () => {
    const { services } = context;
    // Small takes: the test is about counting, and must finish on a busy machine.
    const episode = await plannedEpisode(services, 'A ferry crossing at night', 7, null, { width: 320, height: 180 });
    const shots = await listCurrentSegments(services.db, episode.id);
    expect(shots.length).toBeGreaterThanOrEqual(3);
    await startGenerationRun(services, episode.id, { mode: 'sequential', batchSize: 2, startFrom: 1, autoApprove: false }, editor);
    // The run's first batch, rendered here as its jobs would render it.
    for (const segment of shots.slice(0, 2)) await generateAndAnalyze(services, segment.id);
    const progressNow = async () => (await loadLiveEpisode(services.db, episode.id))!.jobs.find((job) => job.kind === 'generation')!;
    const before = await progressNow();
    expect(before).toMatchObject({ status: 'active', progress: Math.round((100 * 2) / shots.length) });

    // A reviewer asks for another take of the first shot; it joins the run and is made.
    const retake = await regenerateSegment(services, shots[0]!.id, { changes: {}, keepOriginal: true }, editor);
    const [current] = await listCurrentSegments(services.db, episode.id);
    expect(current).toMatchObject({ id: retake.id, generation_run_id: before.id });
    await generateAndAnalyze(services, retake.id);
    // Three takes are made, of two shots: the run is as far as it was.
    expect((await progressNow()).progress).toBe(before.progress);
  }, 180_000);
});
