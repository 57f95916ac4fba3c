/**
 * The parameter changes a reviewer's note asks for in so many words: a duration ("4 seconds",
 * "shorter by 2s"), a seed ("another seed", "seed 1234"), a camera move ("push in", "locked off")
 * or a look ("less saturated", "more film grain"). Each recogniser reads one clause of a note and
 * says which part of it it used, so the rules can tell a clause that only sets parameters from
 * one that describes the picture. Pure and deterministic; words it does not know are left alone.
 */
import type { CameraMove } from './enums.ts';

/** The limits of GenerationChanges (src/lib/api/segments.schema.ts). */
export const DURATION_LIMITS = { min: 1, max: 60 } as const;
export const MAX_SEED = 2_147_483_647;

/** One thing a clause asks for, and where in the clause it was said. */
export type Directive =
  | { kind: 'duration'; seconds: number; start: number; end: number }
  | { kind: 'seed'; seed: number; start: number; end: number }
  | { kind: 'camera'; camera: CameraMove; start: number; end: number }
  | { kind: 'style'; phrase: string; start: number; end: number }
  /** A camera move the video providers cannot be asked for; the words stay in the prompt. */
  | { kind: 'unsupported-camera'; words: string; start: number; end: number };

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30,
};
const NUM = `(\\d+(?:[.,]\\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;
const UNIT = '\\s*(?:seconds?|secs?|s|秒)(?![\\p{L}\\p{N}])';

const numberOf = (text: string): number => NUMBER_WORDS[text.toLowerCase()] ?? Number(text.replace(',', '.'));
const roundTenth = (value: number) => Math.round(value * 10) / 10;
export const clampDuration = (seconds: number) => roundTenth(Math.min(DURATION_LIMITS.max, Math.max(DURATION_LIMITS.min, seconds)));

/** Words that show a number of seconds is the take's length, not a moment in it. */
const DURATION_CUE = /\b(make it|shorter|longer|long|duration|length|trim|cut|total|only|just|keep it|should be|under|at most|max)\b|时长|改成|改为|缩短|延长/iu;
/** Words before a number of seconds that make it a moment in the take ("at 2s"). */
const MOMENT_BEFORE = /(\b(at|from|after|before|until|till|between|since|past|by)\s*|[-–]\s*)$/iu;

/** A moment the clause names, not counted as a length: "at 2s", "1–2 s", "3 seconds in". */
function isMoment(clause: string, start: number, end: number): boolean {
  return MOMENT_BEFORE.test(clause.slice(0, start)) || /^\s*(in\b|[-–]\s*\d)/iu.test(clause.slice(end));
}

function durationIn(clause: string, currentSeconds: number): Directive[] {
  const relative: [RegExp, (n: number) => number][] = [
    [new RegExp(`\\bshorter\\s+by\\s+${NUM}${UNIT}`, 'iu'), (n) => currentSeconds - n],
    [new RegExp(`\\blonger\\s+by\\s+${NUM}${UNIT}`, 'iu'), (n) => currentSeconds + n],
    [new RegExp(`\\b${NUM}${UNIT}\\s+shorter\\b`, 'iu'), (n) => currentSeconds - n],
    [new RegExp(`\\b${NUM}${UNIT}\\s+longer\\b`, 'iu'), (n) => currentSeconds + n],
    [new RegExp(`\\b(?:cut|trim|lose|drop|remove)\\s+(?:off\\s+)?${NUM}${UNIT}`, 'iu'), (n) => currentSeconds - n],
    [new RegExp(`\\b(?:add|extend by)\\s+${NUM}${UNIT}`, 'iu'), (n) => currentSeconds + n],
  ];
  for (const [pattern, seconds] of relative) {
    const match = pattern.exec(clause);
    if (match) return [{ kind: 'duration', seconds: clampDuration(seconds(numberOf(match[1]!))), start: match.index, end: match.index + match[0].length }];
  }
  const absolute = new RegExp(`(?<![\\p{Script=Latin}\\p{N}.])${NUM}${UNIT}`, 'giu');
  for (const match of clause.matchAll(absolute)) {
    const start = match.index;
    const end = start + match[0].length;
    if (isMoment(clause, start, end)) continue;
    const alone = clause.slice(0, start).trim() === '' && /^[\s\p{P}]*$/u.test(clause.slice(end));
    if (alone || DURATION_CUE.test(clause)) return [{ kind: 'duration', seconds: clampDuration(numberOf(match[1]!)), start, end }];
  }
  return [];
}

/** Words that carry nothing once a clause's parameters are read ("make it", "please", "a bit"). */
const FILLER = new Set(
  ('a an the it its this that shot take clip video scene camera should could would will be is are make made please pls try use ' +
    'using give go let lets us we you i want need needs and also then just only maybe perhaps more less much bit little slightly ' +
    'lot lots very way too some overall whole all of to with can for keep so really look feel like by move movement ' +
    'shorter longer long duration length cut trim total seconds second about around roughly approximately')
    .split(' '),
);
/** Chinese words of the same kind, for notes such as "时长改成4秒". */
const FILLER_ZH = /^(时长|改成|改为|缩短到|延长到|镜头|请|一点|更)+$/u;

/** True when `text` has no word beyond the filler ones. */
export const isFiller = (text: string) =>
  (text.match(/[\p{L}\p{N}']+/gu) ?? []).every((word) => FILLER.has(word.toLowerCase().replace(/'s$/, '')) || FILLER_ZH.test(word));

/** The clause says nothing but these words (and filler): "pull back", "make it warmer", not "she pulls back her hand". */
const onlySays = (clause: string, start: number, end: number) => isFiller(clause.slice(0, start) + ' ' + clause.slice(end));
/** Words that show a clause is about the camera, so "pull back" or "static" is a camera move. */
const ABOUT_CAMERA = /\b(camera|cam|lens|framing)\b/iu;
/** Words that show a clause is about the look, so "warmer" is the colour of the picture. */
const ABOUT_LOOK = /\b(tones?|colou?rs?|grade|grading|light|lighting|palette|overall)\b/iu;

function seedIn(clause: string, nextSeed: number): Directive[] {
  const explicit = /\bseed\s*(?:#|=|:|to|of|number)?\s*(\d{1,10})\b/iu.exec(clause);
  if (explicit && Number(explicit[1]) <= MAX_SEED) {
    return [{ kind: 'seed', seed: Number(explicit[1]), start: explicit.index, end: explicit.index + explicit[0].length }];
  }
  const another = /\b(?:(?:another|new|different|other|fresh|random)\s+(?:seed|variation)|re-?roll|try (?:it )?again)\b/iu.exec(clause);
  // "Try again" is a new seed only said alone: "she should try again to open the door" is not.
  if (another && (!/^try/iu.test(another[0]) || onlySays(clause, another.index, another.index + another[0].length))) return [{ kind: 'seed', seed: nextSeed, start: another.index, end: another.index + another[0].length }];
  return [];
}

/** Camera words; an ambiguous one ("pull back", "static") counts when the clause is about the camera or says nothing else. */
const CAMERA_WORDS: [RegExp, CameraMove, 'ambiguous'?][] = [
  [/\b(?:(?:push|dolly|zoom|creep)(?:ing|s)?[\s-]+in(?:wards?)?|push-?in)\b/giu, 'push-in'],
  [/\b(?:move|moving|moves|track|tracking|tracks)[\s-]+in(?:wards?)?\b/giu, 'push-in', 'ambiguous'],
  [/\b(?:(?:dolly|zoom)(?:ing|s)?[\s-]+(?:out|back)|pull-?out)\b/giu, 'pull-out'],
  [/\b(?:pull|pulls|pulling|move|moves|moving|track|tracks|tracking)[\s-]+(?:out|back)\b/giu, 'pull-out', 'ambiguous'],
  [/\bpan(?:ning|s)?[\s-]+(?:to\s+(?:the\s+)?)?left\b/giu, 'pan-left'],
  [/\bpan(?:ning|s)?[\s-]+(?:to\s+(?:the\s+)?)?right\b/giu, 'pan-right'],
  [/\b(?:locked[\s-]?off|lock(?:ed)?\s+(?:it\s+)?off|no camera (?:movement|move|motion)|still camera|keep the camera still)\b/giu, 'static'],
  [/\b(?:static|on a tripod|tripod)\b/giu, 'static', 'ambiguous'],
];
const UNSUPPORTED_CAMERA = /\b(?:hand-?held|orbit(?:ing|s)?|crane (?:up|down|shot)|tilt(?:ing|s)? (?:up|down)|whip[\s-]pan|dutch angle|steadicam)\b/giu;
/** "don't push in", "no zoom in": the move is not asked for. */
const NEGATED = /\b(?:no|not|don'?t|do not|never|without|stop|less|avoid)\s+(?:\w+\s+)?$/iu;

function cameraIn(clause: string): Directive[] {
  const found: Directive[] = [];
  for (const [pattern, camera, ambiguous] of CAMERA_WORDS) {
    for (const match of clause.matchAll(pattern)) {
      if (NEGATED.test(clause.slice(0, match.index))) continue;
      if (ambiguous && !ABOUT_CAMERA.test(clause) && !onlySays(clause, match.index, match.index + match[0].length)) continue;
      found.push({ kind: 'camera', camera, start: match.index, end: match.index + match[0].length });
    }
  }
  for (const match of clause.matchAll(UNSUPPORTED_CAMERA)) {
    if (!NEGATED.test(clause.slice(0, match.index))) found.push({ kind: 'unsupported-camera', words: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return found;
}

const AMOUNT = '(?:(more|less|no|some|heavy|heavier|light|lighter|subtle|strong|stronger)\\s+)?';
/** Words of the look; an ambiguous one ("warmer") counts when the clause is about the look or says nothing else. */
const STYLE_WORDS: [RegExp, (match: RegExpMatchArray) => string, 'ambiguous'?][] = [
  [new RegExp(`\\b${AMOUNT}film[\\s-]grain\\b`, 'giu'), (m) => `${m[1] ? `${m[1].toLowerCase()} ` : ''}film grain`],
  [/\b(more|less|no|heavier|lighter|subtle|stronger)\s+grain\b/giu, (m) => `${m[1]!.toLowerCase()} film grain`],
  [/\bgrainy\b/giu, () => 'film grain'],
  [/\b(?:black[\s-]?(?:and|&|n)[\s-]?white|b\s?&\s?w|b\/w|monochrome|gr[ae]yscale)\b/giu, () => 'black and white'],
  [/\b(?:less\s+saturat(?:ed|ion)|desaturat(?:ed?|ion)|muted\s+colou?rs|less\s+colou?rful)\b/giu, () => 'less saturated'],
  [/\b(?:more\s+saturat(?:ed|ion)|more\s+colou?rful|more\s+vivid|vivid\s+colou?rs)\b/giu, () => 'more saturated'],
  [/\b(?:warmer|warm)\s+(?:tones?|colou?rs|grade|light)\b/giu, () => 'warmer tones'],
  [/\bwarmer\b/giu, () => 'warmer tones', 'ambiguous'],
  [/\b(?:cooler|colder|cool)\s+(?:tones?|colou?rs|grade|light)\b/giu, () => 'cooler tones'],
  [/\b(?:cooler|colder)\b/giu, () => 'cooler tones', 'ambiguous'],
  [/\b(?:(?:more|higher|stronger)\s+contrast|punchier)\b/giu, () => 'higher contrast'],
  [/\b(?:less|lower|softer)\s+contrast\b/giu, () => 'lower contrast'],
  [/\bsepia(?:\s+tones?)?\b/giu, () => 'sepia tones'],
  [/\bsoft(?:er)?\s+focus\b/giu, () => 'soft focus'],
  [new RegExp(`\\b${AMOUNT}vignett(?:e|ing)\\b`, 'giu'), (m) => `${m[1] ? `${m[1].toLowerCase()} ` : ''}vignette`],
];

function styleIn(clause: string): Directive[] {
  const found: Directive[] = [];
  for (const [pattern, phrase, ambiguous] of STYLE_WORDS) {
    for (const match of clause.matchAll(pattern)) {
      if (ambiguous && !ABOUT_LOOK.test(clause) && !onlySays(clause, match.index, match.index + match[0].length)) continue;
      found.push({ kind: 'style', phrase: phrase(match), start: match.index, end: match.index + match[0].length });
    }
  }
  return found;
}

/**
 * Everything `clause` asks for, in the order it says it ("another seed" gives `nextSeed`). Where
 * two readings overlap ("less saturated" and "saturated"), the longer one is kept.
 */
export function directivesIn(clause: string, current: { duration: number }, nextSeed: number): Directive[] {
  const all = [...durationIn(clause, current.duration), ...seedIn(clause, nextSeed), ...cameraIn(clause), ...styleIn(clause)];
  const kept: Directive[] = [];
  for (const directive of all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((other) => directive.start < other.end && other.start < directive.end)) kept.push(directive);
  }
  return kept.sort((a, b) => a.start - b.start);
}
