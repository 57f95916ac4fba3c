/**
 * Wrong passwords from strangers cannot lock the owner out: logins from a browser or an address
 * the account has used are not held back, while strangers' guesses for the account are slowed to
 * one check a minute once their allowance of 50 is spent.
 */
import { describe, expect, it } from 'vitest';
import { reserveLoginAttempt } from '../../../server/auth/login-guard.ts';
import { passwordChecksRun } from '../../../server/auth/password.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { PASSWORD, TestClient } from '../../support/http-client.ts';

const app = appServerForFile({ trustProxy: true });

const from = (address: string) => ({ 'x-forwarded-for': address });

async function signUpFrom(email: string, address: string): Promise<TestClient> {
  const client = new TestClient(app.server.base);
  const response = await client.post('/api/v1/auth/signup', { email, password: PASSWORD }, from(address));
  expect(response.status).toBe(201);
  return client;
}

/**
 * The counters count per clock minute and quarter hour: start a burst well inside both, so that
 * the numbers below do not depend on a window ending halfway.
 */
async function startInsideWindows(needMs: number): Promise<void> {
  for (;;) {
    const now = Date.now();
    const left = Math.min(60_000 - (now % 60_000), 900_000 - (now % 900_000));
    if (left >= needMs) return;
    await new Promise((resolve) => setTimeout(resolve, left + 100));
  }
}

describe('strangers guessing an account', () => {
  it('cannot keep the owner out, and are themselves slowed to one check a minute', async () => {
    const owner = await signUpFrom('owner@example.com', '10.2.0.1');
    await startInsideWindows(35_000);
    const before = passwordChecksRun();
    const attack = await Promise.all(
      Array.from({ length: 60 }, async (_, n) => {
        const response = await new TestClient(app.server.base).post('/api/v1/auth/login', { email: 'owner@example.com', password: `guess ${n}` }, from(`10.3.0.${n % 6}`));
        return { status: response.status, body: (await response.json()) as { error: { details: { reason?: string } | null } } };
      }),
    );
    // 50 checks for browsers and networks the account does not know, then one in this minute.
    expect(passwordChecksRun() - before).toBe(51);
    expect(attack.filter((answer) => answer.status === 401)).toHaveLength(51);
    const slowed = attack.filter((answer) => answer.status === 429);
    expect(slowed).toHaveLength(9);
    for (const answer of slowed) expect(answer.body.error.details?.reason).toBe('unknown_client_slowdown');

    // A stranger with the right password from a new place waits too: the password is not even checked.
    const stranger = await new TestClient(app.server.base).post('/api/v1/auth/login', { email: 'owner@example.com', password: PASSWORD }, from('10.4.0.1'));
    expect(stranger.status).toBe(429);
    expect(stranger.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(passwordChecksRun() - before).toBe(51);

    // The owner's own browser gets in from anywhere, and any browser from the owner's network.
    const fromTravel = await owner.post('/api/v1/auth/login', { email: 'owner@example.com', password: PASSWORD }, from('10.5.0.1'));
    expect(fromTravel.status).toBe(200);
    const fromHome = await new TestClient(app.server.base).post('/api/v1/auth/login', { email: 'owner@example.com', password: PASSWORD }, from('10.2.0.1'));
    expect(fromHome.status).toBe(200);
    expect((await owner.get('/api/v1/me')).status).toBe(200);
  });

  it('still limits a known network to 10 checks for the account, right password included', async () => {
    await signUpFrom('shared@example.com', '10.6.0.1');
    const statuses: number[] = [];
    for (let n = 0; n < 11; n += 1) {
      const response = await new TestClient(app.server.base).post('/api/v1/auth/login', { email: 'shared@example.com', password: `guess ${n}` }, from('10.6.0.1'));
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    const right = await new TestClient(app.server.base).post('/api/v1/auth/login', { email: 'shared@example.com', password: PASSWORD }, from('10.6.0.1'));
    expect(right.status).toBe(429);
  });

  it('keeps the owner’s own browser out of its network’s counters, and limits it on its own', async () => {
    const owner = await signUpFrom('office@example.com', '10.8.0.1');
    const device = owner.cookies.get('dailies_device')!;
    await startInsideWindows(20_000);
    const attempt = async (password: string, withDevice: boolean) => {
      const client = new TestClient(app.server.base);
      if (withDevice) client.cookies.set('dailies_device', device);
      const response = await client.post('/api/v1/auth/login', { email: 'office@example.com', password }, from('10.8.0.1'));
      await response.text();
      return response.status;
    };
    // Someone on the same network spends the account's allowance from that address…
    const stranger: number[] = [];
    for (let n = 0; n < 11; n += 1) stranger.push(await attempt(`guess ${n}`, false));
    expect(stranger).toEqual([...Array(10).fill(401), 429]);
    expect(await attempt(PASSWORD, false)).toBe(429);
    // …and the owner's browser, from that very address, still logs in.
    expect(await attempt(PASSWORD, true)).toBe(200);
    // The browser's own wrong passwords are limited to 10 all the same, the right one included.
    const own: number[] = [];
    for (let n = 0; n < 11; n += 1) own.push(await attempt(`typo ${n}`, true));
    expect(own).toEqual([...Array(10).fill(401), 429]);
    expect(await attempt(PASSWORD, true)).toBe(429);
  });

  it('trusts a device cookie only for the accounts that logged in with it, and replaces one it does not know', async () => {
    const first = await signUpFrom('first@example.com', '10.7.0.1');
    await signUpFrom('second@example.com', '10.7.0.2');
    const device = first.cookies.get('dailies_device');
    expect(device).toMatch(/^[a-z2-7]{32}$/);
    // The first account's browser is a stranger to the second account.
    const outcome = await reserveLoginAttempt(app.context.services.db, { email: 'second@example.com', ip: '10.7.0.3', deviceToken: device });
    expect(outcome.knownDevice).toBe(false);
    await outcome.reservation.refund();
    // A cookie made up by someone else is not kept: a successful login sends a fresh one.
    const planted = new TestClient(app.server.base);
    planted.cookies.set('dailies_device', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect((await planted.post('/api/v1/auth/login', { email: 'second@example.com', password: PASSWORD }, from('10.7.0.4'))).status).toBe(200);
    expect(planted.cookies.get('dailies_device')).toMatch(/^[a-z2-7]{32}$/);
    expect(planted.cookies.get('dailies_device')).not.toBe('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
  });
});

describe('the slowdown, minute by minute', () => {
  it('lets one unknown client check a minute through after the 50, until the quarter hour ends', async () => {
    const db = app.context.services.db;
    // A quarter hour two hours ago, five seconds in: every counter below starts empty.
    const quarter = Math.floor(Date.now() / 900_000) * 900_000 - 8 * 900_000;
    const at = (seconds: number) => quarter + 5_000 + seconds * 1000;
    const attempt = (n: number, seconds: number) =>
      reserveLoginAttempt(db, { email: 'slow@example.com', ip: `10.8.0.${n}`, deviceToken: undefined }, at(seconds));
    for (let n = 0; n < 50; n += 1) await attempt(n % 5, 0);
    await expect(attempt(6, 1)).resolves.toBeDefined();
    await expect(attempt(7, 2)).rejects.toMatchObject({ status: 429, details: { reason: 'unknown_client_slowdown', retry_after_seconds: 53 } });
    await expect(attempt(7, 55)).resolves.toBeDefined();
    await expect(attempt(8, 56)).rejects.toMatchObject({ status: 429 });
    // A new quarter hour: the allowance is back.
    await expect(attempt(9, 900)).resolves.toBeDefined();
    await expect(attempt(9, 901)).resolves.toBeDefined();
  });
});
