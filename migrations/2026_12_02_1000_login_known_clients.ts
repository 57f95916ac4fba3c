/**
 * Browsers and addresses an account has logged in from. A login from one of them is not held back
 * when strangers guess the account's password, so guessing cannot lock the owner out.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE login_known_clients (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      -- 'device': the SHA-256 of the browser's device cookie; 'address': the client address.
      kind text NOT NULL CHECK (kind IN ('device', 'address')),
      value text NOT NULL,
      last_login_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, kind, value)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS login_known_clients;`.execute(db);
}
