/**
 * The approved cut of an episode as every export reads it: the approved takes in the team's
 * compile order, each with its frames, the join into it, its place on the record timeline, its
 * notes, its dialogue and its provenance, and the slots with no approved take. Every writer
 * (OTIO, FCPXML, EDL, subtitles, CSV) works from this one model, so they agree with each other;
 * the timeline comes from media/cut-timeline.ts, so they agree with the compiled MP4's chapters.
 */
import { findEpisode } from '../db/queries/episode.queries.ts';
import { latestCompletedCompilation, listThreadNotesOfTakes } from '../db/queries/export.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { listCurrentSegments } from '../db/queries/segment.queries.ts';
import type { Database } from '../db/database.ts';
import type { Episode, Shot, ShotTransition, VideoSegment } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { NoteDrawing } from '../../src/lib/api/notes.schema.ts';
import { shotTransitionOf } from '../commands/compile-joins.ts';
import { cutTimeline } from '../media/cut-timeline.ts';
import { dialogueCues, type DialogueCue } from '../media/dialogue-timing.ts';
import { shotSizeOf, type ShotSize } from '../providers/shot-size.ts';
import type { VideoRequest } from '../providers/video.types.ts';
import { mediaUrl } from '../storage/storage.ts';

/** A note pinned to a take: frames are the take's own (0 = its first frame); both null for the whole take. */
export interface CutNote {
  id: string;
  frameIn: number | null;
  frameOut: number | null;
  /** The author's colour, `#rrggbb`. */
  colour: string;
  author: string;
  text: string;
  resolved: boolean;
  /** Shapes drawn on the picture (coordinates 0..1 of it), or null. */
  drawing: NoteDrawing | null;
}

/** The join into a take from the one before it. */
export interface CutJoin {
  /** `cut`, `dissolve`, `fade`, … as the compile renders it. */
  style: string;
  /** Frames the two takes overlap (0 for a cut). */
  frames: number;
}

export interface CutClip {
  segmentId: string;
  shotId: string;
  sceneNumber: number;
  sceneHeading: string;
  /** The shot's number in the episode and within its scene. */
  shotNumber: number;
  numberInScene: number;
  /** How tight the shot is framed (providers/shot-size.ts). */
  size: ShotSize;
  camera: string;
  cameraNote: string;
  version: number;
  decision: string;
  provider: string;
  model: string | null;
  seed: number | null;
  prompt: string;
  /** Where the take's file is served (relative to the server), or its path inside a package. */
  mediaUrl: string;
  /** The take's file in storage. */
  storageKey: string;
  /** The take's poster frame (a JPEG) in storage, when it has one. */
  posterKey: string | null;
  /** Every frame of the take. */
  frames: number;
  /** Record frame (from 0) where the take first shows: where the join into it begins. */
  recordStart: number;
  /** Frames from recordStart to where the next take starts (all of them for the last take). */
  recordFrames: number;
  /** The join into this take; null for the first. */
  joinIn: CutJoin | null;
  notes: CutNote[];
  /** The take's dialogue, seconds from the take's first frame. */
  cues: DialogueCue[];
  dialogue: string;
}

export interface MissingSlot {
  shotNumber: number;
  sceneNumber: number;
  numberInScene: number;
  /** The current take's state (`pending`, `rejected`, …), or `no_take`. */
  state: string;
}

export interface CutModel {
  episodeId: string;
  title: string;
  fps: number;
  width: number;
  height: number;
  /** The frame the record timecode starts at (86400 = 01:00:00:00 at 24 fps). */
  timecodeStartFrame: number;
  /** The one scene exported, or null for the whole episode. */
  scene: number | null;
  clips: CutClip[];
  missing: MissingSlot[];
  totalFrames: number;
}

/** Whole frames of a take, on the same grid the compile uses (smart-compile: round(duration × fps)). */
const framesOf = (seconds: number, fps: number) => Math.round(seconds * fps);

interface OrderedTake {
  segment: VideoSegment;
  shot: Shot;
  record: ShotTransition | null;
}

/**
 * The takes in playing order with their recorded transitions: the newest finished compile's
 * order and joins when it holds exactly these takes (so the export matches that MP4 frame for
 * frame), else the slots' order and their shots' transitions as they are now.
 */
function orderTakes(approved: VideoSegment[], shots: Shot[], compiled: { segment_ids: string[]; shot_transitions: (ShotTransition | null)[] } | undefined): OrderedTake[] {
  const shotOf = (segment: VideoSegment) => shots.find((shot) => shot.id === segment.shot_id)!;
  const ids = new Set(approved.map((segment) => segment.id));
  if (compiled && compiled.segment_ids.length === ids.size && compiled.segment_ids.every((id) => ids.has(id))) {
    return compiled.segment_ids.map((id, index) => {
      const segment = approved.find((take) => take.id === id)!;
      return { segment, shot: shotOf(segment), record: compiled.shot_transitions[index] ?? null };
    });
  }
  return approved.map((segment) => ({ segment, shot: shotOf(segment), record: shotTransitionOf(shotOf(segment)) }));
}

/** The take's dialogue cues, timed as its caption track is (media/dialogue-timing.ts). */
function cuesOf(shot: Shot, characters: { key: string; name: string }[], seconds: number): DialogueCue[] {
  // dialogueCues reads only the shot's dialogue and the characters' names.
  const request = { shot: { dialogue: shot.dialogue }, characters } as unknown as Pick<VideoRequest, 'shot' | 'characters'>;
  return dialogueCues(request, seconds);
}

/**
 * Builds the cut of `episodeId` (one scene when `scene` is given). Refuses with 404 for an
 * unknown episode or scene, 409 `nothing_approved` when no take in scope is approved, and 409
 * `take_purged` naming every approved take whose file retention has deleted.
 */
export async function buildCutModel(db: Database, episodeId: string, scene: number | null = null): Promise<CutModel> {
  const episode: Episode | undefined = await findEpisode(db, episodeId);
  if (!episode) throw notFound('Episode', episodeId);
  const plan = await findPlanRows(db, episodeId);
  if (scene !== null && !plan.scenes.some((row) => row.scene_number === scene)) {
    throw new AppError('scene_not_found', `This episode has no scene ${scene}; its scenes are ${plan.scenes.map((row) => row.scene_number).join(', ') || 'none yet'}.`, {
      status: 404,
      details: { scene, scenes: plan.scenes.map((row) => row.scene_number) },
    });
  }
  const sceneOf = new Map(plan.scenes.map((row) => [row.id, row]));
  const inScope = (shot: Shot) => scene === null || sceneOf.get(shot.scene_id)?.scene_number === scene;
  const shots = plan.shots.filter(inScope);
  const current = (await listCurrentSegments(db, episodeId)).filter((segment) => shots.some((shot) => shot.id === segment.shot_id));
  const approved = current.filter((segment) => segment.approval_status === 'approved' && segment.status === 'completed');
  const missing: MissingSlot[] = shots
    .filter((shot) => !approved.some((segment) => segment.shot_id === shot.id))
    .map((shot) => {
      const take = current.find((segment) => segment.shot_id === shot.id);
      return {
        shotNumber: shot.shot_number,
        sceneNumber: sceneOf.get(shot.scene_id)?.scene_number ?? 0,
        numberInScene: shot.number_in_scene,
        state: take ? (take.approval_status === 'approved' ? take.status : take.approval_status) : 'no_take',
      };
    });
  const where = scene === null ? 'this episode' : `scene ${scene}`;
  if (approved.length === 0) {
    throw new AppError('nothing_approved', `No take in ${where} is approved yet, so there is no cut to export; approve at least one take first.`, {
      status: 409,
      details: { missing_shots: missing.map((slot) => slot.shotNumber) },
    });
  }
  const purged = approved.filter((segment) => segment.purged_at !== null || !segment.storage_key);
  if (purged.length > 0) {
    const names = purged.map((segment) => `shot ${plan.shots.find((shot) => shot.id === segment.shot_id)?.shot_number ?? segment.segment_number} version ${segment.version}`);
    throw new AppError('take_purged', `The file of the approved ${names.join(', ')} was deleted by retention, so the cut cannot be exported; regenerate and approve ${purged.length === 1 ? 'that take' : 'those takes'} first.`, {
      status: 409,
      details: {
        purged_takes: purged.map((segment) => ({ segment_id: segment.id, shot_number: plan.shots.find((shot) => shot.id === segment.shot_id)?.shot_number, version: segment.version })),
      },
    });
  }

  const fps = Number(episode.fps);
  const compiled = await latestCompletedCompilation(db, episodeId);
  const ordered = orderTakes(approved, shots, compiled);
  // Joins without a transition of their own take the newest compile's (a cut before any compile).
  const fallback: CutJoin = compiled && compiled.transition_style !== 'cut' ? { style: compiled.transition_style, frames: framesOf(compiled.transition_duration, fps) } : { style: 'cut', frames: 0 };
  const notes = await listThreadNotesOfTakes(db, approved.map((segment) => segment.id));
  const characters = plan.characters.map((row) => ({ key: row.key, name: row.name }));

  // As compile-joins.ts: a shot's own transition without a length takes the compile's, or half a second.
  const ownSeconds = compiled && compiled.transition_duration > 0 ? compiled.transition_duration : 0.5;
  const clips: CutClip[] = [];
  ordered.forEach(({ segment, shot, record }, index) => {
    const frames = framesOf(Number(segment.duration), fps);
    const joinIn: CutJoin | null =
      index === 0 ? null : record ? { style: record.style, frames: record.style === 'cut' ? 0 : framesOf(record.duration_seconds ?? ownSeconds, fps) } : fallback;
    const provenance = segment.provenance;
    const sceneRow = sceneOf.get(shot.scene_id);
    clips.push({
      segmentId: segment.id,
      shotId: shot.id,
      sceneNumber: sceneRow?.scene_number ?? 0,
      sceneHeading: sceneRow?.heading ?? '',
      shotNumber: shot.shot_number,
      numberInScene: shot.number_in_scene,
      size: shotSizeOf({ prompt: shot.prompt, cameraNote: shot.camera_note }),
      camera: shot.camera,
      cameraNote: shot.camera_note,
      version: segment.version,
      decision: segment.approval_status,
      provider: provenance?.provider ?? segment.provider,
      model: provenance?.model ?? null,
      seed: provenance ? provenance.seed : segment.seed,
      prompt: provenance?.prompt ?? shot.prompt,
      mediaUrl: mediaUrl(segment.storage_key!),
      storageKey: segment.storage_key!,
      posterKey: segment.thumbnail_key,
      frames,
      recordStart: 0,
      recordFrames: frames,
      joinIn,
      notes: notes
        .filter((note) => note.segment_id === segment.id)
        .map((note) => ({
          id: note.id,
          frameIn: note.frame_in,
          frameOut: note.frame_out,
          colour: note.author_color,
          author: note.author_name,
          text: note.body,
          resolved: note.resolved_at !== null,
          drawing: (note.drawing as NoteDrawing | null) ?? null,
        })),
      cues: cuesOf(shot, characters, Number(segment.duration)),
      dialogue: shot.dialogue.map((line) => `${characters.find((c) => c.key === line.character)?.name ?? line.character}: ${line.line}`).join('\n'),
    });
  });
  // Each take's span ends where the next one's join begins, exactly as the MP4's chapters.
  const timeline = cutTimeline(
    clips.map((clip) => clip.frames),
    clips.slice(1).map((clip) => clip.joinIn?.frames ?? 0),
    fps,
  );
  clips.forEach((clip, index) => {
    const placement = timeline[index]!;
    clip.recordStart = Math.round(placement.startSeconds * fps);
    clip.recordFrames = Math.round(placement.endSeconds * fps) - clip.recordStart;
  });
  return {
    episodeId,
    title: episode.title,
    fps,
    width: episode.width,
    height: episode.height,
    timecodeStartFrame: episode.timecode_start_frame,
    scene,
    clips,
    missing,
    totalFrames: clips.reduce((sum, clip) => sum + clip.recordFrames, 0),
  };
}
