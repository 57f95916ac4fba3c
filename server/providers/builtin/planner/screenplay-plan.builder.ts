/**
 * Turns a Fountain screenplay into an episode plan. Each scene heading opens a scene; each action
 * paragraph opens a shot and the dialogue after it belongs to that shot; a shot longer than eight
 * seconds (estimated from its text) is split. Characters come from the cues, coloured in order of
 * first appearance. Camera moves follow the text when it names one ("PUSH IN", "PAN LEFT") and
 * the seed otherwise. A transition line (CUT TO, DISSOLVE TO, FADE OUT…) is never a shot: it becomes
 * the transition into the shot after it. Centred text (">THE END<") becomes a title card shot.
 */
import { invalidInputError } from '../../errors.ts';
import type { CameraMove, EpisodePlan, PlannedLine, PlannedScene, PlannedShot } from '../../planner.types.ts';
import { type DialogueLine, parseFountain, type FountainElement } from './fountain.parser.ts';
import type { ScriptLanguage } from './kits/kit.types.ts';
import { screenplayCast, type ScreenplayCast } from './screenplay-cast.ts';
import { transitionFromLine } from './screenplay-transitions.ts';
import { createRandom, hashText, type SeededRandom } from './seeded-random.ts';
import { anyCamera, cameraNote, framingFor, shotPrompt } from './shot-writing.ts';
import { HAN, halfSeconds, titleCase } from './text-utils.ts';

/** Longest screenplay read; past this it is safer to split the script into episodes. */
export const MAX_SCREENPLAY_LENGTH = 400_000;
const MIN_SHOT_SECONDS = 3;
const MAX_SHOT_SECONDS = 8;
const NOT_A_TIME = /^(CONTINUOUS|LATER|MOMENTS LATER|SAME|SAME TIME|CONT'D|继续|稍后)$/i;
const TIME_WORD = /^(DAY|NIGHT|MORNING|EVENING|AFTERNOON|DUSK|DAWN|SUNSET|SUNRISE|NOON|MIDNIGHT|TWILIGHT|LATE NIGHT|EARLY MORNING|CONTINUOUS|LATER|MOMENTS LATER|SAME|SAME TIME|日|夜|晨|昏|白天|夜晚|清晨|傍晚|黄昏|深夜|继续|稍后)$/i;
const HOW_TO =
  'A Fountain screenplay needs at least one scene heading (a line such as "INT. KITCHEN - NIGHT" or "EXT. TOKYO ALLEY - DAY") or a character name in capitals on its own line with their dialogue on the next line. See https://fountain.io/syntax.';

const CAMERA_CUES: ReadonlyArray<[RegExp, CameraMove | 'pan']> = [
  [/\b(?:PUSH(?:ES|ING)? IN|DOLLY IN|ZOOM(?:S|ING)? IN|MOVE(?:S)? IN ON)\b|\bcamera (?:pushes|dollies|zooms|moves) in\b|推镜|推近|推进镜头/i, 'push-in'],
  [/\b(?:PULL(?:S|ING)? (?:OUT|BACK)|DOLLY (?:OUT|BACK)|ZOOM(?:S|ING)? OUT|WIDEN(?:S)? OUT)\b|\bcamera (?:pulls|dollies|zooms) (?:out|back)\b|拉远|拉镜|拉开镜头/, 'pull-out'],
  [/\bPAN(?:S|NING)? (?:TO THE )?LEFT\b|\bcamera pans (?:to the )?left\b|向左摇|左摇/i, 'pan-left'],
  [/\bPAN(?:S|NING)? (?:TO THE )?RIGHT\b|\bcamera pans (?:to the )?right\b|向右摇|右摇/i, 'pan-right'],
  [/\bPAN(?:S|NING)?\b|\bcamera pans\b|摇镜/, 'pan'],
  [/\b(?:HOLD ON|LOCKED[- ]OFF|STATIC SHOT)\b|固定镜头/, 'static'],
];

interface Draft {
  actions: string[];
  dialogue: PlannedLine[];
  seconds: number;
  /** Speakers heard but not seen here: voice-over, off screen. */
  offscreen: Set<string>;
  /** Where to look for who is in frame: the whole paragraph, when a long one was split. */
  context: string;
  /** The transition a screenplay line asked for before this shot. */
  transitionIn?: PlannedShot['transitionIn'];
  /** Centred text: the shot is a title card showing it. */
  titleCard?: string;
}

/** What carries from one scene's shots to the next: a transition waiting for the shot after it. */
interface Flow {
  pending: PlannedShot['transitionIn'];
}

const OFFSCREEN = /^(V\.?O\.?|O\.?S\.?|O\.?C\.?|OFF|画外音|画外)$/i;

interface RawScene {
  heading: string | undefined;
  synopsis: string | undefined;
  elements: FountainElement[];
}

/**
 * Why `text` cannot be read as a screenplay (empty, too long, or with no scene heading and no
 * dialogue), or undefined when it can. Cheap enough to ask before an episode is created, so that
 * such a text is refused at once instead of leaving an episode whose planning failed.
 */
export function screenplayProblem(text: string): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return `The screenplay is empty. ${HOW_TO}`;
  if (text.length > MAX_SCREENPLAY_LENGTH) {
    return `The screenplay is ${text.length} characters long; the built-in planner reads at most ${MAX_SCREENPLAY_LENGTH}. Split it into several episodes.`;
  }
  const { elements } = parseFountain(text);
  if (!elements.some((element) => element.type === 'scene_heading' || element.type === 'dialogue')) return `No scene heading and no dialogue were found. ${HOW_TO}`;
  return undefined;
}

/** Parses `text` (Fountain) into a plan; throws invalid_input when it is no screenplay. */
export function parseScreenplayToPlan(text: string, seed: number): EpisodePlan {
  const problem = screenplayProblem(text);
  if (problem) throw invalidInputError('builtin', problem);
  const document = parseFountain(text);

  const language: ScriptLanguage = HAN.test(text) ? 'zh' : 'en';
  const random = createRandom('builtin-screenplay', hashText(text), seed);
  const cast = screenplayCast(document.elements, language, random.fork('cast'));
  const rawScenes = splitScenes(document.elements);
  let previousTime = language === 'zh' ? '日' : 'DAY';
  const flow: Flow = { pending: undefined };

  const scenes: PlannedScene[] = rawScenes.map((raw, sceneIndex) => {
    const place = parseHeading(raw.heading, previousTime, language);
    previousTime = place.timeOfDay;
    const actions = raw.elements.flatMap((element) => (element.type === 'action' ? [element.text] : []));
    const description = describePlace(place, actions[0], language);
    const drafts = draftShots(raw.elements, cast, flow, language);
    if (drafts.length === 0) {
      drafts.push({ actions: [description], dialogue: [], seconds: 4, offscreen: new Set(), context: '', ...(flow.pending ? { transitionIn: flow.pending } : {}) });
      flow.pending = undefined;
    }
    const shots = drafts.map((draft, shotIndex) =>
      writeShot(draft, shotIndex, { cast, setting: description, location: place.location, language, random: random.fork(`shot:${sceneIndex}:${shotIndex}`) }),
    );
    return {
      number: sceneIndex + 1,
      heading: place.heading,
      location: place.location,
      locationDescription: description,
      timeOfDay: place.timeOfDay,
      summary: raw.synopsis ?? summarise(actions, drafts, cast, place.location, language),
      shots,
    };
  });

  const firstAction = document.elements.find((element) => element.type === 'action');
  const title = oneLine(document.titlePage.title ?? '') || scenes[0]?.location || (language === 'zh' ? '无题' : 'Untitled');
  // The writer's own words first: a logline on the title page, else the script's first `=` synopsis.
  const firstSynopsis = document.elements.find((element) => element.type === 'synopsis');
  const logline =
    oneLine(document.titlePage.logline ?? document.titlePage.synopsis ?? '') ||
    (firstSynopsis?.type === 'synopsis' ? oneLine(firstSynopsis.text) : '') ||
    (firstAction?.type === 'action' ? firstSentences(firstAction.text, 1) : '') ||
    title;
  return {
    title,
    logline,
    story: scenes.map((scene, index) => storyParagraph(scene, rawScenes[index]!, language)).join('\n\n'),
    characters: cast.characters,
    scenes,
  };
}

function splitScenes(elements: FountainElement[]): RawScene[] {
  const scenes: RawScene[] = [];
  let current: RawScene | undefined;
  // Transitions and cards before the first heading ("FADE IN:") open the first scene.
  let leading: FountainElement[] = [];
  for (const element of elements) {
    if (element.type === 'scene_heading') {
      current = { heading: element.text, synopsis: undefined, elements: leading };
      leading = [];
      scenes.push(current);
    } else if (element.type === 'synopsis') {
      if (current && !current.synopsis) current.synopsis = element.text;
    } else if (element.type === 'action' || element.type === 'dialogue') {
      // Content before the first heading still plays: it becomes a scene of its own.
      if (!current) {
        current = { heading: undefined, synopsis: undefined, elements: leading };
        leading = [];
        scenes.push(current);
      }
      current.elements.push(element);
    } else if (element.type === 'transition' || element.type === 'centered') {
      (current?.elements ?? leading).push(element);
    }
  }
  return scenes;
}

interface Place {
  heading: string;
  location: string;
  corners: string[];
  timeOfDay: string;
}

function parseHeading(heading: string | undefined, previousTime: string, language: ScriptLanguage): Place {
  if (!heading) {
    const location = language === 'zh' ? '未指明的地点' : 'Unspecified location';
    return { heading: language === 'zh' ? `INT. ${location} - ${previousTime}` : `INT. UNSPECIFIED LOCATION - ${previousTime}`, location, corners: [], timeOfDay: previousTime };
  }
  const body = heading.replace(/^(?:int\.?\/ext|ext\.?\/int|i\/e|int|ext|est)[.\s]\s*|^(?:内景|外景|内\/外景|内外景)[\s.：:]*/i, '').trim();
  let parts = body.split(/\s+[-–—]\s+|\s*[-–—]\s*$/).map((part) => part.trim()).filter(Boolean);
  if (parts.length === 1 && HAN.test(body)) parts = body.split(/\s+/);
  let timeOfDay = previousTime;
  const last = parts.at(-1);
  if (parts.length > 1 && last && TIME_WORD.test(last)) {
    parts.pop();
    if (!NOT_A_TIME.test(last)) timeOfDay = last.toUpperCase();
  }
  const casing = (part: string) => (/\p{Ll}/u.test(part) ? part : titleCase(part));
  const [location = body || heading, ...corners] = parts.map(casing);
  return { heading, location, corners, timeOfDay };
}

function describePlace(place: Place, firstAction: string | undefined, language: ScriptLanguage): string {
  const where = [place.location, ...place.corners.map((corner) => corner.toLowerCase())];
  const opening = firstAction ? firstSentences(firstAction, 2, 240) : '';
  if (language === 'zh') return `${where.join('，')}，${place.timeOfDay}${opening ? `：${opening}` : '。'}`;
  return `${where.join(', ')}, ${place.timeOfDay.toLowerCase()}${opening ? `: ${opening}` : '.'}`;
}

/** Seconds a text takes on screen: about 2.6 English words or 4.5 Chinese characters a second. */
export function textSeconds(text: string): number {
  const words = text.match(/[A-Za-z0-9'’-]+/g)?.length ?? 0;
  const han = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  return words / 2.6 + han / 4.5;
}

/** Splits text into pieces of at most MAX_SHOT_SECONDS, at sentence ends where possible. */
function chunks(text: string): string[] {
  if (textSeconds(text) <= MAX_SHOT_SECONDS) return [text];
  const sentences = text.match(/[^.!?。！？…]+(?:[.!?。！？…]+["'”’)]?|$)/g)?.map((s) => s.trim()).filter(Boolean) ?? [text];
  const pieces: string[] = [];
  let piece = '';
  for (const sentence of sentences) {
    const joined = piece ? `${piece} ${sentence}` : sentence;
    if (piece && textSeconds(joined) > MAX_SHOT_SECONDS) {
      pieces.push(piece);
      piece = sentence;
    } else piece = joined;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function draftShots(elements: FountainElement[], cast: ScreenplayCast, flow: Flow, language: ScriptLanguage): Draft[] {
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  /** The title card just drafted, while centred lines keep adding to it. */
  let card: Draft | undefined;
  /** Adds a shot, the transition waiting before it leading into it. */
  const open = (draft: Draft): Draft => {
    if (flow.pending) draft.transitionIn = flow.pending;
    flow.pending = undefined;
    drafts.push(draft);
    return draft;
  };
  for (const element of elements) {
    if (element.type !== 'centered') card = undefined;
    if (element.type === 'transition') {
      // Never a shot: it joins the shot before to the one after, and what follows starts a new shot.
      flow.pending = transitionFromLine(element.text) ?? flow.pending;
      current = undefined;
    } else if (element.type === 'centered') {
      if (card) {
        card.titleCard = `${card.titleCard}\n${element.text}`;
        card.seconds += textSeconds(element.text);
      } else {
        card = open({ actions: [], dialogue: [], seconds: textSeconds(element.text) + 1.5, offscreen: new Set(), context: '', titleCard: element.text });
      }
      current = undefined;
    } else if (element.type === 'action') {
      const paragraph = element.text.replace(/\s*\n\s*/g, ' ');
      for (const piece of chunks(paragraph)) {
        current = open({ actions: [piece], dialogue: [], seconds: textSeconds(piece), offscreen: new Set(), context: paragraph });
      }
    } else if (element.type === 'dialogue') {
      const key = cast.keyOf(element.character);
      if (!key) continue;
      const offscreen = element.extensions.find((extension) => OFFSCREEN.test(extension));
      // Dual dialogue is said over the speech before it: in the same shot, at the same time.
      let overlapping = element.dual && current !== undefined && current.dialogue.length > 0;
      for (const { text, direction } of spokenParts(element.lines, language)) {
        chunks(text).forEach((piece, pieceIndex) => {
          const seconds = textSeconds(piece) + 0.5;
          if (overlapping && current) {
            overlapping = false;
            current.dialogue.push({ character: key, line: piece, simultaneous: true, ...(direction ? { direction } : {}) });
            if (offscreen) current.offscreen.add(key);
            return;
          }
          if (!current || (current.seconds + seconds > MAX_SHOT_SECONDS && current.seconds > 0)) {
            current = open({ actions: [], dialogue: [], seconds: 0, offscreen: new Set(), context: '' });
          }
          current.dialogue.push({
            character: key,
            line: piece,
            ...(direction && pieceIndex === 0 ? { direction } : {}),
            ...(offscreen ? { extension: offscreenMark(offscreen) } : {}),
          });
          if (offscreen) current.offscreen.add(key);
          current.seconds += seconds;
        });
      }
    }
  }
  return drafts;
}

/**
 * A speech's spoken parts, each with the parenthetical written just before it (its acting note);
 * lyrics with none are noted as sung.
 */
function spokenParts(lines: readonly DialogueLine[], language: ScriptLanguage): { text: string; direction: string | undefined }[] {
  const parts: { text: string; direction: string | undefined }[] = [];
  let direction: string | undefined;
  for (const line of lines) {
    if (line.parenthetical !== undefined) direction = line.parenthetical || undefined;
    else if (line.text.trim()) {
      parts.push({ text: line.text.trim(), direction: direction ?? (line.lyric ? (language === 'zh' ? '唱' : 'sung') : undefined) });
      direction = undefined;
    }
  }
  return parts;
}

/** V.O. for a voice-over (画外音 included), O.S. for anything else heard from off screen. */
function offscreenMark(extension: string): string {
  return /^(V\.?O\.?|画外音)$/i.test(extension) ? 'V.O.' : 'O.S.';
}

interface ShotContext {
  cast: ScreenplayCast;
  setting: string;
  location: string;
  language: ScriptLanguage;
  random: SeededRandom;
}

function writeShot(draft: Draft, index: number, context: ShotContext): PlannedShot {
  const { cast, setting, location, language, random } = context;
  const transitionIn = draft.transitionIn ? { transitionIn: draft.transitionIn } : {};
  if (draft.titleCard !== undefined) return { ...titleCardShot(draft.titleCard, index, draft.seconds, language), ...transitionIn };
  const action = draft.actions.join(' ');
  const onscreen = draft.dialogue.map((line) => line.character).filter((key) => !draft.offscreen.has(key));
  const keys = new Set([...cast.mentionedIn(draft.context || action), ...onscreen]);
  const characters = cast.characters.filter((character) => keys.has(character.key));
  const framing = framingFor(characters.length, index === 0 && draft.actions.length > 0, language, random);
  const cue = CAMERA_CUES.find(([pattern]) => pattern.test(action));
  const camera: CameraMove = !cue ? anyCamera(random) : cue[1] === 'pan' ? random.pick(['pan-left', 'pan-right'] as const) : cue[1];
  const focus = characters.find((character) => character.key === draft.dialogue[0]?.character)?.name ?? characters[0]?.name;
  const note = cue ? sentenceWith(action, cue[0]) : cameraNote(camera, framing, focus, location, language);
  const what = action || talkingShot(characters.map((c) => c.name), [...draft.offscreen].map((key) => cast.nameOf(key)), language);
  return {
    number: index + 1,
    prompt: shotPrompt({ framing, action: what, characters, setting, style: undefined, note, language }),
    camera,
    cameraNote: note,
    duration: halfSeconds(draft.seconds, MIN_SHOT_SECONDS, MAX_SHOT_SECONDS),
    characters: characters.map((character) => character.key),
    dialogue: draft.dialogue,
    ...transitionIn,
  };
}

/** A title card: the centred text on black, nobody in frame, long enough to read. */
function titleCardShot(text: string, index: number, seconds: number, language: ScriptLanguage): PlannedShot {
  const flat = oneLine(text);
  return {
    number: index + 1,
    prompt: language === 'zh' ? `字幕卡：黑色背景上居中的白色文字“${flat}”，画面中没有人物。` : `Title card: the words "${flat}" in white, centred on a black background, no one in frame.`,
    camera: 'static',
    cameraNote: language === 'zh' ? '字幕卡，固定镜头' : 'Title card, locked off',
    duration: halfSeconds(seconds, MIN_SHOT_SECONDS, MAX_SHOT_SECONDS),
    characters: [],
    dialogue: [],
    titleCard: text,
  };
}

/** What a shot of pure dialogue shows: the people speaking, or the place while a voice is heard. */
function talkingShot(visible: string[], offscreen: string[], language: ScriptLanguage): string {
  if (language === 'zh') {
    if (visible.length === 0) return `画面静止，传来${offscreen.join('和')}的画外音`;
    return visible.length === 1 ? `${visible[0]}说话` : `${visible.join('和')}交谈`;
  }
  if (visible.length === 0) return `The frame holds while ${offscreen.join(' and ')} speaks off screen`;
  return visible.length === 1 ? `${visible[0]} speaks` : `${visible.join(' and ')} talk`;
}

function sentenceWith(text: string, pattern: RegExp): string {
  const sentences = text.match(/[^.!?。！？]+[.!?。！？]*/g) ?? [text];
  const found = sentences.find((sentence) => pattern.test(sentence))?.trim() ?? text;
  return found.length > 140 ? `${found.slice(0, 137)}…` : found;
}

function firstSentences(text: string, count: number, limit = 200): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  const sentences = flat.match(/[^.!?。！？]+[.!?。！？]*/g) ?? [flat];
  const joined = sentences
    .slice(0, count)
    .map((sentence) => sentence.trim())
    .reduce((text, sentence) => (!text ? sentence : /[。！？]$/.test(text) ? `${text}${sentence}` : `${text} ${sentence}`), '');
  return joined.length > limit ? `${joined.slice(0, limit - 1)}…` : joined;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

function summarise(actions: string[], drafts: Draft[], cast: ScreenplayCast, location: string, language: ScriptLanguage): string {
  if (actions[0]) return firstSentences(actions[0], 1);
  const speakers = [...new Set(drafts.flatMap((draft) => draft.dialogue.map((line) => cast.nameOf(line.character))))];
  if (speakers.length > 0) return language === 'zh' ? `${speakers.join('、')}交谈。` : `${speakers.join(' and ')} talk.`;
  return location;
}

function storyParagraph(scene: PlannedScene, raw: RawScene, language: ScriptLanguage): string {
  const actions = raw.elements.flatMap((element) => (element.type === 'action' ? [element.text.replace(/\s*\n\s*/g, ' ')] : []));
  const body = actions.join(' ') || scene.summary;
  const trimmed = body.length > 600 ? `${body.slice(0, 599)}…` : body;
  return language === 'zh' ? `${scene.location}（${scene.timeOfDay}）：${trimmed}` : `${scene.location} (${scene.timeOfDay.toLowerCase()}): ${trimmed}`;
}

