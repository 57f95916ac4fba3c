/**
 * /api/v1/providers: the planners and video providers this server offers, for the new-episode form.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { endpoint } from '../endpoint.ts';
import type { RouteDeps } from './route-deps.ts';

export function providersRoutes({ services }: RouteDeps) {
  return new Hono<AppEnv>().get('/', endpoint(services.db, { rule: { kind: 'signed_in' }, summary: 'The planners and video providers episodes may use' }), (c) => {
    const { providers } = services;
    return c.json({
      planners: providers.plannerIds(),
      video: providers.videoIds().map((id) => {
        const provider = providers.video(id);
        return { id, makes_sound: provider.makesSound === true, max_concurrent: provider.limits.maxConcurrent };
      }),
    });
  });
}
