/**
 * Serves the SvelteKit pages through Hono: the adapter-node handler in production, Vite's
 * middleware (with hot reload) in development. Both are Connect-style `(req, res, next)`.
 */
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { AppError } from '../errors.ts';

export type PageHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface Pages {
  handler: PageHandler;
  close(): Promise<void>;
}

/** Loads the built pages from `build/handler.js`, with a clear message when they were never built. */
export async function loadBuiltPages(root: string): Promise<Pages> {
  const file = join(root, 'build', 'handler.js');
  const exists = await stat(file).then(() => true, () => false);
  if (!exists) {
    throw new AppError('pages_not_built', 'The web pages are not built yet: run `npm run build` first.', { exitCode: 2 });
  }
  const module = (await import(pathToFileURL(file).href)) as { handler: PageHandler };
  return { handler: module.handler, close: async () => {} };
}

/** Starts Vite in middleware mode: pages rebuild and the browser reloads when a file changes. */
export async function loadDevPages(root: string): Promise<Pages> {
  const { createServer } = await import('vite');
  const vite = await createServer({ root, server: { middlewareMode: true }, appType: 'custom' });
  return { handler: vite.middlewares as unknown as PageHandler, close: () => vite.close() };
}

/** A Hono handler that lets `pages` answer the request on the raw Node objects. */
export function pagesFallback(pages: Pages) {
  return (c: Context<{ Bindings: HttpBindings }>) =>
    new Promise<Response>((resolve) => {
      const { incoming, outgoing } = c.env;
      outgoing.once('close', () => resolve(RESPONSE_ALREADY_SENT));
      pages.handler(incoming, outgoing, () => resolve(c.text('Not found', 404)));
    });
}
