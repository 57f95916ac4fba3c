/**
 * One cap on the shots of an episode, for every way shots are made: a JSON shot list (refused at
 * creation), and whatever a planner makes of an idea or a screenplay (the planning fails, storing
 * nothing). Each shot is a take to render, store and review, so an episode of thousands of shots
 * is a denial of service rather than a film; `DAILIES_MAX_SHOTS` sets the cap.
 */
import { AppError } from '../errors.ts';
import type { EpisodePlan } from '../providers/planner.types.ts';
import type { Services } from './services.ts';

/** The shots a plan would create. */
export function countShots(plan: Pick<EpisodePlan, 'scenes'>): number {
  return plan.scenes.reduce((sum, scene) => sum + scene.shots.length, 0);
}

/** What to say when `count` shots are over the cap, or undefined when they are within it. */
export function shotCapProblem(services: Services, count: number, source: string): string | undefined {
  const max = services.engine.maxShots;
  if (count <= max) return undefined;
  return `An episode may have at most ${max} shots, and this ${source} makes ${count}: split it into several episodes.`;
}

/** 422 `too_many_shots` when `count` shots would pass the cap. */
export function assertShotCap(services: Services, count: number, source: string): void {
  const problem = shotCapProblem(services, count, source);
  if (problem) throw new AppError('too_many_shots', problem, { status: 422, details: { max_shots: services.engine.maxShots, shots: count } });
}
