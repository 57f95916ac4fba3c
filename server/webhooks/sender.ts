/**
 * Sends one signed webhook request. Knows nothing of the database: it is given the URL, the secret
 * and the body, and answers with the status code or the error, and how long it took. Redirects are
 * not followed (a redirect could lead inside the network); the address check runs in the
 * connection's own DNS lookup, so the address connected to is the address checked.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, isRefusedAddress, literalAddress } from './address-check.ts';
import { SIGNATURE_HEADER, signatureHeader } from './signature.ts';

/** How long a receiver has to answer. */
const TIMEOUT_MS = 10_000;

export interface SendOutcome {
  /** The receiver's status code; null when none came. */
  statusCode: number | null;
  /** Why no 2xx came; null on success. */
  error: string | null;
  durationMs: number;
}

export interface WebhookRequest {
  url: string;
  secret: string;
  body: string;
  eventId: string;
  kind: string;
  allowPrivate: boolean;
}

/** Posts the body, signed; never throws (a failure is an outcome to log and retry). */
export async function sendWebhook(input: WebhookRequest): Promise<SendOutcome> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendOutcome => ({ statusCode, error, durationMs: Math.round(performance.now() - started) });
  const url = URL.parse(input.url);
  if (!url) return done(null, 'The webhook URL cannot be parsed.');
  const literal = literalAddress(url.hostname);
  // An IP literal is connected to without a lookup, so it is checked here.
  if (literal && !input.allowPrivate && isRefusedAddress(literal)) return done(null, `${literal} is a private or reserved address; not sent.`);
  if (url.protocol !== 'https:' && !(input.allowPrivate && url.protocol === 'http:')) return done(null, 'Webhooks are sent over https only; not sent.');
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendOutcome>((resolve) => {
    const request = send(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(input.allowPrivate),
        timeout: TIMEOUT_MS,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Dailies-Webhooks',
          [SIGNATURE_HEADER]: signatureHeader(input.secret, input.body),
          'Dailies-Event': input.kind,
          'Dailies-Delivery': input.eventId,
        },
      },
      (response) => {
        // The answer's body is not kept; it is read so that the connection can close.
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? null;
          const ok = status !== null && status >= 200 && status < 300;
          resolve(done(status, ok ? null : status !== null && status >= 300 && status < 400 ? `Answered ${status}; redirects are not followed.` : `Answered ${status}.`));
        });
        response.on('error', (error) => resolve(done(response.statusCode ?? null, error.message)));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`No answer within ${TIMEOUT_MS / 1000} s.`)));
    request.on('error', (error) => resolve(done(null, error.message)));
    request.end(input.body);
  });
}
