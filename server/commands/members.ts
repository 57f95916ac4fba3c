/**
 * Episode membership: owners add people by email, change their role, or remove them. Every change
 * is audited. An episode always keeps at least one owner: every change locks the episode row first,
 * so two owners demoting themselves at once are counted one after the other and the second is
 * refused.
 */
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { countOwners, deleteMember, upsertMember } from '../db/queries/member.queries.ts';
import { findUserByEmail } from '../db/queries/user.queries.ts';
import type { EpisodeRole } from '../db/schema.ts';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import { AppError, conflict } from '../errors.ts';
import type { Actor, Services } from './services.ts';

const noSuchAccount = (email: string) =>
  new AppError('account_not_found', `No account uses ${email}; they must sign up before they can be added.`, { status: 404 });

export async function setMemberRole(services: Services, episodeId: string, email: string, role: EpisodeRole, actor: Actor) {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw noSuchAccount(email);
    const previous = await upsertMember(trx, { episode_id: episodeId, user_id: user.id, role, added_by: actor.userId });
    if (previous === 'owner' && role !== 'owner' && (await countOwners(trx, episodeId)) === 0) {
      throw conflict('An episode needs at least one owner: make someone else owner first.');
    }
    const action = previous ? 'member.role_changed' : 'member.added';
    await auditEpisodeAction(trx, actor, episodeId, action, { user_id: user.id, email: user.email, from: previous ?? null, to: role });
    return { user, role, previous };
  });
}

export async function removeMember(services: Services, episodeId: string, email: string, actor: Actor) {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw noSuchAccount(email);
    const removed = await deleteMember(trx, episodeId, user.id);
    if (!removed) throw new AppError('not_a_member', `${email} is not a member of this episode.`, { status: 404 });
    if (removed === 'owner' && (await countOwners(trx, episodeId)) === 0) {
      throw conflict('An episode needs at least one owner: make someone else owner first.');
    }
    await auditEpisodeAction(trx, actor, episodeId, 'member.removed', { user_id: user.id, email: user.email, role: removed });
  });
}
