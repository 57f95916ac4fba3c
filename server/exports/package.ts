/**
 * The editing-room package of an approved cut: a ZIP streamed as it is written (never held in
 * memory), with every approved take's file under a stable name (media/s01-shot003-v2.mp4) and its
 * shot information beside it (media/s01-shot003-v2.json, shot-sidecar.ts), the
 * OpenTimelineIO, FCPXML and EDL pointing at those files by relative path, the subtitles, the shot
 * list, the music the last compile used when it was an uploaded file, and a README.txt on how to
 * import it. Videos are stored, not compressed: they are compressed already, and storing keeps the
 * first bytes flowing at once.
 */
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import { findAsset } from '../db/queries/asset.queries.ts';
import { latestCompletedCompilation } from '../db/queries/export.queries.ts';
import type { Database } from '../db/database.ts';
import type { Storage } from '../storage/storage.ts';
import type { CutClip, CutModel } from './cut-model.ts';
import { exportFileName } from './download-name.ts';
import { edlText } from './edl.ts';
import { fcpxmlDocument } from './fcpxml.ts';
import { otioDocument } from './otio.ts';
import { shotListCsv } from './shot-list-csv.ts';
import { shotSidecar, sidecarPath } from './shot-sidecar.ts';
import { srtText, vttText } from './subtitles.ts';

/** The name of a take's file inside the package: scene, shot and version, so it never changes for the same take. */
export function packagedMediaName(clip: Pick<CutClip, 'sceneNumber' | 'shotNumber' | 'version'>): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `media/s${pad(clip.sceneNumber, 2)}-shot${pad(clip.shotNumber, 3)}-v${clip.version}.mp4`;
}

export interface PackageMusic {
  storageKey: string;
  /** File name inside the package's music/ folder. */
  fileName: string;
}

function readme(model: CutModel, music: PackageMusic | undefined): string {
  const name = (extension: string) => exportFileName(model.title, model.scene, extension);
  const missing = model.missing.length > 0 ? `\nNot in this cut (no approved take): shots ${model.missing.map((slot) => slot.shotNumber).join(', ')}.\n` : '';
  return [
    `${model.title}${model.scene === null ? '' : ` — scene ${model.scene}`}: the approved cut, ${model.clips.length} takes at ${model.fps} fps, ${model.width}×${model.height}.`,
    missing,
    'What is here',
    `  media/            every approved take, named by scene, shot and version, each with a .json`,
    `                    beside it: its scene, shot, camera, prompt, provider, seed, dialogue and notes`,
    `  ${name('otio')}    OpenTimelineIO timeline (clips, transitions, note markers)`,
    `  ${name('fcpxml')}  Final Cut Pro XML 1.10`,
    `  ${name('edl')}     CMX 3600 EDL (non-drop-frame timecode)`,
    `  ${name('srt')} / ${name('vtt')}  the dialogue, timed to the cut`,
    `  ${name('csv')}     the shot list with decisions, open notes and provenance`,
    ...(music ? [`  music/${music.fileName}  the music of the last compile`] : []),
    '',
    'Every timeline refers to the takes by their path relative to this folder: unzip the whole package and keep the files together.',
    '',
    'DaVinci Resolve: File > Import > Timeline > choose the .otio (Resolve 18.5 or later) or the .fcpxml; when asked, let it import the source clips, or point Relink at the media folder.',
    'Adobe Premiere Pro: File > Import > choose the .fcpxml (or the .edl, then relink to the media folder); the markers arrive as clip markers.',
    'Final Cut Pro: File > Import > XML > choose the .fcpxml; the media folder is found by its relative paths.',
    'Any editor with EDL support: import the .edl and relink each reel (its clip name) to the file of the same shot in media/.',
    'Subtitles: import the .srt as a caption track at the start of the timeline.',
    '',
  ].join('\n');
}

/**
 * The package of `model` as a ZIP stream. Each take's bytes are read from `storage` only when the
 * archive reaches it, so a package of a hundred takes holds one file open at a time.
 */
export function packageStream(model: CutModel, storage: Storage, music?: PackageMusic): Readable {
  const zip = new yazl.ZipFile();
  const packaged: CutModel = { ...model, clips: model.clips.map((clip) => ({ ...clip, mediaUrl: packagedMediaName(clip) })) };
  const name = (extension: string) => exportFileName(model.title, model.scene, extension);
  const text = (content: string, path: string) => zip.addBuffer(Buffer.from(content, 'utf8'), path);
  text(readme(model, music), 'README.txt');
  text(otioDocument(packaged), name('otio'));
  text(fcpxmlDocument(packaged), name('fcpxml'));
  text(edlText(packaged), name('edl'));
  text(srtText(packaged), name('srt'));
  text(vttText(packaged), name('vtt'));
  text(shotListCsv(packaged), name('csv'));
  const stored = (key: string, path: string) =>
    zip.addReadStreamLazy(path, { compress: false }, (done) => {
      storage.read(key).then(
        (stream) => done(null, stream),
        (error: unknown) => done(error, undefined as never),
      );
    });
  for (const clip of packaged.clips) {
    stored(clip.storageKey, clip.mediaUrl);
    text(shotSidecar(packaged, clip), sidecarPath(clip.mediaUrl));
  }
  if (music) stored(music.storageKey, `music/${music.fileName}`);
  zip.end();
  return zip.outputStream as Readable;
}

/**
 * The music the newest finished compile of the episode mixed in, when it was an uploaded file
 * (generated beds are not stored, and the takes carry no music of their own).
 */
export async function compiledMusic(db: Database, episodeId: string): Promise<PackageMusic | undefined> {
  const compile = await latestCompletedCompilation(db, episodeId);
  const assetId = (compile?.audio_config as { music_asset_id?: string } | undefined)?.music_asset_id;
  const asset = assetId ? await findAsset(db, assetId) : undefined;
  if (!asset) return undefined;
  const fileName = [...asset.filename].map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').trim() || 'music';
  return { storageKey: asset.storage_key, fileName };
}
