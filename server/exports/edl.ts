/**
 * The cut as a CMX 3600 edit decision list. Each take is one event on reel `S<scene>T<shot>`
 * (eight characters at most); a dissolve (or any transition that is not a cut) is the CMX pair: a
 * zero-length event on the outgoing reel at the point the dissolve starts, then a `D` event with
 * the dissolve's length in frames on the incoming reel. Record timecodes start at the episode's
 * timecode start; source timecodes count the take's own frames from 00:00:00:00. Notes are
 * `* LOC:` lines (record timecode, colour, text) after their take's event. Non-drop-frame only.
 */
import { markerColourName } from './colours.ts';
import type { CutClip, CutModel } from './cut-model.ts';
import { ndfTimecode } from './timecode.ts';

/** A reel name of at most eight characters, A–Z and 0–9, naming the scene and the shot. */
export function reelName(clip: Pick<CutClip, 'sceneNumber' | 'numberInScene' | 'shotNumber'>): string {
  const name = `S${clip.sceneNumber}T${clip.numberInScene}`;
  return name.length <= 8 ? name : `SHOT${clip.shotNumber}`.slice(0, 8);
}

/** One line of text as EDL comments accept it: no line breaks, plain ASCII-safe spacing. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function eventLine(number: number, reel: string, kind: string, duration: string, times: [string, string, string, string]): string {
  return `${String(number).padStart(3, '0')}  ${reel.padEnd(8)} AA/V  ${kind.padEnd(4)} ${duration.padEnd(3)} ${times.join(' ')}`;
}

/** The cut as CMX 3600 text (CRLF line ends, as the format's readers expect). */
export function edlText(model: CutModel): string {
  const tc = (frame: number) => ndfTimecode(frame, model.fps);
  const rec = (frame: number) => ndfTimecode(frame, model.fps, model.timecodeStartFrame);
  const title = oneLine(model.title)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .slice(0, 70) || 'Dailies cut';
  const lines = [`TITLE: ${title}${model.scene === null ? '' : ` - Scene ${model.scene}`}`, 'FCM: NON-DROP FRAME', ''];
  model.clips.forEach((clip, index) => {
    const number = index + 1;
    const reel = reelName(clip);
    const recordIn = rec(clip.recordStart);
    const recordOut = rec(clip.recordStart + clip.recordFrames);
    const previous = model.clips[index - 1];
    if (previous && clip.joinIn && clip.joinIn.frames > 0) {
      // The outgoing take holds for no time at the edit point, then the dissolve brings this one in.
      const at = tc(previous.recordFrames);
      lines.push(eventLine(number, reelName(previous), 'C', '', [at, at, recordIn, recordIn]));
      lines.push(eventLine(number, reel, 'D', String(clip.joinIn.frames).padStart(3, '0'), [tc(0), tc(clip.recordFrames), recordIn, recordOut]));
      if (clip.joinIn.style !== 'dissolve') lines.push(`* EFFECT NAME: ${clip.joinIn.style.toUpperCase()}`);
    } else {
      lines.push(eventLine(number, reel, 'C', '', [tc(0), tc(clip.recordFrames), recordIn, recordOut]));
    }
    lines.push(`* FROM CLIP NAME: Scene ${clip.sceneNumber} Shot ${clip.numberInScene} v${clip.version}`);
    lines.push(`* SOURCE FILE: ${clip.mediaUrl}`);
    for (const note of clip.notes) {
      const first = note.frameIn ?? 0;
      const state = note.resolved ? 'RESOLVED' : 'OPEN';
      const span = note.frameIn === null ? 'whole take' : `frames ${first}-${note.frameOut ?? first}`;
      lines.push(`* LOC: ${rec(clip.recordStart + first)} ${markerColourName(note.colour).padEnd(7)} ${oneLine(note.text)}`);
      lines.push(`* NOTE: ${state} ${span} by ${oneLine(note.author)}`);
    }
    lines.push('');
  });
  if (model.missing.length > 0) lines.push(`* MISSING SHOTS: ${model.missing.map((slot) => slot.shotNumber).join(', ')}`, '');
  return lines.join('\r\n');
}
