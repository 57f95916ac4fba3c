/**
 * The write path's guarantees: jobs are idempotent, status moves are guarded, provider errors are
 * classified, and compiling refuses unapproved slots.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompilation } from '../../../server/commands/compilation-starter.ts';
import { createEpisodeFromIdea } from '../../../server/commands/episode-creator.ts';
import { planEpisode } from '../../../server/commands/episode-planner.ts';
import { approveSegment } from '../../../server/commands/segment-reviews.ts';
import { generateSegment } from '../../../server/commands/segment-generator.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { ProviderError, type ProviderErrorKind } from '../../../server/providers/errors.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import type { VideoProvider } from '../../../server/providers/video.types.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

/** A remote-like provider that always fails with the given kind of error. */
function failingProvider(id: string, kind: ProviderErrorKind): VideoProvider {
  return {
    id,
    limits: { maxConcurrent: 1 },
    async submit() {
      throw new ProviderError(kind, id, `${id} says no (${kind})`);
    },
    async progress() {
      return { state: 'failed', progress: 0 };
    },
    async result() {
      throw new Error('unreachable');
    },
    async cancel() {},
  };
}

let context: TestContext;
const reviewer = (name: string) => ({ userId: null, name });

beforeAll(async () => {
  context = await createTestContext({
    providers: createProviderRegistry({
      videos: [failingProvider('refusing', 'refused_by_policy'), failingProvider('flaky', 'retryable')],
    }),
  });
});
afterAll(async () => context?.cleanup());

describe('planning', () => {
  it('does nothing the second time (a job that runs twice after a crash)', async () => {
    const episode = await plannedEpisode(context.services);
    const before = await listCurrentSegments(context.services.db, episode.id);
    expect(await planEpisode(context.services, episode.id)).toBe('skipped');
    expect(await listCurrentSegments(context.services.db, episode.id)).toHaveLength(before.length);
  });

  it('is deterministic for the same idea and seed', async () => {
    const a = await plannedEpisode(context.services, 'A knight guards a bridge in the fog', 5);
    const b = await plannedEpisode(context.services, 'A knight guards a bridge in the fog', 5);
    const shots = async (id: string) =>
      (await context.services.db.selectFrom('shots').select(['prompt', 'duration', 'camera']).where('episode_id', '=', id).orderBy('shot_number').execute());
    expect(await shots(a.id)).toEqual(await shots(b.id));
  });
});

describe('generation and review', () => {
  it('skips a segment that is already completed, and keeps each decision when two reviewers race', async () => {
    const episode = await plannedEpisode(context.services, 'A baker races to finish a wedding cake', 2);
    const [segment] = await generateFirstSegments(context.services, episode.id, 1);
    expect(segment).toMatchObject({ status: 'completed', approval_status: 'pending', progress: 100 });
    expect(await generateSegment(context.services, { segmentId: segment!.id, autoApprove: false })).toBe('skipped');

    const results = await Promise.allSettled([
      approveSegment(context.services, segment!.id, reviewer('ana'), { rating: 5 }),
      approveSegment(context.services, segment!.id, reviewer('ben'), { rating: 4 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const decisions = await context.services.db.selectFrom('take_decisions').select(['reviewer_name', 'decision', 'rating']).where('segment_id', '=', segment!.id).orderBy('reviewer_name').execute();
    expect(decisions).toEqual([
      { reviewer_name: 'ana', decision: 'approve', rating: 5 },
      { reviewer_name: 'ben', decision: 'approve', rating: 4 },
    ]);
    const reviews = await context.services.db.selectFrom('segment_reviews').selectAll().where('segment_id', '=', segment!.id).execute();
    expect(reviews).toHaveLength(2);
  });

  it('refuses to approve a segment that was never generated', async () => {
    const episode = await plannedEpisode(context.services, 'A fox learns to fish', 4);
    const [pending] = await listCurrentSegments(context.services.db, episode.id);
    await expect(approveSegment(context.services, pending!.id, reviewer('ana'), {})).rejects.toMatchObject({
      status: 409,
      details: { status: 'pending' },
    });
  });

  it('fails at once with the provider message when the provider refuses by policy', async () => {
    const episode = await createEpisodeFromIdea(context.services, { idea: 'A storm over the sea', videoProvider: 'refusing' }, reviewer('t'));
    await planEpisode(context.services, episode.id);
    const [segment] = await listCurrentSegments(context.services.db, episode.id);
    const outcome = await generateSegment(context.services, { segmentId: segment!.id, autoApprove: false });
    expect(outcome).toBe('failed');
    const [after] = await listCurrentSegments(context.services.db, episode.id);
    expect(after).toMatchObject({ status: 'failed', error_kind: 'refused_by_policy', error_message: expect.stringContaining('says no') });
  });

  it('queues a retryable failure again with backoff until the last attempt', async () => {
    const episode = await createEpisodeFromIdea(context.services, { idea: 'A storm over the sea', videoProvider: 'flaky' }, reviewer('t'));
    await planEpisode(context.services, episode.id);
    const [segment] = await listCurrentSegments(context.services.db, episode.id);
    expect(await generateSegment(context.services, { segmentId: segment!.id, autoApprove: false, attempt: 1 })).toBe('retrying');
    const retried = (await listCurrentSegments(context.services.db, episode.id))[0]!;
    expect(retried).toMatchObject({ status: 'generating', error_message: expect.stringMatching(/Attempt 1 failed .*retrying/) });
    const jobs = await sql<{ payload: { attempt: number }; run_at: Date }>`
      SELECT j.payload, j.run_at FROM graphile_worker._private_jobs j WHERE j.key = ${`generate:${segment!.id}`}`.execute(context.services.db);
    expect(jobs.rows[0]?.payload.attempt).toBe(2);
    expect(jobs.rows[0]!.run_at.getTime()).toBeGreaterThan(Date.now() - 1000);
    const max = context.services.engine.maxAttempts;
    expect(await generateSegment(context.services, { segmentId: segment!.id, autoApprove: false, attempt: max })).toBe('failed');
    expect((await listCurrentSegments(context.services.db, episode.id))[0]).toMatchObject({ status: 'failed', error_kind: 'retryable' });
  });
});

describe('compile', () => {
  it('refuses while slots are unapproved, naming them, and writes nothing', async () => {
    const episode = await plannedEpisode(context.services, 'Two friends build a raft', 9);
    await generateFirstSegments(context.services, episode.id, 1, true);
    const error = await startCompilation(context.services, episode.id, { transitionStyle: 'dissolve', transitionDuration: 0.5 }, reviewer('t')).catch((e) => e);
    expect(error).toMatchObject({ status: 409 });
    const unapproved = (error.details as { unapproved: { segment_number: number }[] }).unapproved.map((s) => s.segment_number);
    const total = (await listCurrentSegments(context.services.db, episode.id)).length;
    expect(unapproved).toEqual(Array.from({ length: total - 1 }, (_, i) => i + 2));
    const jobs = await context.services.db.selectFrom('segment_compilation_jobs').selectAll().where('episode_id', '=', episode.id).execute();
    expect(jobs).toEqual([]);
  });
});
