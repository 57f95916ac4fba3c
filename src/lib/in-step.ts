/**
 * Players kept in step: the first leads, the others follow its time and its play state, never more
 * than a frame apart (shorter takes stop at their end). Used to compare takes side by side.
 */

/** How far (seconds) a follower may drift before it is put back on the leader's time. */
const DRIFT = 0.04;

const at = (video: HTMLVideoElement, seconds: number) => Math.min(seconds, video.duration || seconds);

/** Puts every follower that drifted back on the leader's time; returns that time. */
export function align(leader: HTMLVideoElement, followers: readonly HTMLVideoElement[]): number {
  for (const follower of followers) {
    if (Math.abs(follower.currentTime - at(follower, leader.currentTime)) > DRIFT) follower.currentTime = at(follower, leader.currentTime);
  }
  return leader.currentTime;
}

/** Plays every player from the leader's time, or pauses them all; returns whether they now play. */
export function toggleAll(leader: HTMLVideoElement, followers: readonly HTMLVideoElement[]): boolean {
  align(leader, followers);
  if (leader.paused) {
    for (const video of [leader, ...followers]) void video.play();
    return true;
  }
  for (const video of [leader, ...followers]) video.pause();
  align(leader, followers);
  return false;
}

/** Moves every player to the same second. */
export function seekAll(players: readonly HTMLVideoElement[], seconds: number): void {
  for (const video of players) video.currentTime = at(video, seconds);
}

/** Calls `tick` on every animation frame until the returned function is called. */
export function everyFrame(tick: () => void): () => void {
  let handle = requestAnimationFrame(function next() {
    tick();
    handle = requestAnimationFrame(next);
  });
  return () => cancelAnimationFrame(handle);
}
