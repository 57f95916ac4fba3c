/**
 * The cut's dialogue as SubRip and WebVTT, timed to the compiled video: each take's cues shifted
 * to where the take starts and cut off where the next one starts (media/cut-timeline.ts), the
 * same cues the compile writes into the MP4's caption track.
 */
import { cutCues, type CutPlacement } from '../media/cut-timeline.ts';
import { subRipText, webVttText, type DialogueCue } from '../media/dialogue-timing.ts';
import type { CutModel } from './cut-model.ts';

/** The cut's dialogue cues, seconds on the cut's timeline. */
export function cutDialogue(model: CutModel): DialogueCue[] {
  const placements: CutPlacement[] = model.clips.map((clip) => ({
    startSeconds: clip.recordStart / model.fps,
    endSeconds: (clip.recordStart + clip.recordFrames) / model.fps,
  }));
  return cutCues(
    model.clips.map((clip) => clip.cues),
    placements,
  );
}

/** The cut's dialogue as a SubRip (.srt) file. */
export function srtText(model: CutModel): string {
  return subRipText(cutDialogue(model));
}

/** The cut's dialogue as a WebVTT (.vtt) file. */
export function vttText(model: CutModel): string {
  return webVttText(cutDialogue(model));
}
