/**
 * /api/v1/providers: the planners and video providers this server offers, for the new-episode form.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { endpoint } from '../endpoint.ts';
import { presentProviders } from '../presenters/provider.presenter.ts';
import type { RouteDeps } from './route-deps.ts';

export function providersRoutes({ services }: RouteDeps) {
  return new Hono<AppEnv>().get('/', endpoint(services.db, { rule: { kind: 'signed_in' }, summary: 'The planners and video providers episodes may use' }), (c) =>
    c.json(presentProviders(services.providers)),
  );
}
