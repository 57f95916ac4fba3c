/**
 * What the live document shows, read from Postgres in one consistent snapshot, and the stored
 * history of each live document.
 */
import { sql } from 'kysely';
import { DEFAULT_APPROVAL_RULE, evaluateRule } from '../../../src/lib/domain/approval-rules.ts';
import { type LiveDecision, type LiveEpisode, type LiveJob, type LiveNotes, type LiveRating, NO_NOTES } from '../../../src/lib/domain/live-episode.ts';
import type { Database } from '../database.ts';
import { listStandingDecisions, type StandingDecision } from './decision.queries.ts';
import { latestActivityId } from './activity.queries.ts';

const MEMBERSHIP_KINDS = ['member.joined', 'member.role_changed', 'member.removed'] as const;
import { changesSince, hasVideo } from './final-video.queries.ts';
import { type ShotNoteSummary, summarizeEpisodeNotes } from './note.queries.ts';

/** How many recent generation runs and compiles the document lists. */
const RECENT_JOBS = 5;

const iso = (value: Date | string | null | undefined): string => (value ? new Date(value).toISOString() : '');
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Longest excerpt of the latest note the document carries. */
const LATEST_NOTE_CHARS = 140;

function liveNotes(summary: ShotNoteSummary | undefined): LiveNotes {
  if (!summary) return NO_NOTES;
  const { latest } = summary;
  return {
    open: summary.open,
    total: summary.total,
    revision: summary.revision,
    latest: latest
      ? { id: latest.id, author: latest.author, color: latest.color, text: latest.text.slice(0, LATEST_NOTE_CHARS), frameIn: latest.frame_in, version: latest.version }
      : null,
  };
}

/** The live view of an episode, or undefined when it does not exist. */
export async function loadLiveEpisode(db: Database, episodeId: string): Promise<LiveEpisode | undefined> {
  // One REPEATABLE READ transaction: every query sees the same committed state.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const episode = await trx.selectFrom('episodes').selectAll().where('id', '=', episodeId).executeTakeFirst();
      if (!episode) return undefined;
      const shots = await trx
        .selectFrom('shots as sh')
        .innerJoin('scenes as sc', 'sc.id', 'sh.scene_id')
        .select(['sh.id', 'sh.shot_number', 'sh.number_in_scene', 'sh.position', 'sc.scene_number', 'sc.heading'])
        .where('sh.episode_id', '=', episodeId)
        .orderBy('sh.position')
        .execute();
      const segments = await trx
        .selectFrom('video_segments')
        .select([
          'id', 'shot_id', 'version', 'status', 'approval_status', 'progress', 'thumbnail_url', 'video_url', 'duration',
          'quality_score', 'consistency_score', 'error_message', 'is_current',
        ])
        .where('episode_id', '=', episodeId)
        .execute();
      const noteSummaries = await summarizeEpisodeNotes(trx, episodeId);
      const currentIds = segments.filter((segment) => segment.is_current).map((segment) => segment.id);
      const decisions = await listStandingDecisions(trx, currentIds);
      const rule = episode.approval_rule ?? DEFAULT_APPROVAL_RULE;
      const runs = await trx
        .selectFrom('generation_runs as g')
        .select((eb) => [
          'g.id', 'g.status', 'g.total_segments', 'g.updated_at',
          eb
            .selectFrom('video_segments as s')
            // Shots, not takes: a retake made during the run finishes the same shot again.
            .select(sql<number>`count(DISTINCT s.shot_id)::int`.as('n'))
            .whereRef('s.generation_run_id', '=', 'g.id')
            .where('s.status', 'in', ['completed', 'failed'])
            .as('finished'),
        ])
        .where('g.episode_id', '=', episodeId)
        .orderBy('g.created_at', 'desc')
        .limit(RECENT_JOBS)
        .execute();
      const compiles = await trx
        .selectFrom('segment_compilation_jobs')
        .select([
          'id', 'status', 'progress', 'error_message', 'updated_at', 'output_video_url', 'output_duration', 'transition_style', 'completed_at',
          'segment_ids', 'transition_duration', 'audio_config',
        ])
        .where('episode_id', '=', episodeId)
        .orderBy('created_at', 'desc')
        .limit(RECENT_JOBS)
        .execute();

      const versions = new Map<string, number>();
      for (const segment of segments) versions.set(segment.shot_id, (versions.get(segment.shot_id) ?? 0) + 1);
      const current = new Map(segments.filter((segment) => segment.is_current).map((segment) => [segment.shot_id, segment]));
      const decisionsOf = new Map<string, StandingDecision[]>();
      for (const row of decisions) decisionsOf.set(row.segment_id, [...(decisionsOf.get(row.segment_id) ?? []), row]);

      const now = { shots, takes: segments };

      const jobs: LiveJob[] = [
        ...runs.map((run) => ({
          id: run.id,
          kind: 'generation' as const,
          status: run.status,
          progress: run.total_segments > 0 ? Math.min(100, Math.round((100 * Number(run.finished ?? 0)) / run.total_segments)) : 0,
          error: null,
          updatedAt: iso(run.updated_at),
        })),
        ...compiles.map((job) => ({
          id: job.id,
          kind: 'compile' as const,
          status: job.status,
          progress: Math.round(Number(job.progress)),
          error: job.error_message,
          updatedAt: iso(job.updated_at),
        })),
      ];

      return {
        episode: {
          id: episode.id,
          title: episode.title,
          logline: episode.logline,
          status: episode.status,
          error: episode.error_message,
          width: episode.width,
          height: episode.height,
          fps: Number(episode.fps),
          videoProvider: episode.video_provider,
          updatedAt: iso(episode.updated_at),
          activity: await latestActivityId(trx, episodeId),
          membership: await latestActivityId(trx, episodeId, MEMBERSHIP_KINDS),
        },
        order: shots.map((shot) => shot.shot_number),
        slots: shots.map((shot) => {
          const segment = current.get(shot.id);
          const standing = segment ? (decisionsOf.get(segment.id) ?? []) : [];
          const slotDecisions: LiveDecision[] = standing.map((row) => ({
            reviewer: row.reviewer_key,
            name: row.reviewer_name,
            decision: row.decision,
            rating: row.rating === null ? null : Number(row.rating),
          }));
          const slotRatings: LiveRating[] = slotDecisions.flatMap(({ reviewer, name, rating }) => (rating === null ? [] : [{ reviewer, name, rating }]));
          const outcome = evaluateRule(rule, standing.map((row) => ({ reviewer: row.reviewer_key, userId: row.reviewer_id, role: row.role, decision: row.decision })));
          const sum = slotRatings.reduce((total, rating) => total + rating.rating, 0);
          return {
            slot: shot.shot_number,
            shotId: shot.id,
            sceneNumber: shot.scene_number,
            numberInScene: shot.number_in_scene,
            heading: shot.heading,
            segmentId: segment?.id ?? null,
            version: segment?.version ?? 0,
            versions: versions.get(shot.id) ?? 0,
            status: segment?.status ?? 'pending',
            approval: segment?.approval_status ?? 'pending',
            progress: Math.round(Number(segment?.progress ?? 0)),
            thumbnailUrl: segment?.thumbnail_url ?? null,
            videoUrl: segment?.video_url ?? null,
            duration: numberOrNull(segment?.duration),
            qualityScore: numberOrNull(segment?.quality_score),
            consistencyScore: numberOrNull(segment?.consistency_score),
            error: segment?.error_message ?? null,
            ratingCount: slotRatings.length,
            ratingMean: slotRatings.length > 0 ? Math.round((sum / slotRatings.length) * 100) / 100 : null,
            ratings: slotRatings,
            decisions: slotDecisions,
            approvals: outcome.approvals,
            approvalsNeeded: outcome.needed,
            notes: liveNotes(noteSummaries.get(shot.id)),
          };
        }),
        jobs,
        outputs: compiles
          .filter(hasVideo)
          .map((job) => {
            const changes = changesSince(now, job);
            return {
              id: job.id,
              videoUrl: job.output_video_url!,
              duration: numberOrNull(job.output_duration),
              transition: job.transition_style,
              completedAt: iso(job.completed_at ?? job.updated_at),
              outOfDate: changes.length > 0,
              changes,
            };
          }),
      };
    });
}

/** Appends one update to an episode's live document history. */
export async function appendLiveUpdate(db: Database, episodeId: string, update: Uint8Array): Promise<void> {
  await db.insertInto('live_document_updates').values({ episode_id: episodeId, update: Buffer.from(update) }).execute();
}

/** The stored history of an episode's live document, oldest first, with the newest row id. */
export async function loadLiveUpdates(db: Database, episodeId: string): Promise<{ updates: Uint8Array[]; lastId: number | undefined }> {
  const rows = await db.selectFrom('live_document_updates').select(['id', 'update']).where('episode_id', '=', episodeId).orderBy('id').execute();
  return { updates: rows.map((row) => new Uint8Array(row.update)), lastId: rows.at(-1)?.id };
}

/** Replaces the history up to `lastId` by one merged update (the same document, fewer rows). */
export async function compactLiveUpdates(db: Database, episodeId: string, lastId: number, merged: Uint8Array): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('live_document_updates').where('episode_id', '=', episodeId).where('id', '<=', lastId).execute();
    await trx.insertInto('live_document_updates').values({ episode_id: episodeId, update: Buffer.from(merged) }).execute();
  });
}
