/**
 * J/K/L shuttle, as editors know it from their cutting rooms: `L` plays forward and, pressed
 * again, faster; `J` plays backward and, pressed again, faster backward; `K` stops and goes back
 * to 1×. Browsers cannot play a video backward, so the player moves back frame by frame at the
 * chosen speed (`reverseTarget`).
 */

/** The speeds the player offers, slowest first. */
export const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 4] as const;

/** The fastest speed J and L reach. */
const TOP_SPEED = 4;

/** Where the shuttle stands: which way the playhead moves (0: still), and how fast. */
export interface ShuttleState {
  direction: -1 | 0 | 1;
  rate: number;
}

/**
 * The next speed up: twice the current one, rounded up to one the player offers, at most 4×
 * (1.5× doubles to 3×, which it does not offer: 4×).
 */
export function faster(rate: number): number {
  return SPEEDS.find((speed) => speed >= rate * 2) ?? TOP_SPEED;
}

/**
 * The shuttle after a key. Pressing the key of the way it already moves doubles the speed; a
 * change of way keeps the chosen speed; `K` stops at 1×.
 */
export function shuttleKey(state: ShuttleState, key: 'j' | 'k' | 'l'): ShuttleState {
  if (key === 'k') return { direction: 0, rate: 1 };
  const direction = key === 'l' ? 1 : -1;
  if (state.direction === direction) return { direction, rate: Math.min(TOP_SPEED, faster(state.rate)) };
  return { direction, rate: state.rate };
}

/**
 * Where backward playback should be `elapsedSeconds` after it left `startSeconds` at `rate`,
 * snapped to a whole frame at `fps` (never before the start of the take).
 */
export function reverseTarget(startSeconds: number, elapsedSeconds: number, rate: number, fps: number): number {
  const frame = Math.round((startSeconds - elapsedSeconds * rate) * fps);
  return Math.max(0, frame) / fps;
}
