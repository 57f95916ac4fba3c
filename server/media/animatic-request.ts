/**
 * What the animatic renderer accepts. Checked before any work starts, so a bad request fails at
 * once with every problem named instead of as an ffmpeg error halfway through.
 */
import type { VideoRequest } from '../providers/video.types.ts';
import { parseHexColour } from './colour.ts';

export const ANIMATIC_LIMITS = {
  maxDurationSeconds: 60,
  maxSide: 4096,
  minFps: 1,
  maxFps: 60,
} as const;

/** Lists what is wrong with `request` for the animatic renderer; empty when it can be rendered. */
export function animaticRequestProblems(request: VideoRequest): string[] {
  const problems: string[] = [];
  const { shot } = request;
  const duration = shot?.duration;
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration <= 0) {
    problems.push(`shot.duration must be a positive number of seconds (got ${String(duration)})`);
  } else if (duration > ANIMATIC_LIMITS.maxDurationSeconds) {
    problems.push(`shot.duration must be at most ${ANIMATIC_LIMITS.maxDurationSeconds} s (got ${duration})`);
  }

  // An absent size or rate means "use the default"; a present one must be usable by H.264 4:2:0.
  for (const key of ['width', 'height'] as const) {
    const value = request[key] as number | undefined;
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value <= 0 || value % 2 !== 0 || value > ANIMATIC_LIMITS.maxSide) {
      problems.push(`${key} must be an even whole number of pixels from 2 to ${ANIMATIC_LIMITS.maxSide} (got ${String(value)})`);
    }
  }
  const fps = request.fps as number | undefined;
  if (fps !== undefined && (!Number.isFinite(fps) || fps < ANIMATIC_LIMITS.minFps || fps > ANIMATIC_LIMITS.maxFps)) {
    problems.push(`fps must be between ${ANIMATIC_LIMITS.minFps} and ${ANIMATIC_LIMITS.maxFps} (got ${String(fps)})`);
  }
  if (!Number.isFinite(request.seed)) problems.push(`seed must be a number (got ${String(request.seed)})`);

  const sheet = new Map((request.characters ?? []).map((character) => [character.key, character]));
  for (const key of shot?.characterKeys ?? []) {
    const character = sheet.get(key);
    if (!character) {
      problems.push(`shot character "${key}" is not in the character sheet`);
    } else if (!character.color || !parseHexColour(character.color)) {
      problems.push(`character "${character.name || key}" needs a colour like #e4572e (got "${character.color ?? ''}")`);
    }
  }
  if (!Array.isArray(shot?.dialogue)) problems.push('shot.dialogue must be a list (empty when nobody speaks)');
  return problems;
}
