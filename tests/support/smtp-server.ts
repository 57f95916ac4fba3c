/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps every message it receives,
 * for tests that read what the app emailed.
 */
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The text of the message with quoted-printable soft breaks and escapes undone. */
  decoded: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/** Undoes quoted-printable (soft line breaks and =XX escapes) across the whole message. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Starts the server on 127.0.0.1 (a free port unless `port` is given), without TLS or authentication. */
export async function startTestSmtpServer(port = 0): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, decoded: decodeQuotedPrintable(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first invitation link (`…/invitations/<token>?proof=<mailbox proof>`) in a received message. */
export function invitationLinkIn(mail: ReceivedMail): string | undefined {
  return /https?:\/\/[^\s"<>]+\/invitations\/[a-z2-7]{32}(\?proof=[a-z2-7]{32})?/.exec(mail.decoded)?.[0];
}

/** The first sign-up confirmation link (`…/signup/confirm/<token>`) in a received message. */
export function signupConfirmationLinkIn(mail: ReceivedMail): string | undefined {
  return /https?:\/\/[^\s"<>]+\/signup\/confirm\/[a-z2-7]{32}/.exec(mail.decoded)?.[0];
}

/**
 * For a test file whose server sends mail: starts a test SMTP server before the file's server
 * starts (register this first: hooks run in the order they are registered), puts its URL in
 * `env.DAILIES_SMTP_URL`, and closes it after the file. Read the server through the getter.
 */
export function smtpServerForFile(env: Record<string, string>): () => TestSmtpServer {
  let server: TestSmtpServer | undefined;
  beforeAll(async () => {
    server = await startTestSmtpServer();
    env.DAILIES_SMTP_URL = server.url;
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('The test SMTP server is not started yet');
    return server;
  };
}
