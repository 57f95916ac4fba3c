/**
 * The images that keep a new take consistent with the episode, for models that take image input:
 * the last frame of the approved take just before it in compile order, when that shot is of the
 * same scene (the new shot continues from it), and the reference images of the characters in the
 * shot. Only what the provider says it accepts is prepared.
 */
import { join } from 'node:path';
import { listCharacterReferences } from '../db/queries/asset.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { listCurrentSegments } from '../db/queries/segment.queries.ts';
import type { VideoSegment } from '../db/schema.ts';
import { extractLastFrame } from '../media/poster.ts';
import type { VideoProvider, VideoReferenceImage, VideoRequest } from '../providers/video.types.ts';
import { compileSourceFor } from './media-cache.ts';
import type { Services } from './services.ts';

export interface TakeReferences {
  references: VideoRequest['references'];
  /** The approved take whose last frame the new one continues from, when one was sent. */
  continuedFrom: VideoSegment | undefined;
}

export async function referencesFor(
  services: Services,
  segment: VideoSegment,
  request: VideoRequest,
  provider: VideoProvider,
  workDir: string,
): Promise<TakeReferences> {
  const accepts = provider.imageInput;
  if (!accepts || (!accepts.firstFrame && !accepts.references)) return { references: undefined, continuedFrom: undefined };
  const references: NonNullable<VideoRequest['references']> = { characters: [] };
  let continuedFrom: VideoSegment | undefined;
  if (accepts.firstFrame) {
    const previous = await previousApprovedTake(services, segment);
    if (previous?.storage_key) {
      const path = join(workDir, 'previous-frame.png');
      await extractLastFrame(await compileSourceFor(services, previous.storage_key), path);
      references.previousFrame = { role: 'previous_frame', path, mimeType: 'image/png', source: previous.storage_key };
      continuedFrom = previous;
    }
  }
  if (accepts.references) {
    const images = await listCharacterReferences(services.db, segment.episode_id);
    for (const image of images.filter((entry) => request.shot.characterKeys.includes(entry.key))) {
      const reference: VideoReferenceImage = {
        role: 'character',
        characterKey: image.key,
        path: await compileSourceFor(services, image.storage_key),
        mimeType: image.content_type,
        source: image.storage_key,
      };
      references.characters.push(reference);
    }
  }
  return { references: references.previousFrame || references.characters.length > 0 ? references : undefined, continuedFrom };
}

/** The current take of the slot before this one in compile order, when approved and of the same scene. */
async function previousApprovedTake(services: Services, segment: VideoSegment): Promise<VideoSegment | undefined> {
  const [current, plan] = await Promise.all([listCurrentSegments(services.db, segment.episode_id), findPlanRows(services.db, segment.episode_id)]);
  const at = current.findIndex((entry) => entry.shot_id === segment.shot_id);
  const previous = at > 0 ? current[at - 1] : undefined;
  if (!previous || previous.approval_status !== 'approved' || !previous.storage_key || previous.purged_at) return undefined;
  const sceneOf = (shotId: string) => plan.shots.find((shot) => shot.id === shotId)?.scene_id;
  return sceneOf(previous.shot_id) === sceneOf(segment.shot_id) ? previous : undefined;
}
