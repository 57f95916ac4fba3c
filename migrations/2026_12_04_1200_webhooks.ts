/**
 * Webhooks: HTTPS endpoints told about an episode's events (or, with no episode, every episode's,
 * registered by an admin), the outbox of events written in the same transaction as the change
 * they describe, and the log of every delivery attempt.
 *
 * The secret is kept as it is: signing with HMAC needs it, so it cannot be hashed. The API shows
 * it once, when the webhook is made.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE webhooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- Null for a server-wide webhook (an admin's), told about every episode.
      episode_id uuid REFERENCES episodes (id) ON DELETE CASCADE,
      url text NOT NULL CHECK (char_length(url) <= 2000),
      secret text NOT NULL,
      events text[] NOT NULL CHECK (cardinality(events) > 0),
      enabled boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhooks_episode ON webhooks (episode_id);

    CREATE TABLE webhook_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid REFERENCES episodes (id) ON DELETE CASCADE,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_events_episode ON webhook_events (episode_id, created_at);

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
      event_id uuid NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
      kind text NOT NULL,
      attempt integer NOT NULL CHECK (attempt >= 1),
      status_code integer,
      error text,
      duration_ms integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS webhook_deliveries;
    DROP TABLE IF EXISTS webhook_events;
    DROP TABLE IF EXISTS webhooks;
  `.execute(db);
}
