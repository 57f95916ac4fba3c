/**
 * Reads a screenplay file's bytes as text. A file is taken as UTF-16 when it starts with a UTF-16
 * byte order mark, and as UTF-8 otherwise (with or without its mark); anything else (Latin-1,
 * GBK, a binary file) is refused with what to do, rather than read into text with replacement
 * characters where the letters were.
 */

export type ScreenplayFileText = { ok: true; text: string } | { ok: false; error: string };

/** Tab, line feed, form feed and carriage return: the only control codes a screenplay holds. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);

/** True when `text` holds a control code no text file has (other than tab, line breaks, form feed): binary data. */
export function hasBinaryCodes(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && !TEXT_CONTROLS.has(code)) || code === 0x7f) return true;
  }
  return false;
}

/** True when `text` was read in the wrong encoding: it holds replacement characters (U+FFFD) or binary codes. */
export function looksMisread(text: string): boolean {
  return text.includes('\uFFFD') || hasBinaryCodes(text);
}

export function decodeScreenplayFile(bytes: Uint8Array): ScreenplayFileText {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  let text: string;
  try {
    // The decoder drops the byte order mark itself.
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      error: `This file is not ${encoding === 'utf-8' ? 'UTF-8' : 'valid UTF-16'} text, so its encoding is unknown: save it as UTF-8 (or UTF-16 with a byte order mark) and choose it again.`,
    };
  }
  if (hasBinaryCodes(text)) return { ok: false, error: 'This file holds control codes no screenplay has (it looks like a binary file): choose the .fountain or .txt file of the screenplay.' };
  return { ok: true, text };
}
