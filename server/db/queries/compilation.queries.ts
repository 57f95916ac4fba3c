/**
 * Compilation jobs (`segment_compilation_jobs`).
 */
import type { Database } from '../database.ts';
import type { CompilationChapter, CompilationJob, ShotTransition } from '../schema.ts';

export interface NewCompilation {
  episode_id: string;
  segment_ids: string[];
  transition_style: string;
  transition_duration: number;
  audio_config: Record<string, unknown>;
  /** Per segment, its shot's own transition in (null: the compile's). */
  shot_transitions?: (ShotTransition | null)[];
  created_by: string | null;
}

export async function insertCompilation(db: Database, values: NewCompilation): Promise<CompilationJob> {
  return db
    .insertInto('segment_compilation_jobs')
    .values({
      ...values,
      segment_ids: JSON.stringify(values.segment_ids),
      audio_config: JSON.stringify(values.audio_config),
      shot_transitions: JSON.stringify(values.shot_transitions ?? []),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCompilation(db: Database, id: string): Promise<CompilationJob | undefined> {
  return db.selectFrom('segment_compilation_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** queued (or running, after a crash) → running. */
export async function claimCompilation(db: Database, id: string): Promise<CompilationJob | undefined> {
  return db
    .updateTable('segment_compilation_jobs')
    .set({ status: 'running', progress: 0, started_at: new Date(), error_message: null })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

export async function setCompilationProgress(db: Database, id: string, progress: number): Promise<void> {
  await db
    .updateTable('segment_compilation_jobs')
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function completeCompilation(
  db: Database,
  id: string,
  fields: {
    output_video_url: string;
    output_storage_key: string;
    output_duration: number;
    output_file_size: number;
    segments_included: number;
    chapters: CompilationChapter[];
  },
): Promise<CompilationJob | undefined> {
  return db
    .updateTable('segment_compilation_jobs')
    .set({ ...fields, chapters: JSON.stringify(fields.chapters), status: 'completed', progress: 100, completed_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst();
}

export async function failCompilation(db: Database, id: string, message: string): Promise<void> {
  await db
    .updateTable('segment_compilation_jobs')
    .set({ status: 'failed', error_message: message.slice(0, 4000), completed_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/** The newest compilation of an episode, if any. */
export async function latestCompilation(db: Database, episodeId: string): Promise<CompilationJob | undefined> {
  return db
    .selectFrom('segment_compilation_jobs')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
