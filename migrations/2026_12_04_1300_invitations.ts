/**
 * Invitations: an owner invites an address to an episode with a role. The link's token is shown
 * once and kept only as its SHA-256; an invitation expires, can be revoked, and is used once.
 * Whether the address has an account is never looked at: accepting is done by a signed-in account.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
      role episode_role NOT NULL,
      token_hash text NOT NULL UNIQUE,
      invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
      -- Kept as written at the time, so the invitation still names who sent it.
      inviter_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      accepted_at timestamptz,
      accepted_by uuid REFERENCES users (id) ON DELETE SET NULL
    );
    CREATE INDEX invitations_episode_email ON invitations (episode_id, email);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS invitations;`.execute(db);
}
