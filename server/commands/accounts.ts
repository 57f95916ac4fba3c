/**
 * Accounts: sign up, log in, log out, change password, and the first admin from the command line.
 */
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { createUserSession, invalidateUserSession, type IssuedSession } from '../auth/sessions.ts';
import { deleteSetupTokens, lockAccountCreation } from '../db/queries/setup-token.queries.ts';
import { countUsers, deleteUserSessions, findUser, findUserByEmail, insertUser, setPasswordHash } from '../db/queries/user.queries.ts';
import type { User } from '../db/schema.ts';
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
  return services.db.transaction().execute(async (trx) => {
    await lockAccountCreation(trx);
    if (await findUserByEmail(trx, input.email)) throw conflict('An account with this email already exists; log in instead.');
    const first = (await countUsers(trx)) === 0;
    if (first && input.setupTokenRequired) await spendSetupToken(trx, input.setupToken);
    if (first) await deleteSetupTokens(trx);
    return insertUser(trx, {
      email: input.email,
      password_hash: passwordHash,
      display_name: input.displayName?.trim() || input.email.split('@')[0]!,
      is_admin: input.isAdmin ?? first,
    });
  });
}

export async function signUp(services: Services, input: NewAccount, signupOpen: boolean): Promise<{ user: User; session: IssuedSession }> {
  if (!signupOpen) {
    throw new AppError('signup_closed', 'Sign-up is closed on this server; ask an admin for an account.', { status: 403 });
  }
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

export async function logOut(services: Services, sessionId: string): Promise<void> {
  await invalidateUserSession(services.db, sessionId);
}

/** Changes the password, ends every session of the account, and starts a new one for the caller. */
export async function changePassword(
  services: Services,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<IssuedSession> {
  const user = await findUser(services.db, userId);
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('invalid_credentials', 'The current password is not right.', { status: 401 });
  }
  const passwordHash = await hashPassword(newPassword);
  return services.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, passwordHash);
    await deleteUserSessions(trx, userId);
    return createUserSession(trx, userId);
  });
}
