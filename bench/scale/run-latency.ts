/**
 * Part 3 of the scale benchmark: how soon a rendered take becomes reviewable during a parallel
 * generation run. A `dailies serve` with its job worker generates every shot of an episode with
 * the built-in offline provider (ffmpeg animatics). For each take, from the database:
 *   - render finished: `created_at` of its analyze_segment job, added in the transaction that
 *     stores the provider's file (segment-generator.ts; Postgres's now(), the transaction's start);
 *   - analysis started: `locked_at` of that job, when a worker took it;
 *   - reviewable: `generated_at` of the take, set when the analysis completes it.
 * A job lives only until its analysis is done, so this process polls the job table every 100 ms
 * and keeps what it saw; a take whose job it never saw is counted as missed.
 */
import { sql } from 'kysely';
import type { Runtime } from '../../server/runtime.ts';
import type { TestClient } from '../../tests/support/http-client.ts';
import { percentile } from '../support.ts';

export interface RunFigures {
  shots: number;
  completed: number;
  failed: number;
  missed: number;
  wallSeconds: number;
  renderToReviewable: { p50: number; p95: number; max: number };
  queueWait: { p50: number; p95: number; max: number };
  analysis: { p50: number; p95: number; max: number };
}

const spread = (list: number[]) => ({ p50: percentile(list, 0.5), p95: percentile(list, 0.95), max: list.length ? Math.max(...list) : Number.NaN });

export async function runFigures(options: { runtime: Runtime; owner: TestClient; episodeId: string; shots: number; timeoutMs: number; log: (line: string) => void }): Promise<RunFigures> {
  const { db } = options.runtime.services;
  const jobs = new Map<string, { created: Date; locked: Date | undefined }>();
  const started = performance.now();
  const response = await options.owner.json('POST', `/api/v1/episodes/${options.episodeId}/generate-segments`, { mode: 'parallel' });
  if (response.status !== 202) throw new Error(`starting the run gave ${response.status}: ${JSON.stringify(response.body)}`);
  let lastReport = 0;
  for (;;) {
    const { rows } = await sql<{ key: string; created_at: Date; locked_at: Date | null }>`
      SELECT key, created_at, locked_at FROM graphile_worker._private_jobs WHERE key LIKE 'analyze:%'`.execute(db);
    for (const row of rows) {
      const id = row.key.slice('analyze:'.length);
      const seen = jobs.get(id);
      if (!seen) jobs.set(id, { created: row.created_at, locked: row.locked_at ?? undefined });
      else seen.locked ??= row.locked_at ?? undefined;
    }
    const takes = await db
      .selectFrom('video_segments')
      .select(['id', 'status', 'generated_at'])
      .where('episode_id', '=', options.episodeId)
      .where('is_current', '=', true)
      .execute();
    const done = takes.filter((take) => take.status === 'completed' || take.status === 'failed');
    const elapsed = performance.now() - started;
    if (elapsed - lastReport > 30_000) {
      lastReport = elapsed;
      options.log(`run: ${done.length}/${takes.length} takes done after ${(elapsed / 1000).toFixed(0)} s`);
    }
    if (done.length === takes.length || elapsed > options.timeoutMs) {
      const latencies: number[] = [];
      const waits: number[] = [];
      const analyses: number[] = [];
      let missed = 0;
      for (const take of takes) {
        if (take.status !== 'completed' || !take.generated_at) continue;
        const job = jobs.get(take.id);
        if (!job) {
          missed++;
          continue;
        }
        latencies.push(take.generated_at.getTime() - job.created.getTime());
        if (job.locked) {
          waits.push(job.locked.getTime() - job.created.getTime());
          analyses.push(take.generated_at.getTime() - job.locked.getTime());
        }
      }
      return {
        shots: options.shots,
        completed: takes.filter((take) => take.status === 'completed').length,
        failed: takes.filter((take) => take.status === 'failed').length,
        missed,
        wallSeconds: elapsed / 1000,
        renderToReviewable: spread(latencies),
        queueWait: spread(waits),
        analysis: spread(analyses),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
