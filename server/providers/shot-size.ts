/**
 * Shot sizes, read from a shot's own words. Planned and written shots name their framing in text
 * ("Close-up: …", "特写：…", "Locked-off two-shot on …", "primer plano", "gros plan",
 * "Nahaufnahme"), so the size is recovered from the prompt's leading framing, then the camera
 * note, then anywhere in the prompt; a shot that names none is a medium shot.
 */

export const SHOT_SIZES = [
  'extreme-wide',
  'wide',
  'full',
  'medium',
  'medium-close-up',
  'close-up',
  'over-the-shoulder',
  'two-shot',
  'insert',
  'pov',
] as const;
export type ShotSize = (typeof SHOT_SIZES)[number];

/** What a shot that names no size is framed as. */
export const DEFAULT_SHOT_SIZE: ShotSize = 'medium';

/**
 * Words for each size in English, Chinese, Japanese, Spanish, French and German (any case), and
 * the usual abbreviations (capitals only, so "cu" or "ms" inside ordinary words never count).
 * Checked in order: a longer name ("medium close-up", "plano medio corto", "très gros plan")
 * before a shorter one inside it ("close-up", "plano medio", "gros plan").
 */
const SIZE_WORDS: readonly (readonly [ShotSize, RegExp, RegExp?])[] = [
  ['over-the-shoulder', /over[\s-]*(?:the[\s-]*)?shoulder|过肩|過肩|肩越し|オーバーショルダー|(?:sobre|por encima de)l? (?:el )?hombro|contraplano|par[\s-]dessus l['’]épaule|über die schulter/iu, /\bOTS\b/u],
  ['pov', /\bpov\b|point[\s-]of[\s-]view|主观镜头|主觀鏡頭|主观视角|主観|plano subjetivo|cámara subjetiva|plan subjectif|caméra subjective|subjektive kamera/iu],
  ['insert', /\binsert\b|detail shot|插入镜头|细节特写|細節特寫|インサート|plano (?:de )?detalle|plan de détail|detailaufnahme/iu],
  ['extreme-wide', /extreme(?:ly)?[\s-]*(?:wide|long)|大远景|极远景|大遠景|極遠景|超ロング|gran plano general|très grand plan d['’]ensemble|plan de grand ensemble|supertotale|panoramaaufnahme/iu, /\b(?:EWS|XWS|ELS|XLS)\b/u],
  ['wide', /establishing|建立镜头|建立鏡頭|エスタブリッシング/iu],
  ['medium-close-up', /medium[\s-]*close[\s-]*up|中近景|近景|ミディアム・?クローズアップ|バストショット|バストアップ|plano medio corto|plan rapproché poitrine|naheinstellung/iu, /\bMCU\b/u],
  ['two-shot', /two[\s-]*shot|双人镜头|雙人鏡頭|双人中景|ツーショット|plano (?:a|de) dos|plan à deux|zweiereinstellung|zweier[\s-]?shot/iu],
  ['close-up', /close[\s-]*up|特写|特寫|クローズアップ|大写し|primer(?:ísimo)? plano|gros plan|großaufnahme|grossaufnahme|nahaufnahme/iu, /\bE?CU\b/u],
  ['full', /full[\s-]*(?:shot|body|figure|length)|medium[\s-]*(?:wide|long)|全景|フルショット|plano (?:entero|completo)|plan (?:en pied|moyen)|halbtotale/iu, /\b(?:FS|MLS|MWS)\b/u],
  ['medium', /medium|mid[\s-]*shot|waist[\s-]*(?:up|shot)|中景|ミディアム|ミドルショット|plano (?:medio|americano)|plan (?:américain|rapproché)|amerikanische|halbnah/iu, /\bMS\b/u],
  ['wide', /\bwide\b(?!-eyed)|long[\s-]*shot|远景|遠景|ロングショット|引きの?画|plano general|plan (?:d['’]ensemble|large|général)|totale/iu, /\b(?:WS|LS)\b/u],
];

/** The size `text` names, or undefined when it names none. */
export function parseShotSize(text: string): ShotSize | undefined {
  for (const [size, words, abbreviations] of SIZE_WORDS) if (words.test(text) || abbreviations?.test(text)) return size;
  return undefined;
}

/** The framing a prompt opens with ("Close-up: …", "特写：…"), when it opens with a short label. */
function leadingFraming(prompt: string): string | undefined {
  const match = /^\s*([^:：.。\n]{1,48})[:：]/u.exec(prompt);
  return match?.[1];
}

/** The size of a shot: its prompt's leading framing, else its camera note, else its prompt; medium when none says. */
export function shotSizeOf(shot: { prompt: string; cameraNote: string }): ShotSize {
  const lead = leadingFraming(shot.prompt);
  return (lead === undefined ? undefined : parseShotSize(lead)) ?? parseShotSize(shot.cameraNote) ?? parseShotSize(shot.prompt) ?? DEFAULT_SHOT_SIZE;
}
