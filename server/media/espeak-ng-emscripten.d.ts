/** The part of the eSpeak NG WebAssembly build's API the temp voice uses (the package ships no types). */
declare module '@echogarden/espeak-ng-emscripten' {
  export interface EspeakVoiceEntry {
    name: string;
    identifier: string;
    languages: { priority: number; name: string }[];
  }
  export interface ESpeakNGWorker {
    set_voice(name: string): void;
    set_rate(wordsPerMinute: number): void;
    set_pitch(pitch: number): void;
    get_samplerate(): number;
    list_voices(): EspeakVoiceEntry[];
    /** `text` may be a pointer into the module's memory; the callback returns true to stop. */
    synthesize(text: string | { ptr: number }, callback: (samples: Int16Array | undefined, events: unknown[]) => boolean): void;
  }
  export interface EspeakModule {
    eSpeakNGWorker: new () => ESpeakNGWorker;
    HEAPU8: Uint8Array;
    _malloc(size: number): number;
    _free(pointer: number): void;
  }
  /** Loads the module (reads espeak-ng.data beside it). */
  export default function createModule(options?: object): Promise<EspeakModule>;
}
