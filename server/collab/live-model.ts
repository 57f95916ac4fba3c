/**
 * What the server keeps of one loaded live document between changes: the rows it was made from,
 * part by part, so that a change reloads only the part it names (see the `episode_changed`
 * payloads in migrations/2026_12_04_1600_live_change_keys.ts) and a take's progress tick on a
 * 300-shot episode costs what it costs on a 3-shot one. A change naming many shots, a shot not
 * known yet, or `all` reloads everything.
 */
import { evaluateRule } from '../../src/lib/domain/approval-rules.ts';
import { describeGate } from '../../src/lib/domain/quality-gate.ts';
import { planKey } from '../../src/lib/domain/plan-key.ts';
import { type LiveDecision, type LiveEpisode, type LiveJob, type LiveNotes, type LiveOutput, type LiveRating, type LiveSlot, NO_NOTES } from '../../src/lib/domain/live-episode.ts';
import type { SlotScope } from '../../src/lib/live/episode-document.ts';
import type { Database } from '../db/database.ts';
import { changesSince, type EpisodeNow, hasVideo } from '../db/queries/final-video.queries.ts';
import {
  inOneSnapshot, loadLiveActivity, loadLiveHeader, loadLiveJobRows, loadLiveShots, loadLiveSlotRows,
  type LiveHeader, type LiveJobRows, type LiveShotRow, type LiveSlotRows,
} from '../db/queries/live.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import type { ShotNoteSummary } from '../db/queries/note.queries.ts';
import { staleShots } from '../commands/continuity.ts';

/** Past this many shots in one change, one reload of everything is cheaper. */
const MAX_SLOTS_AT_ONCE = 24;
/** Longest excerpt of the latest note the document carries. */
const LATEST_NOTE_CHARS = 140;

/** What changed since the last reload, gathered from notifications. */
export interface LiveChange {
  all: boolean;
  episode: boolean;
  activity: boolean;
  jobs: boolean;
  /** Shot ids whose slot changed. */
  shots: Set<string>;
}

export const noChange = (): LiveChange => ({ all: false, episode: false, activity: false, jobs: false, shots: new Set() });

/**
 * Reads an `episode_changed` payload (`<episode> <part>[ <shot>]`; a bare episode id is `all`)
 * into `change`, and returns the episode id.
 */
export function addChange(change: LiveChange, payload: string): string {
  const [episodeId = '', part = 'all', shotId] = payload.split(' ');
  if (part === 'slot' && shotId) change.shots.add(shotId);
  else if (part === 'episode') change.episode = true;
  else if (part === 'activity') change.activity = true;
  else if (part === 'jobs') change.jobs = true;
  else change.all = true;
  return episodeId;
}

const iso = (value: Date | string | null | undefined): string => (value ? new Date(value).toISOString() : '');
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

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

function liveSlot(shot: LiveShotRow, rows: LiveSlotRows | undefined, header: LiveHeader, stale: readonly string[] = []): LiveSlot {
  const take = rows?.current;
  const standing = rows?.decisions ?? [];
  const decisions: LiveDecision[] = standing.map((row) => ({
    reviewer: row.reviewer_key,
    name: row.reviewer_name,
    decision: row.decision,
    rating: row.rating === null ? null : Number(row.rating),
  }));
  const ratings: LiveRating[] = decisions.flatMap(({ reviewer, name, rating }) => (rating === null ? [] : [{ reviewer, name, rating }]));
  const outcome = evaluateRule(header.rule, standing.map((row) => ({ reviewer: row.reviewer_key, userId: row.reviewer_id, role: row.role, decision: row.decision })));
  const sum = ratings.reduce((total, rating) => total + rating.rating, 0);
  return {
    slot: shot.shot_number,
    shotId: shot.id,
    sceneNumber: shot.scene_number,
    numberInScene: shot.number_in_scene,
    heading: shot.heading,
    segmentId: take?.id ?? null,
    version: take?.version ?? 0,
    versions: rows?.versions ?? 0,
    status: take?.status ?? 'pending',
    approval: take?.approval_status ?? 'pending',
    progress: Math.round(Number(take?.progress ?? 0)),
    thumbnailUrl: take?.thumbnail_url ?? null,
    videoUrl: take?.video_url ?? null,
    duration: numberOrNull(take?.duration),
    qualityScore: numberOrNull(take?.quality_score),
    consistencyScore: numberOrNull(take?.consistency_score),
    error: take?.error_message ?? null,
    errorKind: take?.error_kind ?? null,
    ratingCount: ratings.length,
    ratingMean: ratings.length > 0 ? Math.round((sum / ratings.length) * 100) / 100 : null,
    ratings,
    decisions,
    approvals: outcome.approvals,
    approvalsNeeded: outcome.needed,
    notes: liveNotes(rows?.notes),
    template: shot.template_name,
    stale: [...stale],
    candidate: rows?.candidate
      ? { segmentId: rows.candidate.id, version: rows.candidate.version, status: rows.candidate.status, progress: Math.round(Number(rows.candidate.progress ?? 0)) }
      : null,
    gate: describeGate(take?.quality_gate),
    choice: rows?.choice ? { ...rows.choice } : null,
  };
}

/** What a finished compile is compared with: a take's id, version and approval in its slot. */
const takeKey = (rows: LiveSlotRows | undefined): string => (rows?.current ? `${rows.current.id}:${rows.current.version}:${rows.current.approval_status}` : '');

export interface LiveReload {
  live: LiveEpisode;
  /** The slots whose keys may have changed, with their reviewers before; undefined when any may have. */
  slots: SlotScope | undefined;
}

export class LiveModel {
  private readonly db: Database;
  private readonly episodeId: string;
  private header: LiveHeader | undefined;
  private shots: LiveShotRow[] = [];
  private shotsById = new Map<string, LiveShotRow>();
  private rows = new Map<string, LiveSlotRows>();
  /** Why each shot's current take is stale, by shot id (shots whose take is not are left out). */
  private stale = new Map<string, string[]>();
  /** Changes of characters, scenes and shots reload everything, this with them. */
  private planKey = '';
  private slots = new Map<string, LiveSlot>();
  private jobs: LiveJobRows = { runs: [], compiles: [], shotOfTake: new Map() };
  private outputs: LiveOutput[] = [];

  constructor(db: Database, episodeId: string) {
    this.db = db;
    this.episodeId = episodeId;
  }

  /** Reloads what `change` names (everything the first time); undefined when the episode is gone. */
  async reload(change: LiveChange): Promise<LiveReload | undefined> {
    const everything = !this.header || change.all || change.shots.size > MAX_SLOTS_AT_ONCE || [...change.shots].some((shotId) => !this.shotsById.has(shotId));
    return everything ? this.reloadEverything() : this.reloadParts(change);
  }

  private async reloadEverything(): Promise<LiveReload | undefined> {
    const loaded = await inOneSnapshot(this.db, async (trx) => {
      const header = await loadLiveHeader(trx, this.episodeId);
      if (!header) return undefined;
      return {
        header,
        shots: await loadLiveShots(trx, this.episodeId),
        rows: await loadLiveSlotRows(trx, this.episodeId),
        jobs: await loadLiveJobRows(trx, this.episodeId),
        stale: await staleShots(trx, this.episodeId),
        planKey: planKey(await findPlanRows(trx, this.episodeId)),
      };
    });
    if (!loaded) return undefined;
    this.header = loaded.header;
    this.shots = loaded.shots;
    this.planKey = loaded.planKey;
    this.shotsById = new Map(loaded.shots.map((shot) => [shot.id, shot]));
    this.rows = loaded.rows;
    this.jobs = loaded.jobs;
    this.stale = new Map([...loaded.stale].map(([shotId, reasons]) => [shotId, reasons.map((reason) => reason.message)]));
    this.slots = new Map(this.shots.map((shot) => [shot.id, liveSlot(shot, this.rows.get(shot.id), loaded.header, this.stale.get(shot.id))]));
    this.outputs = this.liveOutputs();
    return { live: this.live(), slots: undefined };
  }

  private async reloadParts(change: LiveChange): Promise<LiveReload | undefined> {
    const shotIds = [...change.shots];
    const loaded = await inOneSnapshot(this.db, async (trx) => ({
      header: change.episode ? ((await loadLiveHeader(trx, this.episodeId)) ?? null) : undefined,
      activity: change.activity && !change.episode ? await loadLiveActivity(trx, this.episodeId) : undefined,
      rows: shotIds.length > 0 ? await loadLiveSlotRows(trx, this.episodeId, shotIds) : undefined,
      stale: shotIds.length > 0 ? await staleShots(trx, this.episodeId, shotIds) : undefined,
      jobs: change.jobs ? await loadLiveJobRows(trx, this.episodeId, this.knownTakes()) : undefined,
    }));
    if (loaded.header === null) return undefined;
    const before = this.header!;
    if (loaded.header) this.header = loaded.header;
    if (loaded.activity) this.header = { ...this.header!, meta: { ...this.header!.meta, ...loaded.activity } };
    const header = this.header!;

    let outputsStale = loaded.jobs !== undefined;
    if (loaded.jobs) this.jobs = loaded.jobs;
    const touched = new Map<number, string[]>();
    for (const [shotId, rows] of loaded.rows ?? []) {
      const shot = this.shotsById.get(shotId)!;
      if (takeKey(this.rows.get(shotId)) !== takeKey(rows)) outputsStale = true;
      touched.set(shot.shot_number, this.slots.get(shotId)?.decisions.map((decision) => decision.reviewer) ?? []);
      this.rows.set(shotId, rows);
      const reasons = loaded.stale?.get(shotId);
      if (reasons) this.stale.set(shotId, reasons.map((reason) => reason.message));
      else this.stale.delete(shotId);
      this.slots.set(shotId, liveSlot(shot, rows, header, this.stale.get(shotId)));
    }
    // A new approval rule changes every slot's count of approvals (normally a change of `all`).
    const ruleChanged = JSON.stringify(before.rule) !== JSON.stringify(header.rule);
    if (ruleChanged) for (const shot of this.shots) this.slots.set(shot.id, liveSlot(shot, this.rows.get(shot.id), header, this.stale.get(shot.id)));
    if (outputsStale) this.outputs = this.liveOutputs();
    return { live: this.live(), slots: ruleChanged ? undefined : touched };
  }

  /** Take id → shot id for every take the model knows: current ones and those compiles used. */
  private knownTakes(): Map<string, string> {
    const known = new Map(this.jobs.shotOfTake);
    for (const [shotId, rows] of this.rows) if (rows.current) known.set(rows.current.id, shotId);
    return known;
  }

  private liveOutputs(): LiveOutput[] {
    const now: EpisodeNow = {
      shots: this.shots,
      takes: [
        ...[...this.jobs.shotOfTake].map(([id, shotId]) => ({ id, shot_id: shotId, version: 0, approval_status: 'pending' as const, is_current: false })),
        ...this.shots.flatMap((shot) => {
          const take = this.rows.get(shot.id)?.current;
          return take ? [{ id: take.id, shot_id: shot.id, version: take.version, approval_status: take.approval_status, is_current: true }] : [];
        }),
      ],
    };
    return this.jobs.compiles.filter(hasVideo).map((job) => {
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
    });
  }

  private live(): LiveEpisode {
    const compileJobs: LiveJob[] = this.jobs.compiles.map((job) => ({
      id: job.id,
      kind: 'compile' as const,
      status: job.status,
      progress: Math.round(Number(job.progress)),
      error: job.error_message,
      updatedAt: iso(job.updated_at),
      paused: null,
    }));
    return {
      episode: { ...this.header!.meta, planKey: this.planKey },
      order: this.shots.map((shot) => shot.shot_number),
      slots: this.shots.map((shot) => this.slots.get(shot.id)!),
      jobs: [...this.jobs.runs, ...compileJobs],
      outputs: this.outputs,
    };
  }
}

/** The whole live view of an episode in one snapshot, or undefined when it does not exist. */
export async function loadLiveEpisode(db: Database, episodeId: string): Promise<LiveEpisode | undefined> {
  return (await new LiveModel(db, episodeId).reload(noChange()))?.live;
}
