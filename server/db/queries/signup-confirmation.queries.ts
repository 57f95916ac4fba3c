/**
 * Sign-ups waiting for their address to be confirmed (stored by the SHA-256 of their token).
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { DB, SignupConfirmation } from '../schema.ts';

export async function insertSignupConfirmation(
  db: Database,
  values: { email: string; password_hash: string; display_name: string; token_hash: string; expires_at: Date },
): Promise<SignupConfirmation> {
  return db.insertInto('signup_confirmations').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findSignupConfirmation(db: Database, id: string): Promise<SignupConfirmation | undefined> {
  return db.selectFrom('signup_confirmations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSignupConfirmationByHash(db: Database, tokenHash: string): Promise<SignupConfirmation | undefined> {
  return db.selectFrom('signup_confirmations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Marks the confirmation used, if it is still open; undefined when it was used or expired
 * meanwhile. One conditional UPDATE, so of two confirmations at once only one gets the row.
 */
export async function claimSignupConfirmation(trx: Transaction<DB>, id: string): Promise<SignupConfirmation | undefined> {
  return trx
    .updateTable('signup_confirmations')
    .set({ confirmed_at: sql`now()` })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

export async function setSignupConfirmationUser(trx: Transaction<DB>, id: string, userId: string): Promise<void> {
  await trx.updateTable('signup_confirmations').set({ user_id: userId }).where('id', '=', id).execute();
}

/**
 * Deletes confirmations that expired more than `graceDays` ago (used ones too): kept that long so
 * a late click is told "expired" or "used" rather than "not valid". Returns how many went.
 */
export async function deleteStaleSignupConfirmations(db: Database, graceDays: number): Promise<number> {
  const result = await db
    .deleteFrom('signup_confirmations')
    .where('expires_at', '<', sql<Date>`now() - make_interval(days => ${graceDays})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
