/**
 * API tokens: created and revoked by their owner; the token is returned once and stored hashed.
 */
import { generateToken, hashToken } from '../auth/tokens.ts';
import { findApiToken, insertApiToken, revokeApiToken } from '../db/queries/token.queries.ts';
import type { ApiToken, EpisodeRole } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { Services } from './services.ts';

export async function createApiToken(
  services: Services,
  userId: string,
  input: { name: string; scope: EpisodeRole; expiresInDays?: number },
): Promise<{ token: string; row: ApiToken }> {
  const token = generateToken();
  const row = await insertApiToken(services.db, {
    user_id: userId,
    name: input.name,
    token_hash: hashToken(token),
    scope: input.scope,
    expires_at: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
  });
  return { token, row };
}

/** Revokes one of the user's own tokens; someone else's token is as good as missing. */
export async function revokeOwnApiToken(services: Services, userId: string, tokenId: string): Promise<void> {
  const row = await findApiToken(services.db, tokenId);
  if (!row || row.user_id !== userId) throw notFound('API token', tokenId);
  await revokeApiToken(services.db, tokenId);
}
