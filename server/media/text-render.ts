/**
 * Text for drawtext: font choice (Noto CJK when the text holds CJK, DejaVu otherwise), greedy line
 * wrapping, and `drawtext` filters that read their text from files. Text never goes inline into a
 * filtergraph: quotes, colons, commas, percent signs and CJK would each need their own escaping.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { filter } from './filtergraph.ts';

const FONT_CANDIDATES = {
  regular: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
    '/usr/local/share/fonts/DejaVuSans.ttf',
  ],
  bold: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
    '/usr/local/share/fonts/DejaVuSans-Bold.ttf',
  ],
  cjk: [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
    '/opt/homebrew/share/fonts/NotoSansCJK-Regular.ttc',
  ],
} as const;

/** fontconfig family names, used when no known font file exists on this machine. */
const FONT_FAMILIES = { regular: 'DejaVu Sans', bold: 'DejaVu Sans:style=Bold', cjk: 'Noto Sans CJK SC' } as const;

type FontRole = keyof typeof FONT_CANDIDATES;

const resolvedFonts = new Map<FontRole, { fontfile?: string; font?: string }>();

function fontFor(role: FontRole): { fontfile?: string; font?: string } {
  let found = resolvedFonts.get(role);
  if (!found) {
    const file = FONT_CANDIDATES[role].find((candidate) => existsSync(candidate));
    found = file ? { fontfile: file } : { font: FONT_FAMILIES[role] };
    resolvedFonts.set(role, found);
  }
  return found;
}

const CJK = /[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3134f}]/u;

/** True when `text` holds Chinese, Japanese or Korean characters. */
export function containsCjk(text: string): boolean {
  return CJK.test(text);
}

/** Rough advance of one character in ems; DejaVu Sans is wide, CJK is square. */
function charWidthEm(ch: string): number {
  if (CJK.test(ch)) return 1;
  if (/[iljtf.,:;'!|ı ]/.test(ch)) return 0.34;
  if (/[MWmw@]/.test(ch)) return 0.9;
  if (/[A-Z0-9]/.test(ch)) return 0.68;
  return 0.58;
}

function measureEm(text: string): number {
  let total = 0;
  for (const ch of text) total += charWidthEm(ch);
  return total;
}

/**
 * Wraps `text` into lines no wider than `maxWidthPx` at `fontSize`, breaking Latin text at spaces
 * and CJK text between any two characters. At most `maxLines` lines; a cut text ends with "…".
 */
export function wrapText(text: string, fontSize: number, maxWidthPx: number, maxLines = Infinity): string[] {
  const maxEm = Math.max(1, maxWidthPx / fontSize);
  const words = text.replace(/\s+/g, ' ').trim().split(/(?<=\s)|(?=[\u3000-\u9fff\uac00-\ud7ff\uff00-\uffef])|(?<=[\u3000-\u9fff\uac00-\ud7ff\uff00-\uffef])/u);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (word === '') continue;
    const candidate = line + word;
    if (measureEm(candidate.trimEnd()) <= maxEm || line.trim() === '') {
      // A single word wider than the line is cut hard rather than overflowing the frame.
      if (measureEm(candidate.trimEnd()) > maxEm) {
        let piece = '';
        for (const ch of candidate) {
          if (measureEm(piece + ch) > maxEm && piece) {
            lines.push(piece);
            piece = '';
          }
          piece += ch;
        }
        line = piece;
      } else {
        line = candidate;
      }
    } else {
      lines.push(line.trimEnd());
      line = word.trimStart();
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  let cut = last;
  while (cut.length > 0 && measureEm(`${cut}…`) > maxEm) cut = [...cut].slice(0, -1).join('');
  kept[maxLines - 1] = `${cut.trimEnd()}…`;
  return kept;
}

export interface DrawTextOptions {
  /** Lines of text; written to a file in the work folder. */
  lines: string[];
  fontSize: number;
  bold?: boolean;
  /** drawtext x/y expressions (they may use w, h, text_w, text_h, t). */
  x: string;
  y: string;
  colour?: string;
  /** Translucent box behind the text. */
  box?: { colour: string; border: number };
  shadow?: boolean;
  /** drawtext `enable` expression, for timed text. */
  enable?: string;
}

/**
 * Collects drawtext filters for one render. Text files are written into `workDir` with plain names
 * (`text-0.txt`…) and ffmpeg runs with `cwd = workDir`, so no path ever needs escaping.
 */
export class TextLayer {
  readonly #workDir: string;
  readonly #files: { name: string; content: string }[] = [];

  constructor(workDir: string) {
    this.#workDir = workDir;
  }

  /** Returns a drawtext filter for `options`; its file is written by `writeFiles()`. */
  drawtext(options: DrawTextOptions): string {
    const content = options.lines.map((line) => line.replace(/[\r\n\t]+/g, ' ')).join('\n');
    const name = `text-${this.#files.length}.txt`;
    this.#files.push({ name, content });
    const font = containsCjk(content) ? fontFor('cjk') : fontFor(options.bold ? 'bold' : 'regular');
    return filter('drawtext', {
      ...font,
      textfile: name,
      // Without this, drawtext reads "%" and "\" in the text as its own expansion syntax.
      expansion: 'none',
      fontsize: options.fontSize,
      fontcolor: options.colour ?? 'white',
      line_spacing: Math.round(options.fontSize * 0.25),
      x: options.x,
      y: options.y,
      box: options.box ? 1 : undefined,
      boxcolor: options.box?.colour,
      boxborderw: options.box?.border,
      shadowcolor: options.shadow ? 'black@0.6' : undefined,
      shadowx: options.shadow ? 2 : undefined,
      shadowy: options.shadow ? 2 : undefined,
      enable: options.enable,
    });
  }

  /** Writes every text file the filters refer to. */
  async writeFiles(): Promise<void> {
    await Promise.all(this.#files.map((file) => writeFile(join(this.#workDir, file.name), file.content, 'utf8')));
  }
}
