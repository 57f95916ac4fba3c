/**
 * The audit trail: who did what, when, and through which share link.
 */
import type { Database } from '../database.ts';

export interface AuditEvent {
  action: string;
  episode_id?: string | null;
  actor_user_id: string | null;
  actor_name: string;
  share_link_id?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function insertAuditEvent(db: Database, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({ ...event, details: JSON.stringify(event.details ?? {}) })
    .execute();
}

export async function listAuditEvents(db: Database, episodeId: string, limit = 200) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
