/**
 * The cut as FCPXML 1.10 (Final Cut Pro; Resolve and Premiere read it too): a format, one asset
 * per take, and a project whose spine holds an asset-clip per take with a transition (Cross
 * Dissolve) at each join that is not a cut. As in the MP4, the incoming take starts where the
 * dissolve starts; the dissolve draws on the outgoing take's frames past its range. Notes are
 * markers on their clip: to-do markers, completed when the thread is resolved. Times are rational
 * seconds at the episode's frame rate, whole frames; the sequence starts at the episode's
 * timecode start, non-drop-frame.
 */
import type { CutClip, CutModel } from './cut-model.ts';
import { rateFraction, rationalSeconds } from './timecode.ts';

/** Escapes text for an XML attribute value. */
export function xmlAttr(value: string): string {
  // XML 1.0 forbids most control characters even as references; tab and line breaks are kept.
  const allowed = [...value].filter((ch) => ch.charCodeAt(0) >= 0x20 || ch === '\t' || ch === '\n' || ch === '\r').join('');
  return allowed
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

const attrs = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([key, value]) => `${key}="${xmlAttr(String(value))}"`)
    .join(' ');

const CROSS_DISSOLVE_UID = 'FxPlug:4731E73A-8DAC-4113-9A30-AE85B1761265';

const clipName = (clip: CutClip) => `Scene ${clip.sceneNumber} · Shot ${clip.numberInScene} v${clip.version}`;

function markerLines(clip: CutClip, fps: number): string[] {
  return clip.notes.map((note) => {
    const first = note.frameIn ?? 0;
    const last = note.frameOut ?? clip.frames - 1;
    const note2 = `${note.author} (${note.colour})${note.frameIn === null ? ' · whole take' : ''}`;
    return `              <marker ${attrs({ start: rationalSeconds(first, fps), duration: rationalSeconds(last - first + 1, fps), value: note.text, note: note2, completed: note.resolved ? 1 : 0 })}/>`;
  });
}

/** The cut as an FCPXML 1.10 document. */
export function fcpxmlDocument(model: CutModel): string {
  const { fps } = model;
  const { num, den } = rateFraction(fps);
  const frame = `${den}/${num}s`;
  const t = (frames: number) => rationalSeconds(frames, fps);
  const start = model.timecodeStartFrame;
  const resources = [
    `    <format ${attrs({ id: 'r1', name: `Dailies ${model.width}x${model.height} ${fps}p`, frameDuration: frame, width: model.width, height: model.height })}/>`,
    `    <effect ${attrs({ id: 'r2', name: 'Cross Dissolve', uid: CROSS_DISSOLVE_UID })}/>`,
    ...model.clips.map((clip, index) =>
      [
        `    <asset ${attrs({ id: `a${index + 1}`, name: clipName(clip), uid: clip.segmentId, start: '0s', duration: t(clip.frames), hasVideo: 1, hasAudio: 1, format: 'r1', audioSources: 1, audioChannels: 2 })}>`,
        `      <media-rep ${attrs({ kind: 'original-media', src: clip.mediaUrl })}/>`,
        '    </asset>',
      ].join('\n'),
    ),
  ];
  const spine: string[] = [];
  model.clips.forEach((clip, index) => {
    if (clip.joinIn && clip.joinIn.frames > 0) {
      spine.push(
        `            <transition ${attrs({ name: clip.joinIn.style === 'dissolve' ? 'Cross Dissolve' : `Cross Dissolve (${clip.joinIn.style})`, offset: t(start + clip.recordStart), duration: t(clip.joinIn.frames) })}>`,
        `              <filter-video ${attrs({ ref: 'r2', name: 'Cross Dissolve' })}/>`,
        '            </transition>',
      );
    }
    const markers = markerLines(clip, fps);
    const open = `            <asset-clip ${attrs({ ref: `a${index + 1}`, name: clipName(clip), offset: t(start + clip.recordStart), start: '0s', duration: t(clip.recordFrames), tcFormat: 'NDF' })}`;
    spine.push(markers.length === 0 ? `${open}/>` : [`${open}>`, ...markers, '            </asset-clip>'].join('\n'));
  });
  const name = model.scene === null ? model.title : `${model.title} – Scene ${model.scene}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE fcpxml>',
    '<fcpxml version="1.10">',
    '  <resources>',
    ...resources,
    '  </resources>',
    '  <library>',
    `    <event ${attrs({ name })}>`,
    `      <project ${attrs({ name })}>`,
    `        <sequence ${attrs({ format: 'r1', duration: t(model.totalFrames), tcStart: t(start), tcFormat: 'NDF', audioLayout: 'stereo', audioRate: '48k' })}>`,
    '          <spine>',
    ...spine,
    '          </spine>',
    '        </sequence>',
    '      </project>',
    '    </event>',
    '  </library>',
    '</fcpxml>',
    '',
  ].join('\n');
}
