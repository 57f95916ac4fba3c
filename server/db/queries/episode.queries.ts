/**
 * Episodes: the only place their SQL lives.
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';
import type { Episode, EpisodeStatus, NewEpisode } from '../schema.ts';

export async function insertEpisode(db: Database, values: NewEpisode): Promise<Episode> {
  return db.insertInto('episodes').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findEpisode(db: Database, id: string): Promise<Episode | undefined> {
  return db.selectFrom('episodes').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Moves an episode to `to` only if it is in one of `from` (when given): a guarded transition.
 * Returns the updated row, or undefined when the guard did not hold.
 */
export async function transitionEpisode(
  db: Database,
  id: string,
  to: EpisodeStatus,
  from: EpisodeStatus[] | undefined,
  extra: { error_message?: string | null; title?: string; logline?: string; story?: string } = {},
): Promise<Episode | undefined> {
  let query = db
    .updateTable('episodes')
    .set({ status: to, ...extra })
    .where('id', '=', id);
  if (from) query = query.where('status', 'in', from);
  return query.returningAll().executeTakeFirst();
}

export interface EpisodeSummary extends Episode {
  total_segments: number;
  approved_segments: number;
  completed_segments: number;
  failed_segments: number;
}

/** Episodes with their progress, newest first. */
export async function listEpisodeSummaries(db: Database, limit = 200): Promise<EpisodeSummary[]> {
  return db
    .selectFrom('episodes as e')
    .selectAll('e')
    .select([
      sql<number>`(SELECT count(*)::int FROM video_segments s WHERE s.episode_id = e.id AND s.is_current)`.as('total_segments'),
      sql<number>`(SELECT count(*)::int FROM video_segments s WHERE s.episode_id = e.id AND s.is_current AND s.approval_status = 'approved')`.as('approved_segments'),
      sql<number>`(SELECT count(*)::int FROM video_segments s WHERE s.episode_id = e.id AND s.is_current AND s.status = 'completed')`.as('completed_segments'),
      sql<number>`(SELECT count(*)::int FROM video_segments s WHERE s.episode_id = e.id AND s.is_current AND s.status = 'failed')`.as('failed_segments'),
    ])
    .orderBy('e.created_at', 'desc')
    .limit(limit)
    .execute();
}
