/**
 * A webhook receiver on loopback: it checks each request's signature with the webhook's secret as
 * a real receiver would, records what came, and answers with the scripted statuses (then 200).
 */
import { createServer, type Server } from 'node:http';
import { verifySignature } from '../../server/webhooks/signature.ts';

export interface ReceivedHook {
  type: string;
  body: Record<string, unknown> & { id: string; type: string; data: Record<string, unknown>; links: Record<string, string> };
  signatureValid: boolean;
  headers: Record<string, string | string[] | undefined>;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** The secret signatures are checked with (set once the webhook is made). */
  secret: string;
  /** Statuses to answer with, in turn, before answering 200. */
  answers: number[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hooks'): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: '', received: [], secret: '', answers: [], close: async () => {} };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(text) as ReceivedHook['body'];
      const header = String(request.headers['dailies-signature'] ?? '');
      receiver.received.push({ type: body.type, body, signatureValid: verifySignature(header, text, receiver.secret), headers: request.headers, at: Date.now() });
      response.writeHead(receiver.answers.shift() ?? 200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the receiver did not get a port');
  receiver.url = `http://127.0.0.1:${address.port}${path}`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
