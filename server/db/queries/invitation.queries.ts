/**
 * Invitations to an episode (stored by the SHA-256 of their token).
 */
import type { Database } from '../database.ts';
import type { EpisodeRole, Invitation } from '../schema.ts';

export async function insertInvitation(
  db: Database,
  values: {
    episode_id: string;
    email: string;
    role: EpisodeRole;
    token_hash: string;
    invited_by: string | null;
    inviter_name: string;
    expires_at: Date;
    mailbox_proof_hash: string | null;
  },
): Promise<Invitation> {
  return db.insertInto('invitations').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findInvitation(db: Database, id: string): Promise<Invitation | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The invitation and the title of its episode, by the hash of its token. */
export async function findInvitationByHash(db: Database, tokenHash: string) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('episodes as e', 'e.id', 'i.episode_id')
    .selectAll('i')
    .select('e.title as episode_title')
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Invitations not yet used nor revoked (expired ones included, marked by their expiry), newest first. */
export async function listPendingInvitations(db: Database, episodeId: string): Promise<Invitation[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

/** An invitation for this address and episode that could still be used (the caller holds the episode lock). */
export async function findOpenInvitation(db: Database, episodeId: string, email: string): Promise<Invitation | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
}

export async function revokeInvitation(db: Database, id: string): Promise<Invitation | undefined> {
  return db
    .updateTable('invitations')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('accepted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Marks the invitation used by `userId`, in one statement that only succeeds while it is unused,
 * unrevoked and unexpired: two accepts at once cannot both use it.
 */
export async function claimInvitation(db: Database, id: string, userId: string): Promise<Invitation | undefined> {
  return db
    .updateTable('invitations')
    .set({ accepted_at: new Date(), accepted_by: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returningAll()
    .executeTakeFirst();
}
