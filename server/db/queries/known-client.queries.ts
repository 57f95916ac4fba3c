/**
 * Browsers (by the hash of their device cookie) and addresses each account has logged in from.
 */
import { sql } from 'kysely';
import type { KnownClientKind } from '../../../src/lib/domain/enums.ts';
import type { Database } from '../database.ts';

/** Whether the account with `email` logged in since `since` from this browser, and from this address. */
export async function findKnownClient(
  db: Database,
  input: { email: string; deviceHash: string | undefined; ip: string | null; since: Date },
): Promise<{ device: boolean; address: boolean }> {
  const rows = await db
    .selectFrom('login_known_clients as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .select('k.kind')
    .where(sql<string>`lower(u.email)`, '=', input.email.toLowerCase())
    .where('k.last_login_at', '>', input.since)
    .where((eb) =>
      eb.or([
        eb.and([eb('k.kind', '=', 'device'), eb('k.value', '=', input.deviceHash ?? '')]),
        eb.and([eb('k.kind', '=', 'address'), eb('k.value', '=', input.ip ?? '')]),
      ]),
    )
    .execute();
  return { device: rows.some((row) => row.kind === 'device'), address: rows.some((row) => row.kind === 'address') };
}

/** Records a successful login from these clients (or moves their date forward). */
export async function rememberKnownClients(db: Database, userId: string, clients: { kind: KnownClientKind; value: string }[]): Promise<void> {
  if (clients.length === 0) return;
  await db
    .insertInto('login_known_clients')
    .values(clients.map((client) => ({ user_id: userId, ...client })))
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'value']).doUpdateSet({ last_login_at: sql`now()` }))
    .execute();
}

/** Forgets the account's clients not seen since `before`. */
export async function forgetKnownClientsBefore(db: Database, userId: string, before: Date): Promise<void> {
  await db.deleteFrom('login_known_clients').where('user_id', '=', userId).where('last_login_at', '<', before).execute();
}
