/**
 * What the stand-in servers read of a request: its raw bytes, and the JSON object it carries.
 */
import type { IncomingMessage } from 'node:http';

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The body as a JSON object; null when it is empty, not JSON, or not an object. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const text = (await readRaw(req)).toString('utf8');
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
