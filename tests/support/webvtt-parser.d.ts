/** The part of webvtt-parser (no types of its own) the tests use. */
declare module 'webvtt-parser' {
  export interface ParsedCue {
    startTime: number;
    endTime: number;
    text: string;
  }
  export class WebVTTParser {
    parse(input: string, mode?: 'metadata' | 'chapters'): { cues: ParsedCue[]; errors: { message: string; line: number }[] };
  }
}
