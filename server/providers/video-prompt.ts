/**
 * The text prompt a remote video model receives for one shot, and the clip length it is asked
 * for. Models see one prompt and nothing else of the plan, so it carries what keeps takes
 * consistent: the style, the place, and each visible character's fixed look, worded the same for
 * every shot and every regeneration.
 */
import type { CameraMove } from './planner.types.ts';
import type { VideoRequest } from './video.types.ts';

const CAMERA: Record<CameraMove, string> = {
  static: 'Static camera.',
  'push-in': 'Slow push-in.',
  'pull-out': 'Slow pull-out.',
  'pan-left': 'Slow pan to the left.',
  'pan-right': 'Slow pan to the right.',
};

/** Longest prompt sent; most video models cut or refuse beyond a couple of thousand characters. */
export const MAX_VIDEO_PROMPT_CHARS = 2000;

export function composeVideoPrompt(request: VideoRequest): string {
  const { shot, scene } = request;
  const visible = request.characters.filter((character) => shot.characterKeys.includes(character.key));
  const parts = [
    shot.prompt.trim().replace(/[.\s]*$/, '.'),
    request.style.trim() ? `Style: ${request.style.trim()}.` : '',
    `Setting: ${scene.location}${scene.timeOfDay ? `, ${scene.timeOfDay.toLowerCase()}` : ''}${scene.locationDescription ? ` — ${scene.locationDescription}` : ''}.`,
    ...visible.map((character) => `${character.name}: ${[character.description, ...character.visualTraits].filter(Boolean).join(', ')}.`),
    request.characterPrompt?.trim() ? `Characters: ${request.characterPrompt.trim().replace(/[.\s]*$/, '.')}` : '',
    CAMERA[shot.camera],
  ].filter(Boolean);
  const prompt = parts.join(' ').replace(/\s+/g, ' ').replace(/\.\./g, '.');
  return prompt.length > MAX_VIDEO_PROMPT_CHARS ? `${prompt.slice(0, MAX_VIDEO_PROMPT_CHARS - 1)}…` : prompt;
}

/** The nearest length the model takes (whole seconds when it does not say), the longer on a tie. */
export function nearestDuration(seconds: number, allowed: number[] | undefined): number {
  if (!allowed || allowed.length === 0) return Math.max(1, Math.round(seconds));
  return [...allowed].sort((a, b) => Math.abs(a - seconds) - Math.abs(b - seconds) || b - a)[0]!;
}
