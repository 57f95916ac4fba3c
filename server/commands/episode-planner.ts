/**
 * Runs the episode's planner and stores the plan. Idempotent: a second run after a crash finds the
 * plan already stored (or the episode no longer planning) and does nothing.
 */
import { findEpisode, transitionEpisode } from '../db/queries/episode.queries.ts';
import { hasPlan, insertPlanRows } from '../db/queries/plan.queries.ts';
import { isProviderError } from '../providers/errors.ts';
import { publicMessage } from './public-message.ts';
import type { Services } from './services.ts';
import { countShots, shotCapProblem } from './shot-cap.ts';

export type PlanOutcome = 'planned' | 'skipped' | 'failed';

export async function planEpisode(services: Services, episodeId: string): Promise<PlanOutcome> {
  const episode = await findEpisode(services.db, episodeId);
  if (!episode || episode.status !== 'planning') return 'skipped';
  const planner = services.providers.planner(episode.planner);
  let plan;
  try {
    plan =
      episode.source_type === 'screenplay' && episode.screenplay
        ? await planner.parseScreenplay(episode.screenplay, { seed: episode.seed })
        : await planner.plan({ idea: episode.idea ?? '', seed: episode.seed, style: episode.style });
  } catch (error) {
    if (isProviderError(error) && !error.retryable) {
      await transitionEpisode(services.db, episodeId, 'failed', ['planning'], {
        error_message: publicMessage(services, `Planning failed: ${error.message}`),
      });
      return 'failed';
    }
    throw error;
  }
  // The cap holds for every planner: a screenplay of thousands of headings stores nothing.
  const tooMany = shotCapProblem(services, countShots(plan), episode.source_type === 'screenplay' ? 'screenplay' : 'plan');
  if (tooMany) {
    await transitionEpisode(services.db, episodeId, 'failed', ['planning'], { error_message: `Planning failed: ${tooMany}` });
    return 'failed';
  }
  return services.db.transaction().execute(async (trx) => {
    if (await hasPlan(trx, episodeId)) return 'skipped';
    await insertPlanRows(trx, episodeId, plan, {
      seed: episode.seed,
      style: episode.style,
      provider: episode.video_provider,
    });
    await transitionEpisode(trx, episodeId, 'planned', ['planning'], {
      title: episode.title || plan.title,
      logline: plan.logline,
      story: plan.story,
      error_message: null,
      planning_usage: plan.usage
        ? JSON.stringify({ planner: planner.id, model: plan.usage.model, input_tokens: plan.usage.inputTokens, output_tokens: plan.usage.outputTokens, calls: plan.usage.calls })
        : null,
    });
    return 'planned' as const;
  });
}
