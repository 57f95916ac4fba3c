/**
 * /api/v1/providers: the planners and video providers this server offers, for the new-episode form.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { endpoint } from '../endpoint.ts';
import type { RouteDeps } from './route-deps.ts';
import { outputRangeOf } from '../../providers/output-range.ts';
import type { ProvidersDto } from '../../../src/lib/api/episodes.schema.ts';

export function providersRoutes({ services }: RouteDeps) {
  return new Hono<AppEnv>().get('/', endpoint(services.db, { rule: { kind: 'signed_in' }, summary: 'The planners and video providers episodes may use' }), (c) => {
    const { providers } = services;
    const body: ProvidersDto = {
      planners: providers.plannerIds().map((id) => ({ id, description: providers.planner(id).description })),
      // Named so people know what could be enabled; the settings' names only, never their values.
      unconfigured: providers.unconfigured().map((entry) => ({ id: entry.id, kind: entry.kind, missing: entry.missing })),
      images: providers.imageIds().map((id) => ({ id, description: providers.image(id).description, model: providers.image(id).model })),
      video: providers.videoIds().map((id) => {
        const provider = providers.video(id);
        const range = outputRangeOf(provider);
        return {
          id,
          description: provider.description ?? id,
          model: provider.model ?? null,
          makes_sound: provider.makesSound === true,
          max_concurrent: provider.limits.maxConcurrent,
          requests_per_minute: provider.limits.requestsPerMinute ?? null,
          price_per_second_usd: provider.pricePerSecondUsd ?? null,
          image_input: { first_frame: provider.imageInput?.firstFrame === true, references: provider.imageInput?.references === true },
          output_range: { max_long_side: range.maxLongSide, max_short_side: range.maxShortSide, max_fps: range.maxFps },
        };
      }),
    };
    return c.json(body);
  });
}
