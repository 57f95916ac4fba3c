/**
 * Accounts: sign up, log in, log out, change password, and the first admin from the command line.
 */
import type { Transaction } from 'kysely';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import type { Principal } from '../auth/principal.ts';
import { createUserSession, invalidateGuestSession, invalidateUserSession, type IssuedSession } from '../auth/sessions.ts';
import { revokeUserApiTokens } from '../db/queries/token.queries.ts';
import { deleteSetupTokens, lockAccountCreation } from '../db/queries/setup-token.queries.ts';
import { countUsers, deleteUserSessions, findUser, findUserByEmail, insertUser, setPasswordHash } from '../db/queries/user.queries.ts';
import type { DB, User } from '../db/schema.ts';
import { AppError, conflict } from '../errors.ts';
import { spendSetupToken } from './first-admin.ts';
import type { Services } from './services.ts';

export interface NewAccount {
  email: string;
  password: string;
  displayName?: string;
  isAdmin?: boolean;
  /** The first account must give the setup token the server printed (a server others can reach). */
  setupTokenRequired?: boolean;
  setupToken?: string | undefined;
}

/** Creates an account; the first account of a server is its admin (and may need the setup token). */
export async function createAccount(services: Services, input: NewAccount): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return services.db.transaction().execute((trx) => insertAccount(trx, input, passwordHash));
}

/**
 * Creates an account inside `trx`, with the password already hashed: one at a time (the account
 * creation lock), 409 when the address has an account, and the first account of a server its
 * admin (spending the setup token when one is required).
 */
export async function insertAccount(trx: Transaction<DB>, input: NewAccount, passwordHash: string): Promise<User> {
  await lockAccountCreation(trx);
  if (await findUserByEmail(trx, input.email)) throw conflict('An account with this email already exists; log in instead.');
  const first = (await countUsers(trx)) === 0;
  if (first && input.setupTokenRequired) await spendSetupToken(trx, input.setupToken);
  if (first) await deleteSetupTokens(trx);
  return insertUser(trx, {
    email: input.email,
    password_hash: passwordHash,
    display_name: displayNameOf(input),
    is_admin: input.isAdmin ?? first,
  });
}

/** The name an account gets: the one given, else the address's local part. */
export const displayNameOf = (input: { email: string; displayName?: string | undefined }) => input.displayName?.trim() || input.email.split('@')[0]!;

/** 403 when the server's sign-up is closed (`DAILIES_SIGNUP=closed`). */
export const signupClosed = () => new AppError('signup_closed', 'Sign-up is closed on this server; ask an admin for an account.', { status: 403 });

export async function signUp(services: Services, input: NewAccount, signupOpen: boolean): Promise<{ user: User; session: IssuedSession }> {
  if (!signupOpen) throw signupClosed();
  const user = await createAccount(services, { ...input, isAdmin: undefined });
  return { user, session: await createUserSession(services.db, user.id) };
}

const BAD_LOGIN = () => new AppError('invalid_credentials', 'That email and password do not match an account.', { status: 401 });

/** Checks the password (in the same time whether or not the email exists) and starts a session. */
export async function logIn(services: Services, email: string, password: string): Promise<{ user: User; session: IssuedSession }> {
  const user = await findUserByEmail(services.db, email);
  const ok = await verifyPassword(user?.password_hash, password);
  if (!user || !ok) throw BAD_LOGIN();
  return { user, session: await createUserSession(services.db, user.id) };
}

/**
 * Ends what the request was signed in with: the account session, and the guest session of a share
 * link held beside it (both cookies are cleared by the route), so neither outlives the logout.
 * An API token is not a login and is revoked on its own.
 */
export async function logOut(services: Services, principal: Principal): Promise<void> {
  await services.db.transaction().execute(async (trx) => {
    if (principal.kind === 'user' && principal.sessionId) await invalidateUserSession(trx, principal.sessionId);
    if (principal.kind === 'user' && principal.guestGrant) await invalidateGuestSession(trx, principal.guestGrant.sessionId);
    if (principal.kind === 'guest') await invalidateGuestSession(trx, principal.sessionId);
  });
}

export interface PasswordChanged {
  /** The caller's new session. */
  session: IssuedSession;
  /** Sessions of the account that were ended, the caller's old one included. */
  sessionsEnded: number;
  /** API tokens of the account that were revoked. */
  apiTokensRevoked: number;
}

/**
 * Changes the password and ends everything the old one opened: every session of the account and
 * every API token (a password is changed because it may be known to someone else, who may have
 * made tokens with it). The caller gets a new session.
 */
export async function changePassword(
  services: Services,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<PasswordChanged> {
  const user = await findUser(services.db, userId);
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('invalid_credentials', 'The current password is not right.', { status: 401 });
  }
  const passwordHash = await hashPassword(newPassword);
  return services.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, passwordHash);
    const sessionsEnded = await deleteUserSessions(trx, userId);
    const apiTokensRevoked = await revokeUserApiTokens(trx, userId);
    return { session: await createUserSession(trx, userId), sessionsEnded, apiTokensRevoked };
  });
}
