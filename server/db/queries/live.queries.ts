/**
 * What the live document shows, read from Postgres part by part (the episode's own fields, its
 * shots, the rows of some or all slots, its jobs), and the stored history of each live document.
 * server/collab/live-model.ts puts the parts together.
 */
import { sql } from 'kysely';
import { type ApprovalRule, DEFAULT_APPROVAL_RULE } from '../../../src/lib/domain/approval-rules.ts';
import type { LiveEpisodeMeta, LiveJob } from '../../../src/lib/domain/live-episode.ts';
import { DEFAULT_QUALITY_GATE } from '../../../src/lib/domain/quality-gate.ts';
import type { Database } from '../database.ts';
import type { CompilationJob, Shot, VideoSegment } from '../schema.ts';
import { latestActivityId } from './activity.queries.ts';
import { listStandingDecisions, type StandingDecision } from './decision.queries.ts';
import { hasVideo } from './final-video.queries.ts';
import { type ShotNoteSummary, summarizeEpisodeNotes } from './note.queries.ts';
import { listOpenChoicesWithVotes } from './take-choice.queries.ts';

/** How many recent generation runs and compiles the document lists. */
const RECENT_JOBS = 5;

const iso = (value: Date | string | null | undefined): string => (value ? new Date(value).toISOString() : '');

/** The episode's own fields as the document shows them, and its approval rule. */
export interface LiveHeader {
  /** The plan's key is the model's (it is read with the shots, not the episode row). */
  meta: Omit<LiveEpisodeMeta, 'planKey'>;
  rule: ApprovalRule;
}

/** A shot as its slot shows it. */
export interface LiveShotRow {
  id: string;
  shot_number: number;
  number_in_scene: number;
  scene_number: number;
  heading: string;
  /** Its own transition in: a change makes a compile out of date. */
  transition_in: Shot['transition_in'];
  transition_in_duration: number | null;
  /** The template applied to the shot, by the name it had then. */
  template_name: string | null;
}

/** A take's columns the document shows. */
export type LiveTakeRow = Pick<
  VideoSegment,
  | 'id' | 'shot_id' | 'version' | 'status' | 'approval_status' | 'progress' | 'thumbnail_url' | 'video_url' | 'duration'
  | 'quality_score' | 'consistency_score' | 'error_message' | 'error_kind' | 'is_current' | 'replaces_segment_id' | 'quality_gate' | 'choice_id' | 'choice_state'
>;

/** What one slot is made of besides its shot: the current take, how many takes, standing decisions, notes. */
export interface LiveSlotRows {
  current: LiveTakeRow | undefined;
  /** A new take made to replace the approved current one, while nobody has decided on it. */
  candidate?: LiveTakeRow | undefined;
  /** The open vote among several takes of the shot. */
  choice?: { id: string; blind: boolean; takes: number; made: number; votes: number } | undefined;
  versions: number;
  decisions: StandingDecision[];
  notes: ShotNoteSummary | undefined;
}

/** A compile's columns the document shows (its job, and its output when it has a video). */
export type LiveCompileRow = Pick<
  CompilationJob,
  | 'id' | 'status' | 'progress' | 'error_message' | 'updated_at' | 'output_video_url' | 'output_duration' | 'transition_style'
  | 'completed_at' | 'segment_ids' | 'transition_duration' | 'audio_config' | 'shot_transitions'
>;

/** Recent generation runs (as jobs) and compiles, with the shot of every take a compile used. */
export interface LiveJobRows {
  runs: LiveJob[];
  compiles: LiveCompileRow[];
  /** Take id → shot id for the takes the compiles used (a take gone from the episode is absent). */
  shotOfTake: Map<string, string>;
}

const MEMBERSHIP_KINDS = ['member.joined', 'member.role_changed', 'member.removed'] as const;

/** The newest activity and membership activity ids. */
export async function loadLiveActivity(db: Database, episodeId: string): Promise<Pick<LiveEpisodeMeta, 'activity' | 'membership'>> {
  return { activity: await latestActivityId(db, episodeId), membership: await latestActivityId(db, episodeId, MEMBERSHIP_KINDS) };
}

/** The episode's own fields, or undefined when it does not exist. */
export async function loadLiveHeader(db: Database, episodeId: string): Promise<LiveHeader | undefined> {
  const episode = await db.selectFrom('episodes').selectAll().where('id', '=', episodeId).executeTakeFirst();
  if (!episode) return undefined;
  return {
    rule: episode.approval_rule ?? DEFAULT_APPROVAL_RULE,
    meta: {
      qualityGate: episode.quality_gate ?? DEFAULT_QUALITY_GATE,
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
      budgetUsd: episode.budget_usd === null ? null : Number(episode.budget_usd),
      ...(await loadLiveActivity(db, episodeId)),
    },
  };
}

/** The episode's shots in compile order. */
export async function loadLiveShots(db: Database, episodeId: string): Promise<LiveShotRow[]> {
  return db
    .selectFrom('shots as sh')
    .innerJoin('scenes as sc', 'sc.id', 'sh.scene_id')
    .select(['sh.id', 'sh.shot_number', 'sh.number_in_scene', 'sc.scene_number', 'sc.heading', 'sh.transition_in', 'sh.transition_in_duration', 'sh.template_name'])
    .where('sh.episode_id', '=', episodeId)
    .orderBy('sh.position')
    .execute();
}

/** The rows of every slot of the episode, or of the shots given, by shot id. */
export async function loadLiveSlotRows(db: Database, episodeId: string, shotIds?: readonly string[]): Promise<Map<string, LiveSlotRows>> {
  const slots = new Map<string, LiveSlotRows>((shotIds ?? []).map((shotId) => [shotId, { current: undefined, versions: 0, decisions: [], notes: undefined }]));
  if (shotIds?.length === 0) return slots;
  const takes = await db
    .selectFrom('video_segments')
    .select([
      'id', 'shot_id', 'version', 'status', 'approval_status', 'progress', 'thumbnail_url', 'video_url', 'duration',
      'quality_score', 'consistency_score', 'error_message', 'error_kind', 'is_current', 'replaces_segment_id', 'quality_gate', 'choice_id', 'choice_state',
    ])
    .where('episode_id', '=', episodeId)
    .$if(shotIds !== undefined, (query) => query.where('shot_id', 'in', shotIds!))
    .execute();
  const slotOf = (shotId: string): LiveSlotRows => {
    let slot = slots.get(shotId);
    if (!slot) slots.set(shotId, (slot = { current: undefined, versions: 0, decisions: [], notes: undefined }));
    return slot;
  };
  const currentTakes = new Map<string, LiveSlotRows>();
  for (const take of takes) {
    const slot = slotOf(take.shot_id);
    slot.versions++;
    if (take.is_current) {
      slot.current = take;
      currentTakes.set(take.id, slot);
    }
  }
  for (const take of takes) {
    const slot = slots.get(take.shot_id)!;
    const voting = take.choice_state === 'contending' || take.choice_state === 'passed_over';
    if (!take.is_current && !voting && take.replaces_segment_id !== null && take.replaces_segment_id === slot.current?.id && take.approval_status === 'pending' && take.status !== 'failed') slot.candidate = take;
  }
  for (const choice of await listOpenChoicesWithVotes(db, episodeId, shotIds)) {
    const contenders = takes.filter((take) => take.choice_id === choice.id);
    slotOf(choice.shot_id).choice = {
      id: choice.id,
      blind: choice.blind,
      takes: contenders.length,
      made: contenders.filter((take) => take.status === 'completed').length,
      votes: Number(choice.votes ?? 0),
    };
  }
  for (const decision of await listStandingDecisions(db, [...currentTakes.keys()])) currentTakes.get(decision.segment_id)!.decisions.push(decision);
  for (const [shotId, notes] of await summarizeEpisodeNotes(db, episodeId, shotIds)) slotOf(shotId).notes = notes;
  return slots;
}

/** The recent generation runs and compiles; `known` lists takes whose shot is already known. */
export async function loadLiveJobRows(db: Database, episodeId: string, known?: ReadonlyMap<string, string>): Promise<LiveJobRows> {
  const runs = await db
    .selectFrom('generation_runs as g')
    .select((eb) => [
      'g.id', 'g.status', 'g.total_segments', 'g.updated_at', 'g.paused_at', 'g.pause_reason',
      eb
        .selectFrom('video_segments as s')
        // Shots, not takes: a retake made during the run finishes the same shot again.
        .select(sql<number>`count(DISTINCT s.shot_id)::int`.as('n'))
        .whereRef('s.generation_run_id', '=', 'g.id')
        .where('s.status', 'in', ['completed', 'failed'])
        // A take the quality gate made again does not finish its shot: the retry does.
        .where(sql<boolean>`coalesce(s.quality_gate->>'outcome', '') <> 'retried'`)
        .as('finished'),
    ])
    .where('g.episode_id', '=', episodeId)
    .orderBy('g.created_at', 'desc')
    .limit(RECENT_JOBS)
    .execute();
  const compiles = await db
    .selectFrom('segment_compilation_jobs')
    .select([
      'id', 'status', 'progress', 'error_message', 'updated_at', 'output_video_url', 'output_duration', 'transition_style', 'completed_at',
      'segment_ids', 'transition_duration', 'audio_config', 'shot_transitions',
    ])
    .where('episode_id', '=', episodeId)
    .orderBy('created_at', 'desc')
    .limit(RECENT_JOBS)
    .execute();
  const shotOfTake = new Map<string, string>();
  const unknown = new Set<string>();
  for (const compile of compiles.filter(hasVideo)) {
    for (const takeId of compile.segment_ids) {
      const shotId = known?.get(takeId);
      if (shotId) shotOfTake.set(takeId, shotId);
      else unknown.add(takeId);
    }
  }
  if (unknown.size > 0) {
    const rows = await db.selectFrom('video_segments').select(['id', 'shot_id']).where('id', 'in', [...unknown]).execute();
    for (const row of rows) shotOfTake.set(row.id, row.shot_id);
  }
  return {
    runs: runs.map((run) => ({
      id: run.id,
      kind: 'generation' as const,
      status: run.status,
      progress: run.total_segments > 0 ? Math.min(100, Math.round((100 * Number(run.finished ?? 0)) / run.total_segments)) : 0,
      error: null,
      updatedAt: iso(run.updated_at),
      paused: run.status === 'active' && run.paused_at ? (run.pause_reason ?? 'Paused.') : null,
    })),
    compiles,
    shotOfTake,
  };
}

/**
 * Runs `load` in one REPEATABLE READ transaction, so that every query in it sees the same
 * committed state.
 */
export function inOneSnapshot<T>(db: Database, load: (trx: Database) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(load);
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
