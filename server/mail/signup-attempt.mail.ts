/**
 * The email to the holder of an address that already has an account, when someone signs up with
 * it: sign-up answers the same as for a free address, so the holder is told here instead.
 */
import { escapeHtml } from './escape.ts';
import type { MailMessage } from './mailer.ts';

export interface SignupAttemptMailInput {
  to: string;
  /** The log-in page. */
  loginUrl: string;
}

export function signupAttemptMail(input: SignupAttemptMailInput): MailMessage {
  const text = [
    'Someone tried to create a Dailies account with this address, which already has one.',
    '',
    'If it was you, log in with your password instead:',
    input.loginUrl,
    'If you no longer know it, ask whoever runs this Dailies server for help (there is no reset link yet).',
    '',
    'If it was not you, ignore this email: your account was not changed, and nobody was signed in.',
  ].join('\n');
  const html = `<!doctype html><html><body>
<p>Someone tried to create a Dailies account with this address, which already has one.</p>
<p>If it was you, <a href="${escapeHtml(input.loginUrl)}">log in</a> with your password instead. If you no longer know it, ask whoever runs this Dailies server for help (there is no reset link yet).</p>
<p>If it was not you, ignore this email: your account was not changed, and nobody was signed in.</p>
</body></html>`;
  return { to: input.to, subject: 'Someone tried to sign up to Dailies with your address', text, html };
}
