/**
 * The compare view in Chromium shows each take's note drawings over its own picture, only on
 * their frames, and D hides and shows them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { regenerateSegment } from '../../server/commands/segment-versions.ts';
import { createNote } from '../../server/commands/take-notes.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { findSegment } from '../../server/db/queries/segment.queries.ts';
import { generateFirstSegments } from '../support/factories.ts';
import { eventually } from '../support/server-process.ts';

const app = serverAndBrowserForFile();

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
}, 120_000);

const drawingWith = (word: string) => ({ shapes: [{ kind: 'text' as const, color: '#e11d48', x: 0.1, y: 0.1, text: word, size: 0.08 }] });

describe('the compare view', () => {
  it('draws each take’s notes on its own side, on their frames', async () => {
    const owner = await signedUpBrowser(app.browser, app.server.base, { email: 'cai@example.com', name: 'Cai' });
    const actor = { userId: await accountIdOf(owner, app.server.base), name: 'Cai' };
    const episode = await createEpisode(app.context.services, { shots: [{ prompt: 'A paper boat on a pond', duration: 2 }], title: 'Boats', width: 320, height: 180 }, actor);
    const [first] = await generateFirstSegments(app.context.services, episode.id, 1);
    const second = await regenerateSegment(app.context.services, first!.id, { changes: { seed: 9 }, keepOriginal: true }, actor);
    // The server's own worker makes it (generating it here too would race that worker for the take).
    await eventually(async () => (await findSegment(app.context.services.db, second.id))?.status === 'completed', 120_000, 'take 2');
    await createNote(app.context.services, first!.id, actor, { text: 'On the first', frame_in: 0, drawing: drawingWith('first take'), mentions: [] });
    await createNote(app.context.services, second.id, actor, { text: 'On the second', frame_in: 0, frame_out: 2, drawing: drawingWith('second take'), mentions: [] });

    const page = await owner.newPage();
    await page.goto(`${app.server.base}/episodes/${episode.id}/segments/${second.id}/compare/${first!.id}`);
    const sides = page.locator('figure');
    const wordsOn = (index: number) => sides.nth(index).locator('[data-testid="drawing-layer"] text').allTextContents();
    await expect.poll(() => wordsOn(0)).toEqual(['second take']);
    await expect.poll(() => wordsOn(1)).toEqual(['first take']);

    await page.keyboard.press('d');
    await expect.poll(() => page.locator('[data-testid="drawing-layer"]').count()).toBe(0);
    await page.keyboard.press('d');
    await expect.poll(() => wordsOn(0)).toEqual(['second take']);

    // Frame 2: the second take's range still holds, the first take's note is on frame 0 only.
    await page.getByLabel('Position in both takes').fill(String(2 / 24));
    await expect.poll(() => page.getByTestId('compare-frame').textContent()).toBe('2');
    await expect.poll(() => page.getByTestId('compare-video').first().evaluate((video: HTMLVideoElement) => video.currentTime)).toBeCloseTo(2.5 / 24, 5);
    await expect.poll(() => wordsOn(1)).toEqual([]);
    await expect.poll(() => wordsOn(0)).toEqual(['second take']);
  }, 180_000);
});
