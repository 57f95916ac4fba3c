/**
 * The final video flagged out of date in Chromium: compile, reorder two shots, and the episode page
 * shows "Out of date" naming the order change without a reload; Recompile clears it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisodeFromIdea } from '../../server/commands/episode-creator.ts';
import { findEpisode } from '../../server/db/queries/episode.queries.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { generateFirstSegments } from '../support/factories.ts';
import { eventually } from '../support/server-process.ts';
import type { BrowserContext } from 'playwright-core';

const app = serverAndBrowserForFile();
let dora: BrowserContext;
let doraId: string;

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
  dora = await signedUpBrowser(app.browser, app.server.base, { email: 'dora@example.com', name: 'Dora' });
  doraId = await accountIdOf(dora, app.server.base);
}, 120_000);

describe('the final video in the browser', () => {
  it('is flagged out of date after a reorder, and Recompile clears it', async () => {
    const episode = await createEpisodeFromIdea(app.context.services, { idea: 'A lighthouse keeper teaches a gull to fetch', seed: 2 }, { userId: doraId, name: 'Dora' });
    await eventually(async () => (await findEpisode(app.context.services.db, episode.id))?.status === 'planned', 60_000, 'planning');
    const takes = await generateFirstSegments(app.context.services, episode.id, 1000);
    for (const take of takes) expect((await dora.request.post(`${app.server.base}/api/v1/segments/${take.id}/approve`, { data: {} })).status()).toBe(200);
    const started = await dora.request.post(`${app.server.base}/api/v1/episodes/${episode.id}/compile`, { data: { transition_style: 'cut' } });
    expect(started.status()).toBe(202);

    const page = await dora.newPage();
    await page.goto(`${app.server.base}/episodes/${episode.id}`);
    const finalVideo = page.getByRole('region', { name: 'Final video' });
    await expect.poll(() => finalVideo.locator('video').getAttribute('data-state'), { timeout: 120_000 }).toBe('up-to-date');
    expect(await page.getByTestId('out-of-date').count()).toBe(0);

    const numbers = takes.map((take) => take.segment_number);
    const reorder = await dora.request.put(`${app.server.base}/api/v1/episodes/${episode.id}/order`, { data: { order: [numbers[1], numbers[0], ...numbers.slice(2)] } });
    expect(reorder.status()).toBe(200);
    await expect.poll(() => page.getByTestId('out-of-date').textContent(), { timeout: 30_000 }).toMatch(/Out of date\s*The order changed/);

    await page.getByRole('button', { name: 'Recompile' }).click();
    await expect.poll(async () => {
      const compiles = await app.context.services.db.selectFrom('segment_compilation_jobs').select('status').where('episode_id', '=', episode.id).execute();
      return compiles.map((row) => row.status).sort();
    }, { timeout: 120_000 }).toEqual(['completed', 'completed']);
    // The new video, known to the live document and up to date: the flag and the list are gone.
    await expect.poll(() => finalVideo.locator('video').getAttribute('data-state'), { timeout: 30_000 }).toBe('up-to-date');
    expect(await page.getByTestId('out-of-date').count()).toBe(0);
  }, 300_000);
});
