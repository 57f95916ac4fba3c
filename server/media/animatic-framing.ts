/**
 * Shot sizes for the animatic. Planned and written shots name their framing in words ("Close-up on
 * Mara", "远景", "over-the-shoulder"), so the size is read from the camera note and prompt; the
 * renderer then scales and places the figures so a close-up looks like a close-up.
 */
import type { VideoRequest } from '../providers/video.types.ts';

export type ShotSize =
  | 'extreme-wide'
  | 'wide'
  | 'full'
  | 'medium'
  | 'medium-close-up'
  | 'close-up'
  | 'over-the-shoulder'
  | 'two-shot'
  | 'insert'
  | 'pov';

/** Checked in order: the more specific wording ("extreme close-up", "medium close-up") before the shorter one it contains. */
const SIZE_WORDS: [ShotSize, RegExp][] = [
  ['extreme-wide', /\bextreme(?:ly)?[\s-]+wide\b|\bxws\b|\bels\b|\bestablishing\b|大远景|极远景/i],
  ['over-the-shoulder', /\bover[\s-]+(?:the[\s-]+)?shoulder\b|\bots\b|过肩|過肩/i],
  ['pov', /\bpov\b|\bpoint[\s-]+of[\s-]+view\b|主观镜头|主觀鏡頭|主观视角/i],
  ['insert', /\binsert\b|\bextreme[\s-]+close[\s-]*up\b|\becu\b|大特写|大特寫|细节特写/i],
  ['medium-close-up', /\bmedium[\s-]+close[\s-]*up\b|\bmcu\b|中近景/i],
  ['close-up', /\bclose[\s-]*up\b|\bcu\b|特写|特寫|近景/i],
  ['two-shot', /\btwo[\s-]+shot\b|双人镜头|雙人鏡頭|双人中景/i],
  ['medium', /\bmedium(?:[\s-]+shot)?\b|\bmid[\s-]+shot\b|\bms\b|\bwaist[\s-]+(?:up|shot)\b|中景/i],
  ['full', /\bfull[\s-]+(?:shot|body|figure|length)\b|\bfs\b|全景/i],
  ['wide', /\bwide\b|\blong[\s-]+shot\b|\bws\b|\bls\b|远景|遠景/i],
];

/** The shot size named in `text`, or undefined when it names none. */
export function parseShotSize(text: string): ShotSize | undefined {
  for (const [size, pattern] of SIZE_WORDS) if (pattern.test(text)) return size;
  return undefined;
}

/** The camera note says how the shot is framed; the prompt is the fallback; a plain wide shot when neither does. */
export function shotSizeOf(request: Pick<VideoRequest, 'shot'>): ShotSize {
  return parseShotSize(request.shot.cameraNote) ?? parseShotSize(request.shot.prompt) ?? 'wide';
}

export interface Framing {
  /** Figure height as a share of the canvas height. */
  figureHeight: number;
  /** Where the figure's head centre sits, as a share of the canvas height; undefined keeps feet on the ground. */
  headY?: number;
  /** Only the first character (the subject) is drawn, large. */
  subjectOnly: boolean;
  /** A dark shoulder in the foreground, seen from behind the other figure. */
  shoulder: boolean;
  /** Seen through the first character's eyes: that character is not drawn. */
  pov?: boolean;
}

/** How each size frames its figures; the canvas is CANVAS_SCALE times the frame, so the frame sees its middle. */
export function framingFor(size: ShotSize): Framing {
  switch (size) {
    case 'extreme-wide': return { figureHeight: 0.12, subjectOnly: false, shoulder: false };
    case 'wide': return { figureHeight: 0.3, subjectOnly: false, shoulder: false };
    case 'full': return { figureHeight: 0.45, headY: 0.36, subjectOnly: false, shoulder: false };
    case 'two-shot': return { figureHeight: 0.7, headY: 0.38, subjectOnly: false, shoulder: false };
    case 'medium': return { figureHeight: 0.85, headY: 0.36, subjectOnly: false, shoulder: false };
    case 'medium-close-up': return { figureHeight: 1.3, headY: 0.4, subjectOnly: true, shoulder: false };
    case 'close-up': return { figureHeight: 2, headY: 0.45, subjectOnly: true, shoulder: false };
    case 'insert': return { figureHeight: 2.6, headY: 0.5, subjectOnly: true, shoulder: false };
    case 'pov': return { figureHeight: 1, headY: 0.4, subjectOnly: false, shoulder: false, pov: true };
    case 'over-the-shoulder': return { figureHeight: 0.9, headY: 0.38, subjectOnly: false, shoulder: true };
  }
}
