/**
 * A fingerprint of what the app has stored: every table of the public schema (by content) and the
 * job queue. A refused request must leave it as it was; comparing before and after shows that
 * nothing was written, where a status code alone would not.
 */
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.ts';

/**
 * Hashes every table the app writes (the migration bookkeeping aside) and counts queued jobs.
 * Rate-limit counters are left out: counting attempts, refused ones included, is what they are for;
 * so are worker heartbeats, which a running worker writes on its own clock whatever a request does.
 * `except` names further tables a refused request is meant to write.
 */
export async function databaseFingerprint(db: Database, options: { except?: string[] } = {}): Promise<Record<string, string>> {
  const skipped = new Set(['rate_limit_counters', 'worker_heartbeats', ...(options.except ?? [])]);
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%' ORDER BY 1
  `.execute(db);
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    if (skipped.has(name)) continue;
    const { rows } = await sql<{ hash: string }>`
      SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM ${sql.table(name)} t
    `.execute(db);
    fingerprint[name] = rows[0]!.hash;
  }
  const { rows } = await sql<{ jobs: string }>`SELECT count(*)::text AS jobs FROM graphile_worker._private_jobs`.execute(db);
  fingerprint['graphile_worker jobs'] = rows[0]!.jobs;
  return fingerprint;
}
