/**
 * Which language an idea is written in, and which one the plan is written in. The script decides
 * between Chinese, Japanese and the Latin-script languages (kana make Japanese; Han alone, Chinese);
 * within Latin script the `eld` detector decides. A mixed idea follows the larger share of its
 * text. The planner writes English, Chinese, Japanese, Spanish, French and German; any other
 * language is planned in English and the plan says so.
 */
import type { Language } from '../kits/kit.types.ts';

type Detector = { detect(text: string): { language: string } };
let detector: Promise<Detector> | undefined;

function loadDetector(): Promise<Detector> {
  detector ??= import('eld/small').then((module) => module.eld as Detector);
  return detector;
}

export interface IdeaLanguage {
  /** ISO 639-1 code of the idea's language ("it"), or "und" when nothing could be told. */
  code: string;
  /** The language the plan is written in. */
  planned: Language;
  /** Set when the plan is not in the idea's language: says which and why. */
  note?: string;
}

const KANA = /[\u3040-\u30ff]/gu;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const LATIN_WORD = /\p{Script=Latin}+/gu;

/** Words the plan can be written in, by code. */
const WRITTEN: Readonly<Record<string, Language>> = { en: 'en', zh: 'zh', ja: 'ja', es: 'es', fr: 'fr', de: 'de' };

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export async function ideaLanguage(idea: string): Promise<IdeaLanguage> {
  const kana = idea.match(KANA)?.length ?? 0;
  const han = idea.match(HAN)?.length ?? 0;
  const latin = idea.match(LATIN_WORD) ?? [];
  // About two CJK characters make a word; the larger share of words decides a mixed idea.
  let code: string;
  if ((kana + han) / 2 > latin.length) {
    code = kana > 0 ? 'ja' : 'zh';
  } else {
    const latinText = latin.join(' ');
    code = latin.length === 0 ? 'und' : (await loadDetector()).detect(latinText).language || 'und';
    // Two or three words are too few for any detector; English is the guess that costs least.
    if (latin.length < 4 && code !== 'en') code = /[äöüßñçéèêàáíóú]/iu.test(latinText) ? code : 'en';
  }
  const planned = WRITTEN[code] ?? 'en';
  if (code === planned || code === 'und') return { code, planned };
  const name = languageName(code);
  return {
    code,
    planned,
    note: `Planned in English: the built-in planner does not write ${name} yet; the names and places of the idea are kept as written.`,
  };
}
