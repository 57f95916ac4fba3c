/**
 * A take's shot information as a JSON sidecar beside its file in the export package
 * (media/s01-shot003-v2.json next to media/s01-shot003-v2.mp4): what the picture no longer
 * carries burned in (scene, shot, heading, size, camera, seed, provider, prompt), with the take's
 * dialogue, its decision and its notes, so a take copied out of the package keeps its provenance.
 */
import type { CutClip, CutModel } from './cut-model.ts';

/** The sidecar's path: the take's path with `.json` for `.mp4`. */
export function sidecarPath(mediaPath: string): string {
  return mediaPath.replace(/\.mp4$/u, '.json');
}

export function shotSidecar(model: CutModel, clip: CutClip): string {
  const seconds = (frames: number) => Math.round((frames / model.fps) * 1000) / 1000;
  const sidecar = {
    episode: { id: model.episodeId, title: model.title },
    scene: { number: clip.sceneNumber, heading: clip.sceneHeading },
    shot: {
      id: clip.shotId,
      number: clip.shotNumber,
      number_in_scene: clip.numberInScene,
      size: clip.size,
      camera: clip.camera,
      camera_note: clip.cameraNote,
      prompt: clip.prompt,
    },
    take: {
      segment_id: clip.segmentId,
      version: clip.version,
      decision: clip.decision,
      provider: clip.provider,
      model: clip.model,
      seed: clip.seed,
      file: clip.mediaUrl.split('/').at(-1),
      fps: model.fps,
      frames: clip.frames,
      duration_seconds: seconds(clip.frames),
      width: model.width,
      height: model.height,
    },
    dialogue: clip.cues.map((cue) => ({ ...cue })),
    notes: clip.notes.map((note) => ({
      text: note.text,
      author: note.author,
      frame_in: note.frameIn,
      frame_out: note.frameOut,
      resolved: note.resolved,
    })),
  };
  return `${JSON.stringify(sidecar, null, 2)}\n`;
}
