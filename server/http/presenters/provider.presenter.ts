/**
 * Whitelists what the provider listing carries: names, limits and prices, never a setting's value.
 */
import type { ProvidersDto } from '../../../src/lib/api/episodes.schema.ts';
import { outputRangeOf } from '../../providers/output-range.ts';
import type { ProviderRegistry } from '../../providers/registry.ts';

export function presentProviders(providers: ProviderRegistry): ProvidersDto {
  return {
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
        options: Object.fromEntries(
          Object.entries(provider.options ?? {}).map(([name, option]) => [name, { type: option.type, values: option.values ? [...option.values] : null, description: option.description }]),
        ),
      };
    }),
  };
}
