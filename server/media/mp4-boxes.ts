/**
 * Walking an MP4's boxes: the top-level boxes of a file by their headers, to read its `moov` (the
 * index) without reading the media, and the boxes nested in a buffer.
 */
import { open } from 'node:fs/promises';

/** Larger indexes are left to ffprobe (a 5-minute clip's index is well under 1 MB). */
const MAX_MOOV_BYTES = 16 * 1024 * 1024;

export interface Box {
  type: string;
  /** Payload start and end, relative to the buffer. */
  start: number;
  end: number;
}

export function* boxes(buffer: Buffer, start: number, end: number): Generator<Box> {
  let offset = start;
  while (offset + 8 <= end) {
    let size = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > end) return;
      size = Number(buffer.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end) return;
    yield { type, start: offset + header, end: offset + size };
    offset += size;
  }
}

export function child(buffer: Buffer, parent: Box, type: string): Box | undefined {
  for (const box of boxes(buffer, parent.start, parent.end)) if (box.type === type) return box;
  return undefined;
}

export function path(buffer: Buffer, parent: Box | undefined, ...types: string[]): Box | undefined {
  let box = parent;
  for (const type of types) box = box && child(buffer, box, type);
  return box;
}

/** Reads the `moov` box of `file`, walking the top-level boxes by their headers. */
export async function readMoov(file: string): Promise<{ moov: Buffer; fileSize: number } | undefined> {
  const handle = await open(file, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    const header = Buffer.alloc(16);
    let offset = 0;
    while (offset + 8 <= fileSize) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8) return undefined;
      let size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      let headerSize = 8;
      if (size === 1) {
        if (bytesRead < 16) return undefined;
        size = Number(header.readBigUInt64BE(8));
        headerSize = 16;
      } else if (size === 0) {
        size = fileSize - offset;
      }
      if (size < headerSize || offset + size > fileSize) return undefined;
      if (type === 'moov') {
        if (size > MAX_MOOV_BYTES) return undefined;
        const moov = Buffer.alloc(size);
        const read = await handle.read(moov, 0, size, offset);
        return read.bytesRead === size ? { moov, fileSize } : undefined;
      }
      offset += size;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

/** readMoov, with any failure to read the file (missing, unreadable) as undefined. */
export async function readMoovQuietly(file: string): Promise<{ moov: Buffer; fileSize: number } | undefined> {
  try {
    return await readMoov(file);
  } catch {
    return undefined;
  }
}
