/**
 * The root Hono app: one sub-app per resource, the media route, `/collab`, then the pages.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { Services } from '../commands/services.ts';
import { errorBody, handleError } from './errors.ts';
import { type Pages, pagesFallback } from './pages.ts';
import { collabRoute } from './routes/collab.route.ts';
import { episodesRoutes } from './routes/episodes.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { mediaRoutes } from './routes/media.routes.ts';

export interface AppDeps {
  services: Services;
  collab: Hocuspocus;
  pages?: Pages;
  workerRunning: () => boolean;
  version: string;
}

export function createApp(deps: AppDeps) {
  const api = new Hono()
    .route('/health', healthRoutes(deps))
    .route('/episodes', episodesRoutes(deps.services))
    // Last: an unknown API path is a JSON 404, never a page.
    .all('*', (c) => c.json(errorBody('not_found', `No API route ${c.req.method} ${c.req.path}.`), 404));

  const app = new Hono<{ Bindings: HttpBindings }>();
  app.onError(handleError);
  app.route('/api/v1', api);
  app.route('/media', mediaRoutes(deps.services));
  app.route('/collab', collabRoute(deps.collab));
  if (deps.pages) app.all('*', pagesFallback(deps.pages));
  return app;
}
