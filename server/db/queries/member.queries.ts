/**
 * Who holds which role on which episode.
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';
import type { EpisodeRole } from '../schema.ts';

export async function findMemberRole(db: Database, episodeId: string, userId: string): Promise<EpisodeRole | undefined> {
  const row = await db
    .selectFrom('episode_members')
    .select('role')
    .where('episode_id', '=', episodeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role;
}

export async function listMembers(db: Database, episodeId: string) {
  return db
    .selectFrom('episode_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as user_id', 'u.email', 'u.display_name', 'm.role', 'm.created_at'])
    .where('m.episode_id', '=', episodeId)
    .orderBy('m.created_at')
    .execute();
}

/** Adds a member or changes their role; returns the role they had before, if any. */
export async function upsertMember(
  db: Database,
  values: { episode_id: string; user_id: string; role: EpisodeRole; added_by: string | null },
): Promise<EpisodeRole | undefined> {
  const previous = await findMemberRole(db, values.episode_id, values.user_id);
  await db
    .insertInto('episode_members')
    .values(values)
    .onConflict((oc) => oc.columns(['episode_id', 'user_id']).doUpdateSet({ role: values.role }))
    .execute();
  return previous;
}

export async function deleteMember(db: Database, episodeId: string, userId: string): Promise<EpisodeRole | undefined> {
  const row = await db
    .deleteFrom('episode_members')
    .where('episode_id', '=', episodeId)
    .where('user_id', '=', userId)
    .returning('role')
    .executeTakeFirst();
  return row?.role;
}

export async function countOwners(db: Database, episodeId: string): Promise<number> {
  const row = await db
    .selectFrom('episode_members')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('episode_id', '=', episodeId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return row.n;
}
