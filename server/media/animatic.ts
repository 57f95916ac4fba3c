/**
 * The built-in provider's take: a previsualization animatic of one shot. The location backdrop and
 * the labelled character figures are painted once as a still (animatic-scene.ts); ffmpeg moves a
 * virtual camera over it (zoompan), lays the timed dialogue on top, adds a quiet sound bed, and
 * encodes H.264 + AAC. The picture carries the shot and its subtitles only: what the shot is (scene,
 * shot, heading, camera, seed, prompt) goes into the file's metadata, and on the picture only as one
 * thin line when a slate is asked for. Same request and seed, same bytes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CameraMove } from '../providers/planner.types.ts';
import type { AnimaticSlate, AnimaticSubtitles, AnimaticVoice } from '../providers/provider-settings.ts';
import type { VideoRequest } from '../providers/video.types.ts';
import { ANIMATIC_LIMITS, animaticRequestProblems } from './animatic-request.ts';
import { paintScene, CANVAS_SCALE, type PaintedScene } from './animatic-scene.ts';
import { createRandom, hashSeed } from './colour.ts';
import { BURNED_DIALOGUE_HANDLER } from './captions.ts';
import { dialogueCues, subRipText, type DialogueCue } from './dialogue-timing.ts';
import { DEFAULT_VIDEO_FORMAT, frameRateArg, h264AacOutputArgs } from './encode-args.ts';
import { MediaInputError } from './errors.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { chain, filter, seconds } from './filtergraph.ts';
import { dialogueLanguageTag, speakDialogue, spokenTakeSeconds, voiceTrackWav } from './temp-voice.ts';
import { writeAtomically } from './temp-output.ts';
import { TextLayer, wrapText } from './text-render.ts';
import { titleCardChain } from './title-card.ts';

export interface RenderAnimaticOptions {
  /** Scratch folder; the render uses a private subfolder and removes it afterwards. */
  workDir: string;
  signal?: AbortSignal;
  /** 0..1, a few times a second at most. */
  onProgress?: (fraction: number) => void;
  /** `thin`: one line of shot information along the top of the picture; `none` (default): nothing. */
  slate?: AnimaticSlate;
  /**
   * The dialogue is always a `mov_text` track. `track` (default): the track alone, marked default so
   * players show it as captions; `burned`: also drawn on the picture (and the track not marked
   * default, so it does not double up), clear of the take's first and last transition window.
   */
  subtitles?: AnimaticSubtitles;
  /**
   * `on` (default): the dialogue is spoken (temp voice, temp-voice.ts) over the room tone, and the
   * take is lengthened when its lines need more time than the shot has; `off`: room tone only.
   */
  voice?: AnimaticVoice;
  /** `background`: render at a lower CPU priority (see RunFfmpegOptions). */
  priority?: 'normal' | 'background';
}

export interface AnimaticInfo {
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** The take's real length: the shot's, or longer when its spoken lines needed more time. */
  durationSeconds: number;
}

/**
 * Renders the animatic for `request` into `outputPath` (MP4). Width, height and fps come from the
 * request (1280×720 at 24 fps when absent). The file appears under its final name only when complete.
 * Rejects with `MediaInputError` for a request it cannot render (see animaticRequestProblems),
 * `FfmpegError` when ffmpeg fails, and an `AbortError` when `signal` aborts.
 */
export async function renderAnimatic(
  request: VideoRequest,
  outputPath: string,
  options: RenderAnimaticOptions,
): Promise<AnimaticInfo> {
  const problems = animaticRequestProblems(request);
  if (problems.length > 0) throw new MediaInputError(`Cannot render this shot: ${problems.join('; ')}.`);
  const width = request.width || DEFAULT_VIDEO_FORMAT.width;
  const height = request.height || DEFAULT_VIDEO_FORMAT.height;
  const fps = request.fps || DEFAULT_VIDEO_FORMAT.fps;
  const spoken = (options.voice ?? 'on') === 'on' && !request.shot.titleCard ? await speakDialogue(request) : undefined;
  const durationSeconds = spoken ? spokenTakeSeconds(request.shot.duration, spoken, fps, ANIMATIC_LIMITS.maxDurationSeconds) : request.shot.duration;
  const frames = Math.max(1, Math.round(durationSeconds * fps));
  const info: AnimaticInfo = { width, height, fps, frames, durationSeconds };
  // Slate and metadata tell the take's real length.
  const take: VideoRequest = durationSeconds === request.shot.duration ? request : { ...request, shot: { ...request.shot, duration: durationSeconds } };

  const renderDir = await mkdtemp(join(options.workDir, 'animatic-'));
  try {
    const scene = paintScene(take, width, height);
    await writeFile(join(renderDir, 'scene.ppm'), scene.raster.toPpm());
    options.onProgress?.(0.05);

    const text = new TextLayer(renderDir);
    const cues = dialogueCues(take, durationSeconds);
    const subtitles = options.subtitles ?? 'track';
    if (cues.length > 0) await writeFile(join(renderDir, 'dialogue.srt'), subRipText(cues));
    const captionLanguage = cues.length > 0 ? await dialogueLanguageTag(take) : 'und';
    const voiced = spoken !== undefined && spoken.cues.length > 0;
    if (voiced) await writeFile(join(renderDir, 'voice.wav'), voiceTrackWav(spoken, cues, durationSeconds));
    const voiceInput = cues.length > 0 ? 2 : 1;
    // A title card shows its text on black instead of the scene.
    const card = request.shot.titleCard;
    const video = card
      ? titleCardChain(card, info, text)
      : videoChain(take, info, scene, text, options.slate ?? 'none', subtitles === 'burned' ? cues : []);
    const audio = soundtrack(take, durationSeconds, voiced ? voiceInput : undefined);
    await text.writeFiles();

    await writeAtomically(outputPath, (tempPath) =>
      runFfmpeg(
        [
          '-i', 'scene.ppm',
          ...(cues.length > 0 ? ['-i', 'dialogue.srt'] : []),
          ...(voiced ? ['-i', 'voice.wav'] : []),
          '-filter_complex', `${video};${audio}`,
          '-map', '[v]', '-map', '[a]',
          ...(cues.length > 0 ? subtitleTrackArgs(subtitles, captionLanguage) : []),
          '-frames:v', String(frames),
          ...h264AacOutputArgs({ fps, bitexact: true }),
          ...shotMetadataArgs(take),
          '-f', 'mp4', tempPath,
        ],
        {
          cwd: renderDir,
          signal: options.signal,
          ...(options.priority ? { priority: options.priority } : {}),
          expectedDurationSeconds: durationSeconds,
          onProgress: options.onProgress ? (f) => options.onProgress?.(0.05 + 0.95 * f) : undefined,
        },
      ),
    );
    return info;
  } finally {
    await rm(renderDir, { recursive: true, force: true });
  }
}

/**
 * zoompan expressions for each camera move over a `canvas` painted CANVAS_SCALE times the frame;
 * `E` is eased progress 0→1 over the shot. Every move ends (a pull-out starts) with the subject at
 * the middle of the frame as far as the canvas allows: a push-in closes in on the subject, a pan
 * travels toward it.
 */
function cameraExpressions(camera: CameraMove, frames: number, canvas: { width: number }, focus: { x: number }): { z: string; x: string; y: string } {
  const progress = frames > 1 ? `(on/${frames - 1})` : '0';
  const eased = `(${progress}*${progress}*(3-2*${progress}))`;
  const k = CANVAS_SCALE;
  const focusX = Math.round(focus.x);
  // Left edge of a view centred on the subject at the current zoom, kept inside the canvas.
  const onSubject = `max(0,min(iw-iw/zoom,${focusX}-iw/zoom/2))`;
  const centreY = '(ih-ih/zoom)/2';
  switch (camera) {
    case 'push-in':
      return { z: `1+${(k - 1).toFixed(3)}*${eased}`, x: onSubject, y: centreY };
    case 'pull-out':
      return { z: `${k}-${(k - 1).toFixed(3)}*${eased}`, x: onSubject, y: centreY };
    case 'pan-left':
    case 'pan-right': {
      const { from, to } = panEnds(camera === 'pan-right' ? 1 : -1, canvas.width, focusX);
      return { z: String(k), x: `${from}+${to - from}*${eased}`, y: centreY };
    }
    default:
      // A locked-off shot still breathes a little (a steady 1.5% creep), as a handheld previs would: a
      // perfectly still frame reads as frozen video to reviewers and to the quality metrics.
      return { z: `${k}-${(0.015).toFixed(3)}*${progress}`, x: onSubject, y: centreY };
  }
}

/**
 * Where a pan's view starts and ends (left edge, canvas pixels): it ends centred on the subject
 * and travels, in its own direction, half the room the canvas gives — less when the subject stands
 * near the side the pan comes from, down to a quarter of the room, and only then does the end
 * give way so the move still shows.
 */
function panEnds(direction: 1 | -1, canvasWidth: number, focusX: number): { from: number; to: number } {
  const view = canvasWidth / CANVAS_SCALE;
  const room = canvasWidth - view;
  const clampView = (x: number) => Math.max(0, Math.min(room, x));
  const least = room / 4;
  let to = clampView(focusX - view / 2);
  let from = clampView(to - (direction * room) / 2);
  if (Math.abs(to - from) < least) {
    from = clampView(to - direction * least);
    to = clampView(from + direction * least);
  }
  return { from: Math.round(from), to: Math.round(to) };
}

/** The shot in one line: scene, shot, heading, camera, seed and length. */
function slateLine(request: VideoRequest): string {
  const heading = request.scene.heading || request.scene.location;
  return [`Sc ${request.scene.number} · Sh ${request.shot.number}`, heading, request.shot.camera, `seed ${request.seed}`, `${request.shot.duration.toFixed(1)} s`]
    .filter(Boolean)
    .join(' · ');
}

/**
 * What the shot is, in the MP4's own metadata: `title` (scene and shot), `description` (the
 * prompt) and `comment` (a JSON object a tool can read back).
 */
function shotMetadataArgs(request: VideoRequest): string[] {
  const shot = {
    scene: request.scene.number,
    shot: request.shot.number,
    heading: request.scene.heading || request.scene.location,
    camera: request.shot.camera,
    seed: request.seed,
    duration: request.shot.duration,
    prompt: request.shot.prompt,
  };
  return [
    '-metadata', `title=Scene ${shot.scene} · Shot ${shot.shot}`,
    '-metadata', `description=${shot.prompt}`,
    '-metadata', `comment=${JSON.stringify(shot)}`,
  ];
}

/**
 * The dialogue as a `mov_text` track (input 1). Its handler name says when the picture carries the
 * same text already, so captions are not shown twice (MP4 cannot store "not default" for the only
 * subtitle track: the muxer enables it regardless).
 */
function subtitleTrackArgs(subtitles: AnimaticSubtitles, language: string): string[] {
  return [
    '-map', '1:s:0', '-c:s', 'mov_text',
    '-metadata:s:s:0', `handler_name=${subtitles === 'burned' ? BURNED_DIALOGUE_HANDLER : 'Dialogue'}`,
    '-metadata:s:s:0', `language=${language}`,
  ];
}

/**
 * Seconds at each end of a take kept free of burned text (subtitles, thin slate): the compile's
 * default transition, so a dissolve never blends the text of two takes into one picture.
 */
export const BURNED_TEXT_CLEARANCE_SECONDS = 0.5;

/** The stretch of a take where burned text may show: clear of both ends, or all of a very short take. */
function burnedTextWindow(durationSeconds: number): { from: number; to: number } {
  const clearance = Math.min(BURNED_TEXT_CLEARANCE_SECONDS, durationSeconds / 4);
  return { from: clearance, to: durationSeconds - clearance };
}

function videoChain(
  request: VideoRequest,
  info: AnimaticInfo,
  scene: PaintedScene,
  text: TextLayer,
  slate: AnimaticSlate,
  burnedCues: readonly DialogueCue[],
): string {
  const { width: w, height: h, fps, frames, durationSeconds } = info;
  const filters: string[] = ['format=rgb24'];

  // Names are drawn on the still so that they travel with their figures when the camera moves.
  for (const label of scene.labels) {
    filters.push(
      text.drawtext({
        lines: wrapText(label.name, label.fontSize, label.maxWidth, 1),
        fontSize: label.fontSize,
        bold: true,
        x: `${label.centerX}-text_w/2`,
        y: String(label.top),
        box: { colour: 'black@0.55', border: Math.round(label.fontSize * 0.3) },
      }),
    );
  }
  filters.push(
    filter('scale', { w: 'iw', h: 'ih', out_color_matrix: 'bt709', out_range: 'tv' }),
    'format=yuv420p',
    filter('zoompan', { ...cameraExpressions(request.shot.camera, frames, scene.raster, scene.focus), d: frames, s: `${w}x${h}`, fps: frameRateArg(fps) }),
  );

  const clear = burnedTextWindow(durationSeconds);
  const during = (from: number, to: number) => `gte(t,${seconds(from)})*lt(t,${seconds(to)})`;
  if (slate === 'thin') {
    const size = Math.round(h * 0.022);
    const pad = Math.round(size * 0.4);
    const enable = during(clear.from, clear.to);
    filters.push(
      filter('drawbox', { x: 0, y: 0, w: 'iw', h: size + 2 * pad, color: 'black@0.45', t: 'fill', enable }),
      text.drawtext({
        lines: wrapText(slateLine(request), size, w - 2 * pad, 1),
        fontSize: size,
        x: String(pad),
        y: String(pad),
        colour: '#e0e0e0',
        enable,
      }),
    );
  }

  const subtitleSize = Math.round(h * 0.042);
  for (const cue of burnedCues) {
    const from = Math.max(cue.start, clear.from);
    const to = Math.min(cue.end, clear.to);
    if (to <= from) continue;
    const rows = cue.text.split('\n');
    const lines = rows.flatMap((row) => wrapText(row, subtitleSize, w * 0.84, rows.length > 1 ? 2 : 3));
    filters.push(
      text.drawtext({
        lines,
        fontSize: subtitleSize,
        x: '(w-text_w)/2',
        y: `h-text_h-${Math.round(h * 0.07)}`,
        box: { colour: 'black@0.6', border: Math.round(subtitleSize * 0.35) },
        enable: during(from, to),
      }),
    );
  }
  filters.push(filter('setparams', { colorspace: 'bt709', color_primaries: 'bt709', color_trc: 'bt709', range: 'tv' }));
  return chain(['0:v'], filters, ['v']);
}

/**
 * Gain on eSpeak's output that brings speech to about -18 LUFS, well above the -30 dBFS room tone;
 * the compile and the demo normalize the whole film's loudness afterwards.
 */
const VOICE_GAIN_DB = 1;

/**
 * The take's sound, `[a]`: the room tone (soundBed), with the voice track (input `voiceInput`, a
 * mono WAV as long as the take) over it when there is one.
 */
function soundtrack(request: VideoRequest, durationSeconds: number, voiceInput: number | undefined): string {
  const bed = soundBed(request.seed, request.scene.location, durationSeconds, voiceInput === undefined ? 'a' : 'bed');
  if (voiceInput === undefined) return bed;
  return [
    bed,
    chain(
      [`${voiceInput}:a`],
      [
        filter('aresample', { osr: 48000 }),
        filter('aformat', { sample_fmts: 'fltp', sample_rates: 48000, channel_layouts: 'stereo' }),
        filter('volume', { volume: `${VOICE_GAIN_DB}dB` }),
      ],
      ['voice'],
    ),
    chain(['bed', 'voice'], [filter('amix', { inputs: 2, duration: 'first', normalize: 0 })], ['a']),
  ].join(';');
}

/**
 * A soft, seed-dependent bed around -30 dBFS: a detuned stereo chord that breathes slowly over
 * filtered brown noise, faded at both ends so cuts between takes do not click. The noise is the
 * location's room tone: its colour (the band it is filtered to) and level come from a hash of the
 * location, so every shot in one place sounds like the same room.
 */
function soundBed(seed: number, location: string, durationSeconds: number, label: string): string {
  const random = createRandom(hashSeed(`sound:${seed}`));
  const room = createRandom(hashSeed(`room:${location.trim().toLowerCase()}`));
  const roomLow = Math.round(30 + room() * 170);
  const roomHigh = Math.round(250 + room() * 1750);
  // Some rooms are quieter than others: the noise sits 7 to 13 dB under the chord.
  const roomLevel = (0.07 + room() * 0.09).toFixed(3);
  const roots = [98, 110, 123.47, 130.81, 146.83, 164.81];
  const root = roots[Math.floor(random() * roots.length)] ?? 110;
  const lfo = (0.1 + random() * 0.2).toFixed(3);
  const voice = (detune: number, phase: number) =>
    [
      `0.036*sin(2*PI*${(root + detune).toFixed(2)}*t)*(0.75+0.25*sin(2*PI*${lfo}*t+${phase}))`,
      `0.023*sin(2*PI*${(root * 1.5 + detune).toFixed(2)}*t)`,
      `0.014*sin(2*PI*${(root * 2 + detune).toFixed(2)}*t)*(0.6+0.4*sin(2*PI*${lfo}*t*1.3+${phase}))`,
    ].join('+');
  const d = seconds(durationSeconds);
  const fade = seconds(Math.min(0.3, durationSeconds / 4));
  const pad = filter('aevalsrc', { exprs: `${voice(0, 0)}|${voice(0.4, 1.57)}`, s: 48000, d, c: 'stereo' });
  const noise = filter('anoisesrc', { d, c: 'brown', r: 48000, a: roomLevel, seed: hashSeed(`noise:${seed}`) });
  const roomFilters = [filter('highpass', { f: roomLow }), filter('lowpass', { f: roomHigh })];
  return [
    chain([], [pad], ['pad']),
    chain([], [noise, ...roomFilters, filter('aformat', { channel_layouts: 'stereo' })], ['noise']),
    chain(
      ['pad', 'noise'],
      [
        filter('amix', { inputs: 2, duration: 'first', normalize: 0 }),
        filter('afade', { t: 'in', d: fade }),
        filter('afade', { t: 'out', st: seconds(Math.max(0, durationSeconds - Number(fade))), d: fade }),
        filter('aformat', { sample_fmts: 'fltp', sample_rates: 48000, channel_layouts: 'stereo' }),
      ],
      [label],
    ),
  ].join(';');
}
