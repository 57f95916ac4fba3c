/**
 * The idea field of the new-episode form in Chromium: an idea of several lines is kept whole; one
 * longer than the API takes is never cut, the form says by how much it is over and will not plan
 * it; an idea of punctuation and emoji alone is refused next to the field; neither makes an
 * episode. Ctrl+Enter plans a good idea.
 */
import { describe, expect, it } from 'vitest';
import { serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';

const app = serverAndBrowserForFile();
const episodes = async () => (await app.context.services.db.selectFrom('episodes').select(['id', 'idea']).execute());

describe('the idea field', () => {
  it('refuses what the planner cannot take, in words, and plans the rest on Ctrl+Enter', async () => {
    const session = await signedUpBrowser(app.browser, app.server.base, { email: 'ines@example.com', name: 'Ines' });
    const page = await session.newPage();
    await page.goto(`${app.server.base}/`);
    const form = page.getByRole('region', { name: 'New episode' });
    const idea = form.getByRole('textbox', { name: 'Idea' });
    const plan = form.getByRole('button', { name: 'Plan it' });
    await expect.poll(() => idea.isEditable()).toBe(true);
    await expect.poll(() => form.getByRole('button', { name: 'Plan it' }).isDisabled()).toBe(true);

    // Too long: nothing is cut; the form says by how much, and the button waits.
    await idea.fill(`${'A ferry crosses the bay at dawn. '.repeat(63)}`);
    const pasted = await idea.inputValue();
    expect(pasted.trim().length).toBe(2078);
    await expect.poll(() => form.locator('#idea-length').textContent()).toContain('78 characters over the limit of 2,000');
    expect(await idea.getAttribute('aria-invalid')).toBe('true');
    expect(await plan.isDisabled()).toBe(true);
    await idea.press('Control+Enter');
    expect(await episodes()).toEqual([]);

    // Only punctuation and emoji: the API's reason, beside the field.
    await idea.fill('!!! ... 🎬🎬 ???');
    await expect.poll(() => plan.isEnabled()).toBe(true);
    await plan.click();
    await expect.poll(() => form.locator('#idea-error').textContent()).toContain('no letters or digits');
    expect(await episodes()).toEqual([]);

    // Two lines, planned with Ctrl+Enter: the idea is kept as written.
    await idea.fill('Nora rows to the lighthouse.');
    await idea.press('Enter');
    await idea.pressSequentially('Her brother Tomas waits there with a lamp.');
    await idea.press('Control+Enter');
    await page.waitForURL(/\/episodes\/[0-9a-f-]{36}$/);
    const made = await episodes();
    expect(made.map((episode) => episode.idea)).toEqual(['Nora rows to the lighthouse.\nHer brother Tomas waits there with a lamp.']);
  });
});
