/**
 * The invitation email, in plain text and HTML (every value escaped in the HTML).
 */
import { escapeHtml } from './escape.ts';
import type { MailMessage } from './mailer.ts';

export interface InvitationMailInput {
  to: string;
  episodeTitle: string;
  inviterName: string;
  role: string;
  url: string;
  expiresAt: Date;
}


export function invitationMail(input: InvitationMailInput): MailMessage {
  const until = input.expiresAt.toUTCString();
  const text = [
    `${input.inviterName} invited you to the episode “${input.episodeTitle}” on Dailies, as ${input.role}.`,
    '',
    'Open this link to join (sign up or log in there):',
    input.url,
    '',
    `The link works once, until ${until}. If you did not expect it, ignore this email.`,
  ].join('\n');
  const html = `<!doctype html><html><body>
<p>${escapeHtml(input.inviterName)} invited you to the episode “${escapeHtml(input.episodeTitle)}” on Dailies, as ${escapeHtml(input.role)}.</p>
<p><a href="${escapeHtml(input.url)}">Join the episode</a> (sign up or log in there).</p>
<p>The link works once, until ${escapeHtml(until)}. If you did not expect it, ignore this email.</p>
</body></html>`;
  return { to: input.to, subject: `${input.inviterName} invited you to “${input.episodeTitle}” on Dailies`, text, html };
}
