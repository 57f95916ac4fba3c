/**
 * Episodes: the only place their SQL lives.
 */
import { sql, type Transaction } from 'kysely';
import { notFound } from '../../errors.ts';
import type { Database } from '../database.ts';
import type { DB } from '../schema.ts';
import type { Episode, EpisodeRole, EpisodeStatus, NewEpisode } from '../schema.ts';

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
  extra: { error_message?: string | null; title?: string; logline?: string; story?: string; planning_usage?: string | null } = {},
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

/** Which episodes a listing covers: all (admins), one account's memberships, or given ids (guests). */
export type EpisodeScope = { all: true } | { userId: string } | { episodeIds: string[] };

/** Episodes with their progress and the viewer's role, newest first. */
export async function listEpisodeSummaries(
  db: Database,
  scope: EpisodeScope = { all: true },
  limit = 200,
): Promise<(EpisodeSummary & { member_role: EpisodeRole | null })[]> {
  let query = db
    .selectFrom('episodes as e')
    .selectAll('e')
    .select([
      sql<number>`(SELECT count(*)::int FROM video_segments s WHERE s.episode_id = e.id AND s.is_current)`.as('total_segments'),
      sql<number>`(SELECT count(*)::int FROM video_segments s WHERE s.episode_id = e.id AND s.is_current AND s.approval_status = 'approved')`.as('approved_segments'),
      sql<number>`(SELECT count(*)::int FROM video_segments s WHERE s.episode_id = e.id AND s.is_current AND s.status = 'completed')`.as('completed_segments'),
      sql<number>`(SELECT count(*)::int FROM video_segments s WHERE s.episode_id = e.id AND s.is_current AND s.status = 'failed')`.as('failed_segments'),
    ]);
  if ('userId' in scope) {
    query = query.innerJoin('episode_members as m', (join) => join.onRef('m.episode_id', '=', 'e.id').on('m.user_id', '=', scope.userId));
  } else if ('episodeIds' in scope) {
    if (scope.episodeIds.length === 0) return [];
    query = query.where('e.id', 'in', scope.episodeIds);
  }
  const rows = await query
    .select(
      'userId' in scope
        ? sql<EpisodeRole | null>`m.role`.as('member_role')
        : sql<EpisodeRole | null>`NULL::episode_role`.as('member_role'),
    )
    .orderBy('e.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows;
}

/** Completed current segments still waiting for review, in the given episodes (all for admins). */
export async function listSegmentsAwaitingReview(db: Database, scope: EpisodeScope, limit = 200) {
  let query = db
    .selectFrom('video_segments as s')
    .innerJoin('episodes as e', 'e.id', 's.episode_id')
    .select([
      's.id',
      's.episode_id',
      'e.title as episode_title',
      's.segment_number',
      's.version',
      's.thumbnail_url',
      's.duration',
      's.generated_at',
    ])
    // The current take, or a candidate to replace an approved one.
    .where((eb) => eb.or([eb('s.is_current', '=', true), eb('s.replaces_segment_id', 'is not', null)]))
    // Takes being voted on wait for the vote; those it passed over are not decided on.
    .where((eb) => eb.or([eb('s.choice_state', 'is', null), eb('s.choice_state', '=', 'chosen')]))
    .where('s.status', '=', 'completed')
    .where('s.approval_status', '=', 'pending');
  if ('userId' in scope) {
    query = query
      .innerJoin('episode_members as m', (join) => join.onRef('m.episode_id', '=', 's.episode_id').on('m.user_id', '=', scope.userId))
      .where('m.role', 'in', ['reviewer', 'editor', 'owner']);
  } else if ('episodeIds' in scope) {
    if (scope.episodeIds.length === 0) return [];
    query = query.where('s.episode_id', 'in', scope.episodeIds);
  }
  return query.orderBy('s.generated_at').limit(limit).execute();
}

/**
 * Runs `work` in a transaction that first locks the episode's row. Every workflow write on an
 * episode goes through here, so that starting a run, advancing it, approving and regenerating
 * never interleave, and always take their locks in the same order (the episode first). Throws
 * `not_found` when the episode is gone.
 */
export function withEpisodeLock<T>(db: Database, episodeId: string, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('episodes').select('id').where('id', '=', episodeId).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Episode', episodeId);
    return work(trx);
  });
}

export async function setBudget(db: Database, episodeId: string, budgetUsd: number | null): Promise<void> {
  await db.updateTable('episodes').set({ budget_usd: budgetUsd }).where('id', '=', episodeId).execute();
}
