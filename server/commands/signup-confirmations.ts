/**
 * Sign-up that never reveals whether an address has an account. With SMTP configured, a sign-up
 * is answered the same way for every well-formed request: for a free address the account waits
 * (password hash, name) until the link emailed to the address is opened; for an address that has
 * an account nothing is changed and its holder is emailed that someone tried. Both emails are jobs
 * queued in the request's transaction, so the request never waits for the mail server, and both
 * paths hash the password, so a taken address is not answered faster.
 *
 * The link makes the account only with the password chosen at sign-up (see `confirmSignUp`).
 *
 * Two sign-ups are made at once, because nothing is revealed by them: the first account of a
 * server (there is no account to reveal; it may need the setup token), and a sign-up through the
 * emailed link of an open invitation to that very address (the mailbox proof in that link, which
 * the sender never sees, proves the mailbox), unless the address has an account. Without SMTP
 * there is nobody to tell by email, and sign-up stays immediate (201, or 409 for a taken address).
 */
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { createUserSession, type IssuedSession } from '../auth/sessions.ts';
import { generateToken, hashToken, looksLikeToken } from '../auth/tokens.ts';
import { findInvitationByHash } from '../db/queries/invitation.queries.ts';
import { addJob } from '../db/queries/job.queries.ts';
import { lockAccountCreation } from '../db/queries/setup-token.queries.ts';
import {
  claimSignupConfirmation,
  deleteStaleSignupConfirmations,
  findSignupConfirmation,
  findSignupConfirmationByHash,
  insertSignupConfirmation,
  setSignupConfirmationUser,
} from '../db/queries/signup-confirmation.queries.ts';
import { countUsers, findUser, findUserByEmail, insertUser } from '../db/queries/user.queries.ts';
import type { Invitation, SignupConfirmation, User } from '../db/schema.ts';
import { AppError, conflict } from '../errors.ts';
import { sendMail } from '../mail/mailer.ts';
import { signupAttemptMail } from '../mail/signup-attempt.mail.ts';
import { signupConfirmationMail } from '../mail/signup-confirmation.mail.ts';
import { displayNameOf, insertAccount, signUp, signupClosed, type NewAccount } from './accounts.ts';
import type { Services } from './services.ts';

const HOUR_MS = 3_600_000;
/** How long a confirmation link works. */
export const SIGNUP_CONFIRMATION_HOURS = 24;
/** Confirmations are kept this long after they expire (so a late click is told why), then deleted. */
const STALE_AFTER_DAYS = 7;
/** Attempts of each sign-up email; graphile-worker waits longer after each (exponential backoff). */
const SIGNUP_EMAIL_ATTEMPTS = 10;

export interface SignUpRequest extends NewAccount {
  /** The invitation the person signs up through (`?invitation=` on the sign-up page). */
  invitationToken?: string | undefined;
  /** The mailbox proof its emailed link carried (`?proof=`). */
  invitationProof?: string | undefined;
}

export type SignUpOutcome =
  | { kind: 'created'; user: User; session: IssuedSession }
  /** Said for a free and a taken address alike: the address is emailed either way. */
  | { kind: 'confirmation_sent'; email: string };

/** The open invitation a token opens, if any. */
async function openInvitation(services: Services, token: string | undefined) {
  if (!token || !looksLikeToken(token)) return undefined;
  const invitation = await findInvitationByHash(services.db, hashToken(token));
  if (!invitation || invitation.accepted_at || invitation.revoked_at || invitation.expires_at.getTime() <= Date.now()) return undefined;
  return invitation;
}

/**
 * Whether the sign-up gives an open invitation to its address together with the mailbox proof
 * that only the invitation's email carried. The invitation link alone proves nothing: its sender
 * holds it too.
 */
function mailboxProven(invitation: Invitation | undefined, input: SignUpRequest): boolean {
  const proof = input.invitationProof;
  if (!invitation || !proof || !looksLikeToken(proof)) return false;
  return invitation.mailbox_proof_hash === hashToken(proof) && invitation.email === input.email.toLowerCase();
}

/** Signs up (see the file's comment): an account and a session, or "confirmation sent". */
export async function requestSignUp(services: Services, input: SignUpRequest, signupOpen: boolean): Promise<SignUpOutcome> {
  if (!signupOpen) throw signupClosed();
  if (!services.mail) return { kind: 'created', ...(await signUp(services, input, signupOpen)) };
  // Before anything else, on every path: a taken address must cost what a free one costs.
  const passwordHash = await hashPassword(input.password);
  const invitation = await openInvitation(services, input.invitationToken);
  const proven = mailboxProven(invitation, input);
  const token = generateToken();
  const outcome = await services.db.transaction().execute(async (trx): Promise<{ user: User } | { email: string }> => {
    await lockAccountCreation(trx);
    const holder = await findUserByEmail(trx, input.email);
    if (!holder && (proven || (await countUsers(trx)) === 0)) {
      return { user: await insertAccount(trx, { ...input, isAdmin: undefined }, passwordHash) };
    }
    await deleteStaleSignupConfirmations(trx, STALE_AFTER_DAYS);
    if (holder) {
      // One mail for a burst of attempts: a job still waiting is replaced, not doubled.
      await addJob(trx, 'send_signup_attempt_email', { userId: holder.id }, { maxAttempts: SIGNUP_EMAIL_ATTEMPTS, jobKey: `signup_attempt:${holder.id}` });
    } else {
      const pending = await insertSignupConfirmation(trx, {
        email: input.email,
        password_hash: passwordHash,
        display_name: displayNameOf(input),
        token_hash: hashToken(token),
        expires_at: new Date(Date.now() + SIGNUP_CONFIRMATION_HOURS * HOUR_MS),
      });
      // The invitation goes on in the link, so that confirming lands on its episode.
      const carried = invitation && input.invitationToken ? { invitation: input.invitationToken } : {};
      await addJob(trx, 'send_signup_confirmation_email', { confirmationId: pending.id, token, ...carried }, { maxAttempts: SIGNUP_EMAIL_ATTEMPTS });
    }
    return { email: input.email };
  });
  if ('email' in outcome) return { kind: 'confirmation_sent', email: outcome.email };
  return { kind: 'created', user: outcome.user, session: await createUserSession(services.db, outcome.user.id) };
}

type Unusable = 'unknown' | 'expired' | 'used';

const WORDS: Record<Unusable, [code: string, status: number, message: string]> = {
  unknown: ['signup_confirmation_invalid', 404, 'This confirmation link is not valid. Check that you copied all of it from the email, or sign up again.'],
  expired: ['signup_confirmation_expired', 410, `This confirmation link has expired (links work for ${SIGNUP_CONFIRMATION_HOURS} hours). Sign up again to get a new one.`],
  used: ['signup_confirmation_used', 410, 'This confirmation link was already used: the account exists. Log in with its address and password.'],
};

const confirmationUnusable = (reason: Unusable) => {
  const [code, status, message] = WORDS[reason];
  return new AppError(code, message, { status });
};

function unusableBecause(row: SignupConfirmation): Unusable | undefined {
  if (row.confirmed_at) return 'used';
  if (row.expires_at.getTime() <= Date.now()) return 'expired';
  return undefined;
}

/**
 * Opens a confirmation link: creates the account it waited for and signs it in. The link works
 * once (a conditional UPDATE claims it, so two clicks at once make one account). An address that
 * got an account meanwhile is a 409: whoever holds the link holds the mailbox, so saying it tells
 * them nothing new.
 *
 * The password chosen at sign-up must be given again. Anyone can sign up with someone else's
 * address; if its holder then opened the link and the account were made, it would carry a
 * password the stranger knows (a pre-made account they could log in to later). Asking for the
 * password makes sure the one who holds the mailbox is the one who chose it.
 */
export async function confirmSignUp(services: Services, token: string, password: string, signupOpen: boolean): Promise<{ user: User; session: IssuedSession }> {
  // Closing sign-up also stops the sign-ups still waiting for their link.
  if (!signupOpen) throw signupClosed();
  const found = looksLikeToken(token) ? await findSignupConfirmationByHash(services.db, hashToken(token)) : undefined;
  if (!found) throw confirmationUnusable('unknown');
  const reason = unusableBecause(found);
  if (reason) throw confirmationUnusable(reason);
  if (!(await verifyPassword(found.password_hash, password))) {
    throw new AppError(
      'invalid_credentials',
      'That is not the password this sign-up was made with: type the one you chose when you signed up. If you did not sign up, ignore the email; no account is made.',
      { status: 401 },
    );
  }
  const user = await services.db.transaction().execute(async (trx) => {
    await lockAccountCreation(trx);
    const claimed = await claimSignupConfirmation(trx, found.id);
    if (!claimed) {
      const now = await findSignupConfirmation(trx, found.id);
      throw confirmationUnusable((now && unusableBecause(now)) ?? 'used');
    }
    // Throwing rolls the claim back: the link keeps saying this until it expires.
    if (await findUserByEmail(trx, claimed.email)) throw conflict('An account with this address was created after you signed up: log in with it instead.');
    // Never an admin: the first account of a server is made at once (with the setup token), not here.
    const created = await insertUser(trx, { email: claimed.email, password_hash: claimed.password_hash, display_name: claimed.display_name, is_admin: false });
    await setSignupConfirmationUser(trx, claimed.id, created.id);
    return created;
  });
  return { user, session: await createUserSession(services.db, user.id) };
}

/**
 * Sends the confirmation link (the `send_signup_confirmation_email` job). One used or expired by
 * then, or gone, is not sent; a mail server that refuses or is down throws, and the job is tried
 * again later.
 */
export async function sendSignupConfirmationEmail(services: Services, confirmationId: string, token: string, invitation?: string): Promise<'sent' | 'skipped'> {
  const pending = await findSignupConfirmation(services.db, confirmationId);
  if (!pending || unusableBecause(pending) || pending.token_hash !== hashToken(token)) return 'skipped';
  if (!services.mail) {
    services.log.warn(`Sign-up confirmation ${confirmationId} was not emailed: DAILIES_SMTP_URL is no longer set. Whoever signed up can do so again.`);
    return 'skipped';
  }
  const url = new URL(`/signup/confirm/${token}${invitation ? `?invitation=${invitation}` : ''}`, services.mail.publicUrl).toString();
  await sendMail(services.mail, signupConfirmationMail({ to: pending.email, url, expiresAt: pending.expires_at }));
  return 'sent';
}

/** Tells an account's holder that someone tried to sign up with its address (the `send_signup_attempt_email` job). */
export async function sendSignupAttemptEmail(services: Services, userId: string): Promise<'sent' | 'skipped'> {
  const holder = await findUser(services.db, userId);
  if (!holder) return 'skipped';
  if (!services.mail) {
    services.log.warn(`A sign-up attempt for an existing account was not emailed: DAILIES_SMTP_URL is no longer set.`);
    return 'skipped';
  }
  await sendMail(services.mail, signupAttemptMail({ to: holder.email, loginUrl: new URL('/login', services.mail.publicUrl).toString() }));
  return 'sent';
}
