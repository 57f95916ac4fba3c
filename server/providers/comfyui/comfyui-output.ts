/**
 * Reading a ComfyUI job's output: which file its output node saved, and whether the downloaded
 * file really is a video (a workflow can save pictures, or a server can answer with a page).
 */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';

const VIDEO_FILE = /\.(mp4|m4v|mov|webm|mkv|gif)$/i;

/** The first video file an output node lists: VHS_VideoCombine under `gifs`, SaveVideo under `images`. */
export function videoFileOf(output: unknown): { filename: string; subfolder?: string; type?: string } | undefined {
  if (!output || typeof output !== 'object') return undefined;
  for (const key of ['gifs', 'videos', 'video', 'images']) {
    const list = (output as Record<string, unknown>)[key];
    if (!Array.isArray(list)) continue;
    const file = list.find((entry) => entry && typeof entry.filename === 'string' && VIDEO_FILE.test(entry.filename));
    if (file) return file;
  }
  return undefined;
}

/** The container a file's first bytes show, as a MIME type; undefined for anything that is not a video. */
export async function videoTypeOf(path: string): Promise<string | undefined> {
  const head = Buffer.alloc(12);
  const file = await open(path, 'r');
  try {
    await file.read(head, 0, 12, 0);
  } finally {
    await file.close();
  }
  const box = head.toString('latin1', 4, 8);
  if (['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].includes(box)) return head.toString('latin1', 8, 10) === 'qt' ? 'video/quicktime' : 'video/mp4';
  if (head.readUInt32BE(0) === 0x1a45dfa3) return extname(path) === '.mkv' ? 'video/x-matroska' : 'video/webm';
  if (head.toString('latin1', 0, 4) === 'GIF8') return 'image/gif';
  return undefined;
}

