/**
 * Temp voice for the animatic: every dialogue line spoken offline by eSpeak NG (espeak-engine.ts),
 * in the line's language, in a voice of the character's own, and laid on the take's timeline inside
 * the line's cue (dialogue-timing.ts), so the speech, the caption track and the burned subtitles
 * stay in step. When the lines need more time than the shot has, the take gets longer: every cue
 * is an equal slice, so the take is as long as the number of cues times the longest cue's speech.
 */
import type { VideoRequest } from '../providers/video.types.ts';
import { hashSeed } from './colour.ts';
import { dialogueGroups, type DialogueCue } from './dialogue-timing.ts';
import { espeakEngine, type EspeakEngine, type EspeakVoice } from './espeak-engine.ts';
import { kanaReading } from './japanese-reading.ts';

/** Silence before a line inside its cue, and after it before the next cue starts. */
export const SPEECH_LEAD_SECONDS = 0.2;
export const SPEECH_TAIL_SECONDS = 0.2;

/** The eSpeak voice for each language the planner writes; any other one eSpeak knows is used as is. */
const LANGUAGE_VOICES: Readonly<Record<string, string>> = { en: 'en-us', zh: 'cmn', ja: 'ja', es: 'es', fr: 'fr', de: 'de' };
const FALLBACK_VOICE = 'en-us';

/** eSpeak's voice variants: seven lower and four higher voices, picked per character. */
const VARIANTS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'f1', 'f2', 'f3', 'f4'] as const;

const KANA = /[\u3040-\u30ff]/u;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;

type Detector = { detect(text: string): { language: string } };
let detector: Promise<Detector> | undefined;

/**
 * The language a line is spoken in (ISO 639-1): the request's own when it names one; else by
 * script (kana: Japanese; Han alone: Chinese); else, for Latin text, the `eld` detector over all the
 * shot's Latin lines (one line is often too short to tell), English when it cannot say.
 */
export async function lineLanguage(line: string, shotLatinText: string, requested?: string): Promise<string> {
  if (requested) return requested.toLowerCase();
  if (KANA.test(line)) return 'ja';
  if (HAN.test(line)) return 'zh';
  if (shotLatinText.trim().split(/\s+/u).length < 4) return 'en';
  detector ??= import('eld/small').then((module) => module.eld as Detector);
  return (await detector).detect(shotLatinText).language || 'en';
}

/** The eSpeak voice name for `language`: the planner's six, any other eSpeak has, else English. */
export function languageVoice(language: string, available: ReadonlySet<string>): string {
  const known = LANGUAGE_VOICES[language];
  if (known) return known;
  return available.has(language) ? language : FALLBACK_VOICE;
}

/**
 * How a character sounds: variant, pitch and rate from a hash of the character's key, so the same
 * character has the same voice in every shot and language.
 */
export function characterVoice(characterKey: string, languageVoiceName: string): EspeakVoice {
  const hash = hashSeed(`voice:${characterKey}`);
  const variant = VARIANTS[hash % VARIANTS.length]!;
  return {
    name: `${languageVoiceName}+${variant}`,
    pitch: 30 + ((hash >>> 8) % 5) * 10,
    rate: 150 + ((hash >>> 16) % 5) * 8,
  };
}

/** ISO 639-2 codes of the languages the voice speaks, for a caption track's language tag. */
const ISO_639_2: Readonly<Record<string, string>> = { en: 'eng', zh: 'zho', ja: 'jpn', es: 'spa', fr: 'fra', de: 'deu', it: 'ita', pt: 'por', nl: 'nld', ru: 'rus', ko: 'kor' };

/**
 * The language the shot's dialogue is written in, as an ISO 639-2 code for its caption track: the
 * language most of its lines are in (lineLanguage), `und` when there is no line or the language has
 * no code here.
 */
export async function dialogueLanguageTag(request: Pick<VideoRequest, 'shot'> & { language?: string }): Promise<string> {
  const lines = request.shot.dialogue.map((d) => d.line).filter((line) => line.trim() !== '');
  if (lines.length === 0) return 'und';
  const latin = lines.filter((line) => !KANA.test(line) && !HAN.test(line)).join(' ');
  const counts = new Map<string, number>();
  for (const line of lines) {
    const language = await lineLanguage(line, latin, request.language);
    counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return ISO_639_2[top![0]] ?? 'und';
}

/** The shot's dialogue spoken, one entry per cue (lines said together are mixed into one). */
export interface SpokenDialogue {
  sampleRate: number;
  cues: Int16Array[];
}

/** Speaks every line of the shot's dialogue, grouped as dialogueCues groups them. */
export async function speakDialogue(request: Pick<VideoRequest, 'shot' | 'characters'> & { language?: string }): Promise<SpokenDialogue> {
  const groups = dialogueGroups(request);
  if (groups.length === 0) return { sampleRate: 22050, cues: [] };
  const engine = await espeakEngine();
  const latin = groups.flat().map((d) => d.line).filter((line) => !KANA.test(line) && !HAN.test(line)).join(' ');
  const cues: Int16Array[] = [];
  for (const group of groups) {
    const spoken: Int16Array[] = [];
    for (const dialogue of group) spoken.push(await speakLine(engine, dialogue, latin, request.language));
    cues.push(mixTogether(spoken));
  }
  return { sampleRate: engine.sampleRate, cues };
}

async function speakLine(engine: EspeakEngine, dialogue: { character: string; line: string }, shotLatinText: string, requested?: string): Promise<Int16Array> {
  const language = await lineLanguage(dialogue.line, shotLatinText, requested);
  const text = language === 'ja' ? await kanaReading(dialogue.line.trim()) : dialogue.line.trim();
  return engine.speak(text, characterVoice(dialogue.character, languageVoice(language, engine.languages)));
}

function mixTogether(parts: Int16Array[]): Int16Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Int16Array(Math.max(0, ...parts.map((part) => part.length)));
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 1) out[i] = Math.max(-32768, Math.min(32767, out[i]! + part[i]!));
  }
  return out;
}

/**
 * How long the take must be for its spoken lines: the shot's own length, or longer when the
 * longest cue's speech (with its lead and tail) times the number of cues does not fit, rounded up to
 * a whole frame and kept within `maxSeconds`.
 */
export function spokenTakeSeconds(shotSeconds: number, spoken: SpokenDialogue, fps: number, maxSeconds: number): number {
  if (spoken.cues.length === 0) return shotSeconds;
  const longest = Math.max(...spoken.cues.map((samples) => samples.length / spoken.sampleRate));
  const needed = spoken.cues.length * (SPEECH_LEAD_SECONDS + longest + SPEECH_TAIL_SECONDS);
  if (needed <= shotSeconds) return shotSeconds;
  return Math.min(maxSeconds, Math.ceil(needed * fps) / fps);
}

/**
 * The voice track as a mono 16-bit WAV file as long as the take: each cue's speech starts
 * `SPEECH_LEAD_SECONDS` into its cue and is cut at the cue's end less the tail (only a take held to
 * the longest length allowed can need that).
 */
export function voiceTrackWav(spoken: SpokenDialogue, cues: readonly DialogueCue[], takeSeconds: number): Buffer {
  const rate = spoken.sampleRate;
  const samples = new Int16Array(Math.ceil(takeSeconds * rate));
  for (const [index, cue] of cues.entries()) {
    const speech = spoken.cues[index];
    if (!speech) continue;
    const from = Math.round((cue.start + SPEECH_LEAD_SECONDS) * rate);
    const until = Math.min(samples.length, Math.round((cue.end - SPEECH_TAIL_SECONDS) * rate));
    if (until > from) samples.set(speech.subarray(0, until - from), from);
  }
  return wavFile(samples, rate);
}

function wavFile(samples: Int16Array, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  const dataBytes = samples.length * 2;
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  const body = Buffer.from(samples.buffer, samples.byteOffset, dataBytes);
  return Buffer.concat([header, body]);
}
