/**
 * With SMTP configured, an invitation is emailed by a job (plain text and HTML, with the link);
 * the request neither waits for the mail server nor fails when it is down, and the job is tried
 * again until the server is back. Without SMTP nothing is queued and the owner copies the link.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerHandle } from '../../../server/jobs/worker.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { createEpisodeFromIdea } from '../../../server/commands/episode-creator.ts';
import { jobsQueued } from '../../support/jobs.ts';
import { eventually } from '../../support/server-process.ts';
import { invitationLinkIn, startTestSmtpServer, type TestSmtpServer } from '../../support/smtp-server.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';
import { startTestWorker } from '../../support/worker.ts';

const app = appServerForFile();
let owner: TestClient;
let ownerId: string;
let worker: WorkerHandle;
const servers: TestSmtpServer[] = [];

beforeAll(async () => {
  await signedUpClient(app.server.base, 'admin@example.com');
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Olga');
  ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  worker = await startTestWorker(app.context);
});
afterAll(async () => {
  await worker?.stop();
  for (const server of servers) await server.close();
});

const useSmtp = (url: string | undefined) => {
  app.context.services.mail = url ? { smtpUrl: url, from: 'Dailies <dailies@example.com>', publicUrl: 'http://dailies.example.com' } : undefined;
};
const invite = async (email: string) => {
  // Not planned here: the running worker plans it (this is about the invitation only).
  const episode = await createEpisodeFromIdea(app.context.services, { idea: 'Mail me' }, { userId: ownerId, name: 'Olga' });
  const started = Date.now();
  const answer = await owner.json<{ token: string; url: string; emailed: boolean }>('POST', `/api/v1/episodes/${episode.id}/invitations`, { email, role: 'reviewer' });
  return { ...answer, took: Date.now() - started, episodeTitle: episode.title };
};

describe('invitation email', () => {
  it('is sent through SMTP with a plain-text and an HTML body holding the link', async () => {
    const smtp = await startTestSmtpServer();
    servers.push(smtp);
    useSmtp(smtp.url);
    const sent = await invite('mailed@example.com');
    expect(sent.status).toBe(201);
    expect(sent.body.emailed).toBe(true);
    await eventually(async () => smtp.received.length === 1, 20_000, 'the invitation email to arrive');
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['mailed@example.com']);
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(mail.decoded).toContain('Olga invited you');
    const link = new URL(invitationLinkIn(mail)!);
    expect(`${link.origin}${link.pathname}`).toBe(`http://dailies.example.com/invitations/${sent.body.token}`);
    // The mailbox proof is in the email only: the sender's answer never carries it.
    const proof = link.searchParams.get('proof');
    expect(proof).toMatch(/^[a-z2-7]{32}$/);
    expect(JSON.stringify(sent.body)).not.toContain(proof);
    expect(await jobsQueued(app.context.services.db, ['send_invitation_email'])).toBe(0);
  });

  it('does not hold up or fail the request when the mail server is down; the job retries until it is back', async () => {
    const probe = await startTestSmtpServer();
    const port = probe.port;
    await probe.close();
    useSmtp(`smtp://127.0.0.1:${port}`);
    const sent = await invite('later@example.com');
    expect(sent.status).toBe(201);
    expect(sent.took).toBeLessThan(3000);
    const job = () =>
      sql<{ attempts: number; last_error: string | null; run_at: Date }>`
        SELECT attempts, last_error, run_at FROM graphile_worker.jobs WHERE task_identifier = 'send_invitation_email'
      `.execute(app.context.services.db).then((r) => r.rows[0]);
    await eventually(async () => (await job())?.last_error, 20_000, 'the first attempt to fail');
    const failed = (await job())!;
    expect(failed.last_error).toMatch(/Could not send mail/);
    // Backoff: the next attempt is scheduled for later, not now.
    expect(failed.run_at.getTime()).toBeGreaterThan(Date.now() - 500);
    const smtp = await startTestSmtpServer(port);
    servers.push(smtp);
    await eventually(async () => smtp.received.length === 1, 30_000, 'the retried email to arrive');
    expect(invitationLinkIn(smtp.received[0]!)).toContain(sent.body.token);
  }, 60_000);

  it('is not queued without SMTP: the owner gets the link to copy', async () => {
    useSmtp(undefined);
    const sent = await invite('copy@example.com');
    expect(sent.status).toBe(201);
    expect(sent.body.emailed).toBe(false);
    expect(sent.body.url).toBe(`/invitations/${sent.body.token}`);
    expect(await jobsQueued(app.context.services.db, ['send_invitation_email'])).toBe(0);
    const anonymous = new TestClient(app.server.base);
    expect((await anonymous.get(`/api/v1/invitations/${sent.body.token}`)).status).toBe(200);
  });
});
