/**
 * One-time setup tokens for the first account, and the lock that makes "first" well defined.
 */
import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { DB } from '../schema.ts';

/** Arbitrary, fixed: "first" in ASCII, so that no other lock of ours collides with it. */
const ACCOUNT_CREATION_LOCK = 0x6669727374;

export async function insertSetupToken(db: Database, tokenHash: string): Promise<void> {
  await db.insertInto('setup_tokens').values({ token_hash: tokenHash }).execute();
}

/** Deletes the token with this hash; true when it existed (only one caller can get true). */
export async function takeSetupToken(trx: Transaction<DB>, tokenHash: string): Promise<boolean> {
  const row = await trx.deleteFrom('setup_tokens').where('token_hash', '=', tokenHash).returning('token_hash').executeTakeFirst();
  return row !== undefined;
}

export async function deleteSetupTokens(trx: Transaction<DB>): Promise<void> {
  await trx.deleteFrom('setup_tokens').execute();
}

/**
 * Makes account creation one at a time until the transaction ends, so that two sign-ups at once
 * cannot both see "no account yet" and both become admin.
 */
export async function lockAccountCreation(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${ACCOUNT_CREATION_LOCK})`.execute(trx);
}
