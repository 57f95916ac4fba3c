/**
 * A screenplay's transitions and centred text survive planning: stored on the shots, shown by the
 * API, and sent to the video provider (the title card's text).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planEpisode } from '../../../server/commands/episode-planner.ts';
import { buildVideoRequest } from '../../../server/commands/video-request.builder.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { EVERY_ELEMENT_EN } from '../../unit/planner/fountain-every-element.ts';

const app = appServerForFile();
let editor: TestClient;

interface Detail {
  id: string;
  shots: { id: string; shot_number: number; characters: string[]; transition_in: unknown; title_card: string | null }[];
}

beforeAll(async () => {
  editor = await signedUpClient(app.server.base, 'editor@example.com');
});

describe('a screenplay episode', () => {
  it('keeps the screenplay\'s transitions and title card on its shots', async () => {
    const created = await editor.json<Detail>('POST', '/api/v1/episodes', { screenplay: EVERY_ELEMENT_EN });
    expect(created.status).toBe(201);
    expect(await planEpisode(app.context.services, created.body.id)).toBe('planned');
    const { body } = await editor.json<Detail>('GET', `/api/v1/episodes/${created.body.id}`);
    const shots = [...body.shots].sort((a, b) => a.shot_number - b.shot_number);
    // FADE IN opens scene 1 (three shots), SMASH CUT scene 2 (two), DISSOLVE scene 3 (one), FADE TO BLACK scene 4, which ends on the card.
    expect(shots.map((shot) => shot.transition_in)).toEqual([
      { style: 'fade' }, null, null,
      { style: 'cut' }, null,
      { style: 'dissolve' },
      { style: 'fade' }, null,
    ]);
    expect(shots.map((shot) => shot.title_card)).toEqual([null, null, null, null, null, null, null, 'THE END']);
    expect(shots.at(-1)?.characters).toEqual([]);

    // The card's take is asked for as a card.
    const segments = await listCurrentSegments(app.context.services.db, created.body.id);
    const cardSegment = segments.find((segment) => segment.shot_id === shots.at(-1)?.id)!;
    const built = await buildVideoRequest(app.context.services.db, cardSegment);
    expect(built?.request.shot.titleCard).toBe('THE END');
    const other = await buildVideoRequest(app.context.services.db, segments.find((segment) => segment.shot_id === shots[0]?.id)!);
    expect(other?.request.shot).not.toHaveProperty('titleCard');
  });
});
