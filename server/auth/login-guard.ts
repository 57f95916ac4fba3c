/**
 * Limits on password guessing that an attacker cannot turn against the account's owner.
 *
 * A login from a browser the account has logged in with before (its device cookie) takes a place,
 * before its password is checked, on one counter: that browser for that account. Nobody else can
 * spend it, so guesses from the same network (an office, a café, a carrier's shared address)
 * never keep the owner's own browser out. Every other login takes a place on two counters: its
 * address (any account) and its account from that address. A login from an address the account
 * has logged in from before needs nothing more; any other also takes a place on the account's
 * counter for unknown clients; once strangers have spent it, they are slowed to one check a
 * minute — and the owner, from a known browser or network, is not held back at all. A login that
 * succeeds gives its places back.
 */
import type { Database } from '../db/database.ts';
import { findKnownClient, forgetKnownClientsBefore, rememberKnownClients } from '../db/queries/known-client.queries.ts';
import { LIMITS, rateLimited, type Charge, type Reservation, tryReserve, reserveAttempts } from './rate-limit.ts';
import { generateToken, hashToken, looksLikeToken } from './tokens.ts';

/** The cookie that makes a browser known to the accounts that logged in with it. */
export const DEVICE_COOKIE = 'dailies_device';
/** How long a browser or an address stays known after its last successful login. */
export const KNOWN_CLIENT_DAYS = 90;
const KNOWN_CLIENT_MS = KNOWN_CLIENT_DAYS * 24 * 3600 * 1000;

export interface LoginClient {
  email: string;
  /** Null when the request came without a socket (in-process). */
  ip: string | null;
  /** The device cookie the browser sent, if any. */
  deviceToken: string | undefined;
}

export interface LoginReservation {
  reservation: Reservation;
  /** The device cookie the browser sent is known to this account: keep it. */
  knownDevice: boolean;
}

/** Takes the places a login attempt needs, or throws 429 `rate_limited` naming what to do. */
export async function reserveLoginAttempt(db: Database, client: LoginClient, now = Date.now()): Promise<LoginReservation> {
  const email = client.email.toLowerCase();
  const address = client.ip ?? 'unknown';
  const always: Charge[] = [
    { key: `login-address:${address}`, limit: LIMITS.loginPerAddress },
    { key: `login:${address}:${email}`, limit: LIMITS.loginPerAccount },
  ];
  const deviceHash = client.deviceToken && looksLikeToken(client.deviceToken) ? hashToken(client.deviceToken) : undefined;
  const known = await findKnownClient(db, { email, deviceHash, ip: client.ip, since: new Date(now - KNOWN_CLIENT_MS) });
  if (known.device) {
    const ownBrowser: Charge[] = [{ key: `login-device:${deviceHash}:${email}`, limit: LIMITS.loginPerAccount }];
    return { reservation: await reserveAttempts(db, ownBrowser, now), knownDevice: true };
  }
  if (known.address) return { reservation: await reserveAttempts(db, always, now), knownDevice: false };

  for (const [key, limit] of [
    [`login-unknown:${email}`, LIMITS.loginUnknownClients],
    [`login-unknown-slow:${email}`, LIMITS.loginUnknownClientsSlow],
  ] as const) {
    const result = await tryReserve(db, [...always, { key, limit }], now);
    if ('reservation' in result) return { reservation: result.reservation, knownDevice: false };
    if (result.refused.key !== key) throw rateLimited(result.refused.retryAfterSeconds);
    if (limit === LIMITS.loginUnknownClientsSlow) {
      const wait = result.refused.retryAfterSeconds;
      throw rateLimited(
        wait,
        `This account has had many wrong passwords from browsers and networks it has not logged in from, so logins from those are slowed down: try again in ${wait} seconds, or log in from a browser or network you have used before.`,
        'unknown_client_slowdown',
      );
    }
  }
  throw new Error('unreachable: the slow counter either reserves or refuses');
}

/**
 * Remembers a successful login's browser and address; returns the device cookie to send (the
 * browser's own when it was already known to this account, else a new one, so that a cookie
 * planted by someone else never becomes trusted).
 */
export async function rememberLogin(
  db: Database,
  input: { userId: string; ip: string | null; knownDeviceToken: string | undefined },
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = input.knownDeviceToken ?? generateToken();
  await rememberKnownClients(db, input.userId, [
    { kind: 'device', value: hashToken(token) },
    ...(input.ip ? [{ kind: 'address' as const, value: input.ip }] : []),
  ]);
  await forgetKnownClientsBefore(db, input.userId, new Date(now - KNOWN_CLIENT_MS));
  return { token, expiresAt: new Date(now + KNOWN_CLIENT_MS) };
}
