/**
 * The typed shape of an episode's live document (`episode/<id>`): what the server projects from
 * the episode's rows, and what pages read. The database layer builds it (live.queries.ts); the
 * Yjs layout it is stored in is src/lib/live/episode-document.ts.
 */
import type { TakeDecision } from './enums.ts';
import type { QualityGateSettings } from './quality-gate.ts';

export interface LiveEpisodeMeta {
  id: string;
  title: string;
  logline: string;
  status: string;
  error: string | null;
  width: number;
  height: number;
  fps: number;
  videoProvider: string;
  updatedAt: string;
  /** The newest activity row's id: pages fetch what is newer when it moves. */
  activity: number;
  /** The newest membership change's activity id: the members list is fetched again when it moves. */
  membership: number;
  /** The episode's quality gate (off unless enabled). */
  qualityGate: QualityGateSettings;
  /** The owner's budget in US dollars; null: none. */
  budgetUsd: number | null;
  /** What the plan (characters, scenes, shots) says now, as a key (see plan-key.ts). */
  planKey: string;
}

export interface LiveRating {
  /** Stable key of the reviewer: a user id, or `guest:<link>:<name>` for a guest. */
  reviewer: string;
  name: string;
  /** 1–5. */
  rating: number;
}

export interface LiveDecision {
  /** Stable key of the reviewer, as for ratings. */
  reviewer: string;
  name: string;
  decision: TakeDecision;
  /** 1–5, or null when the reviewer gave none. */
  rating: number | null;
}

/** What the live document says of a shot's note threads: counts and the latest, never whole threads. */
export interface LiveNotes {
  /** Threads not resolved (and not deleted). */
  open: number;
  total: number;
  /** Changes whenever any note of the shot changes: pages fetch the threads again when it does. */
  revision: string;
  latest: { id: string; author: string; color: string; text: string; frameIn: number | null; version: number } | null;
}

export const NO_NOTES: LiveNotes = { open: 0, total: 0, revision: '', latest: null };

export interface LiveSlot {
  /** The slot (shot) number; also the segment number of every take in it. */
  slot: number;
  shotId: string;
  sceneNumber: number;
  numberInScene: number;
  heading: string;
  /** The current take, or null before the first generation. */
  segmentId: string | null;
  version: number;
  /** How many takes the slot has had. */
  versions: number;
  status: string;
  approval: string;
  /** 0–100 while generating. */
  progress: number;
  thumbnailUrl: string | null;
  videoUrl: string | null;
  duration: number | null;
  qualityScore: number | null;
  consistencyScore: number | null;
  error: string | null;
  /** Why a failed take failed (`cancelled`, `rate_limited` …); null otherwise. */
  errorKind: string | null;
  ratingCount: number;
  ratingMean: number | null;
  ratings: LiveRating[];
  /** Each reviewer's standing decision on the current take. */
  decisions: LiveDecision[];
  /** Approvals that count towards the episode's rule, and how many it needs ("2 of 3 approved"). */
  approvals: number;
  approvalsNeeded: number;
  /** The note threads of every take of the shot. */
  notes: LiveNotes;
  /** The name of the template applied to the shot (as applied), or null. */
  template: string | null;
  /** Why the current take is out of date ("Mara's reference changed after this take was made"); empty while it is not. */
  stale: string[];
  /** What the quality gate did for the current take, in one sentence, or null. */
  gate: string | null;
  /** A new take made to replace the approved current one, until someone decides on it. */
  candidate: LiveCandidate | null;
  /** The open vote among several takes of the shot, or null. */
  choice: LiveChoice | null;
}

/** An open vote among takes: how many takes, how many are made, how many people voted. */
export interface LiveChoice {
  id: string;
  blind: boolean;
  takes: number;
  made: number;
  votes: number;
}

export interface LiveCandidate {
  segmentId: string;
  version: number;
  status: string;
  /** 0–100 while generating. */
  progress: number;
}

export interface LiveJob {
  id: string;
  kind: 'generation' | 'compile';
  status: string;
  /** 0–100. */
  progress: number;
  error: string | null;
  updatedAt: string;
  /** Why a generation run is paused, while it is (null otherwise, and for compiles). */
  paused: string | null;
}

export interface LiveOutput {
  id: string;
  videoUrl: string;
  duration: number | null;
  transition: string;
  completedAt: string;
  /** Whether the episode changed since this video was compiled, and what changed, in words. */
  outOfDate: boolean;
  changes: string[];
}

export interface LiveEpisode {
  episode: LiveEpisodeMeta;
  order: number[];
  slots: LiveSlot[];
  jobs: LiveJob[];
  outputs: LiveOutput[];
}
