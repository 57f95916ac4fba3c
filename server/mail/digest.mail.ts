/**
 * The inbox digest email, in plain text and HTML (every value escaped in the HTML), with one
 * unsubscribe link per kind it lists.
 */
import { INBOX_KIND_LABELS, type InboxKindName } from '../../src/lib/api/activity.schema.ts';
import { escapeHtml } from './escape.ts';
import type { MailMessage } from './mailer.ts';

export interface DigestMailInput {
  to: string;
  name: string;
  items: { kind: InboxKindName; episodeTitle: string; text: string; url: string }[];
  /** Whether there are more than the items listed. */
  more: boolean;
  inboxUrl: string;
  unsubscribe: { kind: InboxKindName; url: string }[];
}

export function digestMail(input: DigestMailInput): MailMessage {
  const count = input.items.length;
  const subject = count === 1 ? `Dailies: ${input.items[0]!.text}` : `Dailies: ${count}${input.more ? '+' : ''} things wait for you`;
  const text = [
    `Hello ${input.name},`,
    '',
    'New in your Dailies inbox:',
    '',
    ...input.items.flatMap((item) => [`- ${item.episodeTitle}: ${item.text}`, `  ${item.url}`]),
    ...(input.more ? ['', 'More in your inbox.'] : []),
    '',
    `Your inbox: ${input.inboxUrl}`,
    '',
    'Stop these emails:',
    ...input.unsubscribe.map((link) => `- ${INBOX_KIND_LABELS[link.kind]}: ${link.url}`),
  ].join('\n');
  const html = `<!doctype html><html><body>
<p>Hello ${escapeHtml(input.name)},</p>
<p>New in your Dailies inbox:</p>
<ul>
${input.items.map((item) => `<li><strong>${escapeHtml(item.episodeTitle)}</strong>: <a href="${escapeHtml(item.url)}">${escapeHtml(item.text)}</a></li>`).join('\n')}
</ul>
${input.more ? '<p>More in your inbox.</p>' : ''}
<p><a href="${escapeHtml(input.inboxUrl)}">Open your inbox</a></p>
<p style="color:#666;font-size:12px">Stop these emails: ${input.unsubscribe.map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(INBOX_KIND_LABELS[link.kind].toLowerCase())}</a>`).join(' · ')}</p>
</body></html>`;
  return { to: input.to, subject: subject.length > 150 ? `${subject.slice(0, 149)}…` : subject, text, html };
}

