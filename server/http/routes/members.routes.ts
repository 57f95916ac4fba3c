/**
 * /api/v1/episodes/{id}/members and /audit: who is on the episode, in which role, and what happened.
 */
import { Hono } from 'hono';
import { deleteMemberBody, putMemberBody } from '../../../src/lib/api/auth.schema.ts';
import { removeMember, setMemberRole } from '../../commands/members.ts';
import { listAuditEvents } from '../../db/queries/audit.queries.ts';
import { listMembers } from '../../db/queries/member.queries.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentAuditEvent, presentMember } from '../presenters/account.presenter.ts';
import type { RouteDeps } from './route-deps.ts';

export function membersRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>()
    .get('/:id/members', endpoint(db, { rule: { kind: 'episode', permission: 'members.read', id: 'episode' }, summary: 'Members of the episode and their roles' }), async (c) =>
      c.json({
        members: (await listMembers(db, c.get('episodeId'))).map((member) =>
          // Everyone sees who is on the team; only owners (who manage it) see their addresses.
          c.get('role') === 'owner' ? presentMember(member) : { ...presentMember(member), email: null },
        ),
      }),
    )
    .put('/:id/members', endpoint(db, { rule: { kind: 'episode', permission: 'members.manage', id: 'episode' }, summary: 'Change a member’s role (server admins may also add an account by email; others invite)', body: putMemberBody }), async (c) => {
      const body = bodyOf(c, putMemberBody);
      const principal = c.get('principal');
      const isAdmin = principal.kind === 'user' && principal.isAdmin;
      const { member } = await setMemberRole(services, c.get('episodeId'), body.email, body.role, c.get('actor'), isAdmin);
      return c.json(presentMember(member));
    })
    .delete('/:id/members', endpoint(db, { rule: { kind: 'episode', permission: 'members.manage', id: 'episode' }, summary: 'Remove a member by email', body: deleteMemberBody, success: 204 }), async (c) => {
      const body = bodyOf(c, deleteMemberBody);
      await removeMember(services, c.get('episodeId'), body.email, c.get('actor'));
      return c.body(null, 204);
    })
    .get('/:id/audit', endpoint(db, { rule: { kind: 'episode', permission: 'members.manage', id: 'episode' }, summary: 'The episode’s audit trail (owners)' }), async (c) => {
      const events = await listAuditEvents(db, c.get('episodeId'));
      return c.json({ events: events.map(presentAuditEvent) });
    });
}
