/**
 * What a video provider is asked for carries the shot's size, read from the framing the planner
 * wrote at the head of the shot's prompt.
 */
import { describe, expect, it } from 'vitest';
import { buildVideoRequest } from '../../../server/commands/video-request.builder.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { plannedEpisode } from '../../support/factories.ts';

const app = appServerForFile();

/** The built-in planner's English framings and the size each one names. */
const FRAMING_SIZES: Record<string, string> = {
  'Wide establishing shot': 'wide',
  'Close-up': 'close-up',
  'Medium shot': 'medium',
  'Medium close-up': 'medium-close-up',
  'Two-shot': 'two-shot',
  'Over-the-shoulder shot': 'over-the-shoulder',
  'Wide shot': 'wide',
  'Medium-wide group shot': 'full',
};

describe('a planned shot sent to the video provider', () => {
  it('names its size as its prompt frames it', { timeout: 120_000 }, async () => {
    const episode = await plannedEpisode(app.context.services);
    const segments = await listCurrentSegments(app.context.services.db, episode.id);
    const sizes = new Set<string>();
    for (const segment of segments) {
      const built = await buildVideoRequest(app.context.services.db, segment);
      const shot = built!.request.shot;
      if (shot.titleCard) continue;
      const framing = shot.prompt.split(':')[0]!;
      expect(FRAMING_SIZES, framing).toHaveProperty([framing]);
      expect(shot.size, shot.prompt).toBe(FRAMING_SIZES[framing]);
      sizes.add(shot.size!);
    }
    expect(sizes.size).toBeGreaterThan(1);
  });
});
