/**
 * Transitions rendered ahead of the compile: approving two neighbouring takes renders the window
 * between them in the background; the compile that follows finds every window ready and only
 * joins (the cached files are the very ones it uses); a new order renders the new neighbours.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAndWait } from '../../support/compile.ts';
import { shotListEpisode, startHarness, type Harness } from '../../support/harness.ts';
import { jobsDone, jobsQueued } from '../../support/jobs.ts';
import { eventually } from '../../support/server-process.ts';

let harness: Harness;
let episodeId: string;
let segments: { id: string; segment_number: number }[];
let cacheDir: string;

/** The cached pieces, by file name, with their inode (a piece rendered again gets a new one). */
async function cachedPieces(): Promise<Map<string, number>> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  const pieces = new Map<string, number>();
  for (const name of names.filter((entry) => entry.endsWith('.mp4'))) pieces.set(name, (await stat(join(cacheDir, name))).ino);
  return pieces;
}

/**
 * Every take approved and the pre-render run: what the first test ends with, reached here too when
 * a later test runs alone (approving only what is not approved yet).
 */
async function everyTakeApprovedAndPrerendered(): Promise<void> {
  const { body } = await harness.editor.json<{ segments: { id: string; approval_status: string }[] }>('GET', `/api/v1/episodes/${episodeId}/segments/status`);
  for (const segment of body.segments.filter((s) => s.approval_status !== 'approved')) {
    expect((await harness.editor.post(`/api/v1/segments/${segment.id}/approve`, {})).status).toBe(200);
  }
  await jobsDone(harness.context.services.db, ['prerender_transitions']);
}

beforeAll(async () => {
  harness = await startHarness();
  cacheDir = join(harness.context.services.scratchDir, '..', 'cache', 'transitions');
  const shots = [
    { scene: 'EXT. HARBOUR - DAWN', prompt: 'Boats at the quay', duration: 2 },
    { scene: 'INT. LIGHTHOUSE - DAY', prompt: 'A spiral stair', duration: 2 },
    { scene: 'EXT. CLIFF - DUSK', prompt: 'Waves on the rocks', duration: 2 },
  ];
  episodeId = await shotListEpisode(harness.editor, shots, 'Ahead of time');
  await harness.editor.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel' });
  segments = await eventually(async () => {
    const { body } = await harness.editor.json<{ totals: { completed: number }; segments: typeof segments }>('GET', `/api/v1/episodes/${episodeId}/segments/status`);
    return body.totals.completed === 3 && body.segments;
  }, 60_000, 'generation');
});
afterAll(async () => harness?.close());

describe('transitions rendered ahead of the compile', () => {
  it('renders the window between two approved neighbours, and none next to an unapproved take', async () => {
    await harness.editor.post(`/api/v1/segments/${segments[0]!.id}/approve`, {});
    await harness.editor.post(`/api/v1/segments/${segments[2]!.id}/approve`, {});
    // 1 and 3 are approved but not neighbours: the pre-render runs and finds nothing to render.
    const db = harness.context.services.db;
    expect(await jobsQueued(db, ['prerender_transitions'])).toBe(1);
    await jobsDone(db, ['prerender_transitions']);
    expect((await cachedPieces()).size).toBe(0);
    await harness.editor.post(`/api/v1/segments/${segments[1]!.id}/approve`, {});
    await eventually(async () => (await cachedPieces()).size === 2, 60_000, 'both windows to be rendered');
  });

  it('lets the compile only join: it uses the rendered windows as they are', async () => {
    await everyTakeApprovedAndPrerendered();
    const before = await cachedPieces();
    expect(before.size).toBeGreaterThanOrEqual(2);
    await compileAndWait(harness.editor, episodeId, { transition_style: 'dissolve', transition_duration: 0.5, audio_config: { volume_normalization: false } });
    const after = await cachedPieces();
    // The windows, untouched (a window rendered again would be a new file), plus the pieces of
    // sound the compile added (each clip's sound, each crossfade, the encoded chunks).
    expect(after.size).toBeGreaterThan(before.size);
    for (const [name, inode] of before) expect(after.get(name), name).toBe(inode);
  });

  it('renders the new neighbours after a reorder, keeping the pair that stayed together', async () => {
    await everyTakeApprovedAndPrerendered();
    const before = await cachedPieces();
    expect((await harness.editor.put(`/api/v1/episodes/${episodeId}/order`, { order: [3, 1, 2] })).status).toBe(200);
    // 3→1 is new; 1→2 is the same pair as before.
    await eventually(async () => (await cachedPieces()).size === before.size + 1, 60_000, 'the new window');
  });

  it('renders the window a shot\'s own transition in asks for, and the compile joins with it as it is', async () => {
    await everyTakeApprovedAndPrerendered();
    const { body } = await harness.editor.json<{ shots: { id: string; shot_number: number }[] }>('GET', `/api/v1/episodes/${episodeId}`);
    const second = body.shots.find((shot) => shot.shot_number === 2)!;
    const before = await cachedPieces();
    // Shot 2 now fades in from shot 1 over a quarter second: a window no earlier compile had.
    expect((await harness.editor.json('PATCH', `/api/v1/shots/${second.id}`, { transition_in: { style: 'fade', duration_seconds: 0.25 } })).status).toBe(200);
    await eventually(async () => (await cachedPieces()).size === before.size + 1, 60_000, 'the fade window');
    await jobsDone(harness.context.services.db, ['prerender_transitions']);
    const ready = await cachedPieces();
    await compileAndWait(harness.editor, episodeId, { transition_style: 'dissolve', transition_duration: 0.5, audio_config: { volume_normalization: false } });
    const after = await cachedPieces();
    for (const [name, inode] of ready) expect(after.get(name), name).toBe(inode);
  });
});

