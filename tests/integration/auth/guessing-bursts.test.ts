/**
 * Password limits hold under parallel bursts: a place is taken before the slow check, so no more
 * checks run than the limit allows, whatever the concurrency. Evidence: the number of argon2
 * verifications the password module ran, and the audit trail, never timing.
 */
import { describe, expect, it } from 'vitest';
import { passwordChecksRun } from '../../../server/auth/password.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';

// Behind a trusted proxy each test speaks from addresses of its own (X-Forwarded-For).
const app = appServerForFile({ trustProxy: true });

const from = (address: string) => ({ 'x-forwarded-for': address });

async function statusesOf(requests: Promise<Response>[]): Promise<number[]> {
  return Promise.all(requests.map(async (request) => {
    const response = await request;
    await response.text();
    return response.status;
  }));
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('login bursts', () => {
  it('checks 10 of 200 parallel wrong passwords for one account from one address; the rest get 429', async () => {
    await signedUpClient(app.server.base, 'burst@example.com');
    const before = passwordChecksRun();
    const statuses = await statusesOf(
      Array.from({ length: 200 }, (_, n) => new TestClient(app.server.base).post('/api/v1/auth/login', { email: 'burst@example.com', password: `wrong ${n}` }, from('10.1.0.1'))),
    );
    expect(passwordChecksRun() - before).toBe(10);
    expect(count(statuses, 401)).toBe(10);
    expect(count(statuses, 429)).toBe(190);
    // The right password does not slip through once the places are spent.
    const late = await new TestClient(app.server.base).post('/api/v1/auth/login', { email: 'burst@example.com', password: PASSWORD }, from('10.1.0.1'));
    expect(late.status).toBe(429);
    expect(passwordChecksRun() - before).toBe(10);
  });

  it('checks 100 of 120 parallel logins from one address across many accounts', async () => {
    const before = passwordChecksRun();
    const statuses = await statusesOf(
      Array.from({ length: 120 }, (_, n) => new TestClient(app.server.base).post('/api/v1/auth/login', { email: `nobody${n}@example.com`, password: 'wrong password' }, from('10.1.0.2'))),
    );
    expect(passwordChecksRun() - before).toBe(100);
    expect(count(statuses, 401)).toBe(100);
    expect(count(statuses, 429)).toBe(20);
  });

  it('gives a successful login its place back: a team behind one address is not limited by its own logins', async () => {
    await signedUpClient(app.server.base, 'team@example.com');
    const team = new TestClient(app.server.base);
    // More successes than the per-address limit (100) and the per-account one (10), one after another.
    for (let n = 0; n < 105; n += 1) {
      const response = await team.post('/api/v1/auth/login', { email: 'team@example.com', password: PASSWORD }, from('10.1.0.3'));
      expect(response.status).toBe(200);
      await response.text();
    }
    // The account's ten wrong guesses from that address are all still there to use.
    const wrong: number[] = [];
    for (let n = 0; n < 11; n += 1) {
      const response = await team.post('/api/v1/auth/login', { email: 'team@example.com', password: `typo ${n}` }, from('10.1.0.3'));
      wrong.push(response.status);
      await response.text();
    }
    expect(wrong).toEqual([...Array(10).fill(401), 429]);
  });
});

describe('password change bursts', () => {
  it('checks 10 of 30 parallel wrong current passwords, changes nothing, and the account keeps its password', async () => {
    const owner = await signedUpClient(app.server.base, 'changer@example.com');
    const before = passwordChecksRun();
    const statuses = await statusesOf(
      Array.from({ length: 30 }, (_, n) => owner.post('/api/v1/auth/password', { current_password: `wrong ${n}`, new_password: 'a new password 1' }, from('10.1.0.4'))),
    );
    expect(passwordChecksRun() - before).toBe(10);
    expect(count(statuses, 401)).toBe(10);
    expect(count(statuses, 429)).toBe(20);
    const login = await new TestClient(app.server.base).post('/api/v1/auth/login', { email: 'changer@example.com', password: PASSWORD }, from('10.1.0.5'));
    expect(login.status).toBe(200);
  });
});

describe('share-link password bursts', () => {
  it('tries 10 of 40 parallel wrong passwords for one link from one address; the rest get 429', async () => {
    const owner = await signedUpClient(app.server.base, 'sharer@example.com');
    const { body: episode } = await owner.json<{ id: string }>('POST', '/api/v1/episodes', { idea: 'A locked room' });
    const { body: link } = await owner.json<{ id: string; token: string }>('POST', `/api/v1/episodes/${episode.id}/share-links`, { role: 'viewer', password: 'open sesame' });
    const before = passwordChecksRun();
    const statuses = await statusesOf(
      Array.from({ length: 40 }, (_, n) => new TestClient(app.server.base).post(`/api/v1/share/${link.token}/session`, { name: 'Guesser', password: `guess ${n}` }, from('10.1.0.6'))),
    );
    expect(passwordChecksRun() - before).toBe(10);
    expect(count(statuses, 401)).toBe(10);
    expect(count(statuses, 429)).toBe(30);
    const failures = await app.context.services.db.selectFrom('audit_events').select('id').where('action', '=', 'share_link.password_failed').where('share_link_id', '=', link.id).execute();
    expect(failures).toHaveLength(10);
    // No guest got in, not even with the right password after the burst.
    const late = await new TestClient(app.server.base).post(`/api/v1/share/${link.token}/session`, { name: 'Guesser', password: 'open sesame' }, from('10.1.0.6'));
    expect(late.status).toBe(429);
    expect(await app.context.services.db.selectFrom('guest_sessions').select('id').where('share_link_id', '=', link.id).execute()).toHaveLength(0);
    // Someone else, elsewhere, still gets in.
    const friend = await new TestClient(app.server.base).post(`/api/v1/share/${link.token}/session`, { name: 'Friend', password: 'open sesame' }, from('10.1.0.7'));
    expect(friend.status).toBe(201);
  });
});
