/**
 * Episodes for the scale benchmark: made through the API (POST /api/v1/episodes with a shot list,
 * as a client would), then every shot given a finished take straight in the database. Rendering
 * hundreds of animatics would take many minutes, so one take is made through the real path
 * (generate, then analyze, with the built-in offline provider) and its files and facts are copied
 * to every other shot, each under its own storage keys, through the queries the analysis uses.
 */
import { findSegment, claimForGeneration, completeGeneration, listCurrentSegments, setProvenance } from '../../server/db/queries/segment.queries.ts';
import type { VideoSegment } from '../../server/db/schema.ts';
import type { Runtime } from '../../server/runtime.ts';
import { localFileFor, mediaUrl } from '../../server/storage/storage.ts';
import { generateAndAnalyze } from '../../tests/support/factories.ts';
import type { TestClient } from '../../tests/support/http-client.ts';

/** A shot list of `count` shots, four to a scene. */
export function shotList(count: number, seconds = 3) {
  return Array.from({ length: count }, (_, i) => ({
    scene: `INT. ROOM ${Math.floor(i / 4) + 1} - DAY`,
    prompt: `Shot ${i + 1}: the detective studies the evidence`,
    duration: seconds,
    camera: (['static', 'push-in', 'pull-out', 'pan-left', 'pan-right'] as const)[i % 5],
  }));
}

/** Creates an episode of `shots` shots through the API; returns its id. */
export async function createEpisodeOf(owner: TestClient, shots: number, title: string, seconds = 3): Promise<string> {
  const created = await owner.json<{ id: string }>('POST', '/api/v1/episodes', { shots: shotList(shots, seconds), title });
  if (created.status !== 201) throw new Error(`creating the episode gave ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/** Makes the first shot's take through the real generate + analyze path: the template of the copies. */
export async function templateTake(runtime: Runtime, episodeId: string): Promise<VideoSegment> {
  const [first] = await listCurrentSegments(runtime.services.db, episodeId);
  if (!first) throw new Error('the episode has no shots');
  const outcome = await generateAndAnalyze(runtime.services, first.id);
  const made = await findSegment(runtime.services.db, first.id);
  if (outcome !== 'completed' || !made?.storage_key || !made.thumbnail_key || !made.sprite_key) throw new Error(`the template take ended ${outcome}`);
  return made;
}

/** Gives every shot of the episode still without a take a copy of `template` (files copied too). */
export async function giveEveryShotATake(runtime: Runtime, episodeId: string, template: VideoSegment): Promise<number> {
  const { db, storage, scratchDir } = runtime.services;
  const files = {
    video: await localFileFor(storage, template.storage_key!, scratchDir),
    poster: await localFileFor(storage, template.thumbnail_key!, scratchDir),
    sprite: await localFileFor(storage, template.sprite_key!, scratchDir),
  };
  let given = 0;
  for (const segment of await listCurrentSegments(db, episodeId)) {
    if (segment.status !== 'pending' || !(await claimForGeneration(db, segment.id))) continue;
    const base = `segments/${episodeId}/${segment.id}`;
    const keys = { video: `${base}/video.mp4`, poster: `${base}/poster.jpg`, sprite: `${base}/sprite.jpg` };
    const stored = await storage.putFile(keys.video, files.video);
    await storage.putFile(keys.poster, files.poster);
    await storage.putFile(keys.sprite, files.sprite);
    if (template.provenance) await setProvenance(db, segment.id, template.provenance, { usd: template.cost_usd, source: template.cost_source });
    await completeGeneration(db, segment.id, {
      storage_key: keys.video,
      thumbnail_key: keys.poster,
      sprite_key: keys.sprite,
      sprite_info: JSON.stringify({ ...template.sprite_info, url: mediaUrl(keys.sprite) }),
      video_url: mediaUrl(keys.video),
      thumbnail_url: mediaUrl(keys.poster),
      duration: template.duration,
      file_size: stored.size,
      resolution: template.resolution,
      format: template.format,
      quality_metrics: JSON.stringify(template.quality_metrics),
      quality_score: template.quality_score,
      consistency_score: template.consistency_score,
      source_key: null,
    });
    given++;
  }
  return given;
}

/** The current takes of an episode by slot number (its shots' segment numbers, 1…n). */
export async function takesBySlot(runtime: Runtime, episodeId: string): Promise<Map<number, string>> {
  const segments = await listCurrentSegments(runtime.services.db, episodeId);
  return new Map(segments.map((segment) => [segment.segment_number, segment.id]));
}
