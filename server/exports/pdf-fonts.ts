/**
 * Fonts of the storyboard PDF, embedded in it: DejaVu Sans for Latin (and Greek, Cyrillic and the
 * signs the layout uses) and Noto Sans CJK for Chinese, Japanese and Korean, each text run set in
 * the font that has its glyphs. A machine without DejaVu falls back to PDF's built-in Helvetica
 * (not embedded, Latin-1 only); one without Noto Sans CJK (Debian: fonts-noto-cjk) sets CJK text in
 * the Latin font, where it shows as missing glyphs.
 */
import { readFileSync } from 'node:fs';

export interface FontFiles {
  /** A TrueType font for Latin text. */
  latin: string;
  /** A TrueType/OpenType collection (or font) for CJK text, and the face to take from a collection. */
  cjk: string;
  cjkFace: string;
}

const DEFAULT_FILES: FontFiles = {
  latin: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  cjk: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  // The Japanese face: the collection's faces share their glyphs for Chinese and Korean text too.
  cjkFace: 'NotoSansCJKjp-Regular',
};

/** The font files of the storyboard: DAILIES_PDF_FONT_LATIN / DAILIES_PDF_FONT_CJK, else Debian's paths. */
export function storyboardFontFiles(env: NodeJS.ProcessEnv = process.env): FontFiles {
  return {
    latin: env.DAILIES_PDF_FONT_LATIN || DEFAULT_FILES.latin,
    cjk: env.DAILIES_PDF_FONT_CJK || DEFAULT_FILES.cjk,
    cjkFace: env.DAILIES_PDF_FONT_CJK_FACE || DEFAULT_FILES.cjkFace,
  };
}

/** Font files read once per process; undefined for a file that is not there. */
const cache = new Map<string, Buffer | undefined>();
function fontBytes(path: string): Buffer | undefined {
  if (!cache.has(path)) {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(path);
    } catch {
      bytes = undefined;
    }
    cache.set(path, bytes);
  }
  return cache.get(path);
}

/** The names to pass to doc.font() for each kind of text. */
export interface PdfFonts {
  latin: string;
  cjk: string;
}

interface FontRegistry {
  registerFont(name: string, src?: Buffer, family?: string): unknown;
}

/** Registers the storyboard's fonts on `doc` and answers their names (built-in Helvetica for a missing Latin font). */
export function registerStoryboardFonts(doc: FontRegistry, files: FontFiles = storyboardFontFiles()): PdfFonts {
  const latinBytes = fontBytes(files.latin);
  const cjkBytes = fontBytes(files.cjk);
  const latin = latinBytes ? 'latin' : 'Helvetica';
  if (latinBytes) doc.registerFont('latin', latinBytes);
  if (!cjkBytes) return { latin, cjk: latin };
  if (files.cjk.toLowerCase().endsWith('.ttc')) doc.registerFont('cjk', cjkBytes, files.cjkFace);
  else doc.registerFont('cjk', cjkBytes);
  return { latin, cjk: 'cjk' };
}

/** Han, kana, Hangul, CJK punctuation and full-width forms: the text set in the CJK font. */
const CJK = /[\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u30ff\u3100-\u31ff\u3200-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3134f}]/u;

export interface TextRun {
  cjk: boolean;
  text: string;
}

/**
 * `text` cut into runs of CJK and other characters. Spaces and line breaks stay in the run they
 * follow, so a run never starts with a font change at a space.
 */
export function textRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const ch of text) {
    const last = runs.at(-1);
    const neutral = /\s/.test(ch);
    const cjk = neutral && last ? last.cjk : CJK.test(ch);
    if (last && last.cjk === cjk) last.text += ch;
    else runs.push({ cjk, text: ch });
  }
  return runs;
}
