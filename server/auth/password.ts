/**
 * Password hashing with argon2id (OWASP's minimum parameters: 19 MiB, 2 passes, 1 lane).
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// A real hash of a random password: verifying against it costs what a real check costs, so a login
// for an unknown email takes as long as one with a wrong password.
let dummy: Promise<string> | undefined;
let checks = 0;

/**
 * How many password checks (argon2 verifications, the dummy ones included) this process has run:
 * the evidence that a rate limit stopped guesses before the slow part, independent of timing.
 */
export function passwordChecksRun(): number {
  return checks;
}

/** Verifies `password` against `stored`; with no stored hash, spends the same time and fails. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  checks += 1;
  if (!stored) {
    dummy ??= hash(crypto.randomUUID(), OPTIONS);
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
