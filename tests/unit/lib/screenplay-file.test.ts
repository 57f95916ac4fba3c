import { describe, expect, it } from 'vitest';
import { decodeScreenplayFile } from '../../../src/lib/screenplay-file.ts';

const SCENE = 'INT. CAFÉ - 夜\n\nMARA\n(quietly)\nHello.\n';

/** `text` as UTF-16 with its byte order mark, written out byte by byte. */
function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = [order === 'le' ? 0xff : 0xfe, order === 'le' ? 0xfe : 0xff];
  for (const unit of Array.from({ length: text.length }, (_, index) => text.charCodeAt(index))) {
    const [high, low] = [unit >> 8, unit & 0xff];
    bytes.push(...(order === 'le' ? [low, high] : [high, low]));
  }
  return new Uint8Array(bytes);
}

describe('reading a screenplay file', () => {
  it('reads UTF-8 with and without its byte order mark', () => {
    expect(decodeScreenplayFile(new TextEncoder().encode(SCENE))).toEqual({ ok: true, text: SCENE });
    expect(decodeScreenplayFile(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SCENE)]))).toEqual({ ok: true, text: SCENE });
  });

  it('reads UTF-16 in either byte order when it starts with its byte order mark', () => {
    expect(decodeScreenplayFile(utf16(SCENE, 'le'))).toEqual({ ok: true, text: SCENE });
    expect(decodeScreenplayFile(utf16(SCENE, 'be'))).toEqual({ ok: true, text: SCENE });
  });

  it('refuses Latin-1 bytes, naming the encoding problem and the fix', () => {
    // "INT. CAFÉ - DAY" with É as the single Latin-1 byte 0xC9.
    const latin1 = new Uint8Array([...Buffer.from('INT. CAF'), 0xc9, ...Buffer.from(' - DAY\n')]);
    const read = decodeScreenplayFile(latin1);
    expect(read.ok).toBe(false);
    expect(read.ok === false && read.error).toMatch(/not UTF-8 text, so its encoding is unknown: save it as UTF-8/);
  });

  it('refuses a binary file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(decodeScreenplayFile(png).ok).toBe(false);
    // Valid UTF-8 that still holds control codes is no text file either.
    const read = decodeScreenplayFile(new Uint8Array([0x49, 0x4e, 0x54, 0x01, 0x02, 0x03]));
    expect(read.ok === false && read.error).toMatch(/binary file/);
  });
});
