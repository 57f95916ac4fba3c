/**
 * MP4 chapters through ffmpeg's metadata file format (FFMETADATA1), so a player's chapter menu
 * lists each shot by name.
 */

/** One chapter, in seconds on the output timeline. */
export interface ChapterMark {
  title: string;
  startSeconds: number;
  endSeconds: number;
}

/** Backslash-escapes the characters FFMETADATA treats as syntax (`=`, `;`, `#`, `\`, newline). */
function escapeMetadataValue(value: string): string {
  return value.replace(/[=;#\\\n]/g, (ch) => `\\${ch}`);
}

/**
 * The FFMETADATA1 text for `chapters` (millisecond time base). Chapters are made contiguous and
 * non-empty, since players drop or misplace chapters whose end is not after their start.
 */
export function ffmetadataText(chapters: readonly ChapterMark[]): string {
  const lines = [';FFMETADATA1'];
  let previousEnd = 0;
  for (const chapter of chapters) {
    const start = Math.max(previousEnd, Math.round(chapter.startSeconds * 1000));
    const end = Math.max(start + 1, Math.round(chapter.endSeconds * 1000));
    lines.push('[CHAPTER]', 'TIMEBASE=1/1000', `START=${start}`, `END=${end}`, `title=${escapeMetadataValue(chapter.title)}`);
    previousEnd = end;
  }
  return `${lines.join('\n')}\n`;
}
