/**
 * Takes to choose from in Chromium, with two people: the editor asks for three takes of a shot
 * in a blind vote from its take page; the reviewer's episode page shows the vote on the shot's
 * card, live; the compare grid plays every take in step and seeks them together; each person's
 * vote shows on the other's page at once, without who voted for what; closing the vote reveals
 * provider, seed and voters to both, and the winner becomes the shot's take.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { listCurrentSegments } from '../../server/db/queries/segment.queries.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { addMember, generateFirstSegments } from '../support/factories.ts';

const app = serverAndBrowserForFile();

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
}, 120_000);

/** Every playable take's time on the grid. */
const times = (page: Page) => page.getByTestId('choice-video').evaluateAll((videos: HTMLVideoElement[]) => videos.map((video) => video.currentTime));
const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

describe('takes to choose from on the pages', () => {
  it('are compared in step and voted on blind by two people, and the winner becomes the shot’s take', async () => {
    const editor = await signedUpBrowser(app.browser, app.server.base, { email: 'eli@example.com', name: 'Eli' });
    const reviewer = await signedUpBrowser(app.browser, app.server.base, { email: 'rae@example.com', name: 'Rae' });
    const editorId = await accountIdOf(editor, app.server.base);
    const episode = await createEpisode(
      app.context.services,
      {
        title: 'Harbour',
        width: 320,
        height: 180,
        shots: [
          { scene: 'EXT. HARBOUR - DUSK', prompt: 'A ferry leaves the harbour', duration: 3 },
          { scene: 'EXT. HARBOUR - DUSK', prompt: 'Gulls circle the mast', duration: 1 },
        ],
      },
      { userId: editorId, name: 'Eli' },
    );
    await addMember(app.context.services, episode.id, 'rae@example.com', 'reviewer');
    await generateFirstSegments(app.context.services, episode.id, 1);
    const [first] = await listCurrentSegments(app.context.services.db, episode.id);

    const watching = await reviewer.newPage();
    await watching.goto(`${app.server.base}/episodes/${episode.id}`);
    const card = watching.locator('[data-testid="segment-card"][data-slot="1"]');
    await expect.poll(() => card.getAttribute('data-segment-status')).toBe('pending');
    expect(await card.getByTestId('card-choice').count()).toBe(0);

    // The editor asks for three takes, blind, from the take page.
    const page = await editor.newPage();
    await page.goto(`${app.server.base}/episodes/${episode.id}/segments/${first!.id}`);
    const form = page.getByRole('region', { name: 'Takes to choose from' });
    await form.getByTestId('takes-count').selectOption('3');
    await form.getByTestId('takes-blind').check();
    await form.getByRole('button', { name: 'Make 3 takes and vote' }).click();
    await page.waitForURL(/\/choices\//);
    expect(await page.getByTestId('choice-blind').textContent()).toContain('blind');

    // The reviewer's card shows the vote, live, and leads to the grid.
    await expect.poll(() => card.getByTestId('card-choice').textContent(), { timeout: 20_000 }).toContain('Compare 3 takes');
    await card.getByRole('link', { name: 'Compare 3 takes' }).click();
    await watching.waitForURL(/\/choices\//);
    await expect.poll(() => watching.getByTestId('choice-video').count(), { timeout: 90_000 }).toBe(3);
    // Blind: nothing says which provider, seed or version made which take.
    expect(await watching.getByTestId('choice-take-source').count()).toBe(0);
    expect(await watching.getByTestId('choice-take').evaluateAll((figures) => figures.map((figure) => figure.getAttribute('data-label')))).toEqual(['A', 'B', 'C']);

    // Play all: every take plays, in step.
    await watching.getByTestId('play-all').click();
    await expect.poll(async () => Math.min(...(await times(watching))), { timeout: 20_000 }).toBeGreaterThan(0.5);
    expect(spread(await times(watching))).toBeLessThan(0.25);
    expect(await watching.getByTestId('choice-video').evaluateAll((videos: HTMLVideoElement[]) => videos.every((video) => !video.paused || video.ended))).toBe(true);
    await watching.getByTestId('play-all').click();
    await expect.poll(() => watching.getByTestId('choice-video').evaluateAll((videos: HTMLVideoElement[]) => videos.every((video) => video.paused))).toBe(true);
    // Seeking moves every take to the same second.
    await watching.getByRole('slider', { name: 'Position in every take' }).evaluate((input: HTMLInputElement) => {
      input.value = '1.2';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(async () => (await times(watching)).map((time) => Math.round(time * 10) / 10)).toEqual([1.2, 1.2, 1.2]);

    // Each vote shows on the other page at once; who voted for what does not.
    await watching.getByRole('button', { name: 'Vote for take B' }).click();
    await expect.poll(() => watching.getByRole('button', { name: 'Your vote: take B' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('votes-cast').textContent(), { timeout: 20_000 }).toBe('1 vote cast');
    expect(await page.getByRole('button', { name: /Your vote/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Vote for take B' }).click();
    await expect.poll(() => watching.getByTestId('votes-cast').textContent(), { timeout: 20_000 }).toBe('2 votes cast');

    // The editor closes the vote: both pages reveal the takes and the voters.
    await page.getByTestId('close-vote').click();
    await expect.poll(() => page.getByTestId('choice-outcome').textContent()).toMatch(/Take B \(v\d\) was chosen by 2 votes/);
    await expect.poll(() => watching.getByTestId('choice-status').textContent(), { timeout: 20_000 }).toBe('vote closed');
    await expect.poll(() => watching.getByTestId('choice-take-source').count()).toBe(3);
    expect(await watching.locator('[data-label="B"]').getByTestId('choice-take-votes').textContent()).toMatch(/2 votes \((Rae, Eli|Eli, Rae)\)/);
    expect(await watching.getByTestId('choice-take-source').first().textContent()).toMatch(/seed \d+/);

    // The winner is the shot's take; the card no longer shows a vote.
    const winner = (await listCurrentSegments(app.context.services.db, episode.id))[0]!;
    await watching.goto(`${app.server.base}/episodes/${episode.id}`);
    await expect.poll(() => card.getByTestId('card-choice').count()).toBe(0);
    expect(await card.locator('.version').textContent()).toBe(`v${winner.version}`);
    expect(winner.choice_state).toBe('chosen');
    await editor.close();
    await reviewer.close();
  }, 240_000);
});
