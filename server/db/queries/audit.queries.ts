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

/** Records what `actor` (a person, or a guest through a share link) did on an episode. */
export async function auditEpisodeAction(
  db: Database,
  actor: { userId: string | null; name: string; shareLinkId?: string | null; ip?: string | null },
  episodeId: string,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await insertAuditEvent(db, {
    action,
    episode_id: episodeId,
    actor_user_id: actor.userId,
    actor_name: actor.name,
    ...(actor.shareLinkId ? { share_link_id: actor.shareLinkId } : {}),
    ip: actor.ip ?? null,
    details,
  });
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
