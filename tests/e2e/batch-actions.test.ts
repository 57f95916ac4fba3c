/**
 * Batch actions in Chromium: an owner picks cards on the episode page with a click and a
 * shift-click, sees how many are picked, approves them all in one request, and reads the summary;
 * the cards turn approved (live). The keyboard picks and clears too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { findSegment, listCurrentSegments } from '../../server/db/queries/segment.queries.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser, untilInteractive } from '../support/browser.ts';
import { generateFirstSegments } from '../support/factories.ts';

const app = serverAndBrowserForFile();

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
}, 120_000);

describe('batch actions on the episode page', () => {
  it('picks cards with click and shift-click and approves them in one go', async () => {
    const owner = await signedUpBrowser(app.browser, app.server.base, { email: 'bo@example.com', name: 'Bo' });
    const ownerId = await accountIdOf(owner, app.server.base);
    const episode = await createEpisode(
      app.context.services,
      {
        shots: [
          { prompt: 'A kettle starts to whistle', duration: 2 },
          { prompt: 'A cat jumps off the table', duration: 2 },
          { prompt: 'Rain on the window', duration: 2 },
          { prompt: 'The lights go out', duration: 2 },
        ],
        title: 'Kitchen',
        width: 320,
        height: 180,
      },
      { userId: ownerId, name: 'Bo' },
    );
    await generateFirstSegments(app.context.services, episode.id, 3);

    const page = await owner.newPage();
    await page.goto(`${app.server.base}/episodes/${episode.id}`);
    const card = (slot: number) => page.locator(`[data-testid="segment-card"][data-slot="${slot}"]`);
    await expect.poll(() => card(3).getAttribute('data-segment-status')).toBe('pending');
    await untilInteractive(page);

    // The keyboard: Space picks the focused card, Escape clears.
    await card(2).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('batch-count').textContent()).toBe('1 selected');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('batch-count').count()).toBe(0);

    await card(1).locator('.title').click();
    await card(3).locator('.title').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('batch-count').textContent()).toBe('3 selected');
    expect(await Promise.all([1, 2, 3, 4].map((slot) => card(slot).getAttribute('data-selected')))).toEqual(['true', 'true', 'true', 'false']);

    const bar = page.getByRole('region', { name: 'Batch actions' });
    expect(await bar.getByTestId('batch-action').inputValue()).toBe('approve');
    await bar.getByRole('button', { name: 'Apply to 3 cards' }).click();
    await expect.poll(() => bar.getByTestId('batch-summary').textContent()).toBe('Approve: 3 cards — 3 approved.');
    for (const slot of [1, 2, 3]) await expect.poll(() => card(slot).getAttribute('data-segment-status'), { timeout: 15_000 }).toBe('approved');
    expect(await card(4).getAttribute('data-segment-status')).toBe('not_generated');

    // A card that cannot take the action refuses the whole batch, named; it can be left out.
    await card(3).locator('.title').click();
    await card(4).locator('.title').click();
    await bar.getByTestId('batch-action').selectOption('reject');
    await bar.getByRole('button', { name: 'Apply to 2 cards' }).click();
    await expect.poll(() => bar.getByTestId('batch-error').textContent()).toContain('1 of the 2 cards cannot take this action, so nothing was changed.');
    expect(await card(3).getAttribute('data-segment-status')).toBe('approved');
    await bar.getByRole('button', { name: 'Leave out shot 4' }).click();
    await expect.poll(() => page.getByTestId('batch-count').textContent()).toBe('1 selected');

    const takes = await listCurrentSegments(app.context.services.db, episode.id);
    for (const take of takes.filter((t) => t.segment_number <= 3)) expect((await findSegment(app.context.services.db, take.id))!.approval_status).toBe('approved');
  }, 180_000);
});
