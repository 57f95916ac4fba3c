/**
 * The first admin of a server that others can reach. The first account of a server becomes its
 * admin; on a server listening beyond its own machine, whoever reached the sign-up page first
 * would get that. So such a server, while it has no account, prints a one-time setup token at
 * start, and the first sign-up must give it. `dailies user add --admin` needs none (it runs on
 * the server's machine).
 */
import type { Transaction } from 'kysely';
import { generateToken, hashToken, looksLikeToken } from '../auth/tokens.ts';
import { insertSetupToken, takeSetupToken } from '../db/queries/setup-token.queries.ts';
import { countUsers } from '../db/queries/user.queries.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Services } from './services.ts';

/** A new setup token (stored hashed), or null when the server already has an account. */
export async function issueSetupToken(services: Services): Promise<string | null> {
  if ((await countUsers(services.db)) > 0) return null;
  const token = generateToken();
  await insertSetupToken(services.db, hashToken(token));
  return token;
}

/** Whether the next sign-up must give a setup token: the server asks for one and has no account yet. */
export async function setupTokenNeeded(services: Services, required: boolean): Promise<boolean> {
  return required && (await countUsers(services.db)) === 0;
}

/**
 * Spends `token` inside the transaction that creates the first account; throws 403 when it is
 * missing or not one the server printed. A token works once: of two sign-ups giving it at once,
 * only one can delete it.
 */
export async function spendSetupToken(trx: Transaction<DB>, token: string | undefined): Promise<void> {
  if (!token) {
    throw new AppError(
      'setup_token_required',
      'This server has no account yet: the first sign-up needs the setup token the server printed when it started (or create the admin on the server with `dailies user add --admin`).',
      { status: 403 },
    );
  }
  if (!looksLikeToken(token) || !(await takeSetupToken(trx, hashToken(token)))) {
    throw new AppError('setup_token_invalid', 'That setup token is not right: copy the one the server printed when it started.', { status: 403 });
  }
}
