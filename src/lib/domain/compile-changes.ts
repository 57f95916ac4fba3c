/**
 * What changed in an episode since its final video was compiled, in words a reviewer reads on the
 * episode page ("Shot 3 has a new take (v2)", "The order changed"). Pure: the caller loads what the
 * compile was made from and what the episode is now; an empty list means the video is up to date.
 */

/** One take a compile included, in the order it was cut. */
export interface CompiledTake {
  segmentId: string;
  shotId: string;
  /** The shot's own transition in as the compile used it ("dissolve 1 s"); null or absent: the compile's. */
  transitionIn?: string | null;
}

/** What a compile was made from. */
export interface CompileInputs {
  takes: CompiledTake[];
  transitionStyle: string;
  /** Seconds. */
  transitionDuration: number;
  /** The chosen music asset, or null. */
  musicAssetId: string | null;
  /** Generated background music when no asset is chosen. */
  backgroundMusic: boolean;
}

/** One shot of the episode now, in its current order. */
export interface CurrentShot {
  shotId: string;
  /** The shot's number as the page shows it. */
  number: number;
  /** The current take, or null before the first generation. */
  segmentId: string | null;
  version: number;
  approved: boolean;
  /** The shot's own transition in now, said as CompiledTake says it. */
  transitionIn?: string | null;
}

/** The episode now: its shots in order and the settings the next compile would use. */
export interface CurrentEpisode {
  shots: CurrentShot[];
  transitionStyle: string;
  transitionDuration: number;
  musicAssetId: string | null;
  backgroundMusic: boolean;
}

const seconds = (value: number) => `${Number(value.toFixed(2))} s`;

/** Lists what differs between a compile's inputs and the episode now, shot by shot, then order, transitions and music. */
export function compileChanges(compiled: CompileInputs, now: CurrentEpisode): string[] {
  const changes: string[] = [];
  const compiledByShot = new Map(compiled.takes.map((take) => [take.shotId, take]));
  const currentShotIds = new Set(now.shots.map((shot) => shot.shotId));
  for (const shot of now.shots) {
    const before = compiledByShot.get(shot.shotId);
    if (!before) {
      if (shot.approved) changes.push(`Shot ${shot.number} was added`);
    } else if (shot.segmentId !== before.segmentId && shot.approved) {
      changes.push(`Shot ${shot.number} has a new take (v${shot.version})`);
    } else if (!shot.approved) {
      changes.push(`Shot ${shot.number} is no longer approved`);
    }
  }
  // A shot's own transition in counts where it joins it to a take before it.
  compiled.takes.slice(1).forEach((before) => {
    const shot = now.shots.find((candidate) => candidate.shotId === before.shotId);
    if (shot && (shot.transitionIn ?? null) !== (before.transitionIn ?? null)) changes.push(`Shot ${shot.number} has a new transition in`);
  });
  const removed = compiled.takes.filter((take) => !currentShotIds.has(take.shotId)).length;
  if (removed === 1) changes.push('A shot was removed');
  else if (removed > 1) changes.push(`${removed} shots were removed`);

  // Order: the shots both have, compared in sequence, so an addition or removal alone is not a reorder.
  const compiledOrder = compiled.takes.map((take) => take.shotId).filter((id) => currentShotIds.has(id));
  const currentOrder = now.shots.map((shot) => shot.shotId).filter((id) => compiledByShot.has(id));
  if (compiledOrder.some((id, index) => currentOrder[index] !== id)) changes.push('The order changed');

  if (compiled.transitionStyle !== now.transitionStyle) {
    changes.push(`Transitions changed from ${compiled.transitionStyle} to ${now.transitionStyle}`);
  } else if (now.transitionStyle !== 'cut' && compiled.transitionDuration !== now.transitionDuration) {
    changes.push(`Transition length changed from ${seconds(compiled.transitionDuration)} to ${seconds(now.transitionDuration)}`);
  }

  if (compiled.musicAssetId !== now.musicAssetId || (!now.musicAssetId && compiled.backgroundMusic !== now.backgroundMusic)) {
    changes.push('Music changed');
  }
  return changes;
}
