/**
 * Invitations: owners send, list and revoke them (/episodes/{id}/invitations, /invitations/{id});
 * anyone holding the link reads what it opens, and a signed-in account accepts it
 * (/invitations/{token}, /invitations/{token}/accept).
 */
import { Hono } from 'hono';
import { createInvitationBody, type InvitationAcceptedDto } from '../../../src/lib/api/auth.schema.ts';
import { acceptInvitation, createInvitation, revokeInvitationById, usableInvitation } from '../../commands/invitations.ts';
import { listPendingInvitations } from '../../db/queries/invitation.queries.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentInvitation, presentInvitationInfo } from '../presenters/invitation.presenter.ts';
import type { RouteDeps } from './route-deps.ts';

export function episodeInvitationsRoutes({ services }: RouteDeps) {
  const { db } = services;
  const manage = { kind: 'episode', permission: 'members.manage', id: 'episode' } as const;
  return new Hono<AppEnv>()
    .post('/:id/invitations', endpoint(db, { rule: manage, summary: 'Invite an email address to the episode with a role (the link is shown once)', body: createInvitationBody, success: 201 }), async (c) => {
      const body = bodyOf(c, createInvitationBody);
      const { token, invitation, emailed } = await createInvitation(
        services,
        c.get('episodeId'),
        { email: body.email, role: body.role, expiresInDays: body.expires_in_days },
        c.get('role'),
        c.get('actor'),
      );
      return c.json(presentInvitation(invitation, { token, emailed }), 201);
    })
    .get('/:id/invitations', endpoint(db, { rule: manage, summary: 'The episode’s pending invitations (not used, not revoked)' }), async (c) =>
      c.json({ invitations: (await listPendingInvitations(db, c.get('episodeId'))).map((row) => presentInvitation(row)) }),
    );
}

export function invitationRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>()
    .delete('/:id', endpoint(db, { rule: { kind: 'episode', permission: 'members.manage', id: 'invitation' }, summary: 'Revoke an invitation' }), async (c) => {
      const { id } = c.req.param();
      return c.json(presentInvitation(await revokeInvitationById(services, id, c.get('actor'))));
    })
    .get('/:token', endpoint(db, { rule: { kind: 'public' }, summary: 'What an invitation link opens (episode title, role, who invited)' }), async (c) => {
      // A link cut short or mistyped is an unknown invitation, said in the same words.
      const token = c.req.param('token');
      return c.json(presentInvitationInfo(await usableInvitation(services, token)));
    })
    .post('/:token/accept', endpoint(db, { rule: { kind: 'account', minScope: 'owner' }, summary: 'Join the episode through an invitation, as the signed-in account' }), async (c) => {
      // A link cut short or mistyped is an unknown invitation, said in the same words.
      const token = c.req.param('token');
      const principal = c.get('principal');
      if (principal.kind !== 'user') throw new Error('unreachable: the rule admits accounts only');
      const joined = await acceptInvitation(services, token, { ...c.get('actor'), userId: principal.userId });
      const answer: InvitationAcceptedDto = { episode_id: joined.episodeId, role: joined.role };
      return c.json(answer);
    });
}
