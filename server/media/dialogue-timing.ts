/**
 * When each line of a shot's dialogue is on screen. One function decides it, so the burned
 * subtitles, the take's subtitle track and anything that later times speech to the same lines
 * (spoken voice) stay in step: change the timing here and every one of them follows.
 */
import type { VideoRequest } from '../providers/video.types.ts';

export interface DialogueCue {
  /** Seconds from the start of the take. */
  start: number;
  end: number;
  /** One row per speaker: `SPEAKER: line`. */
  text: string;
  /** The speakers' names as the cue shows them, joined by ` / ` when lines are said together. */
  speaker: string;
}

/**
 * The shot's dialogue as cues over `durationSeconds`: each group of lines gets an equal slice of the
 * shot, in speaking order. Lines said at the same time (dual dialogue) share one cue, one speaker
 * per row; empty lines are skipped. Cues touch end to start and the last one ends with the shot.
 */
export function dialogueCues(request: Pick<VideoRequest, 'shot' | 'characters'>, durationSeconds: number): DialogueCue[] {
  const names = new Map(request.characters.map((c) => [c.key, c.name]));
  const groups = dialogueGroups(request);
  return groups.map((group, index) => {
    const speakers = group.map((dialogue) => (names.get(dialogue.character) ?? dialogue.character).toLocaleUpperCase());
    return {
      start: (durationSeconds * index) / groups.length,
      end: (durationSeconds * (index + 1)) / groups.length,
      text: group.map((dialogue, row) => `${speakers[row]}: ${dialogue.line.trim()}`).join('\n'),
      speaker: speakers.join(' / '),
    };
  });
}

/**
 * The lines of each cue, in speaking order: a line said at the same time as the one before it
 * (dual dialogue) joins that line's group; empty lines are skipped.
 */
export function dialogueGroups(request: Pick<VideoRequest, 'shot'>): { character: string; line: string }[][] {
  const groups: { character: string; line: string }[][] = [];
  for (const dialogue of request.shot.dialogue.filter((d) => d.line.trim() !== '')) {
    if (dialogue.simultaneous && groups.length > 0) groups.at(-1)!.push(dialogue);
    else groups.push([dialogue]);
  }
  return groups;
}

/** `hh:mm:ss.mmm`, the time format WebVTT uses (SubRip wants a comma instead of the dot). */
export function cueTimestamp(secondsValue: number, separator: '.' | ',' = '.'): string {
  const ms = Math.max(0, Math.round(secondsValue * 1000));
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

/** Cues as a WebVTT file, the form a browser's `<track>` reads. */
export function webVttText(cues: readonly DialogueCue[]): string {
  return ['WEBVTT', '', ...cues.map((cue) => `${cueTimestamp(cue.start)} --> ${cueTimestamp(cue.end)}\n${cue.text}\n`)].join('\n');
}

/** Cues as a SubRip file, the form ffmpeg reads to write a `mov_text` track. */
export function subRipText(cues: readonly DialogueCue[]): string {
  return cues.map((cue, index) => `${index + 1}\n${cueTimestamp(cue.start, ',')} --> ${cueTimestamp(cue.end, ',')}\n${cue.text}\n`).join('\n');
}
