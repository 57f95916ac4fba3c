/**
 * The video provider interface. A provider renders or fetches one clip for one shot.
 * The lifecycle is asynchronous like a remote API's: submit → progress (polled) → result, with cancel.
 * Providers know nothing of the database or of storage keys: they get a request and a scratch folder,
 * and hand back a local file (or a URL to download). Failures are `ProviderError`s (see errors.ts).
 */
import type { CameraMove, ProviderCheck } from './planner.types.ts';
import type { ShotSize } from './shot-size.ts';

export interface VideoCharacterSheet {
  key: string;
  name: string;
  description: string;
  visualTraits: string[];
  color: string;
  /** Absolute path or URL of a reference image, when the character has one. */
  referenceImage?: string;
}

/** An image handed to a model that accepts image input; always a local file. */
export interface VideoReferenceImage {
  /** `previous_frame`: the last frame of the previous approved take; `character`: a character's approved reference. */
  role: 'previous_frame' | 'character';
  /** Set for `character`. */
  characterKey?: string;
  path: string;
  mimeType: string;
  /** Where it came from (storage key), recorded in the take's provenance. */
  source: string;
}

export interface VideoRequest {
  episodeTitle: string;
  scene: {
    number: number;
    heading: string;
    location: string;
    locationDescription: string;
    timeOfDay: string;
  };
  shot: {
    number: number;
    prompt: string;
    camera: CameraMove;
    cameraNote: string;
    /** How tight the shot is framed, read from its text (see shot-size.ts); absent: read it from prompt and note. */
    size?: ShotSize;
    /** Seconds. */
    duration: number;
    /** Keys of the characters visible in the shot (all present in `characters`). */
    characterKeys: string[];
    /** In speaking order; a `simultaneous` line is said at the same time as the one before it. */
    dialogue: { character: string; line: string; direction?: string; extension?: string; simultaneous?: boolean }[];
    /** A title card's text: the shot is that text centred on black, with no characters. */
    titleCard?: string;
  };
  /**
   * The dialogue's language (ISO 639-1, `en`, `zh`, `ja` …) when the caller knows it; without it a
   * provider that speaks the lines tells it from the text.
   */
  language?: string;
  /** The episode's whole character sheet, unchanged across regenerations. */
  characters: VideoCharacterSheet[];
  /** What reviewers asked of the characters for this take (suggested `character_prompt`s), if anything. */
  characterPrompt?: string;
  /** Options for this take, by the names the provider declares in `options`; absent: its defaults. */
  providerOptions?: Record<string, string | number | boolean>;
  style: string;
  seed: number;
  width: number;
  height: number;
  fps: number;
  /**
   * Images for consistency, for models that take image input: the previous approved take's last
   * frame (the same scene continues from it) and the reference images of the characters in the shot.
   */
  references?: { previousFrame?: VideoReferenceImage; characters: VideoReferenceImage[] };
}

/** What a take was made with, as the provider knows it; stored on the take. */
export interface VideoProvenance {
  /** The model at the provider ("fal-ai/kling-video/v2.1/standard/text-to-video"). */
  model: string;
  /** The seed the provider reports it used, else the one sent; null when it takes none. */
  seed: number | null;
  /** The text prompt as sent. */
  prompt: string;
  /** Sources (`VideoReferenceImage.source`) of the images actually sent. */
  references: string[];
  /** The provider's own id of the job. */
  jobId?: string;
  /** US dollars, when the provider reports what the job cost. */
  costUsd?: number;
}

export type VideoJobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface VideoJobStatus {
  state: VideoJobState;
  /** 0–100. */
  progress: number;
  /** Set when state is `failed`: the typed error. */
  error?: Error;
}

export type VideoResult = (
  | { kind: 'file'; path: string; mimeType: string }
  | { kind: 'url'; url: string; mimeType?: string; headers?: Record<string, string> }
) & { provenance?: VideoProvenance };

export interface VideoProviderLimits {
  maxConcurrent: number;
  requestsPerMinute?: number;
}

/**
 * The largest picture and frame rate a provider's takes may be asked for, in either orientation
 * (every take is normalized to its episode's size and rate, so more than the model makes is only
 * upscaled, at a cost, and gains nothing).
 */
export interface VideoOutputRange {
  /** Pixels on the longer side. */
  maxLongSide: number;
  /** Pixels on the shorter side. */
  maxShortSide: number;
  maxFps: number;
}

/** Which images a model can take (see `VideoRequest.references`). */
export interface VideoImageInput {
  /** Animates from a given first frame (image-to-video). */
  firstFrame: boolean;
  /** Takes reference images of subjects (reference-to-video). */
  references: boolean;
}

/** One option a provider takes per take (a template or a shot may set it). */
export interface VideoProviderOption {
  type: 'string' | 'number' | 'boolean';
  /** For `string`: the values it takes; absent: any text. */
  values?: readonly string[];
  description: string;
}

export interface VideoProvider {
  readonly id: string;
  /** The options it takes per take, by name; absent: none. */
  readonly options?: Readonly<Record<string, VideoProviderOption>>;
  readonly limits: VideoProviderLimits;
  /** One line for people: what renders the takes. */
  readonly description?: string;
  /** The model at the provider, for remote providers. */
  readonly model?: string;
  /** What an episode using this provider may ask for; absent: `DEFAULT_OUTPUT_RANGE` (see output-range.ts). */
  readonly outputRange?: VideoOutputRange;
  /** Which reference images to send; absent: none. */
  readonly imageInput?: VideoImageInput;
  /** US dollars per second of video, from the configured price list, for estimates and spend. */
  readonly pricePerSecondUsd?: number;
  /**
   * The length of clip the model makes (and bills) for a shot of `seconds`: models take a fixed
   * set of lengths, and a shot goes to the nearest. Absent: the shot's own length.
   */
  clipSeconds?(seconds: number): number;
  /** Checks that a remote provider can be used (reachable, credentials accepted); absent for local ones. */
  check?(): Promise<ProviderCheck>;
  /**
   * Whether the provider's clips carry their own sound (dialogue, effects, a bed). When true, a
   * silent take is scored down as a fault; when false or absent, silence is expected and only
   * measured.
   */
  readonly makesSound?: boolean;
  /**
   * Starts a render. `workDir` is a scratch folder the provider may write into. A remote provider
   * also hands back a `resumeToken` (JSON): what `resume` needs to follow the same job from
   * another process.
   */
  submit(request: VideoRequest, context: { workDir: string }): Promise<{ jobId: string; resumeToken?: unknown }>;
  /**
   * Follows a job submitted earlier (by a worker that stopped) instead of starting a new one.
   * Absent for providers whose jobs die with the process.
   */
  resume?(resumeToken: unknown, context: { workDir: string }): Promise<{ jobId: string }>;
  progress(jobId: string): Promise<VideoJobStatus>;
  /** Resolves once the job has succeeded; rejects with the job's ProviderError otherwise. */
  result(jobId: string): Promise<VideoResult>;
  cancel(jobId: string): Promise<void>;
}
