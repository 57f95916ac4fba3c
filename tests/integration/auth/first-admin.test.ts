/**
 * The first admin: on a server that asks for a setup token, the first sign-up must give the one it
 * printed (once); later sign-ups need none and are not admins; two first sign-ups at once never
 * make two admins.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/commands/accounts.ts';
import { issueSetupToken } from '../../../server/commands/first-admin.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { PASSWORD, TestClient } from '../../support/http-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

describe('a server that asks for a setup token', () => {
  let context: TestContext;
  let server: AppServer;
  let token: string;

  beforeAll(async () => {
    context = await createTestContext();
    server = await startAppServer(context, { setupTokenRequired: true });
    token = (await issueSetupToken(context.services))!;
  });
  afterAll(async () => {
    await server?.close();
    await context?.cleanup();
  });

  const users = () => context.services.db.selectFrom('users').select(['email', 'is_admin']).orderBy('created_at').execute();
  const signup = (email: string, extra: Record<string, string> = {}) =>
    new TestClient(server.base).json<{ is_admin?: boolean; error?: { code: string; message: string } }>('POST', '/api/v1/auth/signup', { email, password: PASSWORD, ...extra });

  it('says so to the sign-up page', async () => {
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect((await new TestClient(server.base).json('GET', '/api/v1/auth/signup')).body).toEqual({ open: true, setup_token_required: true });
  });

  it('refuses a first sign-up without the token or with another one, and creates nobody', async () => {
    const missing = await signup('early@example.com');
    expect(missing.status).toBe(403);
    expect(missing.body.error).toMatchObject({ code: 'setup_token_required', message: expect.stringContaining('dailies user add --admin') });
    for (const wrong of ['a'.repeat(32), 'not a token']) {
      const answer = await signup('early@example.com', { setup_token: wrong });
      expect(answer.status).toBe(403);
      expect(answer.body.error?.code).toBe('setup_token_invalid');
    }
    expect(await users()).toEqual([]);
  });

  it('makes one admin of five sign-ups giving the token at once', async () => {
    const answers = await Promise.all(['ana', 'ben', 'cat', 'dan', 'eve'].map((name) => signup(`${name}@example.com`, { setup_token: token })));
    // One of them is first and spends the token; the others come after it, as ordinary accounts.
    expect(answers.map((answer) => answer.status)).toEqual(Array(5).fill(201));
    expect(answers.filter((answer) => answer.body.is_admin)).toHaveLength(1);
    const created = await users();
    expect(created).toHaveLength(5);
    expect(created.filter((user) => user.is_admin)).toHaveLength(1);
    expect(await context.services.db.selectFrom('setup_tokens').select('token_hash').execute()).toEqual([]);
  });

  it('lets later sign-ups in without a token, as ordinary accounts; the spent token opens nothing', async () => {
    expect((await new TestClient(server.base).json('GET', '/api/v1/auth/signup')).body).toEqual({ open: true, setup_token_required: false });
    const later = await signup('later@example.com');
    expect(later.body.error).toBeUndefined();
    expect(later.status).toBe(201);
    expect(later.body.is_admin).toBe(false);
    const again = await signup('again@example.com', { setup_token: token });
    expect(again.status).toBe(201);
    expect(again.body.is_admin).toBe(false);
    expect(await issueSetupToken(context.services)).toBeNull();
  });
});

describe('dailies user add --admin on a server waiting for its first sign-up', () => {
  it('creates the admin without a token and retires the printed one', async () => {
    const context = await createTestContext();
    const server = await startAppServer(context, { setupTokenRequired: true });
    try {
      const token = (await issueSetupToken(context.services))!;
      // What `dailies user add --admin` runs.
      await createAccount(context.services, { email: 'root@example.com', password: PASSWORD, isAdmin: true });
      const taken = await new TestClient(server.base).json<{ is_admin: boolean }>('POST', '/api/v1/auth/signup', { email: 'guest@example.com', password: PASSWORD, setup_token: token });
      expect(taken.status).toBe(201);
      expect(taken.body.is_admin).toBe(false);
    } finally {
      await server.close();
      await context.cleanup();
    }
  });
});

describe('a server on loopback', () => {
  it('makes the first sign-up admin without a token, and only one of five at once', async () => {
    const context = await createTestContext();
    const server = await startAppServer(context);
    try {
      expect((await new TestClient(server.base).json('GET', '/api/v1/auth/signup')).body).toEqual({ open: true, setup_token_required: false });
      const answers = await Promise.all(
        ['ana', 'ben', 'cat', 'dan', 'eve'].map((name) => new TestClient(server.base).json<{ is_admin: boolean }>('POST', '/api/v1/auth/signup', { email: `${name}@example.com`, password: PASSWORD })),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(5).fill(201));
      expect(answers.filter((answer) => answer.body.is_admin)).toHaveLength(1);
    } finally {
      await server.close();
      await context.cleanup();
    }
  });
});

describe('two accounts created at the same moment on an empty server', () => {
  it('makes only one of them admin', async () => {
    const context = await createTestContext();
    try {
      const { db } = context.services;
      let creations: Promise<unknown>[] = [];
      await db.transaction().execute(async (trx) => {
        // Reads of users go on, inserts wait: both creations get as far as they can, then we let go.
        await sql`LOCK TABLE users IN EXCLUSIVE MODE`.execute(trx);
        creations = ['one', 'two'].map((name) => createAccount(context.services, { email: `${name}@example.com`, password: PASSWORD }));
        await expect
          .poll(async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db)).rows[0]!.n, { timeout: 30_000 })
          .toBe(2);
      });
      await Promise.all(creations);
      const admins = await db.selectFrom('users').select('email').where('is_admin', '=', true).execute();
      expect(admins).toHaveLength(1);
    } finally {
      await context.cleanup();
    }
  });
});
