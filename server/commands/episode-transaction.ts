/**
 * Every workflow write on an episode runs in a transaction that first locks the episode row, so
 * that starting a run, advancing it, approving and regenerating never interleave (and always take
 * their locks in the same order).
 */
import type { Database } from '../db/database.ts';
import { lockEpisodeRow } from '../db/queries/generation-run.queries.ts';
import { notFound } from '../errors.ts';
import type { Services } from './services.ts';

export function inEpisodeTransaction<T>(services: Services, episodeId: string, work: (trx: Database) => Promise<T>): Promise<T> {
  return services.db.transaction().execute(async (trx) => {
    if (!(await lockEpisodeRow(trx, episodeId))) throw notFound('Episode', episodeId);
    return work(trx);
  });
}
