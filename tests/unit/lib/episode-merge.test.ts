/**
 * The episode page's data with the live document over it: which facts come from the document,
 * which takes must be fetched, and that unchanged parts keep their objects.
 */
import { describe, expect, it } from 'vitest';
import type { CompilationDto, EpisodeDetailDto, SegmentDto, ShotDto } from '../../../src/lib/api/episodes.schema.ts';
import { NO_NOTES, type LiveEpisode, type LiveSlot } from '../../../src/lib/domain/live-episode.ts';
import { DEFAULT_QUALITY_GATE } from '../../../src/lib/domain/quality-gate.ts';
import { mergeEpisode, missingTakes, sameShots, shareUnchanged } from '../../../src/lib/live/episode-merge.ts';

const take = (n: number, fields: Partial<SegmentDto> = {}): SegmentDto => ({
  id: `take-${n}`,
  shot_id: `shot-${n}`,
  segment_number: n,
  status: 'completed',
  approval_status: 'pending',
  version: 1,
  progress: 100,
  video_url: `/media/${n}.mp4`,
  thumbnail_url: `/media/${n}.jpg`,
  duration: 5,
  quality_score: 0.8,
  resolution: '640x360',
  file_size: 1000,
  error_kind: null,
  error_message: null,
  generation_params: { prompt: `shot ${n}` },
  ...fields,
});

const shot = (n: number): ShotDto => ({
  id: `shot-${n}`,
  scene_id: 'scene-1',
  shot_number: n,
  number_in_scene: n,
  position: n,
  prompt: `shot ${n}`,
  style: null,
  camera: 'static',
  camera_note: '',
  duration: 5,
  characters: [],
  dialogue: [],
  transition_in: null,
  title_card: null,
  segment: take(n),
});

const compilation: CompilationDto = {
  id: 'compile-1',
  status: 'running',
  progress: 10,
  transition_style: 'cut',
  transition_duration: 0,
  segment_ids: [],
  audio_config: {},
  output_file_size: null,
  created_at: '2026-01-01T00:00:00.000Z',
  completed_at: null,
  output_video_url: null,
  output_duration: null,
  segments_included: null,
  chapters: [],
  error_message: null,
  changes_since: null,
  out_of_date: false,
};

const episode = (): EpisodeDetailDto => ({
  id: 'episode-1',
  title: 'Old title',
  logline: 'Old logline',
  status: 'reviewing',
  style: 'noir',
  resolution: '640x360',
  created_at: '2026-01-01T00:00:00.000Z',
  progress: { total: 3, completed: 3, approved: 0, failed: 0 },
  role: 'owner',
  can: {} as EpisodeDetailDto['can'],
  idea: null,
  story: '',
  error_message: null,
  characters: [],
  scenes: [],
  shots: [shot(1), shot(2), shot(3)],
  latest_compilation: compilation,
  changes_since: null,
  out_of_date: false,
  fps: 24,
  timecode_start_frame: 0,
  quality_gate: DEFAULT_QUALITY_GATE,
  plan_key: 'plan-1',
});

const slot = (n: number, fields: Partial<LiveSlot> = {}): LiveSlot => ({
  slot: n,
  shotId: `shot-${n}`,
  sceneNumber: 1,
  numberInScene: n,
  heading: 'INT. ALLEY',
  segmentId: `take-${n}`,
  version: 1,
  versions: 1,
  status: 'completed',
  approval: 'pending',
  progress: 100,
  thumbnailUrl: `/media/${n}.jpg`,
  videoUrl: `/media/${n}.mp4`,
  duration: 5,
  qualityScore: 0.8,
  consistencyScore: null,
  error: null,
  errorKind: null,
  ratingCount: 0,
  ratingMean: null,
  ratings: [],
  decisions: [],
  approvals: 0,
  approvalsNeeded: 1,
  notes: NO_NOTES,
  template: null,
  stale: [],
  candidate: null,
  choice: null,
  gate: null,
  ...fields,
});

const live = (slots: LiveSlot[], fields: Partial<LiveEpisode> = {}): LiveEpisode => ({
  episode: { id: 'episode-1', title: 'New title', logline: 'New logline', status: 'reviewing', error: null, width: 640, height: 360, fps: 24, videoProvider: 'local', updatedAt: '', activity: 0, membership: 0, qualityGate: DEFAULT_QUALITY_GATE, budgetUsd: null, planKey: 'plan-1' },
  order: slots.map((s) => s.slot),
  slots,
  jobs: [],
  outputs: [],
  ...fields,
});

describe('the episode page over the live document', () => {
  it('takes statuses, approvals, counts, the order, the title and logline from the document', () => {
    const merged = mergeEpisode(episode(), live([slot(1, { approval: 'approved' }), slot(2, { status: 'failed', error: 'boom' }), slot(3)], { order: [3, 1, 2] }), new Map(), undefined);
    expect(merged.title).toBe('New title');
    expect(merged.logline).toBe('New logline');
    expect(merged.progress).toEqual({ total: 3, completed: 2, approved: 1, failed: 1 });
    expect(merged.shots.map((s) => [s.shot_number, s.position, s.segment?.status, s.segment?.approval_status, s.segment?.error_message])).toEqual([
      [1, 2, 'completed', 'approved', null],
      [2, 3, 'failed', 'pending', 'boom'],
      [3, 1, 'completed', 'pending', null],
    ]);
  });

  it('names the new takes to fetch, keeps the old take until one arrives, then shows it with the live facts', () => {
    const base = episode();
    const document = live([slot(1), slot(2, { segmentId: 'take-2b', version: 2, status: 'generating', progress: 40, videoUrl: null }), slot(3)]);
    expect(missingTakes(base, document)).toEqual(['take-2b']);
    expect(mergeEpisode(base, document, new Map(), undefined).shots[1]!.segment).toBe(base.shots[1]!.segment);
    const fetched = take(2, { id: 'take-2b', version: 2, status: 'pending', progress: 0, video_url: null, generation_params: { prompt: 'a new prompt' } });
    const segment = mergeEpisode(base, document, new Map([['take-2b', fetched]]), undefined).shots[1]!.segment!;
    expect(segment).toMatchObject({ id: 'take-2b', version: 2, status: 'generating', progress: 40, video_url: null, generation_params: { prompt: 'a new prompt' } });
  });

  it('tells a change of the shots (only a reload describes) from a change of their takes', () => {
    expect(sameShots(episode(), live([slot(1), slot(2), slot(3)]))).toBe(true);
    expect(sameShots(episode(), live([slot(1), slot(2), slot(3), slot(4)]))).toBe(false);
    expect(sameShots(episode(), live([slot(1), slot(3)]))).toBe(false);
  });

  it('follows the newest compile: its progress live, and the fetched one once it is another', () => {
    const running = live([slot(1), slot(2), slot(3)], { jobs: [{ id: 'compile-1', kind: 'compile', status: 'running', progress: 60, error: null, updatedAt: '', paused: null }] });
    expect(mergeEpisode(episode(), running, new Map(), undefined).latest_compilation).toMatchObject({ id: 'compile-1', progress: 60 });
    const next = { ...compilation, id: 'compile-2', status: 'completed' as const, progress: 100, output_video_url: '/media/final.mp4' };
    const finished = live([slot(1), slot(2), slot(3)], { jobs: [{ id: 'compile-2', kind: 'compile', status: 'completed', progress: 100, error: null, updatedAt: '', paused: null }] });
    expect(mergeEpisode(episode(), finished, new Map(), next).latest_compilation).toMatchObject({ id: 'compile-2', output_video_url: '/media/final.mp4' });
  });

  it('keeps the objects of what did not change', () => {
    const base = episode();
    const first = mergeEpisode(base, live([slot(1), slot(2), slot(3)]), new Map(), undefined);
    const same = shareUnchanged(first, mergeEpisode(base, live([slot(1), slot(2), slot(3)]), new Map(), undefined));
    expect(same).toBe(first);
    const changed = shareUnchanged(first, mergeEpisode(base, live([slot(1, { approval: 'approved' }), slot(2), slot(3)]), new Map(), undefined));
    expect(changed).not.toBe(first);
    expect(changed.shots[0]).not.toBe(first.shots[0]);
    expect(changed.shots[1]).toBe(first.shots[1]);
    expect(changed.latest_compilation).toBe(first.latest_compilation);
  });
});
