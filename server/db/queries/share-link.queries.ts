/**
 * Share links and the guest sessions they open.
 */
import type { Database } from '../database.ts';
import type { EpisodeRole, ShareLink } from '../schema.ts';

export async function insertShareLink(
  db: Database,
  values: {
    episode_id: string;
    token_hash: string;
    role: EpisodeRole;
    label: string;
    password_hash: string | null;
    expires_at: Date | null;
    created_by: string | null;
  },
): Promise<ShareLink> {
  return db.insertInto('share_links').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findShareLink(db: Database, id: string): Promise<ShareLink | undefined> {
  return db.selectFrom('share_links').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findShareLinkByHash(db: Database, tokenHash: string): Promise<ShareLink | undefined> {
  return db.selectFrom('share_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function listShareLinks(db: Database, episodeId: string): Promise<ShareLink[]> {
  return db.selectFrom('share_links').selectAll().where('episode_id', '=', episodeId).orderBy('created_at', 'desc').execute();
}

export async function revokeShareLink(db: Database, id: string): Promise<ShareLink | undefined> {
  return db
    .updateTable('share_links')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function recordShareLinkUse(db: Database, id: string): Promise<void> {
  await db
    .updateTable('share_links')
    .set((eb) => ({ use_count: eb('use_count', '+', 1), last_used_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

export async function insertGuestSession(
  db: Database,
  values: { id: string; share_link_id: string; guest_name: string; expires_at: Date },
): Promise<void> {
  await db.insertInto('guest_sessions').values(values).execute();
}

/** A guest session whose link is still usable (not revoked, not expired). */
export async function findActiveGuestSession(db: Database, sessionId: string) {
  const now = new Date();
  return db
    .selectFrom('guest_sessions as g')
    .innerJoin('share_links as l', 'l.id', 'g.share_link_id')
    .select(['g.id as session_id', 'g.guest_name', 'g.expires_at', 'l.id as share_link_id', 'l.episode_id', 'l.role'])
    .where('g.id', '=', sessionId)
    .where('g.expires_at', '>', now)
    .where('l.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('l.expires_at', 'is', null), eb('l.expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function deleteGuestSession(db: Database, sessionId: string): Promise<void> {
  await db.deleteFrom('guest_sessions').where('id', '=', sessionId).execute();
}

/** A guest session and its link, whatever their state. */
export async function findGuestSessionLink(db: Database, sessionId: string) {
  return db
    .selectFrom('guest_sessions as g')
    .innerJoin('share_links as l', 'l.id', 'g.share_link_id')
    .select(['g.expires_at', 'l.expires_at as link_expires_at', 'l.revoked_at'])
    .where('g.id', '=', sessionId)
    .executeTakeFirst();
}
