/**
 * The video provider interface. A provider renders or fetches one clip for one shot.
 * The lifecycle is asynchronous like a remote API's: submit → progress (polled) → result, with cancel.
 * Providers know nothing of the database or of storage keys: they get a request and a scratch folder,
 * and hand back a local file (or a URL to download). Failures are `ProviderError`s (see errors.ts).
 */
import type { CameraMove } from './planner.types.ts';

export interface VideoCharacterSheet {
  key: string;
  name: string;
  description: string;
  visualTraits: string[];
  color: string;
  /** Absolute path or URL of a reference image, when the character has one. */
  referenceImage?: string;
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
    /** Seconds. */
    duration: number;
    /** Keys of the characters visible in the shot (all present in `characters`). */
    characterKeys: string[];
    dialogue: { character: string; line: string }[];
  };
  /** The episode's whole character sheet, unchanged across regenerations. */
  characters: VideoCharacterSheet[];
  style: string;
  seed: number;
  width: number;
  height: number;
  fps: number;
}

export type VideoJobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface VideoJobStatus {
  state: VideoJobState;
  /** 0–100. */
  progress: number;
  /** Set when state is `failed`: the typed error. */
  error?: Error;
}

export type VideoResult =
  | { kind: 'file'; path: string; mimeType: string }
  | { kind: 'url'; url: string; mimeType?: string };

export interface VideoProviderLimits {
  maxConcurrent: number;
  requestsPerMinute?: number;
}

export interface VideoProvider {
  readonly id: string;
  readonly limits: VideoProviderLimits;
  /**
   * Whether the provider's clips carry their own sound (dialogue, effects, a bed). When true, a
   * silent take is scored down as a fault; when false or absent, silence is expected and only
   * measured.
   */
  readonly makesSound?: boolean;
  /** Starts a render. `workDir` is a scratch folder the provider may write into. */
  submit(request: VideoRequest, context: { workDir: string }): Promise<{ jobId: string }>;
  progress(jobId: string): Promise<VideoJobStatus>;
  /** Resolves once the job has succeeded; rejects with the job's ProviderError otherwise. */
  result(jobId: string): Promise<VideoResult>;
  cancel(jobId: string): Promise<void>;
}
