/**
 * Templates in Chromium: an owner saves an approved take as a template on its page, applies it to
 * a shot not yet generated from the episode page, the shot's card names it at once (live), another
 * open page shows the length the template gave the shot, and the
 * take made next says on its page which template, at which version, it was made with.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { approveSegment } from '../../server/commands/segment-reviews.ts';
import { listCurrentSegments } from '../../server/db/queries/segment.queries.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { generateAndAnalyze, generateFirstSegments } from '../support/factories.ts';

const app = serverAndBrowserForFile();

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
}, 120_000);

describe('templates on the pages', () => {
  it('are saved from an approved take, applied to a shot, and named by the take made from them', async () => {
    const owner = await signedUpBrowser(app.browser, app.server.base, { email: 'tia@example.com', name: 'Tia' });
    const ownerId = await accountIdOf(owner, app.server.base);
    const episode = await createEpisode(
      app.context.services,
      { shots: [{ prompt: 'A lighthouse at dusk', duration: 2 }, { prompt: 'A boat leaves the harbour', duration: 2 }, { prompt: 'Gulls over the pier', duration: 4 }], title: 'Harbour', width: 320, height: 180 },
      { userId: ownerId, name: 'Tia' },
    );
    const [take] = await generateFirstSegments(app.context.services, episode.id, 1);
    await approveSegment(app.context.services, take!.id, { userId: ownerId, name: 'Tia' }, {});

    const page = await owner.newPage();
    await page.goto(`${app.server.base}/episodes/${episode.id}/segments/${take!.id}`);
    const save = page.getByRole('region', { name: 'Save as template' });
    await save.getByTestId('template-name').fill('Dusk look');
    await save.getByRole('button', { name: 'Save as template' }).click();
    await expect.poll(() => save.getByRole('status').textContent()).toBe('Saved “Dusk look” in this episode.');
    // The same name again is refused, and the earlier "Saved" goes.
    await save.getByTestId('template-name').fill('dusk LOOK');
    await save.getByRole('button', { name: 'Save as template' }).click();
    await expect.poll(() => save.getByRole('alert').count()).toBe(1);
    expect(await save.getByRole('status').count()).toBe(0);

    // Another page of the episode, open all along.
    const watching = await owner.newPage();
    await watching.goto(`${app.server.base}/episodes/${episode.id}`);
    const length = (slot: number) => watching.locator(`[data-testid="segment-card"][data-slot="${slot}"] .duration`).textContent();
    const twoSeconds = await length(2);
    expect(await length(3)).not.toBe(twoSeconds);

    await page.goto(`${app.server.base}/episodes/${episode.id}`);
    const panel = page.getByRole('region', { name: 'Templates' });
    await expect.poll(() => panel.getByTestId('apply-template').textContent()).toContain('Dusk look');
    await panel.getByTestId('apply-template-shot').selectOption('3');
    await panel.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('Applied “Dusk look” to shot 3.');
    const card = page.locator('[data-testid="segment-card"][data-slot="3"]');
    await expect.poll(() => card.getByTestId('card-template').textContent()).toContain('Dusk look');
    expect(await page.locator('[data-testid="segment-card"][data-slot="2"]').getByTestId('card-template').count()).toBe(0);
    // The template's 2 s: the other page shows shot 3's new length without a reload.
    await expect.poll(() => length(3), { timeout: 15_000 }).toBe(twoSeconds);

    const third = (await listCurrentSegments(app.context.services.db, episode.id)).find((segment) => segment.segment_number === 3)!;
    await generateAndAnalyze(app.context.services, third.id);
    await page.goto(`${app.server.base}/episodes/${episode.id}/segments/${third.id}`);
    await expect.poll(() => page.getByTestId('take-template').textContent()).toBe('Made with template “Dusk look” (version 1)');
  }, 180_000);
});
