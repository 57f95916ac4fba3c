/**
 * Logging in under the guessing limits: places are taken before the password is checked (so a
 * burst cannot run more checks than allowed), given back when the login succeeds, and the
 * browser and address of a successful login become known to the account.
 */
import { rememberLogin, reserveLoginAttempt } from '../auth/login-guard.ts';
import { withReservedAttempt } from '../auth/rate-limit.ts';
import type { IssuedSession } from '../auth/sessions.ts';
import type { User } from '../db/schema.ts';
import { logIn } from './accounts.ts';
import { confirmSignUp, requestSignUp, type SignUpOutcome, type SignUpRequest } from './signup-confirmations.ts';
import type { Services } from './services.ts';

/** The device cookie to set: the browser becomes known to the account. */
type Device = { token: string; expiresAt: Date };

export interface LoginInput {
  email: string;
  password: string;
  ip: string | null;
  /** The device cookie the browser sent, if any. */
  deviceToken: string | undefined;
}

const isWrongPassword = (error: unknown) => (error as { code?: string }).code === 'invalid_credentials';

/** Logs in, or throws 401 `invalid_credentials` / 429 `rate_limited`; returns the device cookie to set. */
export async function logInLimited(services: Services, input: LoginInput): Promise<{ user: User; session: IssuedSession; device: Device }> {
  const { reservation, knownDevice } = await reserveLoginAttempt(services.db, { email: input.email, ip: input.ip, deviceToken: input.deviceToken });
  const { user, session } = await withReservedAttempt(reservation, () => logIn(services, input.email, input.password), isWrongPassword);
  const device = await rememberLogin(services.db, { userId: user.id, ip: input.ip, knownDeviceToken: knownDevice ? input.deviceToken : undefined });
  return { user, session, device };
}

/**
 * Signs up (see `requestSignUp`); when an account was made, makes the browser and address known
 * to it and returns the device cookie to set.
 */
export async function signUpRemembered(
  services: Services,
  input: SignUpRequest,
  signupOpen: boolean,
  ip: string | null,
): Promise<Exclude<SignUpOutcome, { kind: 'created' }> | { kind: 'created'; user: User; session: IssuedSession; device: Device }> {
  const outcome = await requestSignUp(services, input, signupOpen);
  if (outcome.kind !== 'created') return outcome;
  const device = await rememberLogin(services.db, { userId: outcome.user.id, ip, knownDeviceToken: undefined });
  return { ...outcome, device };
}

/** Confirms a sign-up (see `confirmSignUp`) and makes the browser and address known to the new account. */
export async function confirmSignUpRemembered(
  services: Services,
  input: { token: string; password: string },
  signupOpen: boolean,
  ip: string | null,
): Promise<{ user: User; session: IssuedSession; device: Device }> {
  const { user, session } = await confirmSignUp(services, input.token, input.password, signupOpen);
  const device = await rememberLogin(services.db, { userId: user.id, ip, knownDeviceToken: undefined });
  return { user, session, device };
}
