/**
 * The `Dailies-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the
 * webhook's secret. Signing the time with the body lets a receiver refuse an old request replayed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Dailies-Signature';

/** How far a signature's time may be from the receiver's clock, by default. */
const DEFAULT_TOLERANCE_SECONDS = 300;

function hmac(secret: string, seconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex');
}

/** The header value for `body`, signed at `at` (milliseconds since the epoch). */
export function signatureHeader(secret: string, body: string, at: number = Date.now()): string {
  const seconds = Math.floor(at / 1000);
  return `t=${seconds},v1=${hmac(secret, seconds, body)}`;
}

/**
 * Whether a header signs `body` with `secret`, within `toleranceSeconds` of `now`: what a receiver
 * checks (the README shows the same in a few lines). Compares in constant time.
 */
export function verifySignature(header: string, body: string, secret: string, options: { now?: number; toleranceSeconds?: number } = {}): boolean {
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const seconds = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(seconds) || !/^[0-9a-f]{64}$/.test(given)) return false;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - seconds) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(hmac(secret, seconds, body), 'hex'));
}
