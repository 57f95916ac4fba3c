/**
 * SMPTE timecode for frame-accurate notes. Frames are integers at the take's frame rate; frame 0
 * is the take's first frame. Pure functions shared by the server and the pages.
 *
 * 29.97 and 59.94 fps (30000/1001, 60000/1001) use drop-frame timecode written with ';' before
 * the frames: frame numbers ;00 and ;01 (;00–;03 at 59.94) are skipped at the start of every
 * minute except each tenth, so the timecode keeps step with the wall clock. Other rates count
 * frames at their rounded nominal rate (23.976 counts as 24, non-drop).
 */

const DAY_HOURS = 24;

/** The frames counted per timecode second, e.g. 30 for 29.97. */
function nominalRate(fps: number): number {
  if (!Number.isFinite(fps) || fps <= 0) throw new RangeError(`Frame rate must be a positive number, got ${fps}.`);
  return Math.max(1, Math.round(fps));
}

/** Frame numbers dropped per minute for drop-frame rates (2 at 29.97, 4 at 59.94), else 0. */
function droppedPerMinute(fps: number): number {
  if (Math.abs(fps - 30000 / 1001) < 0.005) return 2;
  if (Math.abs(fps - 60000 / 1001) < 0.005) return 4;
  return 0;
}

/** True when `fps` is written as drop-frame timecode. */
export function isDropFrame(fps: number): boolean {
  return droppedPerMinute(fps) > 0;
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The timecode "HH:MM:SS:FF" of `frame` (drop-frame "HH:MM:SS;FF" at 29.97/59.94), counted from
 * `startFrame` (e.g. 86400 shows frame 0 as 01:00:00:00 at 24 fps). Hours wrap at 24.
 */
export function toTimecode(frame: number, fps: number, startFrame = 0): string {
  if (!Number.isInteger(frame) || !Number.isInteger(startFrame) || frame + startFrame < 0) {
    throw new RangeError(`Timecode needs a whole, non-negative frame; got frame ${frame} from start ${startFrame}.`);
  }
  const rate = nominalRate(fps);
  const drop = droppedPerMinute(fps);
  let count = frame + startFrame;
  if (drop > 0) {
    // Renumber the real frame count to the timecode's frame numbers by adding back the skipped ones.
    const perMinute = rate * 60 - drop;
    const perTenMinutes = rate * 600 - 9 * drop;
    const tens = Math.floor(count / perTenMinutes);
    const rest = count % perTenMinutes;
    count += 9 * drop * tens + (rest > drop ? drop * Math.floor((rest - drop) / perMinute) : 0);
  }
  const frames = count % rate;
  const seconds = Math.floor(count / rate) % 60;
  const minutes = Math.floor(count / (rate * 60)) % 60;
  const hours = Math.floor(count / (rate * 3600)) % DAY_HOURS;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${drop > 0 ? ';' : ':'}${pad(frames)}`;
}

const TIMECODE = /^(\d{1,2}):(\d{2}):(\d{2})[:;.](\d{2,3})$/;

/**
 * The frame count that "HH:MM:SS:FF" (or drop-frame "HH:MM:SS;FF") stands for at `fps`, from
 * 00:00:00:00. Throws a RangeError naming the problem for text that is not a valid timecode.
 */
export function parseTimecode(text: string, fps: number): number {
  const match = TIMECODE.exec(text.trim());
  if (!match) throw new RangeError(`"${text}" is not a timecode; write it as HH:MM:SS:FF.`);
  const [hours, minutes, seconds, frames] = match.slice(1).map(Number) as [number, number, number, number];
  const rate = nominalRate(fps);
  if (minutes > 59 || seconds > 59 || frames >= rate) {
    throw new RangeError(`"${text}" is out of range: minutes and seconds go to 59 and frames to ${rate - 1}.`);
  }
  const drop = droppedPerMinute(fps);
  const totalMinutes = hours * 60 + minutes;
  if (drop > 0 && seconds === 0 && frames < drop && minutes % 10 !== 0) {
    throw new RangeError(`"${text}" does not exist in drop-frame timecode: frames ;00 to ;${pad(drop - 1)} are skipped at this minute.`);
  }
  const nominal = ((hours * 60 + minutes) * 60 + seconds) * rate + frames;
  return nominal - drop * (totalMinutes - Math.floor(totalMinutes / 10));
}

/** The frame shown at `seconds` into a take (the small epsilon absorbs float error at frame boundaries). */
export function frameAt(seconds: number, fps: number): number {
  return Math.floor(seconds * fps + 1e-6);
}

/** The time to seek to for `frame`: the middle of the frame, so the browser shows exactly that frame. */
export function secondsOf(frame: number, fps: number): number {
  return (frame + 0.5) / fps;
}
