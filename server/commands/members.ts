/**
 * Episode membership: owners add people by email, change their role, or remove them. Every change
 * is audited. An episode always keeps at least one owner: the database refuses a change that
 * leaves none (the `keep_an_owner` trigger counts owners under the episode's row lock, so two
 * owners demoting themselves at once are counted one after the other and the second is refused).
 */
import { memberActivity } from './activity.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { deleteMember, findMember, isLastOwnerError, upsertMember } from '../db/queries/member.queries.ts';
import { findUserByEmail } from '../db/queries/user.queries.ts';
import type { EpisodeRole } from '../db/schema.ts';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import { AppError } from '../errors.ts';
import type { Actor, Services } from './services.ts';

const noSuchAccount = (email: string) =>
  new AppError('account_not_found', `No account uses ${email}; they must sign up before they can be added.`, { status: 404 });

/** The same answer whether or not the address has an account: adding never tells which. */
const inviteInstead = (email: string) =>
  new AppError('not_a_member', `${email} is not on this episode: invite them instead (an invitation works whether or not they have an account).`, {
    status: 404,
    details: [{ path: 'email', message: 'is not a member of this episode' }],
  });

const lastOwner = (cause: unknown) =>
  new AppError('conflict', 'An episode needs at least one owner: make someone else owner first.', { status: 409, cause });

/** Runs a membership change, turning the database's last-owner refusal into a 409. */
async function keepingAnOwner<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isLastOwnerError(error)) throw lastOwner(error);
    throw error;
  }
}

/**
 * Sets a member's role. Someone not yet on the episode is added only by a server admin (who sees
 * every account anyway, `mayAdd`); anyone else is told to invite them, in the same words whether
 * or not the address has an account.
 */
export async function setMemberRole(services: Services, episodeId: string, email: string, role: EpisodeRole, actor: Actor, mayAdd = true) {
  return keepingAnOwner(() => withEpisodeLock(services.db, episodeId, async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!mayAdd && (!user || !(await findMember(trx, episodeId, user.id)))) throw inviteInstead(email);
    if (!user) throw noSuchAccount(email);
    const previous = await upsertMember(trx, { episode_id: episodeId, user_id: user.id, role, added_by: actor.userId });
    const action = previous ? 'member.role_changed' : 'member.added';
    await auditEpisodeAction(trx, actor, episodeId, action, { user_id: user.id, email: user.email, from: previous ?? null, to: role });
    if (previous !== role) {
      await memberActivity(services, trx, episodeId, actor, previous ? 'member.role_changed' : 'member.joined', { userId: user.id, name: user.display_name, email: user.email, role, from: previous ?? null, via: 'added' });
    }
    const member = (await findMember(trx, episodeId, user.id))!;
    return { member, previous };
  }));
}

export async function removeMember(services: Services, episodeId: string, email: string, actor: Actor) {
  return keepingAnOwner(() => withEpisodeLock(services.db, episodeId, async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw noSuchAccount(email);
    const removed = await deleteMember(trx, episodeId, user.id);
    if (!removed) throw new AppError('not_a_member', `${email} is not a member of this episode.`, { status: 404 });
    await auditEpisodeAction(trx, actor, episodeId, 'member.removed', { user_id: user.id, email: user.email, role: removed });
    await memberActivity(services, trx, episodeId, actor, 'member.removed', { userId: user.id, name: user.display_name, email: user.email, role: removed });
  }));
}
