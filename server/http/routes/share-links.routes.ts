/**
 * Share links: owners create, list and revoke them (/episodes/{id}/share-links, /share-links/{id});
 * guests open them (/share/{token}).
 */
import { Hono } from 'hono';
import { createShareLinkBody, startGuestSessionBody, tokenParam } from '../../../src/lib/api/auth.schema.ts';
import { LIMITS } from '../../auth/rate-limit.ts';
import { GUEST_COOKIE } from '../../auth/sessions.ts';
import { createShareLink, revokeLink, startGuestSession, usableLink } from '../../commands/share-links.ts';
import { listShareLinks } from '../../db/queries/share-link.queries.ts';
import type { AppEnv } from '../context.ts';
import { setSessionCookie } from '../cookies.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { parseWith } from '../validate.ts';
import { presentMe, presentShareInfo, presentShareLink } from '../presenters/account.presenter.ts';
import type { RouteDeps } from './route-deps.ts';

export function episodeShareLinksRoutes({ services }: RouteDeps) {
  const { db } = services;
  const manage = { kind: 'episode', permission: 'share_links.manage', id: 'episode' } as const;
  return new Hono<AppEnv>()
    .post('/:id/share-links', endpoint(db, { rule: manage, summary: 'Create a share link (the token is shown once)', body: createShareLinkBody, success: 201 }), async (c) => {
      const body = bodyOf(c, createShareLinkBody);
      const { token, link } = await createShareLink(
        services,
        c.get('episodeId'),
        {
          role: body.role,
          label: body.label,
          ...(body.expires_at && { expiresAt: new Date(body.expires_at) }),
          ...(body.password && { password: body.password }),
        },
        c.get('actor'),
      );
      return c.json(presentShareLink(link, token), 201);
    })
    .get('/:id/share-links', endpoint(db, { rule: manage, summary: 'The episode’s share links (without tokens)' }), async (c) =>
      c.json({ share_links: (await listShareLinks(db, c.get('episodeId'))).map((link) => presentShareLink(link)) }),
    );
}

export function shareLinkRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>().delete(
    '/:id',
    endpoint(db, { rule: { kind: 'episode', permission: 'share_links.manage', id: 'share_link' }, summary: 'Revoke a share link' }),
    async (c) => {
      const { id } = c.req.param();
      return c.json(presentShareLink(await revokeLink(services, id, c.get('actor'))));
    },
  );
}

export function shareRoutes({ services, settings }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>()
    .get('/:token', endpoint(db, { rule: { kind: 'public' }, summary: 'What a share link opens (label, role, whether it needs a password)' }), async (c) => {
      const { token } = parseWith(tokenParam, c.req.param());
      const link = await usableLink(services, token);
      return c.json(presentShareInfo(link));
    })
    .post(
      '/:token/session',
      endpoint(db, {
        rule: { kind: 'public' },
        summary: 'Start a guest session through a share link',
        body: startGuestSessionBody,
        success: 201,
        // Only a link with a password is a secret to guess; its guesses are counted per link and address.
        guesses: {
          charges: async (c) => {
            const link = await usableLink(services, parseWith(tokenParam, c.req.param()).token);
            return link.password_hash ? [{ key: `share-password:${link.id}:${c.get('ip') ?? 'unknown'}`, limit: LIMITS.sharePasswordPerLink }] : undefined;
          },
          wrongSecret: 'share_link_password',
        },
      }),
      async (c) => {
        const { token } = parseWith(tokenParam, c.req.param());
        const body = bodyOf(c, startGuestSessionBody);
        const link = await usableLink(services, token);
        const { session } = await startGuestSession(services, token, { name: body.name, ...(body.password !== undefined && { password: body.password }) }, c.get('ip'));
        setSessionCookie(c, settings, GUEST_COOKIE, session.token, session.expiresAt);
        return c.json(
          presentMe({ kind: 'guest', sessionId: '', shareLinkId: link.id, episodeId: link.episode_id, role: link.role, name: body.name }),
          201,
        );
      },
    );
}
