/**
 * eSpeak NG compiled to WebAssembly (`@echogarden/espeak-ng-emscripten`, GPL-3.0), loaded once per
 * process and shared by every render. Synthesis runs synchronously inside the module, so calls never
 * interleave.
 *
 * Same text and voice, same samples: eSpeak keeps state between utterances (its random number
 * generator, which some voices use for breath and jitter, and caches that change how the next
 * utterance is timed) and seeds part of it from the clock. So the module's whole memory is copied
 * once it is ready, and put back before every utterance; and the clock it can read is held at zero
 * while it runs. Nothing else in the process can see that clock, since the call is synchronous.
 */

/** How one utterance is said: an eSpeak voice (`en`, `cmn`, `en+f2` …), its rate and pitch. */
export interface EspeakVoice {
  /** eSpeak voice name, optionally with a `+variant`. */
  name: string;
  /** Words per minute (eSpeak's default is 175). */
  rate: number;
  /** 0..100 (eSpeak's default is 50). */
  pitch: number;
}

export interface EspeakEngine {
  /** Samples per second of what `speak` returns (mono, 16-bit). */
  readonly sampleRate: number;
  /** Language codes eSpeak has a voice for (`en`, `cmn`, `ja`, `pt-br` …), lower case. */
  readonly languages: ReadonlySet<string>;
  /** Says `text` with `voice`; same arguments, same samples. */
  speak(text: string, voice: EspeakVoice): Int16Array;
}

let loading: Promise<EspeakEngine> | undefined;

/** The process's engine, loaded on first use (about a quarter of a second) and kept. */
export function espeakEngine(): Promise<EspeakEngine> {
  loading ??= loadEngine().catch((error: unknown) => {
    loading = undefined;
    throw new Error('Could not load the eSpeak NG speech module; reinstall dependencies with `npm ci`.', { cause: error });
  });
  return loading;
}

function withClockAtZero<T>(work: () => T): T {
  const now = Date.now;
  Date.now = () => 0;
  try {
    return work();
  } finally {
    Date.now = now;
  }
}

async function loadEngine(): Promise<EspeakEngine> {
  const { default: createModule } = await import('@echogarden/espeak-ng-emscripten');
  const module = await createModule();
  const worker = withClockAtZero(() => {
    const created = new module.eSpeakNGWorker();
    // The first call allocates the bindings' string buffer; it must be part of the copy below.
    created.set_voice('en');
    return created;
  });
  const languages = new Set(worker.list_voices().flatMap((voice) => voice.languages.map((language) => language.name.toLowerCase())));
  const pristine = module.HEAPU8.slice();
  const sampleRate = worker.get_samplerate();

  return {
    sampleRate,
    languages,
    speak(text, voice) {
      const heap = module.HEAPU8;
      heap.set(pristine);
      if (heap.length > pristine.length) heap.fill(0, pristine.length);
      return withClockAtZero(() => {
        worker.set_voice(voice.name);
        worker.set_rate(voice.rate);
        worker.set_pitch(voice.pitch);
        // The text goes in through memory of its own: the bindings' string buffer would grow for a
        // long line, and a grown buffer would not survive the next restore.
        const bytes = new TextEncoder().encode(`${text}\0`);
        const pointer = module._malloc(bytes.length);
        module.HEAPU8.set(bytes, pointer);
        const chunks: Int16Array[] = [];
        try {
          worker.synthesize({ ptr: pointer }, (samples) => {
            if (samples && samples.length > 0) chunks.push(samples);
            return false;
          });
        } finally {
          module._free(pointer);
        }
        const out = new Int16Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
        let offset = 0;
        for (const chunk of chunks) {
          out.set(chunk, offset);
          offset += chunk.length;
        }
        return out;
      });
    },
  };
}
