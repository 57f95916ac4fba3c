/**
 * Which planners and video providers this process can use, by id. Episodes name theirs;
 * an unknown id is a clear 4xx, never a crash.
 */
import { AppError } from '../errors.ts';
import { createBuiltinVideoProvider } from './builtin/builtin-video.provider.ts';
import { createBuiltinPlanner } from './builtin/planner/builtin.planner.ts';
import type { Planner } from './planner.types.ts';
import type { VideoProvider } from './video.types.ts';

export interface ProviderRegistry {
  planner(id: string): Planner;
  video(id: string): VideoProvider;
  plannerIds(): string[];
  videoIds(): string[];
}

/** The registry of the embedded default: the built-in planner and animatic renderer. */
export function createProviderRegistry(
  extra: { planners?: Planner[]; videos?: VideoProvider[] } = {},
): ProviderRegistry {
  const planners = new Map<string, Planner>();
  const videos = new Map<string, VideoProvider>();
  for (const planner of [createBuiltinPlanner(), ...(extra.planners ?? [])]) planners.set(planner.id, planner);
  for (const video of [createBuiltinVideoProvider(), ...(extra.videos ?? [])]) videos.set(video.id, video);
  const lookup = <T>(map: Map<string, T>, kind: string, id: string): T => {
    const found = map.get(id);
    if (!found) {
      throw new AppError('provider_unknown', `No ${kind} named "${id}" is configured here; available: ${[...map.keys()].join(', ')}.`, {
        status: 422,
        details: { kind, id, available: [...map.keys()] },
      });
    }
    return found;
  };
  return {
    planner: (id) => lookup(planners, 'planner', id),
    video: (id) => lookup(videos, 'video provider', id),
    plannerIds: () => [...planners.keys()],
    videoIds: () => [...videos.keys()],
  };
}
