/**
 * Note drawings on the storyboard's poster frames: each shape, stored relative to the picture
 * (0..1 on both axes, a stroke's width relative to its width, a text's size to its height), drawn
 * as vectors over the poster where it sits on the page, clipped to it, with the note's number
 * beside its first shape so the drawing can be matched to the note below.
 */
import type { NoteDrawing } from '../../src/lib/api/notes.schema.ts';
import type { PdfFonts } from './pdf-fonts.ts';
import { writeRuns } from './storyboard-text.ts';

type Shape = NoteDrawing['shapes'][number];

/** Where the poster sits on the page, in points. */
export interface PictureBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The point on the page of a picture-relative point. */
const at = (box: PictureBox, x: number, y: number): [number, number] => [box.x + x * box.width, box.y + y * box.height];

/** Where a shape starts, picture-relative: where its note's number goes. */
function anchorOf(shape: Shape): [number, number] {
  switch (shape.kind) {
    case 'freehand':
      return shape.points[0]!;
    case 'arrow':
      return shape.from;
    case 'rect':
      return [shape.x, shape.y];
    case 'ellipse':
      return [shape.cx - shape.rx, shape.cy - shape.ry];
    case 'text':
      return [shape.x, shape.y];
  }
}

function drawShape(doc: PDFKit.PDFDocument, fonts: PdfFonts, box: PictureBox, shape: Shape): void {
  if (shape.kind === 'text') {
    const size = Math.max(4, shape.size * box.height);
    const [x, y] = at(box, shape.x, shape.y);
    doc.fillColor(shape.color);
    writeRuns(doc, fonts, shape.text, x, y, { size, lineBreak: false });
    return;
  }
  const stroke = Math.max(0.5, shape.width * box.width);
  doc.lineWidth(stroke).lineCap('round').lineJoin('round').strokeColor(shape.color);
  switch (shape.kind) {
    case 'freehand': {
      const [first, ...rest] = shape.points.map(([x, y]) => at(box, x, y));
      doc.moveTo(...first!);
      for (const point of rest) doc.lineTo(...point);
      doc.stroke();
      return;
    }
    case 'arrow': {
      const from = at(box, ...shape.from);
      const to = at(box, ...shape.to);
      const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
      const barb = Math.max(4, stroke * 4);
      const side = (turn: number): [number, number] => [to[0] - barb * Math.cos(angle + turn), to[1] - barb * Math.sin(angle + turn)];
      doc.moveTo(...from).lineTo(...to).stroke();
      doc.moveTo(...side(Math.PI / 6)).lineTo(...to).lineTo(...side(-Math.PI / 6)).stroke();
      return;
    }
    case 'rect': {
      const [x, y] = at(box, shape.x, shape.y);
      doc.rect(x, y, shape.w * box.width, shape.h * box.height).stroke();
      return;
    }
    case 'ellipse': {
      const [cx, cy] = at(box, shape.cx, shape.cy);
      doc.ellipse(cx, cy, shape.rx * box.width, shape.ry * box.height).stroke();
      return;
    }
  }
}

/** A small numbered disc in `colour` at (x, y): which note a drawing belongs to. */
export function noteBadge(doc: PDFKit.PDFDocument, fonts: PdfFonts, number: number, colour: string, x: number, y: number): void {
  const radius = 5.5;
  doc.circle(x, y, radius).fill(colour);
  const label = String(number);
  doc.font(fonts.latin).fontSize(7).fillColor('#ffffff');
  doc.text(label, x - radius, y - 3.6, { width: radius * 2, align: 'center', lineBreak: false });
}

/**
 * Draws every note's shapes over the poster at `box`, clipped to it, each note's number at its
 * first shape. `drawings` pairs a note's number and colour with its drawing.
 */
export function drawNoteDrawings(
  doc: PDFKit.PDFDocument,
  fonts: PdfFonts,
  box: PictureBox,
  drawings: { number: number; colour: string; drawing: NoteDrawing }[],
): void {
  if (drawings.length === 0) return;
  doc.save();
  doc.rect(box.x, box.y, box.width, box.height).clip();
  for (const { drawing } of drawings) for (const shape of drawing.shapes) drawShape(doc, fonts, box, shape);
  for (const { number, colour, drawing } of drawings) {
    const [x, y] = at(box, ...anchorOf(drawing.shapes[0]!));
    const inside = (value: number, start: number, size: number) => Math.min(start + size - 6, Math.max(start + 6, value));
    noteBadge(doc, fonts, number, colour, inside(x, box.x, box.width), inside(y, box.y, box.height));
  }
  doc.restore();
}
