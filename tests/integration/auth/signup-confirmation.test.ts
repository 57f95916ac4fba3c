/**
 * With SMTP configured, sign-up never reveals whether an address has an account: every
 * well-formed sign-up is answered 202 with the same body and no session; a free address is
 * emailed a confirmation link that makes the account (once), a taken one's holder is told that
 * someone tried, and the account is left as it was. The first account of a server and a sign-up
 * through the emailed link of an invitation to that address are made at once (the link's token
 * alone, which the sender holds too, is not enough). Without SMTP, sign-up is immediate.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/commands/accounts.ts';
import { createEpisodeFromIdea } from '../../../server/commands/episode-creator.ts';
import { createInvitation } from '../../../server/commands/invitations.ts';
import { confirmSignUp } from '../../../server/commands/signup-confirmations.ts';
import type { WorkerHandle } from '../../../server/jobs/worker.ts';
import { appServerForFile, type FileApp } from '../../support/app-server.ts';
import { PASSWORD, TestClient } from '../../support/http-client.ts';
import { jobsDone } from '../../support/jobs.ts';
import { eventually } from '../../support/server-process.ts';
import { invitationLinkIn, type ReceivedMail, signupConfirmationLinkIn, startTestSmtpServer, type TestSmtpServer } from '../../support/smtp-server.ts';
import { startTestWorker } from '../../support/worker.ts';

const NEW_PASSWORD = 'another long password';
/** Each test signs up from its own address, so the sign-up rate limit (per address) is its own. */
let nextAddress = 1;
const newAddress = () => `10.20.0.${nextAddress++}`;

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  cookies: string[];
}

/** A request from `ip` (the app trusts X-Forwarded-For here), with what it set as cookies. */
async function call<T = Record<string, unknown>>(client: TestClient, ip: string, path: string, body: unknown): Promise<Answer<T>> {
  const response = await client.post(path, body, { 'x-forwarded-for': ip });
  const cookies = response.headers.getSetCookie().map((line) => line.split('=')[0]!);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, cookies };
}

const mailsTo = (smtp: TestSmtpServer, email: string) => smtp.received.filter((mail) => mail.to.includes(email));
const mailTo = (smtp: TestSmtpServer, email: string) => eventually(async () => mailsTo(smtp, email)[0], 20_000, `an email to ${email}`);
const tokenIn = (mail: ReceivedMail) => signupConfirmationLinkIn(mail)?.split('/').pop();

/** The API answers in the order the tests need it: a mail server, a worker, SMTP set on the services. */
function withMail(app: FileApp) {
  const state = {} as { smtp: TestSmtpServer; worker: WorkerHandle };
  beforeAll(async () => {
    state.smtp = await startTestSmtpServer();
    state.worker = await startTestWorker(app.context);
  });
  afterAll(async () => {
    await state.worker?.stop();
    await state.smtp?.close();
  });
  const useSmtp = (on: boolean) => {
    app.context.services.mail = on ? { smtpUrl: state.smtp.url, from: 'Dailies <dailies@example.com>', publicUrl: 'http://dailies.example.com' } : undefined;
  };
  return { state, useSmtp };
}

describe('sign-up with SMTP configured', () => {
  const app = appServerForFile({ trustProxy: true });
  const { state, useSmtp } = withMail(app);
  let holderId: string;

  beforeAll(async () => {
    await createAccount(app.context.services, { email: 'admin@example.com', password: PASSWORD });
    holderId = (await createAccount(app.context.services, { email: 'holder@example.com', password: PASSWORD, displayName: 'Hold' })).id;
    useSmtp(true);
  });

  it('answers 202 for a free address, emails a link, and the link makes the account and signs in (once)', async () => {
    const ip = newAddress();
    const browser = new TestClient(app.server.base);
    const answer = await call(browser, ip, '/api/v1/auth/signup', { email: 'Newcomer@example.com', password: NEW_PASSWORD, display_name: 'Nia' });
    expect(answer).toEqual({ status: 202, body: { status: 'confirmation_sent', email: 'Newcomer@example.com' }, cookies: [] });
    expect((await browser.get('/api/v1/me')).status).toBe(401);

    const mail = await mailTo(state.smtp, 'Newcomer@example.com');
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    const link = signupConfirmationLinkIn(mail);
    expect(link).toMatch(/^http:\/\/dailies\.example\.com\/signup\/confirm\/[a-z2-7]{32}$/);
    // The token is only in the email: the row keeps its hash.
    const rows = await sql<{ token_hash: string }>`SELECT token_hash FROM signup_confirmations WHERE email = 'Newcomer@example.com'`.execute(app.context.services.db);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.token_hash).not.toContain(tokenIn(mail));

    const clicker = new TestClient(app.server.base);
    const confirmed = await call<{ email: string; display_name: string; is_admin: boolean }>(clicker, ip, '/api/v1/auth/signup/confirm', { token: tokenIn(mail), password: NEW_PASSWORD });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ kind: 'user', email: 'Newcomer@example.com', display_name: 'Nia', is_admin: false });
    expect(confirmed.cookies).toEqual(expect.arrayContaining(['dailies_session', 'dailies_device']));
    const me = await clicker.json<{ email: string }>('GET', '/api/v1/me');
    expect(me).toMatchObject({ status: 200, body: { email: 'Newcomer@example.com' } });
    const login = await call(new TestClient(app.server.base), ip, '/api/v1/auth/login', { email: 'newcomer@example.com', password: NEW_PASSWORD });
    expect(login.status).toBe(200);

    const again = await call<{ error: { code: string; message: string } }>(new TestClient(app.server.base), ip, '/api/v1/auth/signup/confirm', { token: tokenIn(mail), password: NEW_PASSWORD });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('signup_confirmation_used');
    expect(again.body.error.message).toMatch(/Log in/);
  });

  it('makes the account only with the password chosen at sign-up, so a stranger cannot have an address holder make it', async () => {
    const ip = newAddress();
    // A stranger signs up with someone else's address and a password of their own.
    await call(new TestClient(app.server.base), ip, '/api/v1/auth/signup', { email: 'victim@example.com', password: 'the stranger knows this' });
    const token = tokenIn(await mailTo(state.smtp, 'victim@example.com'));
    const holder = new TestClient(app.server.base);
    const refused = await call<{ error: { code: string; message: string } }>(holder, ip, '/api/v1/auth/signup/confirm', { token, password: 'what the holder types' });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('invalid_credentials');
    expect(refused.body.error.message).toMatch(/If you did not sign up, ignore the email/);
    expect(refused.cookies).toEqual([]);
    expect(await app.context.services.db.selectFrom('users').select('id').where('email', '=', 'victim@example.com').execute()).toEqual([]);
    // The link is not used up by a wrong password.
    expect((await call(holder, ip, '/api/v1/auth/signup/confirm', { token, password: 'the stranger knows this' })).status).toBe(201);
  });

  it('answers a taken address exactly as a free one, changes nothing, and tells its holder instead', async () => {
    const ip = newAddress();
    const free = await call(new TestClient(app.server.base), ip, '/api/v1/auth/signup', { email: 'free@example.com', password: NEW_PASSWORD });
    const taken = await call(new TestClient(app.server.base), ip, '/api/v1/auth/signup', { email: 'HOLDER@example.com', password: NEW_PASSWORD, display_name: 'Mallory' });
    expect(taken.status).toBe(free.status);
    expect(taken.cookies).toEqual(free.cookies);
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(free.body).sort());
    expect(taken.body).toEqual({ status: 'confirmation_sent', email: 'HOLDER@example.com' });

    const mail = await mailTo(state.smtp, 'holder@example.com');
    expect(mail.decoded).toMatch(/Someone tried to create a Dailies account with this address/);
    expect(mail.decoded).toContain('http://dailies.example.com/login');
    expect(signupConfirmationLinkIn(mail)).toBeUndefined();
    await jobsDone(app.context.services.db, ['send_signup_attempt_email', 'send_signup_confirmation_email'], 20_000);
    expect(mailsTo(state.smtp, 'holder@example.com')).toHaveLength(1);

    // The account is as it was: the old password still works, the tried one does not.
    const holder = await app.context.services.db.selectFrom('users').select(['display_name']).where('id', '=', holderId).executeTakeFirstOrThrow();
    expect(holder.display_name).toBe('Hold');
    expect((await call(new TestClient(app.server.base), ip, '/api/v1/auth/login', { email: 'holder@example.com', password: PASSWORD })).status).toBe(200);
    expect((await call(new TestClient(app.server.base), ip, '/api/v1/auth/login', { email: 'holder@example.com', password: NEW_PASSWORD })).status).toBe(401);
    const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM signup_confirmations WHERE lower(email) = 'holder@example.com'`.execute(app.context.services.db);
    expect(pending.rows[0]!.n).toBe(0);
  });

  /** Invites `email` and returns the link's token (what the sender holds) and the mailbox proof (only in the email). */
  const invite = async (email: string, ownerEmail: string) => {
    const owner = await app.context.services.db.selectFrom('users').select(['id', 'display_name']).where('email', '=', ownerEmail).executeTakeFirstOrThrow();
    const actor = { userId: owner.id, name: owner.display_name };
    const episode = await createEpisodeFromIdea(app.context.services, { idea: `An invitation for ${email}` }, actor);
    const invited = await createInvitation(app.context.services, episode.id, { email, role: 'reviewer' }, 'owner', actor);
    const mail = await eventually(async () => mailsTo(state.smtp, email).find((m) => invitationLinkIn(m)?.includes(invited.token)), 20_000, `the invitation to ${email}`);
    const proof = new URL(invitationLinkIn(mail)!).searchParams.get('proof')!;
    expect(proof).toMatch(/^[a-z2-7]{32}$/);
    return { episodeId: episode.id, token: invited.token, proof };
  };

  it('makes the account at once through the emailed link of an open invitation to that address, and lets it join', async () => {
    const ip = newAddress();
    const { episodeId, token, proof } = await invite('invitee@example.com', 'holder@example.com');
    const browser = new TestClient(app.server.base);
    const answer = await call<{ email: string }>(browser, ip, '/api/v1/auth/signup', { email: 'Invitee@Example.com', password: NEW_PASSWORD, invitation_token: token, invitation_proof: proof });
    expect(answer.status).toBe(201);
    expect(answer.body.email).toBe('Invitee@Example.com');
    expect(answer.cookies).toContain('dailies_session');
    const joined = await call<{ episode_id: string; role: string }>(browser, ip, `/api/v1/invitations/${token}/accept`, {});
    expect(joined).toMatchObject({ status: 200, body: { episode_id: episodeId, role: 'reviewer' } });
  });

  it('answers 202 through the link alone (what its sender holds), a wrong proof, a taken address, or an invitation to another address', async () => {
    const ip = newAddress();
    const pending = (email: string) => ({ status: 202, body: { status: 'confirmation_sent', email }, cookies: [] });
    const signUp = (body: Record<string, unknown>) => call(new TestClient(app.server.base), ip, '/api/v1/auth/signup', { password: NEW_PASSWORD, ...body });

    // The sender probing a free address learns nothing, and makes no account for it.
    const free = await invite('probed@example.com', 'admin@example.com');
    expect(await signUp({ email: 'probed@example.com', invitation_token: free.token })).toEqual(pending('probed@example.com'));
    expect(await signUp({ email: 'probed@example.com', invitation_token: free.token, invitation_proof: 'c'.repeat(32) })).toEqual(pending('probed@example.com'));
    expect(await app.context.services.db.selectFrom('users').select('id').where('email', '=', 'probed@example.com').execute()).toEqual([]);

    const taken = await invite('holder@example.com', 'admin@example.com');
    const before = mailsTo(state.smtp, 'holder@example.com').length;
    expect(await signUp({ email: 'holder@example.com', invitation_token: taken.token, invitation_proof: taken.proof })).toEqual(pending('holder@example.com'));
    await eventually(async () => mailsTo(state.smtp, 'holder@example.com').some((m, n) => n >= before && /Someone tried/.test(m.decoded)), 20_000, 'the holder to be told');

    const other = await invite('someone@example.com', 'admin@example.com');
    expect(await signUp({ email: 'stranger@example.com', invitation_token: other.token, invitation_proof: other.proof })).toEqual(pending('stranger@example.com'));
    // The confirmation link carries the invitation on, so that confirming can land on its episode.
    const confirmation = await mailTo(state.smtp, 'stranger@example.com');
    const link = new URL(/https?:\/\/\S+\/signup\/confirm\/[a-z2-7]{32}\?invitation=[a-z2-7]{32}/.exec(confirmation.decoded)![0]);
    expect(link.searchParams.get('invitation')).toBe(other.token);
  });

  it('refuses a malformed address, and an unknown, malformed or expired link, with a clear error and no account', async () => {
    const ip = newAddress();
    const client = new TestClient(app.server.base);
    const malformed = await call<{ error: { code: string; details: { path: string }[] } }>(client, ip, '/api/v1/auth/signup', { email: 'not-an-address', password: NEW_PASSWORD });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('validation_failed');
    expect(malformed.body.error.details.map((d) => d.path)).toContain('email');

    const errorOf = async (token: unknown) => {
      const answer = await call<{ error: { code: string; message: string; details: unknown } }>(client, ip, '/api/v1/auth/signup/confirm', { token, password: NEW_PASSWORD });
      expect(Object.keys(answer.body.error).sort()).toEqual(['code', 'details', 'message']);
      return { status: answer.status, code: answer.body.error.code, cookies: answer.cookies };
    };
    expect(await errorOf('a'.repeat(32))).toEqual({ status: 404, code: 'signup_confirmation_invalid', cookies: [] });
    expect(await errorOf('not a token')).toEqual({ status: 404, code: 'signup_confirmation_invalid', cookies: [] });
    expect((await errorOf(42)).status).toBe(400);

    await call(client, ip, '/api/v1/auth/signup', { email: 'late@example.com', password: NEW_PASSWORD });
    const token = tokenIn(await mailTo(state.smtp, 'late@example.com'));
    await sql`UPDATE signup_confirmations SET expires_at = now() - interval '1 minute' WHERE email = 'late@example.com'`.execute(app.context.services.db);
    const expired = await errorOf(token);
    expect(expired).toEqual({ status: 410, code: 'signup_confirmation_expired', cookies: [] });
    const users = await app.context.services.db.selectFrom('users').select('id').where('email', '=', 'late@example.com').execute();
    expect(users).toEqual([]);
  });

  it('says 409 when the address got an account between the sign-up and the click', async () => {
    const ip = newAddress();
    const client = new TestClient(app.server.base);
    await call(client, ip, '/api/v1/auth/signup', { email: 'race@example.com', password: NEW_PASSWORD });
    const token = tokenIn(await mailTo(state.smtp, 'race@example.com'));
    await createAccount(app.context.services, { email: 'race@example.com', password: PASSWORD });
    const answer = await call<{ error: { code: string; message: string } }>(client, ip, '/api/v1/auth/signup/confirm', { token, password: NEW_PASSWORD });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toMatch(/log in/);
    expect(answer.cookies).toEqual([]);
  });

  it('makes no account from a link once sign-up is closed', async () => {
    const ip = newAddress();
    await call(new TestClient(app.server.base), ip, '/api/v1/auth/signup', { email: 'closed@example.com', password: NEW_PASSWORD });
    const token = tokenIn(await mailTo(state.smtp, 'closed@example.com'))!;
    await expect(confirmSignUp(app.context.services, token, NEW_PASSWORD, false)).rejects.toMatchObject({ code: 'signup_closed', status: 403 });
    expect(await app.context.services.db.selectFrom('users').select('id').where('email', '=', 'closed@example.com').execute()).toEqual([]);
  });

  it('makes one account of two clicks at once', async () => {
    const ip = newAddress();
    await call(new TestClient(app.server.base), ip, '/api/v1/auth/signup', { email: 'twice@example.com', password: NEW_PASSWORD });
    const token = tokenIn(await mailTo(state.smtp, 'twice@example.com'));
    const answers = await Promise.all([1, 2].map(() => call(new TestClient(app.server.base), ip, '/api/v1/auth/signup/confirm', { token, password: NEW_PASSWORD })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 410]);
    const users = await app.context.services.db.selectFrom('users').select('id').where('email', '=', 'twice@example.com').execute();
    expect(users).toHaveLength(1);
  });

  it('limits confirmations from one address like sign-ups', async () => {
    const ip = newAddress();
    const statuses: number[] = [];
    for (let n = 0; n < 21; n += 1) statuses.push((await call(new TestClient(app.server.base), ip, '/api/v1/auth/signup/confirm', { token: 'b'.repeat(32), password: NEW_PASSWORD })).status);
    expect(statuses.slice(0, 20).every((status) => status === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('describes both answers of a sign-up in the API document', async () => {
    const { body } = await new TestClient(app.server.base).json<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>('GET', '/api/v1/openapi.json');
    expect(Object.keys(body.paths['/auth/signup']!.post!.responses)).toEqual(expect.arrayContaining(['201', '202']));
    expect(body.paths['/auth/signup/confirm']!.post!.responses).toHaveProperty('201');
  });

  it('without SMTP stays immediate: 201 and a session, 409 for a taken address', async () => {
    useSmtp(false);
    try {
      const ip = newAddress();
      const created = await call(new TestClient(app.server.base), ip, '/api/v1/auth/signup', { email: 'offline@example.com', password: NEW_PASSWORD });
      expect(created.status).toBe(201);
      expect(created.cookies).toContain('dailies_session');
      const taken = await call(new TestClient(app.server.base), ip, '/api/v1/auth/signup', { email: 'offline@example.com', password: NEW_PASSWORD });
      expect(taken.status).toBe(409);
    } finally {
      useSmtp(true);
    }
  });
});

describe('the first account of a server with SMTP configured', () => {
  const app = appServerForFile();
  const { useSmtp } = withMail(app);

  it('is made at once, as its admin', async () => {
    useSmtp(true);
    const client = new TestClient(app.server.base);
    const answer = await client.json<{ is_admin: boolean }>('POST', '/api/v1/auth/signup', { email: 'first@example.com', password: NEW_PASSWORD });
    expect(answer).toMatchObject({ status: 201, body: { is_admin: true } });
    expect((await client.get('/api/v1/me')).status).toBe(200);
    const second = await new TestClient(app.server.base).json('POST', '/api/v1/auth/signup', { email: 'second@example.com', password: NEW_PASSWORD });
    expect(second).toEqual({ status: 202, body: { status: 'confirmation_sent', email: 'second@example.com' } });
  });
});
