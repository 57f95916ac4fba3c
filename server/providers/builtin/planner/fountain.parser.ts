/**
 * A reader for Fountain screenplays (https://fountain.io/syntax): title page, scene headings
 * (INT./EXT./EST./INT./EXT./I/E, or forced with "."), character cues with extensions and dual
 * marks, parentheticals, dialogue, transitions, centered text, sections, synopses, page breaks,
 * and action. Notes ([[…]]) and the boneyard (/* … *\/) are dropped before anything else.
 * It is lenient where writers often are: a heading needs no blank line after it, and a short line
 * of Chinese characters followed by speech is a cue, since Chinese has no capitals to mark one.
 */

export interface DialogueLine {
  /** "(quietly)" without the parentheses; undefined for spoken lines. */
  parenthetical?: string;
  text: string;
  /** Sung: written as lyrics ("~Happy birthday to you"). */
  lyric?: boolean;
}

export type FountainElement =
  | { type: 'scene_heading'; text: string; sceneNumber: string | undefined }
  | { type: 'action'; text: string }
  | { type: 'dialogue'; character: string; extensions: string[]; dual: boolean; lines: DialogueLine[] }
  | { type: 'transition'; text: string }
  | { type: 'centered'; text: string }
  | { type: 'section'; text: string; depth: number }
  | { type: 'synopsis'; text: string }
  | { type: 'page_break' };

export interface FountainDocument {
  /** Title page keys in lower case ("title", "credit", "author", "draft date", …). */
  titlePage: Record<string, string>;
  elements: FountainElement[];
}

const TITLE_KEYS = /^(title|credit|author|authors|source|draft date|date|contact|copyright|notes|revision|logline|synopsis|标题|片名|作者|编剧|日期|联系方式)\s*[:：]/i;
const CHINESE_KEYS: Record<string, string> = { 标题: 'title', 片名: 'title', 作者: 'author', 编剧: 'author', 日期: 'date', 联系方式: 'contact' };
const HEADING = /^(?:int\.?\/ext|ext\.?\/int|i\/e|int|ext|est)[.\s]|^(?:内景|外景|内\/外景|内外景)[\s.：:]/i;
const TRANSITION =
  /^[A-Z0-9 .'’-]+ TO:$|^(?:FADE (?:IN|OUT)|FADE TO BLACK|CUT TO BLACK|SMASH CUT|THE END)[.:]?$|^(?:切至|切到|切换至|硬切|叠化|叠化至|叠化到|化入|化出|溶至|淡入|淡出|渐隐|渐显|黑场|转场)\s*[:：]?$/;
/** A parenthetical under a cue, in ASCII or full-width brackets: "(quietly)", "（小声）". */
const PARENTHETICAL = /^[(（](.*)[)）]$/;
const REMOVED = '\u0001';
/** A cue's extension, in ASCII or full-width brackets: "(V.O.)", "（画外音）". */
const EXTENSION = /\s*[(（]([^)）]*)[)）]/g;

/** Parses Fountain text into a title page and a flat list of elements. Never throws. */
export function parseFountain(source: string): FountainDocument {
  const lines = stripNotesAndBoneyard(source.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, ''));
  const { titlePage, bodyStart } = readTitlePage(lines);
  const elements: FountainElement[] = [];
  let index = bodyStart;
  const blank = (at: number) => (lines[at] ?? '').trim() === '';

  while (index < lines.length) {
    if (blank(index)) {
      index++;
      continue;
    }
    const line = (lines[index] ?? '').trim();
    const next = index + 1 < lines.length && !blank(index + 1);

    if (/^={3,}$/.test(line)) {
      elements.push({ type: 'page_break' });
      index++;
    } else if (line.startsWith('#')) {
      const depth = /^#+/.exec(line)?.[0].length ?? 1;
      elements.push({ type: 'section', depth, text: line.slice(depth).trim() });
      index++;
    } else if (/^=(?!=)/.test(line)) {
      elements.push({ type: 'synopsis', text: inline(line.slice(1).trim()) });
      index++;
    } else if ((/^\.[^.]/.test(line) || HEADING.test(line)) && !line.startsWith('!')) {
      const raw = line.startsWith('.') && !HEADING.test(line) ? line.slice(1) : line;
      const numbered = /\s*#([^#]+)#\s*$/.exec(raw);
      elements.push({
        type: 'scene_heading',
        text: inline((numbered ? raw.slice(0, numbered.index) : raw).trim()),
        sceneNumber: numbered?.[1]?.trim(),
      });
      index++;
    } else if (/^>.*<$/.test(line)) {
      elements.push({ type: 'centered', text: inline(line.slice(1, -1).trim()) });
      index++;
    } else if (line.startsWith('>') || TRANSITION.test(line)) {
      elements.push({ type: 'transition', text: line.replace(/^>\s*/, '') });
      index++;
    } else if (next && !line.startsWith('!') && isCue(line)) {
      const { element, end } = readDialogue(lines, index);
      elements.push(element);
      index = end;
    } else {
      const paragraph: string[] = [];
      while (index < lines.length && !blank(index)) {
        paragraph.push((lines[index] ?? '').trim().replace(/^!/, '').replace(/^~\s*/, ''));
        index++;
        // A heading or transition written right under action still starts its own element.
        const following = (lines[index] ?? '').trim();
        if (HEADING.test(following) || TRANSITION.test(following)) break;
      }
      const text = inline(paragraph.join('\n')).trim();
      if (text) elements.push({ type: 'action', text });
    }
  }
  return { titlePage, elements };
}

/** Replaces notes and boneyard with nothing; a line that held only them disappears entirely. */
function stripNotesAndBoneyard(text: string): string[] {
  const mark = (match: string) => match.replace(/[^\n]/g, '').replace(/\n/g, `\n${REMOVED}`) + REMOVED;
  const stripped = text.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, mark).replace(/\[\[[\s\S]*?(?:\]\]|$)/g, mark);
  return stripped
    .split('\n')
    .filter((line) => !(line.includes(REMOVED) && line.replaceAll(REMOVED, '').trim() === ''))
    .map((line) => line.replaceAll(REMOVED, ''));
}

function readTitlePage(lines: string[]): { titlePage: Record<string, string>; bodyStart: number } {
  const titlePage: Record<string, string> = {};
  let index = 0;
  while (index < lines.length && (lines[index] ?? '').trim() === '') index++;
  if (!TITLE_KEYS.test(lines[index] ?? '')) return { titlePage, bodyStart: 0 };
  let key: string | undefined;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') break;
    const pair = /^([^:：\s][^:：]*)[:：]\s*(.*)$/.exec(line);
    if (pair && !/^(\s{2,}|\t)/.test(line)) {
      const written = (pair[1] ?? '').trim();
      key = CHINESE_KEYS[written] ?? written.toLowerCase();
      titlePage[key] = inline((pair[2] ?? '').trim());
    } else if (key) {
      const value = inline(line.trim());
      titlePage[key] = titlePage[key] ? `${titlePage[key]}\n${value}` : value;
    }
  }
  return { titlePage, bodyStart: index };
}

/** A cue is upper case (ignoring its extensions), forced with @, or a short run of Chinese. */
function isCue(line: string): boolean {
  if (line.startsWith('@')) return line.length > 1;
  const name = line.replace(/\s*\^$/, '').replace(EXTENSION, '').trim();
  if (!name || name.endsWith(':') || name.length > 40) return false;
  if (/\p{Ll}/u.test(name)) return false;
  // Shouted action ("BANG!") is not a name, nor is a whole sentence in capitals.
  if (/[A-Z]/.test(name)) return !/[!?]$/.test(name) && name.split(/\s+/).length <= 6;
  return /^[\u3400-\u9fff\uf900-\ufaff·・]{1,8}$/.test(name);
}

function readDialogue(lines: string[], start: number): { element: FountainElement; end: number } {
  const cue = (lines[start] ?? '').trim();
  const dual = /\^\s*$/.test(cue);
  const withoutMarks = cue.replace(/^@/, '').replace(/\s*\^\s*$/, '');
  const extensions = [...withoutMarks.matchAll(EXTENSION)].map((match) => (match[1] ?? '').trim());
  const character = withoutMarks.replace(EXTENSION, '').trim();
  const result: DialogueLine[] = [];
  let index = start + 1;
  for (; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    // Two spaces alone keep a speech going across an empty line.
    if (raw.trim() === '' && !/^ {2,}$/.test(raw)) break;
    const line = raw.trim();
    const parenthetical = PARENTHETICAL.exec(line);
    const lyric = line.startsWith('~');
    const words = inline(line.replace(/^~\s*/, ''));
    if (parenthetical) result.push({ parenthetical: (parenthetical[1] ?? '').trim(), text: '' });
    else if (line) {
      const previous = result.at(-1);
      // A lyric line continues a lyric, a spoken line a speech; a change between them starts a new part.
      if (previous && previous.parenthetical === undefined && Boolean(previous.lyric) === lyric) previous.text = `${previous.text}${joiner(previous.text)}${words}`;
      else result.push({ text: words, ...(lyric ? { lyric } : {}) });
    }
  }
  return { element: { type: 'dialogue', character, extensions, dual, lines: result }, end: index };
}

/** Chinese and Japanese lines run on without a space; other scripts get one. */
function joiner(before: string): string {
  return /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]$/.test(before) ? '' : ' ';
}

// Escaped markers hide in private-use characters while emphasis is stripped.
const ESCAPED: Record<string, string> = { '*': '\uE000', _: '\uE001', '\\': '\uE002' };
const UNESCAPED: Record<string, string> = { '\uE000': '*', '\uE001': '_', '\uE002': '\\' };

/** Removes emphasis markers (*italic*, **bold**, _underline_) and escapes; keeps the words. */
function inline(text: string): string {
  return text
    .replace(/\\([*_\\])/g, (_, char: string) => ESCAPED[char] ?? char)
    .replace(/(\*{1,3})(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/_(?=\S)([\s\S]*?\S)_/g, '$1')
    .replace(/[\uE000-\uE002]/g, (char) => UNESCAPED[char] ?? char);
}
