/**
 * The episode's timecode start in Chromium: an owner sets it on the episode page as a timecode,
 * the player of every take counts from it, a frame number works too, a viewer reads it without a
 * form, and a timecode that does not exist at the episode's rate is refused in words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { upsertMember } from '../../server/db/queries/member.queries.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { generateFirstSegments } from '../support/factories.ts';

const app = serverAndBrowserForFile();

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
}, 120_000);

describe('the timecode start', () => {
  it('is set on the episode page and counted from by the player', async () => {
    const owner = await signedUpBrowser(app.browser, app.server.base, { email: 'tia@example.com', name: 'Tia' });
    const viewer = await signedUpBrowser(app.browser, app.server.base, { email: 'val@example.com', name: 'Val' });
    const ownerId = await accountIdOf(owner, app.server.base);
    const episode = await createEpisode(
      app.context.services,
      { shots: [{ prompt: 'A clock tower at noon', duration: 2 }], title: 'Clocks', width: 320, height: 180 },
      { userId: ownerId, name: 'Tia' },
    );
    await upsertMember(app.context.services.db, { episode_id: episode.id, user_id: await accountIdOf(viewer, app.server.base), role: 'viewer', added_by: ownerId });
    const [take] = await generateFirstSegments(app.context.services, episode.id, 1);

    const page = await owner.newPage();
    await page.goto(`${app.server.base}/episodes/${episode.id}`);
    const panel = page.getByRole('region', { name: 'Timecode' });
    await expect.poll(() => panel.getByTestId('timecode-start').textContent()).toBe('The first frame of every take is 00:00:00:00 (frame 0) at 24 fps.');
    await panel.getByLabel('Start at').fill('00:00:00:24');
    await panel.getByRole('button', { name: 'Set' }).click();
    // Frames go to 23 at 24 fps.
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('out of range');
    await panel.getByLabel('Start at').fill('01:00:00:00');
    await panel.getByRole('button', { name: 'Set' }).click();
    await expect.poll(() => panel.getByTestId('timecode-start').textContent()).toBe('The first frame of every take is 01:00:00:00 (frame 86400) at 24 fps.');

    await page.goto(`${app.server.base}/episodes/${episode.id}/segments/${take!.id}`);
    await expect.poll(() => page.getByTestId('player-timecode').textContent()).toBe('01:00:00:00');
    for (let presses = 0; presses < 5; presses++) await page.keyboard.press('.');
    await expect.poll(() => page.getByTestId('player-timecode').textContent()).toBe('01:00:00:05');

    await page.goto(`${app.server.base}/episodes/${episode.id}`);
    await panel.getByLabel('Start at').fill('1001');
    await panel.getByRole('button', { name: 'Set' }).click();
    // 1001 frames at 24 fps: 41 seconds and 17 frames.
    await expect.poll(() => panel.getByTestId('timecode-start').textContent()).toBe('The first frame of every take is 00:00:41:17 (frame 1001) at 24 fps.');

    const watching = await viewer.newPage();
    await watching.goto(`${app.server.base}/episodes/${episode.id}`);
    const seen = watching.getByRole('region', { name: 'Timecode' });
    await expect.poll(() => seen.getByTestId('timecode-start').textContent()).toBe('The first frame of every take is 00:00:41:17 (frame 1001) at 24 fps.');
    expect(await seen.getByLabel('Start at').count()).toBe(0);
  }, 180_000);
});
