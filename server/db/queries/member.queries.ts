/**
 * Who holds which role on which episode.
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';
import type { EpisodeRole, MemberOrigin } from '../schema.ts';

export async function findMemberRole(db: Database, episodeId: string, userId: string): Promise<EpisodeRole | undefined> {
  const row = await db
    .selectFrom('episode_members')
    .select('role')
    .where('episode_id', '=', episodeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role;
}

function memberRows(db: Database, episodeId: string) {
  return db
    .selectFrom('episode_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('users as a', 'a.id', 'm.added_by')
    .select(['u.id as user_id', 'u.email', 'u.display_name', 'm.role', 'm.joined_via', 'm.created_at', 'a.display_name as added_by_name'])
    .where('m.episode_id', '=', episodeId);
}

/** The episode's members with how and when they joined, earliest first. */
export async function listMembers(db: Database, episodeId: string) {
  return memberRows(db, episodeId).orderBy('m.created_at').orderBy('u.email').execute();
}

/** One member of the episode, as listMembers shows them. */
export async function findMember(db: Database, episodeId: string, userId: string) {
  return memberRows(db, episodeId).where('m.user_id', '=', userId).executeTakeFirst();
}

/**
 * Adds a member or changes their role; returns the role they had before, if any. Leaving the
 * episode without an owner fails with the `episode_keeps_an_owner` error (see isLastOwnerError).
 */
export async function upsertMember(
  db: Database,
  values: { episode_id: string; user_id: string; role: EpisodeRole; added_by: string | null; joined_via?: MemberOrigin },
): Promise<EpisodeRole | undefined> {
  const previous = await findMemberRole(db, values.episode_id, values.user_id);
  await db
    .insertInto('episode_members')
    .values(values)
    .onConflict((oc) => oc.columns(['episode_id', 'user_id']).doUpdateSet({ role: values.role }))
    .execute();
  return previous;
}

/** Whether an account with this address (any case) is a member of the episode. */
export async function isMemberByEmail(db: Database, episodeId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('episode_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.user_id')
    .where('m.episode_id', '=', episodeId)
    .where(sql`lower(u.email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
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

/**
 * True for the database's refusal to leave an episode without an owner (the `keep_an_owner`
 * trigger, which counts owners under the episode's row lock, so concurrent changes are counted
 * one after the other).
 */
export function isLastOwnerError(error: unknown): boolean {
  return (error as { constraint?: unknown } | undefined)?.constraint === 'episode_keeps_an_owner';
}
