/**
 * The email that confirms a sign-up: the link that creates the account, in plain text and HTML
 * (every value escaped in the HTML).
 */
import { escapeHtml } from './escape.ts';
import type { MailMessage } from './mailer.ts';

export interface SignupConfirmationMailInput {
  to: string;
  /** The confirmation page, `…/signup/confirm/<token>`. */
  url: string;
  expiresAt: Date;
}

export function signupConfirmationMail(input: SignupConfirmationMailInput): MailMessage {
  const until = input.expiresAt.toUTCString();
  const text = [
    'Someone (we hope you) signed up for Dailies with this address.',
    '',
    'Open this link and type the password you chose to finish:',
    input.url,
    '',
    `The link works once, until ${until}. If you did not sign up, ignore this email: no account is made without the link.`,
  ].join('\n');
  const html = `<!doctype html><html><body>
<p>Someone (we hope you) signed up for Dailies with this address.</p>
<p><a href="${escapeHtml(input.url)}">Finish creating your account</a> (open the link and type the password you chose).</p>
<p>The link works once, until ${escapeHtml(until)}. If you did not sign up, ignore this email: no account is made without the link.</p>
</body></html>`;
  return { to: input.to, subject: 'Confirm your Dailies sign-up', text, html };
}
