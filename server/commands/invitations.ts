/**
 * Invitations: an owner invites an email address to an episode with a role. The link's token
 * (160 bits) is returned once and stored hashed; the invitation expires (7 days unless told
 * otherwise), can be revoked, and is used once. Whether the address has an account is never
 * looked at, so inviting reveals nothing about it: the person signs up or logs in through the
 * link and a signed-in account accepts it. Creating, revoking and accepting are audited.
 * With SMTP configured the link is also emailed, by a job queued in the same transaction: the
 * request never waits for the mail server, nor fails because it is down. The emailed link also
 * carries a mailbox proof the sender never sees, with which a sign-up to that address is made at
 * once (see signup-confirmations.ts).
 */
import { invitationInbox, memberActivity } from './activity.ts';
import { findUser } from '../db/queries/user.queries.ts';
import { ROLE_RANK } from '../auth/policies.ts';
import { generateToken, hashToken, looksLikeToken } from '../auth/tokens.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import {
  claimInvitation,
  findInvitation,
  findInvitationByHash,
  findOpenInvitation,
  insertInvitation,
  revokeInvitation,
} from '../db/queries/invitation.queries.ts';
import { findMemberRole, isMemberByEmail, upsertMember } from '../db/queries/member.queries.ts';
import { addJob } from '../db/queries/job.queries.ts';
import type { EpisodeRole, Invitation } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { invitationMail } from '../mail/invitation.mail.ts';
import { sendMail } from '../mail/mailer.ts';
import type { Actor, Services } from './services.ts';

const DAY_MS = 86_400_000;
/** How long an invitation lasts unless its sender says otherwise. */
export const DEFAULT_INVITATION_DAYS = 7;
/** Attempts of the invitation email; graphile-worker waits longer after each (exponential backoff). */
const INVITATION_EMAIL_ATTEMPTS = 10;

export interface NewInvitation {
  email: string;
  role: EpisodeRole;
  expiresInDays?: number | undefined;
}

/**
 * Creates an invitation. `inviterRole` is the sender's role on the episode (narrowed by an API
 * token's scope): nobody invites someone to a role above their own.
 */
export async function createInvitation(
  services: Services,
  episodeId: string,
  input: NewInvitation,
  inviterRole: EpisodeRole,
  actor: Actor,
): Promise<{ token: string; invitation: Invitation; emailed: boolean }> {
  if (ROLE_RANK[input.role] > ROLE_RANK[inviterRole]) {
    throw new AppError('role_above_yours', `You are ${inviterRole} on this episode and cannot invite someone as ${input.role}; choose ${inviterRole} or below.`, {
      status: 403,
      details: [{ path: 'role', message: `must not rank above ${inviterRole}` }],
    });
  }
  const email = input.email.trim().toLowerCase();
  const token = generateToken();
  const emailed = services.mail !== undefined;
  // Only in the email, never in the answer: the sender holds the link, not the mailbox.
  const proof = emailed ? generateToken() : undefined;
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    // Under the episode lock, so two identical invitations sent at once make one.
    if (await findOpenInvitation(trx, episodeId, email)) {
      throw new AppError('invitation_exists', `${email} already has an open invitation to this episode: revoke it first to send another.`, {
        status: 409,
        details: [{ path: 'email', message: 'has an open invitation' }],
      });
    }
    // Members are listed to owners already, so saying so tells them nothing new.
    if (await isMemberByEmail(trx, episodeId, email)) {
      throw new AppError('already_member', `${email} is already a member of this episode: change their role in the members list instead.`, {
        status: 409,
        details: [{ path: 'email', message: 'is already a member' }],
      });
    }
    const invitation = await insertInvitation(trx, {
      episode_id: episodeId,
      email,
      role: input.role,
      token_hash: hashToken(token),
      invited_by: actor.userId,
      inviter_name: actor.name,
      expires_at: new Date(Date.now() + (input.expiresInDays ?? DEFAULT_INVITATION_DAYS) * DAY_MS),
      mailbox_proof_hash: proof ? hashToken(proof) : null,
    });
    await auditEpisodeAction(trx, actor, episodeId, 'invitation.created', { invitation_id: invitation.id, email, role: input.role, expires_at: invitation.expires_at });
    await invitationInbox(services, trx, invitation);
    if (proof) await addJob(trx, 'send_invitation_email', { invitationId: invitation.id, token, proof }, { maxAttempts: INVITATION_EMAIL_ATTEMPTS });
    return { token, invitation, emailed };
  });
}

/** Revokes an invitation not yet used; revoking one already revoked changes nothing. */
export async function revokeInvitationById(services: Services, id: string, actor: Actor): Promise<Invitation> {
  return services.db.transaction().execute(async (trx) => {
    const existing = await findInvitation(trx, id);
    if (!existing) throw notFound('Invitation', id);
    if (existing.accepted_at) {
      throw new AppError('invitation_used', 'This invitation was already used: remove the member from the members list instead.', { status: 409 });
    }
    if (existing.revoked_at) return existing;
    const revoked = (await revokeInvitation(trx, id)) ?? existing;
    await auditEpisodeAction(trx, actor, existing.episode_id, 'invitation.revoked', { invitation_id: id, email: existing.email });
    return revoked;
  });
}

type Unusable = 'unknown' | 'revoked' | 'expired' | 'used';

const WORDS: Record<Unusable, [code: string, status: number, message: string]> = {
  unknown: ['invitation_invalid', 404, 'This invitation link is not valid. Check that you copied all of it.'],
  revoked: ['invitation_revoked', 410, 'This invitation was revoked. Ask the person who invited you for a new one.'],
  expired: ['invitation_expired', 410, 'This invitation has expired. Ask the person who invited you for a new one.'],
  used: ['invitation_used', 410, 'This invitation was already used. Log in with the account that used it, or ask for a new one.'],
};

const invitationUnusable = (reason: Unusable) => {
  const [code, status, message] = WORDS[reason];
  return new AppError(code, message, { status });
};

function unusableBecause(invitation: Invitation): Unusable | undefined {
  if (invitation.accepted_at) return 'used';
  if (invitation.revoked_at) return 'revoked';
  if (invitation.expires_at.getTime() <= Date.now()) return 'expired';
  return undefined;
}

/** The invitation a token opens, if it can be used now; otherwise the reason, as an error. */
export async function usableInvitation(services: Services, token: string) {
  const invitation = looksLikeToken(token) ? await findInvitationByHash(services.db, hashToken(token)) : undefined;
  if (!invitation) throw invitationUnusable('unknown');
  const reason = unusableBecause(invitation);
  if (reason) throw invitationUnusable(reason);
  return invitation;
}

/**
 * A signed-in account accepts an invitation: it joins the episode with the invitation's role (or
 * keeps a higher role it already has), and the invitation is used up. The claim is one
 * conditional UPDATE, so two accepts at once cannot both use it.
 */
export async function acceptInvitation(services: Services, token: string, actor: Actor & { userId: string }): Promise<{ episodeId: string; role: EpisodeRole }> {
  return joinThrough(services, await usableInvitation(services, token), actor);
}

/**
 * The invited account accepts from its inbox: the invitation must be to its own address (the
 * inbox shows it only there) and still usable.
 */
export async function acceptInvitationFromInbox(services: Services, invitationId: string, actor: Actor & { userId: string }): Promise<{ episodeId: string; role: EpisodeRole }> {
  const invitation = await findInvitation(services.db, invitationId);
  const user = await findUser(services.db, actor.userId);
  if (!invitation || !user || invitation.email !== user.email.toLowerCase()) throw invitationUnusable('unknown');
  const reason = unusableBecause(invitation);
  if (reason) throw invitationUnusable(reason);
  return joinThrough(services, invitation, actor);
}

async function joinThrough(services: Services, found: Invitation, actor: Actor & { userId: string }): Promise<{ episodeId: string; role: EpisodeRole }> {
  return withEpisodeLock(services.db, found.episode_id, async (trx) => {
    const claimed = await claimInvitation(trx, found.id, actor.userId);
    if (!claimed) {
      const now = await findInvitation(trx, found.id);
      throw invitationUnusable((now && unusableBecause(now)) ?? 'used');
    }
    const current = await findMemberRole(trx, claimed.episode_id, actor.userId);
    const role = current && ROLE_RANK[current] >= ROLE_RANK[claimed.role] ? current : claimed.role;
    if (role !== current) {
      await upsertMember(trx, { episode_id: claimed.episode_id, user_id: actor.userId, role, added_by: claimed.invited_by, joined_via: 'invitation' });
      const user = (await findUser(trx, actor.userId))!;
      await memberActivity(services, trx, claimed.episode_id, actor, current ? 'member.role_changed' : 'member.joined', {
        userId: user.id,
        name: user.display_name,
        email: user.email,
        role,
        from: current ?? null,
        via: 'invitation',
      });
    }
    await auditEpisodeAction(trx, actor, claimed.episode_id, 'invitation.accepted', { invitation_id: claimed.id, email: claimed.email, role, from: current ?? null });
    return { episodeId: claimed.episode_id, role };
  });
}

/**
 * Sends the invitation email (the `send_invitation_email` job). An invitation that is gone, used,
 * revoked or expired by then is not sent; a mail server that refuses or is down throws, and the
 * job is tried again later.
 */
export async function sendInvitationEmail(services: Services, invitationId: string, token: string, proof?: string): Promise<'sent' | 'skipped'> {
  const invitation = await findInvitation(services.db, invitationId);
  if (!invitation || unusableBecause(invitation) || invitation.token_hash !== hashToken(token)) return 'skipped';
  if (!services.mail) {
    services.log.warn(`Invitation ${invitationId} was not emailed: DAILIES_SMTP_URL is no longer set. Its sender can revoke it and send a new one.`);
    return 'skipped';
  }
  const episode = await findInvitationByHash(services.db, invitation.token_hash);
  const message = invitationMail({
    to: invitation.email,
    episodeTitle: episode?.episode_title ?? 'an episode',
    inviterName: invitation.inviter_name,
    role: invitation.role,
    url: new URL(`/invitations/${token}${proof ? `?proof=${proof}` : ''}`, services.mail.publicUrl).toString(),
    expiresAt: invitation.expires_at,
  });
  await sendMail(services.mail, message);
  return 'sent';
}
