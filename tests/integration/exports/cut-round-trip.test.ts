/**
 * Every export of an approved cut, read back with a parser of its own (JSON for OTIO, an XML
 * parser for FCPXML, the EDL reader, webvtt-parser, a CSV reader), places each take, transition,
 * note and line of dialogue where the compiled MP4 has it: frame for frame against the MP4's
 * chapters and caption track as ffprobe and ffmpeg read them.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { WebVTTParser } from 'webvtt-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { compileEpisode, episodeOutputKey } from '../../../server/commands/episode-compiler.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import type { VideoSegment } from '../../../server/db/schema.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { readCsv } from '../../support/csv-reader.ts';
import { framesOfTimecode, readEdl } from '../../support/edl-reader.ts';
import { generateAndAnalyze } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const run = promisify(execFile);
const app = appServerForFile();
const FPS = 25;
/** 01:00:00:00 at 25 fps. */
const TC_START = 90_000;
/** The compile's dissolve, 0.5 s: 12.5 frames, which the compile rounds to 13 (round half up). */
const DISSOLVE_FRAMES = 13;
/** Shot 3 asks for its own 0.2-s fade: 5 frames. */
const FADE_FRAMES = 5;
const TITLE = 'Café Noir: the "pier" cut';

let owner: TestClient;
let episodeId: string;
let takes: VideoSegment[];
/** The MP4's chapters in frames: where each take starts and where the next one does. */
let chapters: { start: number; end: number }[];
/** The MP4's own caption track, as ffmpeg writes it out. */
let mp4Cues: { start: number; end: number; text: string }[];
let rangeNoteId: string;
let wholeNoteId: string;
/** The music file uploaded for the compile. */
let music: Buffer;

const chapterFrames = (seconds: string) => Math.round(Number(seconds) * FPS);

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  const created = await owner.json<{ id: string }>('POST', '/api/v1/episodes', {
    title: TITLE,
    width: 320,
    height: 180,
    fps: FPS,
    shots: [
      // Lines short enough to be spoken within their shot, so no take is lengthened to fit them.
      { scene: 'EXT. PIER - DAWN', prompt: 'Close-up: Ann waves at the boat', duration: 2, dialogue: [{ character: 'Ann', line: 'Hi.' }, { character: 'Ann', line: 'Here!' }] },
      { scene: 'EXT. PIER - DAWN', prompt: 'Ben walks along the pier', duration: 2, dialogue: [{ character: 'Ben', line: 'Goodbye, then.' }] },
      { scene: 'INT. CAFE - DAY', prompt: 'Ann sits down, alone', duration: 2, transition_in: { style: 'fade', duration_seconds: 0.2 }, dialogue: [] },
    ],
  });
  expect(created.status).toBe(201);
  episodeId = created.body.id;
  expect((await owner.json('PUT', `/api/v1/episodes/${episodeId}/timecode`, { start: '01:00:00:00' })).status).toBe(200);
  const { services } = app.context;
  for (const segment of await listCurrentSegments(services.db, episodeId)) {
    await generateAndAnalyze(services, segment.id);
    expect((await owner.post(`/api/v1/segments/${segment.id}/approve`, {})).status).toBe(200);
  }
  takes = await listCurrentSegments(services.db, episodeId);
  const range = await owner.json<{ id: string }>('POST', `/api/v1/segments/${takes[0]!.id}/notes`, { text: 'Boat, too dark', frame_in: 10, frame_out: 19 });
  expect(range.status).toBe(201);
  rangeNoteId = range.body.id;
  const whole = await owner.json<{ id: string }>('POST', `/api/v1/segments/${takes[2]!.id}/notes`, { text: 'Hold longer, please' });
  expect(whole.status).toBe(201);
  wholeNoteId = whole.body.id;
  expect((await owner.post(`/api/v1/notes/${wholeNoteId}/resolve`, {})).status).toBe(200);

  // Music uploaded and mixed in by the compile, so the package carries it.
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=220:duration=3', '-c:a', 'pcm_s16le', join(app.context.dataDir, 'theme.wav')]);
  music = await readFile(join(app.context.dataDir, 'theme.wav'));
  const uploaded = await owner.request('POST', `/api/v1/episodes/${episodeId}/assets?filename=theme.wav`, music, { 'content-type': 'audio/wav' });
  expect(uploaded.status).toBe(201);
  const asset = (await uploaded.json()) as { id: string };
  const compile = await owner.json<{ compilation_job_id: string }>('POST', `/api/v1/episodes/${episodeId}/compile`, {
    transition_style: 'dissolve',
    transition_duration: 0.5,
    audio_config: { music_asset_id: asset.id },
  });
  expect(compile.status).toBe(202);
  expect(await compileEpisode(services, compile.body.compilation_job_id, { number: 1, max: 1 })).toBe('completed');
  const mp4 = services.storage.localPath(episodeOutputKey(episodeId))!;
  const probed = JSON.parse((await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_chapters', mp4])).stdout) as { chapters: { start_time: string; end_time: string }[] };
  chapters = probed.chapters.map((chapter) => ({ start: chapterFrames(chapter.start_time), end: chapterFrames(chapter.end_time) }));
  const vtt = (await run('ffmpeg', ['-v', 'error', '-i', mp4, '-map', '0:s:0', '-f', 'webvtt', '-'])).stdout;
  mp4Cues = new WebVTTParser().parse(vtt).cues.map((cue) => ({ start: cue.startTime, end: cue.endTime, text: cue.text }));
}, 300_000);

/** GETs an export and checks it is a download named after the episode. */
async function download(path: string, extension: string): Promise<string> {
  const response = await owner.get(`/api/v1/episodes/${episodeId}/export/${path}`);
  expect(response.status).toBe(200);
  const disposition = response.headers.get('content-disposition') ?? '';
  expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
  expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(`Café Noir the pier cut.${extension}`);
  expect(response.headers.get('x-dailies-missing-shots')).toBe('');
  return response.text();
}

describe('the compiled MP4 (the reference the exports are checked against)', () => {
  it('has one chapter per take with the dissolve and the fade overlapping', () => {
    // Written down from the shots: 50 frames each, less each join's overlap for all but the last.
    expect(chapters).toEqual([
      { start: 0, end: 50 - DISSOLVE_FRAMES },
      { start: 50 - DISSOLVE_FRAMES, end: 100 - DISSOLVE_FRAMES - FADE_FRAMES },
      { start: 100 - DISSOLVE_FRAMES - FADE_FRAMES, end: 150 - DISSOLVE_FRAMES - FADE_FRAMES },
    ]);
  });
});

describe('OpenTimelineIO export', () => {
  interface Item {
    OTIO_SCHEMA: string;
    source_range?: { start_time: { value: number; rate: number }; duration: { value: number; rate: number } };
    in_offset?: { value: number };
    out_offset?: { value: number };
    transition_type?: string;
    media_references?: { DEFAULT_MEDIA: { OTIO_SCHEMA: string; target_url: string; available_range: { duration: { value: number } } } };
    markers?: { OTIO_SCHEMA: string; color: string; comment: string; marked_range: { start_time: { value: number }; duration: { value: number } }; metadata: { dailies: { resolved: boolean; note_id: string } } }[];
    metadata?: { dailies?: { shot: number; take_version: number; provider: string; seed: number | null; prompt: string } };
  }

  it('places every clip and transition where the MP4 has them, with notes as markers and provenance', async () => {
    const doc = JSON.parse(await download('otio', 'otio')) as {
      OTIO_SCHEMA: string;
      global_start_time: { value: number; rate: number };
      metadata: { dailies: { missing_shots: number[] } };
      tracks: { OTIO_SCHEMA: string; children: { OTIO_SCHEMA: string; kind: string; children: Item[] }[] };
    };
    expect(doc.OTIO_SCHEMA).toBe('Timeline.1');
    expect(doc.global_start_time).toMatchObject({ value: TC_START, rate: FPS });
    expect(doc.metadata.dailies.missing_shots).toEqual([]);
    expect(doc.tracks.OTIO_SCHEMA).toBe('Stack.1');
    expect(doc.tracks.children.map((track) => [track.OTIO_SCHEMA, track.kind])).toEqual([
      ['Track.1', 'Video'],
      ['Track.1', 'Audio'],
    ]);
    const items = doc.tracks.children[0]!.children;
    expect(items.map((item) => item.OTIO_SCHEMA)).toEqual(['Clip.2', 'Transition.1', 'Clip.2', 'Transition.1', 'Clip.2']);
    // OTIO lays clips end to end: each clip starts where the durations before it end.
    let position = 0;
    const clips = items.filter((item) => item.OTIO_SCHEMA === 'Clip.2');
    clips.forEach((clip, index) => {
      expect(clip.source_range!.start_time.rate).toBe(FPS);
      expect(position).toBe(chapters[index]!.start);
      expect(clip.source_range!.duration.value).toBe(chapters[index]!.end - chapters[index]!.start);
      position += clip.source_range!.duration.value;
      expect(clip.media_references!.DEFAULT_MEDIA.OTIO_SCHEMA).toBe('ExternalReference.1');
      expect(clip.media_references!.DEFAULT_MEDIA.target_url).toBe(takes[index]!.video_url);
      expect(clip.media_references!.DEFAULT_MEDIA.available_range.duration.value).toBe(50);
      expect(clip.metadata!.dailies).toMatchObject({ shot: index + 1, take_version: takes[index]!.version, provider: takes[index]!.provenance!.provider, seed: takes[index]!.provenance!.seed, prompt: takes[index]!.provenance!.prompt });
    });
    const transitions = items.filter((item) => item.OTIO_SCHEMA === 'Transition.1');
    expect(transitions.map((item) => [item.transition_type, item.in_offset!.value, item.out_offset!.value])).toEqual([
      ['SMPTE_Dissolve', 0, DISSOLVE_FRAMES],
      ['Custom_Transition', 0, FADE_FRAMES],
    ]);
    expect(clips[0]!.markers!.map((marker) => [marker.OTIO_SCHEMA, marker.comment, marker.marked_range.start_time.value, marker.marked_range.duration.value, marker.metadata.dailies.resolved])).toEqual([
      ['Marker.2', 'Boat, too dark', 10, 10, false],
    ]);
    expect(clips[2]!.markers!.map((marker) => [marker.comment, marker.marked_range.start_time.value, marker.marked_range.duration.value, marker.metadata.dailies.resolved])).toEqual([
      ['Hold longer, please', 0, 50, true],
    ]);
    expect(clips[0]!.markers![0]!.color).toMatch(/^[A-Z]+$/);
    expect(clips[0]!.markers![0]!.metadata.dailies.note_id).toBe(rangeNoteId);
    expect(clips[2]!.markers![0]!.metadata.dailies.note_id).toBe(wholeNoteId);
  });
});

describe('FCPXML export', () => {
  const seconds = (value: string) => {
    const match = /^(\d+)(?:\/(\d+))?s$/.exec(value);
    if (!match) throw new Error(`not an FCPXML time: ${value}`);
    return Number(match[1]) / Number(match[2] ?? 1);
  };
  const frames = (value: string) => Math.round(seconds(value) * FPS);

  it('parses as FCPXML 1.10 whose spine clips, dissolves and markers sit where the MP4 has them', async () => {
    const text = await download('fcpxml', 'fcpxml');
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true });
    const tree = parser.parse(text) as Record<string, unknown>[];
    type Node = Record<string, unknown> & { ':@'?: Record<string, string> };
    const find = (nodes: Node[], name: string): Node => nodes.find((node) => name in node)!;
    const children = (node: Node, name: string) => node[name] as Node[];
    const fcpxml = find(tree, 'fcpxml');
    expect(fcpxml[':@']!.version).toBe('1.10');
    const resources = children(fcpxml, 'fcpxml').find((node) => 'resources' in node)!;
    const assets = children(resources, 'resources').filter((node) => 'asset' in node);
    expect(assets.map((asset) => frames(asset[':@']!.duration!))).toEqual([50, 50, 50]);
    const format = children(resources, 'resources').find((node) => 'format' in node)!;
    expect(seconds(format[':@']!.frameDuration!)).toBeCloseTo(1 / FPS, 9);
    const library = find(children(fcpxml, 'fcpxml'), 'library');
    const event = find(children(library, 'library'), 'event');
    const project = find(children(event, 'event'), 'project');
    const sequence = find(children(project, 'project'), 'sequence');
    const tcStart = frames(sequence[':@']!.tcStart!);
    expect(tcStart).toBe(TC_START);
    expect(frames(sequence[':@']!.duration!)).toBe(chapters.at(-1)!.end);
    const spine = children(find(children(sequence, 'sequence'), 'spine'), 'spine');
    expect(spine.map((node) => Object.keys(node).find((key) => key !== ':@'))).toEqual(['asset-clip', 'transition', 'asset-clip', 'transition', 'asset-clip']);
    const clips = spine.filter((node) => 'asset-clip' in node);
    clips.forEach((clip, index) => {
      expect(frames(clip[':@']!.offset!) - tcStart).toBe(chapters[index]!.start);
      expect(frames(clip[':@']!.duration!)).toBe(chapters[index]!.end - chapters[index]!.start);
      expect(clip[':@']!.ref).toBe(assets[index]![':@']!.id);
    });
    const dissolves = spine.filter((node) => 'transition' in node);
    expect(dissolves.map((node) => [frames(node[':@']!.offset!) - tcStart, frames(node[':@']!.duration!)])).toEqual([
      [chapters[1]!.start, DISSOLVE_FRAMES],
      [chapters[2]!.start, FADE_FRAMES],
    ]);
    const markers = (clip: Node) => children(clip, 'asset-clip').filter((node) => 'marker' in node).map((node) => node[':@']!);
    expect(markers(clips[0]!).map((marker) => [marker.value, frames(marker.start!), frames(marker.duration!), marker.completed])).toEqual([['Boat, too dark', 10, 10, '0']]);
    expect(markers(clips[1]!)).toEqual([]);
    expect(markers(clips[2]!).map((marker) => [marker.value, frames(marker.start!), frames(marker.duration!), marker.completed])).toEqual([['Hold longer, please', 0, 50, '1']]);
  });
});

describe('EDL export', () => {
  it('reads back as CMX 3600 events whose record timecodes match the MP4, with the dissolve events and note locators', async () => {
    const edl = readEdl(await download('edl', 'edl'));
    expect(edl.fcm).toBe('NON-DROP FRAME');
    const record = (tc: string) => framesOfTimecode(tc, FPS) - TC_START;
    // The last line of each event number is the take coming in.
    const incoming = [1, 2, 3].map((number) => edl.events.filter((event) => event.number === number).at(-1)!);
    incoming.forEach((event, index) => {
      expect(record(event.recordIn)).toBe(chapters[index]!.start);
      expect(record(event.recordOut)).toBe(chapters[index]!.end);
      expect(framesOfTimecode(event.sourceIn, FPS)).toBe(0);
      expect(framesOfTimecode(event.sourceOut, FPS)).toBe(chapters[index]!.end - chapters[index]!.start);
    });
    expect(incoming.map((event) => [event.kind, event.dissolveFrames])).toEqual([
      ['C', 0],
      ['D', DISSOLVE_FRAMES],
      ['D', FADE_FRAMES],
    ]);
    expect(new Set(incoming.map((event) => event.reel)).size).toBe(3);
    incoming.forEach((event) => expect(event.reel.length).toBeLessThanOrEqual(8));
    // A dissolve's outgoing line holds the previous reel for no time at the point it starts.
    const outgoing = edl.events.filter((event) => event.number === 2)[0]!;
    expect(outgoing.reel).toBe(incoming[0]!.reel);
    expect(outgoing.kind).toBe('C');
    expect(outgoing.recordIn).toBe(outgoing.recordOut);
    expect(record(outgoing.recordIn)).toBe(chapters[1]!.start);
    expect(framesOfTimecode(outgoing.sourceIn, FPS)).toBe(chapters[0]!.end);
    const locators = edl.events.flatMap((event) => event.comments.filter((line) => line.startsWith('LOC:')));
    expect(locators).toHaveLength(2);
    expect(locators[0]).toMatch(/^LOC: (\S+) +[A-Z]+ +Boat, too dark$/);
    expect(record(/^LOC: (\S+)/.exec(locators[0]!)![1]!)).toBe(chapters[0]!.start + 10);
    expect(record(/^LOC: (\S+)/.exec(locators[1]!)![1]!)).toBe(chapters[2]!.start);
  });
});

describe('subtitle exports', () => {
  it('WebVTT parses with webvtt-parser and its cues are the MP4’s caption track', async () => {
    const parsed = new WebVTTParser().parse(await download('vtt', 'vtt'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.cues.map((cue) => cue.text)).toEqual(['ANN: Hi.', 'ANN: Here!', 'BEN: Goodbye, then.']);
    expect(mp4Cues.map((cue) => cue.text)).toEqual(parsed.cues.map((cue) => cue.text));
    parsed.cues.forEach((cue, index) => {
      expect(cue.startTime).toBeCloseTo(mp4Cues[index]!.start, 2);
      expect(cue.endTime).toBeCloseTo(mp4Cues[index]!.end, 2);
    });
    // Ann's second line ends where Ben's take starts dissolving in; Ben's where the fade begins.
    expect(parsed.cues[1]!.endTime).toBeCloseTo(chapters[1]!.start / FPS, 3);
    expect(parsed.cues[2]!.startTime).toBeCloseTo(chapters[1]!.start / FPS, 3);
    expect(parsed.cues[2]!.endTime).toBeCloseTo(chapters[1]!.end / FPS, 3);
  });

  it('SubRip holds the same numbered cues with comma timestamps', async () => {
    const blocks = (await download('srt', 'srt')).trim().split(/\n\n/);
    const stamp = (text: string) => {
      const [h, m, s] = text.replace(',', '.').split(':').map(Number) as [number, number, number];
      return h * 3600 + m * 60 + s;
    };
    const cues = blocks.map((block) => {
      const [number, times, ...text] = block.split('\n');
      const [from, to] = times!.split(' --> ');
      return { number: Number(number), start: stamp(from!), end: stamp(to!), text: text.join('\n') };
    });
    expect(cues.map((cue) => cue.number)).toEqual([1, 2, 3]);
    cues.forEach((cue, index) => {
      expect(cue.text).toBe(mp4Cues[index]!.text);
      expect(cue.start).toBeCloseTo(mp4Cues[index]!.start, 2);
      expect(cue.end).toBeCloseTo(mp4Cues[index]!.end, 2);
    });
  });
});

describe('CSV shot list', () => {
  it('lists every take with its place, dialogue, decision, open notes and provenance', async () => {
    const [header, ...rows] = readCsv(await download('shots.csv', 'csv'));
    const column = (row: string[], name: string) => row[header!.indexOf(name)]!;
    expect(rows.map((row) => [column(row, 'scene'), column(row, 'shot'), column(row, 'shot_in_scene')])).toEqual([
      ['1', '1', '1'],
      ['1', '2', '2'],
      ['2', '3', '1'],
    ]);
    rows.forEach((row, index) => {
      expect(framesOfTimecode(column(row, 'record_in'), FPS) - TC_START).toBe(chapters[index]!.start);
      expect(framesOfTimecode(column(row, 'record_out'), FPS) - TC_START).toBe(chapters[index]!.end);
      expect(column(row, 'decision')).toBe('approved');
      expect(column(row, 'take_version')).toBe(String(takes[index]!.version));
      expect(column(row, 'provider')).toBe(takes[index]!.provenance!.provider);
      expect(column(row, 'seed')).toBe(String(takes[index]!.provenance!.seed ?? ''));
      expect(column(row, 'prompt')).toBe(takes[index]!.provenance!.prompt);
    });
    // The first shot names its framing; the others name none and are medium shots.
    expect(rows.map((row) => column(row, 'size'))).toEqual(['close-up', 'medium', 'medium']);
    expect(column(rows[0]!, 'dialogue')).toBe('Ann: Hi.\nAnn: Here!');
    expect(column(rows[0]!, 'open_notes')).toContain('frames 10-19: Boat, too dark');
    // The third take's only note is resolved, so nothing is open.
    expect(column(rows[2]!, 'open_notes')).toBe('');
  });
});

describe('one scene', () => {
  it('exports only that scene’s takes, from the start of their own timeline', async () => {
    const response = await owner.get(`/api/v1/episodes/${episodeId}/export/edl?scene=2`);
    expect(response.status).toBe(200);
    expect(decodeURIComponent(response.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('Café Noir the pier cut - scene 2.edl');
    const edl = readEdl(await response.text());
    expect(edl.events).toHaveLength(1);
    expect(edl.events[0]!.kind).toBe('C');
    expect(framesOfTimecode(edl.events[0]!.recordIn, FPS)).toBe(TC_START);
    expect(framesOfTimecode(edl.events[0]!.recordOut, FPS)).toBe(TC_START + 50);
    const csv = readCsv(await (await owner.get(`/api/v1/episodes/${episodeId}/export/shots.csv?scene=1`)).text());
    expect(csv.slice(1).map((row) => row[1])).toEqual(['1', '2']);
  });
});

/** Every entry of a ZIP, read with yauzl: its name, whether it was stored uncompressed, and its bytes. */
async function unzip(bytes: Buffer): Promise<Map<string, { stored: boolean; data: Buffer }>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))));
  const entries = new Map<string, { stored: boolean; data: Buffer }>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          entries.set(entry.fileName, { stored: entry.compressionMethod === 0, data: Buffer.concat(chunks) });
          zip.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

describe('package', () => {
  it('is a ZIP of the takes under stable names, with the timelines pointing at them by relative path', async () => {
    const response = await owner.get(`/api/v1/episodes/${episodeId}/export/package`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(decodeURIComponent(response.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('Café Noir the pier cut.zip');
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    // Scene, shot and version in every take's name, written down by hand.
    const media = ['media/s01-shot001-v1.mp4', 'media/s01-shot002-v1.mp4', 'media/s02-shot003-v1.mp4'];
    const sidecars = ['media/s01-shot001-v1.json', 'media/s01-shot002-v1.json', 'media/s02-shot003-v1.json'];
    expect([...entries.keys()].filter((name) => name.startsWith('media/') && name.endsWith('.mp4'))).toEqual(media);
    expect([...entries.keys()].filter((name) => name.startsWith('media/') && name.endsWith('.json'))).toEqual(sidecars);
    // Beside each take, its shot information: what the picture does not carry burned in.
    type Sidecar = { scene: { number: number; heading: string }; shot: { number: number; prompt: string }; take: { segment_id: string; version: number; seed: number | null; file: string }; dialogue: { text: string }[]; notes: { text: string }[] };
    const sidecar = (index: number) => JSON.parse(entries.get(sidecars[index]!)!.data.toString('utf8')) as Sidecar;
    expect(sidecar(0)).toMatchObject({ scene: { number: 1, heading: 'EXT. PIER - DAWN' }, shot: { number: 1, prompt: expect.stringContaining('Close-up: Ann waves at the boat') }, take: { segment_id: takes[0]!.id, version: 1, seed: takes[0]!.seed, file: 's01-shot001-v1.mp4' } });
    expect(sidecar(0).dialogue.map((cue) => cue.text)).toEqual(['ANN: Hi.', 'ANN: Here!']);
    expect(sidecar(0).notes.map((note) => note.text)).toContain('Boat, too dark');
    expect(sidecar(2)).toMatchObject({ scene: { number: 2, heading: 'INT. CAFE - DAY' }, shot: { number: 3, prompt: expect.stringContaining('Ann sits down, alone') }, dialogue: [] });
    const { services } = app.context;
    media.forEach((name, index) => {
      const stored = readFileSync(services.storage.localPath(takes[index]!.storage_key!)!);
      expect(entries.get(name)!.data.equals(stored), name).toBe(true);
      expect(entries.get(name)!.stored).toBe(true);
    });

    const base = 'Café Noir the pier cut';
    const text = (extension: string) => entries.get(`${base}.${extension}`)!.data.toString('utf8');
    type OtioItem = { OTIO_SCHEMA: string; media_references?: Record<string, { target_url: string }>; active_media_reference_key?: string };
    const otio = JSON.parse(text('otio')) as { tracks: { children: { children: OtioItem[] }[] } };
    const targets = otio.tracks.children[0]!.children
      .filter((item) => item.OTIO_SCHEMA.startsWith('Clip'))
      .map((clip) => clip.media_references![clip.active_media_reference_key!]!.target_url);
    expect(targets).toEqual(media);
    const fcpxml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text('fcpxml')) as { fcpxml: { resources: { asset: { 'media-rep': { src: string } }[] } } };
    expect(fcpxml.fcpxml.resources.asset.map((asset) => asset['media-rep'].src)).toEqual(media);
    expect(text('edl').split('\n').filter((line) => line.startsWith('* SOURCE FILE:')).map((line) => line.slice('* SOURCE FILE: '.length).trim())).toEqual(media);
    // The same cut as the single exports: only the media paths differ.
    expect(text('srt')).toBe(await download('srt', 'srt'));
    expect(text('csv')).toBe(await download('shots.csv', 'csv'));
    expect(entries.has(`${base}.vtt`)).toBe(true);
    expect(entries.get('music/theme.wav')?.data.equals(music)).toBe(true);
    const readme = entries.get('README.txt')!.data.toString('utf8');
    for (const editor of ['DaVinci Resolve', 'Premiere', 'Final Cut']) expect(readme).toContain(editor);
  });
});
