/**
 * Sends one email over SMTP (`DAILIES_SMTP_URL`) with nodemailer. Knows nothing of the database:
 * jobs load what a message says and call this; a failure is thrown for the job to retry.
 */
import nodemailer from 'nodemailer';

export interface MailSettings {
  /** smtp://user:pass@host:587 or smtps://…:465 (never logged: it may hold a password). */
  smtpUrl: string;
  /** The From address (`DAILIES_MAIL_FROM`). */
  from: string;
  /** The origin links in messages point to. */
  publicUrl: string;
  /** At most one inbox digest per person every this many minutes (0: one per change); 30 when unset. */
  digestMinutes?: number;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends `message`; throws (with the transport's error as `cause`) when the server refuses or cannot be reached. */
export async function sendMail(settings: MailSettings, message: MailMessage): Promise<void> {
  // Short timeouts: a job waiting on a dead server holds a worker slot; retrying later is cheaper.
  const transport = nodemailer.createTransport(settings.smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as object);
  try {
    await transport.sendMail({ from: settings.from, ...message });
  } catch (cause) {
    const host = URL.parse(settings.smtpUrl)?.host ?? 'the SMTP server';
    throw new Error(`Could not send mail through ${host} (${(cause as Error).message}); the job will try again. Check DAILIES_SMTP_URL and that the server is up.`, { cause });
  } finally {
    transport.close();
  }
}
