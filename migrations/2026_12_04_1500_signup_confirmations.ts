/**
 * Sign-ups waiting for their address to be confirmed (with SMTP configured): the password's argon2
 * hash and the name are kept until the link emailed to the address is opened, which creates the
 * account. The link's token is shown only in that email and kept here as its SHA-256; it expires
 * and is used once. A row never says whether the address has an account: a sign-up for an address
 * that has one stores nothing here (its holder is emailed instead).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE signup_confirmations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- As typed; compared without case, like users.email.
      email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
      password_hash text NOT NULL,
      display_name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      user_id uuid REFERENCES users (id) ON DELETE SET NULL
    );
    CREATE INDEX signup_confirmations_expires ON signup_confirmations (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS signup_confirmations;`.execute(db);
}
