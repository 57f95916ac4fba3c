/**
 * API tokens for scripts.
 */
import type { Database } from '../database.ts';
import type { ApiToken, EpisodeRole } from '../schema.ts';

export async function insertApiToken(
  db: Database,
  values: { user_id: string; name: string; token_hash: string; scope: EpisodeRole; expires_at: Date | null },
): Promise<ApiToken> {
  return db.insertInto('api_tokens').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function listApiTokens(db: Database, userId: string): Promise<ApiToken[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export async function findApiToken(db: Database, id: string): Promise<ApiToken | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An active token with its owner, by the token's hash. */
export async function findActiveApiTokenByHash(db: Database, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.token_hash', 't.scope', 'u.id', 'u.email', 'u.display_name', 'u.is_admin'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date())]))
    .executeTakeFirst();
}

export async function touchApiToken(db: Database, id: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

export async function revokeApiToken(db: Database, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every active token of the account; returns how many were active. */
export async function revokeUserApiTokens(db: Database, userId: string): Promise<number> {
  const now = new Date();
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
