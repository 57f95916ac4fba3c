/**
 * `dailies serve` bound beyond loopback, with no account yet, prints a one-time setup token, and
 * the sign-up page asks for it for the first account; on loopback it prints none.
 */
import { describe, expect, it } from 'vitest';
import { serverAndBrowserForFile } from '../../support/browser.ts';
import { PASSWORD, TestClient } from '../../support/http-client.ts';
import { startServer } from '../../support/server-process.ts';
import { createTestContext } from '../../support/services.ts';

describe('dailies serve on 0.0.0.0 with no account', () => {
  const app = serverAndBrowserForFile({ HOST: '0.0.0.0' });

  const users = () => app.context.services.db.selectFrom('users').select(['email', 'is_admin']).execute();

  it('prints a setup token once, and the sign-up page needs it for the first account', async () => {
    const printed = [...app.server.output().matchAll(/setup token: ([a-z2-7]{32})/g)].map((match) => match[1]);
    expect(printed).toHaveLength(1);
    const token = printed[0]!;

    const session = await app.browser.newContext();
    const page = await session.newPage();
    await page.goto(`${app.server.base}/signup`);
    await page.getByLabel('Email').fill('founder@example.com');
    await page.getByLabel('Your name').fill('Founder');
    await page.getByLabel(/Password/).fill('a long enough password');
    const field = page.getByLabel(/Setup token/);
    await field.fill('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect.poll(() => page.getByText('That setup token is not right').count()).toBe(1);
    expect(await users()).toEqual([]);

    await field.fill(token);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${app.server.base}/`);
    expect(await users()).toEqual([{ email: 'founder@example.com', is_admin: true }]);
    await session.close();

    // The next person signs up without a token, and is no admin.
    const next = new TestClient(app.server.base);
    const answer = await next.json<{ is_admin: boolean }>('POST', '/api/v1/auth/signup', { email: 'second@example.com', password: PASSWORD });
    expect(answer.status).toBe(201);
    expect(answer.body.is_admin).toBe(false);
  });
});

describe('dailies serve on loopback', () => {
  it('prints no setup token, and the first sign-up is the admin', async () => {
    const context = await createTestContext();
    const server = await startServer({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir });
    try {
      expect(server.output()).not.toMatch(/setup token/);
      const first = await new TestClient(server.base).json<{ is_admin: boolean }>('POST', '/api/v1/auth/signup', { email: 'local@example.com', password: PASSWORD });
      expect(first.status).toBe(201);
      expect(first.body.is_admin).toBe(true);
    } finally {
      await server.stop();
      await context.cleanup();
    }
  }, 300_000);
});
