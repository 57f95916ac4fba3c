/**
 * The cut as a storyboard PDF (A4 portrait, three takes a page, fonts embedded), streamed as it is
 * written: per take its poster frame with the open notes' drawings over it, scene and shot number,
 * size and camera, its place on the cut, the dialogue, the take's decision and open notes, and
 * what made it (the shot list's fields, shot-list-csv.ts). Each poster is read from storage only
 * when its page is reached.
 */
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { Storage } from '../storage/storage.ts';
import type { CutClip, CutModel, CutNote } from './cut-model.ts';
import { registerStoryboardFonts, type PdfFonts } from './pdf-fonts.ts';
import { drawNoteDrawings, noteBadge, type PictureBox } from './storyboard-drawing.ts';
import { paragraph, writeRuns, type TextBox } from './storyboard-text.ts';
import { ndfTimecode } from './timecode.ts';

/** Takes on one page. */
const SHOTS_PER_PAGE = 3;

const PAGE = { width: 595.28, height: 841.89, margin: 36 };
const HEADER = 42;
const GAP = 10;
const SLOT = (PAGE.height - 2 * PAGE.margin - HEADER - GAP * (SHOTS_PER_PAGE - 1)) / SHOTS_PER_PAGE;
const POSTER = { width: 232, height: 140 };
const INK = '#1f2328';
const MUTED = '#59636e';

/** A note's frames as the shot list writes them. */
const frameLabel = (note: CutNote) => (note.frameIn === null ? 'whole take' : `frames ${note.frameIn}–${note.frameOut ?? note.frameIn}`);

/** The pages the storyboard of `model` has: one per SHOTS_PER_PAGE takes. */
function storyboardPages(model: Pick<CutModel, 'clips'>): number {
  return Math.max(1, Math.ceil(model.clips.length / SHOTS_PER_PAGE));
}

/** The whole of a stored object, or undefined when it cannot be read. */
async function readAll(storage: Storage, key: string): Promise<Buffer | undefined> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.read(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch {
    return undefined;
  }
}

interface Picture {
  width: number;
  height: number;
}

interface ImageOpener {
  openImage(src: Buffer): Picture;
}

/** The largest box of the picture's shape inside the poster area, centred. */
function fit(picture: Picture, x: number, y: number): PictureBox {
  const scale = Math.min(POSTER.width / picture.width, POSTER.height / picture.height);
  const width = picture.width * scale;
  const height = picture.height * scale;
  return { x: x + (POSTER.width - width) / 2, y: y + (POSTER.height - height) / 2, width, height };
}

function header(doc: PDFKit.PDFDocument, fonts: PdfFonts, model: CutModel, page: number, pages: number): void {
  const top = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  doc.fillColor(INK);
  writeRuns(doc, fonts, model.title, PAGE.margin, top, { size: 14, width: width - 80, height: 18, ellipsis: true, lineBreak: false });
  doc.fillColor(MUTED).font(fonts.latin).fontSize(8);
  doc.text(`Page ${page} of ${pages}`, PAGE.width - PAGE.margin - 80, top + 3, { width: 80, align: 'right', lineBreak: false });
  const scope = model.scene === null ? 'Whole episode' : `Scene ${model.scene}`;
  const missing = model.missing.length > 0 ? ` · not in this cut (no approved take): shots ${model.missing.map((slot) => slot.shotNumber).join(', ')}` : '';
  doc.fillColor(MUTED).font(fonts.latin).fontSize(8);
  doc.text(`Storyboard · ${scope} · ${model.clips.length} take${model.clips.length === 1 ? '' : 's'} · ${model.fps} fps, ${model.width}×${model.height}${missing}`, PAGE.margin, top + 20, {
    width,
    height: 12,
    ellipsis: true,
    lineBreak: false,
  });
  doc
    .moveTo(PAGE.margin, top + HEADER - 6)
    .lineTo(PAGE.width - PAGE.margin, top + HEADER - 6)
    .lineWidth(0.5)
    .strokeColor('#d0d7de')
    .stroke();
}

function noPoster(doc: PDFKit.PDFDocument, fonts: PdfFonts, x: number, y: number): PictureBox {
  const box = fit({ width: 16, height: 9 }, x, y);
  doc.rect(box.x, box.y, box.width, box.height).fill('#eaeef2');
  doc.fillColor(MUTED).font(fonts.latin).fontSize(8);
  doc.text('No poster frame', box.x, box.y + box.height / 2 - 4, { width: box.width, align: 'center', lineBreak: false });
  return box;
}

async function poster(doc: PDFKit.PDFDocument, fonts: PdfFonts, storage: Storage, clip: CutClip, x: number, y: number): Promise<PictureBox> {
  const bytes = clip.posterKey ? await readAll(storage, clip.posterKey) : undefined;
  if (!bytes) return noPoster(doc, fonts, x, y);
  let picture: Picture;
  try {
    picture = (doc as unknown as ImageOpener).openImage(bytes);
  } catch {
    return noPoster(doc, fonts, x, y);
  }
  const box = fit(picture, x, y);
  doc.image(picture as unknown as Buffer, box.x, box.y, { width: box.width, height: box.height });
  return box;
}

/** One take in the slot whose top is `top`. */
async function shot(doc: PDFKit.PDFDocument, fonts: PdfFonts, storage: Storage, model: CutModel, clip: CutClip, top: number): Promise<void> {
  const left = PAGE.margin;
  const bottom = top + SLOT;
  const open = clip.notes.filter((note) => !note.resolved);
  const picture = await poster(doc, fonts, storage, clip, left, top);
  drawNoteDrawings(
    doc,
    fonts,
    picture,
    open.flatMap((note, index) => (note.drawing ? [{ number: index + 1, colour: note.colour, drawing: note.drawing }] : [])),
  );

  const rec = (frame: number) => ndfTimecode(frame, model.fps, model.timecodeStartFrame);
  const side: TextBox = { x: left + POSTER.width + 12, width: PAGE.width - PAGE.margin - (left + POSTER.width + 12), y: top, bottom: top + POSTER.height + 26 };
  paragraph(doc, fonts, side, `Scene ${clip.sceneNumber} · Shot ${clip.numberInScene}`, { size: 13, colour: INK, gap: 1 });
  paragraph(doc, fonts, side, `Shot ${clip.shotNumber} of the episode${clip.sceneHeading ? ` · ${clip.sceneHeading}` : ''}`, { size: 8, colour: MUTED });
  paragraph(doc, fonts, side, `${clip.size} · ${clip.camera}${clip.cameraNote ? ` — ${clip.cameraNote}` : ''}`, { size: 9, colour: INK });
  paragraph(doc, fonts, side, `Take v${clip.version} · ${clip.decision} · ${rec(clip.recordStart)}–${rec(clip.recordStart + clip.recordFrames)} · ${clip.recordFrames} frames`, {
    size: 8,
    colour: INK,
    gap: 5,
  });
  if (clip.dialogue) {
    paragraph(doc, fonts, side, 'Dialogue', { size: 7, colour: MUTED, gap: 1 });
    const lines = clip.dialogue.split('\n');
    for (const [index, line] of lines.entries()) {
      if (index < lines.length - 1 && side.y + 2 * 11.25 > side.bottom) {
        paragraph(doc, fonts, side, `+${lines.length - index} more line${lines.length - index === 1 ? '' : 's'}: all are in the shot list (.csv)`, { size: 7.5, colour: MUTED });
        break;
      }
      paragraph(doc, fonts, side, line, { size: 9, colour: INK, gap: 1 });
    }
  }

  const below: TextBox = { x: left, width: PAGE.width - 2 * PAGE.margin, y: Math.max(top + POSTER.height, side.y) + 6, bottom };
  if (open.length > 0) {
    paragraph(doc, fonts, below, `Open notes (${open.length})`, { size: 7, colour: MUTED, gap: 1 });
    // Room is kept for the provenance line and, when not every note fits, a line saying how many are left.
    const notesBottom = below.bottom - 22;
    for (const [index, note] of open.entries()) {
      if (below.y + 11 > notesBottom) {
        paragraph(doc, fonts, below, `+${open.length - index} more open note${open.length - index === 1 ? '' : 's'}: all are in the shot list (.csv)`, { size: 7.5, colour: MUTED });
        break;
      }
      noteBadge(doc, fonts, index + 1, note.colour, below.x + 5.5, below.y + 5);
      const line: TextBox = { x: below.x + 15, width: below.width - 15, y: below.y, bottom: notesBottom };
      paragraph(doc, fonts, line, `${frameLabel(note)} · ${note.author}: ${note.text || '(drawing)'}`, { size: 8.5, colour: INK, gap: 1.5 });
      below.y = line.y;
    }
  }
  const provenance = [clip.provider, clip.model, clip.seed === null ? null : `seed ${clip.seed}`].filter((part) => part !== null && part !== '').join(' · ');
  paragraph(doc, fonts, below, `${provenance}${clip.prompt ? ` — ${clip.prompt}` : ''}`, { size: 7, colour: MUTED });
}

async function writeStoryboard(doc: PDFKit.PDFDocument, fonts: PdfFonts, model: CutModel, storage: Storage): Promise<void> {
  const pages = storyboardPages(model);
  for (let page = 0; page < pages; page++) {
    // A download given up (the client went away) reads no more posters.
    if (doc.destroyed) return;
    doc.addPage({ size: 'A4', margin: 0 });
    header(doc, fonts, model, page + 1, pages);
    const clips = model.clips.slice(page * SHOTS_PER_PAGE, (page + 1) * SHOTS_PER_PAGE);
    for (const [index, clip] of clips.entries()) {
      const top = PAGE.margin + HEADER + index * (SLOT + GAP);
      await shot(doc, fonts, storage, model, clip, top);
      if (index < clips.length - 1) {
        doc
          .moveTo(PAGE.margin, top + SLOT + GAP / 2)
          .lineTo(PAGE.width - PAGE.margin, top + SLOT + GAP / 2)
          .lineWidth(0.5)
          .strokeColor('#eaeef2')
          .stroke();
      }
    }
  }
}

/**
 * The storyboard of `model` as a PDF stream. Pages are written as the posters arrive; a failure
 * part-way ends the stream with that error.
 */
export function storyboardStream(model: CutModel, storage: Storage): Readable {
  const scope = model.scene === null ? '' : ` — scene ${model.scene}`;
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: `${model.title}${scope}: storyboard`, Creator: 'Dailies' }, displayTitle: true });
  const fonts = registerStoryboardFonts(doc);
  writeStoryboard(doc, fonts, model, storage).then(
    () => {
      if (!doc.destroyed) doc.end();
    },
    (error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return doc;
}
