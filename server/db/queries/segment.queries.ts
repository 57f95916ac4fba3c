/**
 * Video segments and their reviews. Status changes are guarded in SQL (`WHERE status = …`) so that
 * two workers or two reviewers acting at once cannot both win.
 */
import type { Database } from '../database.ts';
import type { ReviewAction, VideoSegment, VideoSegmentUpdate } from '../schema.ts';

export async function findSegment(db: Database, id: string): Promise<VideoSegment | undefined> {
  return db.selectFrom('video_segments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The current version of every slot of an episode, in compile order. */
export async function listCurrentSegments(db: Database, episodeId: string): Promise<VideoSegment[]> {
  return db
    .selectFrom('video_segments as s')
    .innerJoin('shots as sh', 'sh.id', 's.shot_id')
    .selectAll('s')
    .where('s.episode_id', '=', episodeId)
    .where('s.is_current', '=', true)
    .orderBy('sh.position')
    .orderBy('s.segment_number')
    .execute();
}

/** Marks a pending segment (or one left generating by a crashed worker) as generating. */
export async function claimForGeneration(db: Database, id: string): Promise<VideoSegment | undefined> {
  return db
    .updateTable('video_segments')
    .set({ status: 'generating', progress: 0, error_kind: null, error_message: null })
    .where('id', '=', id)
    .where('is_current', '=', true)
    .where('status', 'in', ['pending', 'generating'])
    .returningAll()
    .executeTakeFirst();
}

export async function setGenerationProgress(db: Database, id: string, progress: number): Promise<void> {
  await db
    .updateTable('video_segments')
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))) })
    .where('id', '=', id)
    .where('status', '=', 'generating')
    .execute();
}

/** generating → completed, with the file's facts. Undefined when the segment was no longer generating. */
export async function completeGeneration(
  db: Database,
  id: string,
  fields: Pick<
    VideoSegmentUpdate,
    'video_url' | 'thumbnail_url' | 'storage_key' | 'thumbnail_key' | 'duration' | 'file_size' | 'resolution' | 'format'
  >,
): Promise<VideoSegment | undefined> {
  return db
    .updateTable('video_segments')
    .set({ ...fields, status: 'completed', progress: 100, generated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'generating')
    .returningAll()
    .executeTakeFirst();
}

/** generating → failed, keeping the provider's message. */
export async function failGeneration(db: Database, id: string, kind: string, message: string): Promise<void> {
  await db
    .updateTable('video_segments')
    .set({ status: 'failed', error_kind: kind, error_message: message.slice(0, 4000) })
    .where('id', '=', id)
    .where('status', '=', 'generating')
    .execute();
}

/** completed + pending review → approved, for the current version only. */
export async function markApproved(db: Database, id: string): Promise<VideoSegment | undefined> {
  return db
    .updateTable('video_segments')
    .set({ approval_status: 'approved', approved_at: new Date() })
    .where('id', '=', id)
    .where('is_current', '=', true)
    .where('status', '=', 'completed')
    .where('approval_status', 'in', ['pending', 'needs_revision'])
    .returningAll()
    .executeTakeFirst();
}

export interface NewReview {
  segment_id: string;
  episode_id: string;
  reviewer_id: string | null;
  reviewer_name: string;
  share_link_id?: string | null;
  action: ReviewAction;
  rating?: number | null;
  feedback?: string | null;
  suggested_changes?: Record<string, unknown> | null;
}

export async function insertReview(db: Database, review: NewReview): Promise<void> {
  await db
    .insertInto('segment_reviews')
    .values({
      ...review,
      suggested_changes: review.suggested_changes ? JSON.stringify(review.suggested_changes) : null,
    })
    .execute();
}
