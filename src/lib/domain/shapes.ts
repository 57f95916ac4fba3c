/**
 * The JSON shapes stored in the database and sent by the API alike. The database layer and the
 * API schemas both import them from here, so a stored shape and its response shape cannot drift.
 */

/** What planning took from a language model: tokens over every call, retries included (`episodes.planning_usage`). */
export interface PlanningUsage {
  planner: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  calls: number;
}

/** What a take was made with, stored on the take as it is sent (`video_segments.provenance`). */
export interface TakeProvenance {
  provider: string;
  model: string;
  /** The seed the provider reports it used, else the one sent; null when the model takes none. */
  seed: number | null;
  prompt: string;
  /** Storage keys of the reference images sent (a previous take's last frame, character images). */
  references: string[];
  job_id: string | null;
  /** Submit to result, milliseconds. */
  latency_ms: number;
}

/** One line of a shot's dialogue (`shots.dialogue`). */
export interface DialogueLine {
  character: string;
  line: string;
}

/** One segment's place on a compile's timeline, in seconds (`segment_compilation_jobs.chapters`). */
export interface CompilationChapter {
  title: string;
  segment_id: string;
  start: number;
  end: number;
}
