/**
 * The root Hono app: security headers, CSRF defence and authentication for every request, then
 * one sub-app per resource under /api/v1, the media route, `/collab`, and the pages.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import { Hono } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import type { Services } from '../commands/services.ts';
import type { AppEnv, HttpSettings } from './context.ts';
import { declaredEndpoints, endpoint } from './endpoint.ts';
import { errorBody, errorHandler } from './errors.ts';
import { hostPolicy } from './hosts.ts';
import { authenticate } from './middleware/authenticate.ts';
import { csrfProtection } from './middleware/csrf.ts';
import { hostCheck } from './middleware/host-check.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { openApiDocument } from './openapi.ts';
import { type Pages, pagesFallback } from './pages.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { collabRoute } from './routes/collab.route.ts';
import { episodesRoutes } from './routes/episodes.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { episodeInvitationsRoutes, invitationRoutes } from './routes/invitations.routes.ts';
import { mediaRoutes } from './routes/media.routes.ts';
import { meRoutes } from './routes/me.routes.ts';
import { episodeActivityRoutes, inboxRoutes, unsubscribeRoutes } from './routes/activity.routes.ts';
import type { Notifications } from '../db/notifications.ts';
import { membersRoutes } from './routes/members.routes.ts';
import { episodeShareLinksRoutes, shareLinkRoutes, shareRoutes } from './routes/share-links.routes.ts';
import { providersRoutes } from './routes/providers.routes.ts';
import { tokensRoutes } from './routes/tokens.routes.ts';
import { accountTemplatesRoutes, episodeTemplatesRoutes } from './routes/templates.routes.ts';
import { segmentTakesRoutes, takeChoicesRoutes } from './routes/take-choices.routes.ts';
import { batchRoutes } from './routes/batch.routes.ts';
import { notesRoutes } from './routes/notes.routes.ts';
import { segmentsRoutes } from './routes/segments.routes.ts';
import { compilationJobsRoutes, shotsRoutes } from './routes/shots.routes.ts';
import { workflowRoutes } from './routes/workflow.routes.ts';
import { exportsRoutes } from './routes/exports.routes.ts';
import { assetsRoutes } from './routes/assets.routes.ts';
import { continuityRoutes } from './routes/continuity.routes.ts';
import { adminWebhooksRoutes, episodeWebhooksRoutes, webhookRoutes } from './routes/webhooks.routes.ts';

export interface AppDeps {
  services: Services;
  settings: HttpSettings;
  collab: Hocuspocus;
  /** The process's database notifications: the inbox's unread count waits on them. */
  notifications?: Notifications;
  pages?: Pages;
  workerRunning: () => boolean;
  version: string;
}

/** The /api/v1 router on its own (the authorization matrix test walks its routes). */
export function createApi(deps: AppDeps) {
  const routeDeps = { services: deps.services, settings: deps.settings };
  const notes = notesRoutes(routeDeps);
  const api = new Hono<AppEnv>()
    .route('/health', healthRoutes(deps))
    .route('/auth', authRoutes(routeDeps))
    .route('/me', meRoutes(routeDeps))
    .route('/me', inboxRoutes(routeDeps, deps.notifications))
    .route('/me', accountTemplatesRoutes(routeDeps))
    .route('/unsubscribe', unsubscribeRoutes(routeDeps))
    .route('/tokens', tokensRoutes(routeDeps))
    .route('/episodes', episodesRoutes(routeDeps))
    .route('/episodes', membersRoutes(routeDeps))
    .route('/episodes', episodeActivityRoutes(routeDeps))
    .route('/episodes', episodeShareLinksRoutes(routeDeps))
    .route('/episodes', episodeInvitationsRoutes(routeDeps))
    .route('/episodes', workflowRoutes(routeDeps))
    .route('/episodes', exportsRoutes(routeDeps))
    .route('/episodes', assetsRoutes(routeDeps))
    .route('/episodes', continuityRoutes(routeDeps))
    .route('/episodes', notes.episodes)
    .route('/episodes', episodeWebhooksRoutes(routeDeps))
    .route('/episodes', episodeTemplatesRoutes(routeDeps))
    .route('/episodes', batchRoutes(routeDeps))
    .route('/episodes', takeChoicesRoutes(routeDeps))
    .route('/webhooks', webhookRoutes(routeDeps))
    .route('/admin/webhooks', adminWebhooksRoutes(routeDeps))
    .route('/segments', segmentsRoutes(routeDeps))
    .route('/segments', segmentTakesRoutes(routeDeps))
    .route('/segments', notes.segments)
    .route('/notes', notes.notes)
    .route('/shots', shotsRoutes(routeDeps))
    .route('/compilation-jobs', compilationJobsRoutes(routeDeps))
    .route('/share-links', shareLinkRoutes(routeDeps))
    .route('/share', shareRoutes(routeDeps))
    .route('/invitations', invitationRoutes(routeDeps))
    .route('/providers', providersRoutes(routeDeps));
  api.get('/openapi.json', endpoint(deps.services.db, { rule: { kind: 'public' }, summary: 'This document' }), (c) =>
    c.json(openApiDocument(declaredEndpoints(api.routes), deps.version)),
  );
  // Last: a known path asked with another method is a 405 naming the methods it takes; an
  // unknown path a JSON 404, never a page.
  const methodsOf = routeMethods(api.routes);
  api.all('*', (c) => {
    const allowed = methodsOf(c.req.path.replace(/^\/api\/v1/, ''));
    if (allowed.length > 0) {
      c.header('allow', allowed.join(', '));
      return c.json(errorBody('method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}; it takes ${allowed.join(', ')}.`, { allowed }), 405);
    }
    return c.json(errorBody('not_found', `No API route ${c.req.method} ${c.req.path}.`), 404);
  });
  return api;
}

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(deps.services.dataDir));
  app.use('*', hostCheck(deps.settings.hosts ?? hostPolicy({ listenHost: '127.0.0.1', port: undefined })));
  for (const prefix of ['/api/*', '/media/*']) {
    app.use(prefix, securityHeaders(), csrfProtection(), authenticate(deps.services.db, deps.settings));
  }
  app.route('/api/v1', createApi(deps));
  app.route('/media', mediaRoutes(deps.services));
  app.route('/collab', collabRoute(deps.collab));
  if (deps.pages) app.all('*', pagesFallback(deps.pages));
  return app;
}

/** For a path, the methods the API's routes answer on it (HEAD with GET); none for an unknown path. Matched by Hono's own router. */
function routeMethods(routes: { method: string; path: string }[]): (path: string) => string[] {
  const router = new TrieRouter<string>();
  for (const route of routes) if (route.method !== 'ALL') router.add('ALL', route.path, route.method);
  return (path) => {
    const methods = new Set(router.match('GET', path)[0].map(([method]) => method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
