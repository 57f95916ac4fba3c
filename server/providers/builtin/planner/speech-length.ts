/**
 * How long a shot must be for its lines to be spoken: the built-in animatic's temp voice starts each
 * line a little into an equal slice of the shot and ends it before the next (media/temp-voice.ts),
 * so the shot needs as many slices as it has lines, each as long as the longest line. Planning the
 * shot that long shows the take's real length in the plan; the renderer still lengthens a take whose
 * speech came out longer than this estimate.
 */

/** Silence around each line inside its slice (lead and tail), in seconds. */
const AROUND_LINE_SECONDS = 0.5;
/**
 * Speaking rates of the temp voice, on the slow side so the estimate errs long. Latin text is
 * counted in vowel groups, a stand-in for syllables that works across English, Spanish, French and
 * German (words do not: a Spanish word has more syllables than an English one).
 */
const VOWEL_GROUPS_PER_SECOND = 3.6;
/** English spelling writes more vowel groups per spoken syllable ("leave", "harbour"). */
const ENGLISH_VOWEL_GROUPS_PER_SECOND = 4;
const HAN_PER_SECOND = 3.3;
const KANA_PER_SECOND = 7;
const SENTENCE_PAUSE_SECONDS = 0.35;
const COMMA_PAUSE_SECONDS = 0.15;
const VOWEL_GROUP = /[aeiouyàáâãäåæèéêëìíîïòóôõöøœùúûü]+/giu;

/** Seconds to say `line` aloud; `language` is the plan's (ISO 639-1), when known. */
export function lineSpeechSeconds(line: string, language?: string): number {
  const syllables = (line.match(VOWEL_GROUP)?.length ?? 0) + 2 * (line.match(/\d+/gu)?.length ?? 0);
  const han = line.match(/[\u3400-\u9fff\uf900-\ufaff]/gu)?.length ?? 0;
  const kana = line.match(/[\u3040-\u30ff]/gu)?.length ?? 0;
  const latinRate = language === 'en' ? ENGLISH_VOWEL_GROUPS_PER_SECOND : VOWEL_GROUPS_PER_SECOND;
  // The voice pauses between sentences and, more briefly, at commas.
  const stops = line.trim().match(/[.!?。！？…]+(?=\s*\S)/gu)?.length ?? 0;
  const commas = line.match(/[,;:、，；：]/gu)?.length ?? 0;
  return syllables / latinRate + han / HAN_PER_SECOND + kana / KANA_PER_SECOND + stops * SENTENCE_PAUSE_SECONDS + commas * COMMA_PAUSE_SECONDS;
}

/** The shortest shot, in whole half seconds, that holds `lines` spoken one after another. */
export function spokenShotSeconds(lines: readonly string[], language?: string): number {
  const spoken = lines.filter((line) => line.trim() !== '');
  if (spoken.length === 0) return 0;
  const longest = Math.max(...spoken.map((line) => lineSpeechSeconds(line, language)));
  return Math.ceil(spoken.length * (longest + AROUND_LINE_SECONDS) * 2) / 2;
}
