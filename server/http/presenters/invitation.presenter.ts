/**
 * What an invitation answer may carry: owners see the address and state; the holder of the link
 * sees the episode's title, the role and who invited them.
 */
import type { InvitationDto, InvitationInfoDto } from '../../../src/lib/api/auth.schema.ts';
import type { Invitation } from '../../db/schema.ts';

export function presentInvitation(row: Invitation, created?: { token: string; emailed: boolean }): InvitationDto {
  return {
    id: row.id,
    episode_id: row.episode_id,
    email: row.email,
    role: row.role,
    invited_by_name: row.inviter_name,
    created_at: row.created_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
    expired: row.expires_at.getTime() <= Date.now(),
    ...(created && { token: created.token, url: `/invitations/${created.token}`, emailed: created.emailed }),
  };
}

export function presentInvitationInfo(row: Invitation & { episode_title: string }): InvitationInfoDto {
  return {
    episode_title: row.episode_title,
    role: row.role,
    invited_by_name: row.inviter_name,
    email: row.email,
    expires_at: row.expires_at.toISOString(),
  };
}
