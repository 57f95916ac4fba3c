/**
 * The cut as an OpenTimelineIO document (.otio, OTIO's JSON serialization): a Timeline.1 whose
 * Stack.1 holds a video and an audio Track.1 of Clip.2 items, a Transition.1 at every join that is
 * not a cut, and a Marker.2 for every note. Times are RationalTime.1 at the episode's frame rate,
 * whole frames. OTIO lays clips end to end; a transition overlaps the clips around the edit point
 * by its in/out offsets. The MP4 starts the incoming take where the dissolve begins, so the edit
 * point is the start of the transition: in_offset 0, out_offset the overlap, drawn from the
 * outgoing take's frames past its range (its handle).
 */
import { markerColourName } from './colours.ts';
import type { CutClip, CutModel } from './cut-model.ts';

type Json = Record<string, unknown>;

const time = (frames: number, rate: number): Json => ({ OTIO_SCHEMA: 'RationalTime.1', rate, value: frames });
const range = (start: number, duration: number, rate: number): Json => ({ OTIO_SCHEMA: 'TimeRange.1', start_time: time(start, rate), duration: time(duration, rate) });

/** OTIO's transition type for a join style: SMPTE_Dissolve for a dissolve, a custom one for the rest. */
const transitionType = (style: string) => (style === 'dissolve' ? 'SMPTE_Dissolve' : 'Custom_Transition');

const clipName = (clip: CutClip) => `Scene ${clip.sceneNumber} · Shot ${clip.numberInScene} v${clip.version}`;

function markers(clip: CutClip, rate: number): Json[] {
  return clip.notes.map((note) => {
    const first = note.frameIn ?? 0;
    const last = note.frameOut ?? clip.frames - 1;
    return {
      OTIO_SCHEMA: 'Marker.2',
      name: note.text.split('\n')[0]!.slice(0, 80),
      color: markerColourName(note.colour),
      marked_range: range(first, last - first + 1, rate),
      comment: note.text,
      metadata: { dailies: { note_id: note.id, author: note.author, colour: note.colour, resolved: note.resolved, whole_take: note.frameIn === null } },
    };
  });
}

function clipItem(clip: CutClip, model: CutModel): Json {
  const rate = model.fps;
  return {
    OTIO_SCHEMA: 'Clip.2',
    name: clipName(clip),
    source_range: range(0, clip.recordFrames, rate),
    media_references: {
      DEFAULT_MEDIA: {
        OTIO_SCHEMA: 'ExternalReference.1',
        name: clipName(clip),
        target_url: clip.mediaUrl,
        available_range: range(0, clip.frames, rate),
        available_image_bounds: null,
        metadata: {},
      },
    },
    active_media_reference_key: 'DEFAULT_MEDIA',
    effects: [],
    markers: markers(clip, rate),
    enabled: true,
    metadata: {
      dailies: {
        segment_id: clip.segmentId,
        shot_id: clip.shotId,
        scene: clip.sceneNumber,
        shot: clip.shotNumber,
        shot_in_scene: clip.numberInScene,
        size: clip.size,
        camera: clip.camera,
        take_version: clip.version,
        decision: clip.decision,
        provider: clip.provider,
        model: clip.model,
        seed: clip.seed,
        prompt: clip.prompt,
        record_start_frame: clip.recordStart,
      },
    },
  };
}

function track(model: CutModel, kind: 'Video' | 'Audio'): Json {
  const children: Json[] = [];
  model.clips.forEach((clip) => {
    if (clip.joinIn && clip.joinIn.frames > 0) {
      children.push({
        OTIO_SCHEMA: 'Transition.1',
        name: clip.joinIn.style,
        transition_type: transitionType(clip.joinIn.style),
        in_offset: time(0, model.fps),
        out_offset: time(clip.joinIn.frames, model.fps),
        metadata: { dailies: { style: clip.joinIn.style } },
      });
    }
    children.push(clipItem(clip, model));
  });
  return { OTIO_SCHEMA: 'Track.1', name: kind === 'Video' ? 'V1' : 'A1', kind, source_range: null, effects: [], markers: [], enabled: true, metadata: {}, children };
}

/** The cut as an .otio JSON document. */
export function otioDocument(model: CutModel): string {
  const timeline = {
    OTIO_SCHEMA: 'Timeline.1',
    name: model.title,
    global_start_time: time(model.timecodeStartFrame, model.fps),
    metadata: {
      dailies: {
        episode_id: model.episodeId,
        scene: model.scene,
        fps: model.fps,
        width: model.width,
        height: model.height,
        missing_shots: model.missing.map((slot) => slot.shotNumber),
        missing: model.missing.map((slot) => ({ shot: slot.shotNumber, scene: slot.sceneNumber, shot_in_scene: slot.numberInScene, state: slot.state })),
      },
    },
    tracks: {
      OTIO_SCHEMA: 'Stack.1',
      name: 'tracks',
      source_range: null,
      effects: [],
      markers: [],
      enabled: true,
      metadata: {},
      children: [track(model, 'Video'), track(model, 'Audio')],
    },
  };
  return `${JSON.stringify(timeline, null, 2)}\n`;
}
