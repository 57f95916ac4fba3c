/**
 * Renders transition windows ahead of the compile. As soon as two neighbouring takes are approved,
 * the window between them is rendered into the compile's cache (with the episode's latest compile
 * settings, or the default dissolve, and each shot's own transition in), so that the compile that follows only joins. Runs as the
 * `prerender_transitions` job, debounced per episode after every approval.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { latestCompilation } from '../db/queries/compilation.queries.ts';
import { findEpisode } from '../db/queries/episode.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { tryAddJob } from '../db/queries/job.queries.ts';
import { listCurrentSegments } from '../db/queries/segment.queries.ts';
import type { VideoSegment } from '../db/schema.ts';
import { prerenderTransitions } from '../media/smart-compile.ts';
import type { SmartTransition } from '../media/transitions.ts';
import { shotJoins } from './compile-joins.ts';
import { compileSourceFor, transitionCacheFor } from './media-cache.ts';
import type { Services } from './services.ts';

/** What a compile defaults to (the API's defaults), used until the episode has been compiled. */
const DEFAULT_SETTINGS = { transition: 'dissolve' as SmartTransition, durationSeconds: 0.5 };

/** How long after the last approval the job waits, so a burst of approvals renders once. */
const DEBOUNCE_MS = 1500;

/**
 * Queues (or pushes back) the episode's pre-render, inside `trx` (the approval's or reorder's
 * transaction). The pre-render only saves time at the compile, so a job that cannot be added is
 * logged and the caller's change still commits; the compile then renders the windows itself.
 */
export async function schedulePrerender(services: Services, trx: Database, episodeId: string): Promise<void> {
  const added = await tryAddJob(trx, 'prerender_transitions', { episodeId }, {
    jobKey: `prerender:${episodeId}`,
    runAt: new Date(Date.now() + DEBOUNCE_MS),
    maxAttempts: 2,
    // Behind generation and compiles: it only saves time later.
    priority: 10,
  });
  if (added.error) {
    services.log.warn(`Episode ${episodeId}: transitions will be rendered by the next compile instead of ahead of it; queueing the pre-render failed: ${added.error.message}`);
  }
}

export interface PrerenderOutcome {
  rendered: number;
  reused: number;
}

/** Runs of neighbouring approved takes with a stored video, in the episode's order. */
function approvedRuns(segments: VideoSegment[]): VideoSegment[][] {
  const runs: VideoSegment[][] = [[]];
  for (const segment of segments) {
    const usable = segment.approval_status === 'approved' && segment.storage_key && segment.duration !== null && !segment.purged_at;
    if (usable) runs.at(-1)!.push(segment);
    else if (runs.at(-1)!.length > 0) runs.push([]);
  }
  return runs.filter((run) => run.length >= 2);
}

export async function prerenderEpisodeTransitions(services: Services, episodeId: string, signal?: AbortSignal): Promise<PrerenderOutcome> {
  const episode = await findEpisode(services.db, episodeId);
  if (!episode) return { rendered: 0, reused: 0 };
  const latest = await latestCompilation(services.db, episodeId);
  const transition = (latest?.transition_style as SmartTransition | undefined) ?? DEFAULT_SETTINGS.transition;
  const durationSeconds = latest ? latest.transition_duration : DEFAULT_SETTINGS.durationSeconds;
  const { shots } = await findPlanRows(services.db, episodeId);
  const shotById = new Map(shots.map((shot) => [shot.id, shot]));
  if (transition === 'cut' && !shots.some((shot) => shot.transition_in && shot.transition_in !== 'cut')) return { rendered: 0, reused: 0 };

  const total: PrerenderOutcome = { rendered: 0, reused: 0 };
  await mkdir(services.scratchDir, { recursive: true });
  const workDir = await mkdtemp(join(services.scratchDir, `prerender-${episodeId}-`));
  try {
    for (const run of approvedRuns(await listCurrentSegments(services.db, episodeId))) {
      const clips = [];
      for (const segment of run) {
        clips.push({ path: await compileSourceFor(services, segment.storage_key!), durationSeconds: segment.duration!, chapterTitle: '' });
      }
      const outcome = await prerenderTransitions({
        clips,
        transition,
        transitionDurationSeconds: durationSeconds,
        joins: shotJoins(run.map((segment) => shotById.get(segment.shot_id)), durationSeconds),
        fps: episode.fps,
        width: episode.width,
        height: episode.height,
        workDir,
        transitionCache: transitionCacheFor(services),
        ...(signal ? { signal } : {}),
      });
      total.rendered += outcome.rendered;
      total.reused += outcome.reused;
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return total;
}
