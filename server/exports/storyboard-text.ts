/**
 * Text on the storyboard's pages: each run in the font that has its glyphs (pdf-fonts.ts), and
 * paragraphs kept inside a box, cut with an ellipsis where they would run past it (a box never
 * spills onto a new page).
 */
import { textRuns, type PdfFonts } from './pdf-fonts.ts';

interface RunOptions {
  size: number;
  width?: number;
  height?: number;
  lineBreak?: boolean;
  ellipsis?: boolean;
  lineGap?: number;
}

/** Writes `text` at (x, y), switching fonts between Latin and CJK runs; the fill colour is the caller's. */
export function writeRuns(doc: PDFKit.PDFDocument, fonts: PdfFonts, text: string, x: number, y: number, options: RunOptions): void {
  const runs = textRuns(text);
  const { size, ...rest } = options;
  runs.forEach((run, index) => {
    doc.font(run.cjk ? fonts.cjk : fonts.latin).fontSize(size);
    const continued = index < runs.length - 1;
    if (index === 0) doc.text(run.text, x, y, { ...rest, continued });
    else doc.text(run.text, { continued });
  });
}

/** A box on the page that paragraphs fill from the top. */
export interface TextBox {
  x: number;
  width: number;
  /** Where the next paragraph starts. */
  y: number;
  /** The box's lower edge. */
  bottom: number;
}

/**
 * Writes a paragraph of `text` at the top of what is left of `box` (cut with … when it does not
 * fit) and moves the box's top below it; writes nothing when not even one line fits.
 */
export function paragraph(doc: PDFKit.PDFDocument, fonts: PdfFonts, box: TextBox, text: string, style: { size: number; colour: string; gap?: number }): void {
  if (text === '') return;
  const lineHeight = style.size * 1.25;
  if (box.y + lineHeight > box.bottom) return;
  doc.fillColor(style.colour);
  writeRuns(doc, fonts, text, box.x, box.y, { size: style.size, width: box.width, height: box.bottom - box.y, ellipsis: true, lineGap: 0.5 });
  box.y = Math.max(box.y + lineHeight, doc.y) + (style.gap ?? 2);
}
