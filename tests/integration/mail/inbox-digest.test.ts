/**
 * The inbox digest: with SMTP configured, what is new in someone's inbox is emailed by a job, in
 * plain text and HTML, with links to the place and one unsubscribe link per kind; at most one
 * digest per interval (later changes join the waiting one), never an item twice, never an item
 * already read, never a kind the person stopped. A mail server that is down delays the digest,
 * loses nothing. Without SMTP nothing is queued.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerHandle } from '../../../server/jobs/worker.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { createAccount } from '../../../server/commands/accounts.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';
import { jobsQueued } from '../../support/jobs.ts';
import { eventually } from '../../support/server-process.ts';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../support/smtp-server.ts';
import { startTestWorker } from '../../support/worker.ts';

const app = appServerForFile();
let owner: TestClient;
let ana: TestClient;
let episodeId: string;
let ben: TestClient;
const ids: Record<string, string> = {};
let takeId: string;
let worker: WorkerHandle;
let smtp: TestSmtpServer;
const servers: TestSmtpServer[] = [];

const useSmtp = (url: string | undefined, digestMinutes = 0) => {
  app.context.services.mail = url ? { smtpUrl: url, from: 'Dailies <dailies@example.com>', publicUrl: 'http://dailies.example.com', digestMinutes } : undefined;
};

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'olga@example.com', 'Olga');
  ana = await signedUpClient(app.server.base, 'ana@example.com', 'Ana');
  ben = await signedUpClient(app.server.base, 'ben@example.com', 'Ben');
  for (const [name, client] of Object.entries({ owner, ana, ben })) ids[name] = (await client.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  const episode = await plannedEpisode(app.context.services, 'Two sisters repaint a lighthouse', 1, ids.owner!);
  episodeId = episode.id;
  for (const email of ['ana@example.com', 'ben@example.com']) await owner.put(`/api/v1/episodes/${episode.id}/members`, { email, role: 'reviewer' });
  const [first] = await generateFirstSegments(app.context.services, episode.id, 1);
  takeId = first!.id;
  // The take's questions are read: the digests below are about notes only.
  for (const client of [owner, ana, ben]) await client.post('/api/v1/me/inbox/read', { all: true });
  smtp = await startTestSmtpServer();
  servers.push(smtp);
  worker = await startTestWorker(app.context);
});
afterAll(async () => {
  await worker?.stop();
  for (const server of servers) await server.close();
});

const mention = async (text: string) => {
  const made = await ana.json<{ id: string }>('POST', `/api/v1/segments/${takeId}/notes`, { text, mentions: [ids.ben] });
  expect(made.status).toBe(201);
  return made.body.id;
};
const mailsTo = (server: TestSmtpServer, email: string) => server.received.filter((mail) => mail.to.includes(email));
const unsubscribeLink = (mail: ReceivedMail, kind: string) => new RegExp(`https?://[^\\s"<>]+/unsubscribe/([0-9a-f-]{36}\\.${kind}\\.[A-Za-z0-9_-]+)`).exec(mail.decoded);
const digestJob = () =>
  sql<{ run_at: Date; attempts: number; last_error: string | null }>`
    SELECT run_at, attempts, last_error FROM graphile_worker.jobs WHERE task_identifier = 'send_inbox_digest' AND key = ${`inbox_digest:${ids.ben}`}
  `.execute(app.context.services.db).then((result) => result.rows);
const emailedCount = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM inbox_items WHERE user_id = ${ids.ben} AND emailed_at IS NOT NULL`.execute(app.context.services.db)).rows[0]!.n);

describe('inbox digest', () => {
  it('is not queued without SMTP', async () => {
    useSmtp(undefined);
    await mention('No mail for this one');
    expect(await jobsQueued(app.context.services.db, ['send_inbox_digest'])).toBe(0);
    await ben.post('/api/v1/me/inbox/read', { all: true });
  });

  it('emails what is new, in text and HTML, with links to the place and an unsubscribe link', async () => {
    useSmtp(smtp.url, 0);
    const noteId = await mention('@Ben the gulls fly backwards');
    await eventually(async () => mailsTo(smtp, 'ben@example.com').length === 1, 30_000, 'the digest to arrive');
    const mail = mailsTo(smtp, 'ben@example.com')[0]!;
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(mail.decoded).toContain('Ana mentioned you on shot 1 v1: “@Ben the gulls fly backwards”');
    expect(mail.decoded).toContain(`http://dailies.example.com/episodes/`);
    expect(mail.decoded).toContain(`/segments/${takeId}?note=${noteId}`);
    expect(unsubscribeLink(mail, 'mention')).not.toBeNull();
    // Nobody else was told anything.
    expect(smtp.received.filter((received) => !received.to.includes('ben@example.com'))).toEqual([]);
    await eventually(async () => (await emailedCount()) === 1, 10_000, 'the item to be marked emailed');
  });

  it('sends at most one digest per interval: later changes join the waiting one, and read items are left out', async () => {
    useSmtp(smtp.url, 30);
    const before = mailsTo(smtp, 'ben@example.com').length;
    await mention('First of two');
    const [scheduled] = await digestJob();
    // The last digest went out moments ago: the next waits for the end of the interval.
    expect(scheduled!.run_at.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    await mention('Second of two');
    const jobs = await digestJob();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.run_at.getTime()).toBe(scheduled!.run_at.getTime());
    // Ben reads the first before the digest is due.
    const box = await ben.json<{ items: { id: number; text: string }[] }>('GET', '/api/v1/me/inbox?unread=1');
    const first = box.body.items.find((item) => item.text.includes('First of two'))!;
    await ben.post('/api/v1/me/inbox/read', { ids: [first.id] });
    // The interval is over (the waiting job, moved to now).
    await sql`SELECT graphile_worker.add_job('send_inbox_digest', json_build_object('userId', ${ids.ben}::text), job_key := ${`inbox_digest:${ids.ben}`}, run_at := now())`.execute(app.context.services.db);
    await eventually(async () => mailsTo(smtp, 'ben@example.com').length === before + 1, 30_000, 'the second digest');
    const mail = mailsTo(smtp, 'ben@example.com').at(-1)!;
    expect(mail.decoded).toContain('Second of two');
    expect(mail.decoded).not.toContain('First of two');
    expect(mail.decoded).not.toContain('the gulls fly backwards');
  });

  it('stops a kind through its link (after a confirming POST), and refuses a forged link', async () => {
    useSmtp(smtp.url, 0);
    const mail = mailsTo(smtp, 'ben@example.com').at(-1)!;
    const token = unsubscribeLink(mail, 'mention')![1]!;
    const anonymous = new TestClient(app.server.base);
    expect((await anonymous.json('GET', `/api/v1/unsubscribe/${token}`)).body).toEqual({ kind: 'mention', unsubscribed: false });
    const forged = token.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    const cases = [forged, token.replace('.mention.', '.reply.'), `${ids.ana}.mention.${token.split('.')[2]}`, 'nonsense'];
    const before = await databaseFingerprint(app.context.services.db);
    for (const bad of cases) {
      const answer = await anonymous.json<{ error: { code: string } }>('POST', `/api/v1/unsubscribe/${bad}`);
      expect([bad, answer.status, answer.body.error.code]).toEqual([bad, 404, 'unsubscribe_link_invalid']);
    }
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
    expect((await anonymous.json('POST', `/api/v1/unsubscribe/${token}`)).body).toEqual({ kind: 'mention', unsubscribed: true });
    expect((await ben.json('GET', '/api/v1/me/mail-preferences')).body).toEqual({ email_enabled: true, unsubscribed: ['mention'], digest_minutes: 0 });

    const sent = mailsTo(smtp, 'ben@example.com').length;
    await mention('Ben will not hear of this by mail');
    await eventually(async () => (await jobsQueued(app.context.services.db, ['send_inbox_digest'])) === 0, 30_000, 'the digest job to finish');
    expect(mailsTo(smtp, 'ben@example.com')).toHaveLength(sent);
    // Still in the inbox, only not emailed.
    expect((await ben.json<{ items: { text: string }[] }>('GET', '/api/v1/me/inbox?unread=1')).body.items[0]!.text).toContain('Ben will not hear of this by mail');

    const bad = await ben.json<{ error: { code: string } }>('PUT', '/api/v1/me/mail-preferences', { unsubscribed: ['spam'] });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    expect((await ben.json('PUT', '/api/v1/me/mail-preferences', { unsubscribed: [] })).body).toMatchObject({ unsubscribed: [] });
  });

  it('waits out a mail server that is down, and sends once it is back', async () => {
    await ben.post('/api/v1/me/inbox/read', { all: true });
    const probe = await startTestSmtpServer();
    const port = probe.port;
    await probe.close();
    useSmtp(`smtp://127.0.0.1:${port}`, 0);
    const started = Date.now();
    await mention('Sent through a server that is down');
    expect(Date.now() - started).toBeLessThan(3000);
    await eventually(async () => (await digestJob())[0]?.last_error, 30_000, 'the first attempt to fail');
    expect((await digestJob())[0]!.last_error).toMatch(/Could not send mail/);
    const emailed = await emailedCount();
    const back = await startTestSmtpServer(port);
    servers.push(back);
    await eventually(async () => mailsTo(back, 'ben@example.com').length === 1, 45_000, 'the retried digest');
    expect(mailsTo(back, 'ben@example.com')[0]!.decoded).toContain('Sent through a server that is down');
    await eventually(async () => (await emailedCount()) === emailed + 1, 10_000, 'the item to be marked emailed');
  }, 90_000);

  it('does not repeat an emailed invitation in a digest', async () => {
    await createAccount(app.context.services, { email: 'dina@example.com', password: PASSWORD, displayName: 'Dina' });
    useSmtp(smtp.url, 0);
    expect((await owner.post(`/api/v1/episodes/${episodeId}/invitations`, { email: 'dina@example.com', role: 'viewer' })).status).toBe(201);
    await eventually(async () => mailsTo(smtp, 'dina@example.com').length === 1, 30_000, 'the invitation email');
    await eventually(async () => (await jobsQueued(app.context.services.db, ['send_invitation_email', 'send_inbox_digest'])) === 0, 30_000, 'the mail jobs to finish');
    const mails = mailsTo(smtp, 'dina@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.decoded).toContain('Olga invited you to the episode');
  });
});
