/**
 * Builds episodes through the real write path (commands), not by inserting rows by hand.
 */
import { createEpisodeFromIdea } from '../../server/commands/episode-creator.ts';
import { planEpisode } from '../../server/commands/episode-planner.ts';
import { analyzeSegment } from '../../server/commands/segment-analyzer.ts';
import { generateSegment } from '../../server/commands/segment-generator.ts';
import { startGenerationRun } from '../../server/commands/generation-runs.ts';
import { setMemberRole } from '../../server/commands/members.ts';
import type { Services } from '../../server/commands/services.ts';
import type { EpisodeRole } from '../../server/db/schema.ts';
import { listCurrentSegments } from '../../server/db/queries/segment.queries.ts';
import { eventually } from './server-process.ts';

export const DETECTIVE_IDEA = 'A detective cat solves a mystery in a rainy Tokyo alley';
const tester = { userId: null, name: 'tester' };

/** An episode planned by the built-in planner (its plan job is run directly, not by a worker). */
export async function plannedEpisode(services: Services, idea = DETECTIVE_IDEA, seed = 1, ownerId: string | null = null, format: { width?: number; height?: number } = {}) {
  const episode = await createEpisodeFromIdea(services, { idea, seed, ...format }, ownerId ? { userId: ownerId, name: 'owner' } : tester);
  const outcome = await planEpisode(services, episode.id);
  if (outcome !== 'planned') throw new Error(`planning gave ${outcome}`);
  return episode;
}

/** Renders one segment and runs its analysis, as the two jobs would. */
export async function generateAndAnalyze(services: Services, segmentId: string, autoApprove = false) {
  const generated = await generateSegment(services, { segmentId, autoApprove });
  if (generated !== 'analyzing') return generated;
  return analyzeSegment(services, { segmentId, autoApprove });
}

/** Generates the first `count` segments of an episode directly. */
export async function generateFirstSegments(services: Services, episodeId: string, count: number, autoApprove = false) {
  const segments = (await listCurrentSegments(services.db, episodeId)).slice(0, count);
  for (const segment of segments) await generateAndAnalyze(services, segment.id, autoApprove);
  return listCurrentSegments(services.db, episodeId);
}

/** Generates every take of an episode in one parallel run (no auto-approval) and waits for them all. */
export async function generateEveryTake(services: Services, episodeId: string, timeoutMs = 120_000) {
  await startGenerationRun(services, episodeId, { mode: 'parallel', batchSize: 100, startFrom: 1, autoApprove: false }, tester);
  return eventually(async () => {
    const current = await listCurrentSegments(services.db, episodeId);
    return current.every((segment) => segment.status === 'completed') && current;
  }, timeoutMs, 'every take');
}

/**
 * Puts an account on an episode with a role, as a test's setup (the API adds people through
 * invitations, or by a server admin).
 */
export async function addMember(services: Services, episodeId: string, email: string, role: EpisodeRole, addedBy: { userId: string | null; name: string } = { userId: null, name: 'test' }) {
  return setMemberRole(services, episodeId, email, role, addedBy);
}
