/**
 * Secrets handed to people (session cookies, API tokens, share links): random, shown once,
 * stored only as their SHA-256, after Lucia's own guide.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 160 random bits, base32: 32 characters safe in URLs and headers. */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The stored form of a token: hex SHA-256. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A token shape check before any database work: 32 base32 characters. */
export function looksLikeToken(value: string): boolean {
  return /^[a-z2-7]{32}$/.test(value);
}
