/**
 * /api/v1/tokens: API tokens for scripts, created and revoked by their owner.
 */
import { Hono } from 'hono';
import { createTokenBody } from '../../../src/lib/api/auth.schema.ts';
import { createApiToken, revokeOwnApiToken } from '../../commands/api-tokens.ts';
import { listApiTokens } from '../../db/queries/token.queries.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { parseWith } from '../validate.ts';
import { presentApiToken } from '../presenters/account.presenter.ts';
import type { RouteDeps } from './route-deps.ts';
import { z } from 'zod';

const idParam = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

function userIdOf(c: { get(key: 'principal'): import('../../auth/principal.ts').Principal }): string {
  const principal = c.get('principal');
  if (principal.kind !== 'user') throw new Error('unreachable: the rule admits accounts only');
  return principal.userId;
}

export function tokensRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>()
    .post('/', endpoint(db, { rule: { kind: 'account', minScope: 'owner' }, summary: 'Create an API token (shown once)', body: createTokenBody, success: 201 }), async (c) => {
      const body = bodyOf(c, createTokenBody);
      const { token, row } = await createApiToken(services, userIdOf(c), {
        name: body.name,
        scope: body.scope,
        ...(body.expires_in_days && { expiresInDays: body.expires_in_days }),
      });
      return c.json({ ...presentApiToken(row), token }, 201);
    })
    .get('/', endpoint(db, { rule: { kind: 'account' }, summary: 'The caller’s API tokens (never the tokens themselves)' }), async (c) =>
      c.json({ tokens: (await listApiTokens(db, userIdOf(c))).map(presentApiToken) }),
    )
    .delete('/:id', endpoint(db, { rule: { kind: 'account', minScope: 'owner' }, summary: 'Revoke one of the caller’s API tokens', success: 204 }), async (c) => {
      const { id } = parseWith(idParam, c.req.param());
      await revokeOwnApiToken(services, userIdOf(c), id);
      return c.body(null, 204);
    });
}
