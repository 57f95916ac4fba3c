/**
 * The planner interface: an idea (or a screenplay) becomes a story, characters, scenes and shots.
 * Planners know nothing of the database; the plan they return is stored by a command.
 */

import type { LanguageModel } from 'ai';
import type { CameraMove, Transition } from '../../src/lib/domain/enums.ts';

export type { CameraMove, Transition };

export interface PlannedCharacter {
  /** Stable key inside the plan (lower-case slug of the name), used by shots and dialogue. */
  key: string;
  name: string;
  description: string;
  /** Fixed visual traits every generation of this character must keep. */
  visualTraits: string[];
  /** The character's fixed colour, `#rrggbb`; the animatic draws the character in it. */
  color: string;
}

export interface PlannedLine {
  /** Key of the speaking character. */
  character: string;
  line: string;
  /** How it is said, from a screenplay's parenthetical ("quietly"): an acting note, never a subtitle. */
  direction?: string;
  /** Heard, not seen: `V.O.` (voice-over) or `O.S.` (off screen), from the cue's extension. */
  extension?: string;
  /** Spoken at the same time as the line before it (a screenplay's dual dialogue). */
  simultaneous?: boolean;
}

export interface PlannedShot {
  /** 1-based number within the scene. */
  number: number;
  /** What the shot shows, written as a prompt for a video model. */
  prompt: string;
  camera: CameraMove;
  /** Free-text camera note for people ("slow push-in on the cat's eyes"). */
  cameraNote: string;
  /** Seconds, 2–10; ~5 by default. */
  duration: number;
  /** Keys of the characters visible in the shot. */
  characters: string[];
  dialogue: PlannedLine[];
  /**
   * How the compile leads into this shot, from a screenplay's transition (CUT TO → cut, DISSOLVE TO
   * → dissolve, FADE OUT / FADE IN → fade through black); absent: the compile's own transition.
   */
  transitionIn?: { style: Transition; durationSeconds?: number };
  /** A title card's text (a screenplay's centred text): shown centred on black, with no characters. */
  titleCard?: string;
}

export interface PlannedScene {
  /** 1-based. */
  number: number;
  /** Screenplay-style heading, e.g. `EXT. TOKYO ALLEY - NIGHT`. */
  heading: string;
  /** Short location name, e.g. `Tokyo alley`. */
  location: string;
  /** What the place looks like; passed unchanged to every generation in the scene. */
  locationDescription: string;
  timeOfDay: string;
  summary: string;
  shots: PlannedShot[];
}

/** Tokens a language model read and wrote for one plan, over every call. */
export interface PlanUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  calls: number;
}

export interface EpisodePlan {
  /** Set by planners that call a language model. */
  usage?: PlanUsage;
  title: string;
  logline: string;
  /** The story as a few paragraphs of prose. */
  story: string;
  characters: PlannedCharacter[];
  scenes: PlannedScene[];
}

export interface PlanRequest {
  idea: string;
  /** Deterministic planners return the same plan for the same idea and seed. */
  seed: number;
  style?: string;
  /** Preferred number of shots (planners may deviate within 6–12). */
  targetShots?: number;
}

/** What `dailies providers` reports for one provider. */
export interface ProviderCheck {
  ok: boolean;
  /** One line a person can act on. */
  verdict: string;
}

/** The language model behind a planner, for other writing it can do (proposals from review notes). */
export interface PlannerModel {
  /** The planner's id, named in errors. */
  provider: string;
  model: LanguageModel;
  /** The setting that holds the credentials, named in errors about them. */
  keySetting: string;
}

export interface Planner {
  readonly id: string;
  /** One line a person can read: what this planner is (the built-in one says it is not a language model). */
  readonly description: string;
  plan(request: PlanRequest, options?: { signal?: AbortSignal }): Promise<EpisodePlan>;
  /** Reads a screenplay in Fountain format; throws an `invalid_input` ProviderError when it cannot. */
  parseScreenplay(text: string, options: { seed: number }): Promise<EpisodePlan>;
  /** Checks that a remote planner can be used (reachable, credentials accepted); absent for local ones. */
  check?(): Promise<ProviderCheck>;
  /** The language model this planner writes with; absent for planners that use none (the built-in one). */
  readonly languageModel?: PlannerModel;
}
