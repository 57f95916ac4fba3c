/**
 * In a real browser, on a running server: the generation panel's batch size reaches the run in
 * both modes (a sequential batch of 2 makes two takes and waits), and an owner deletes an episode
 * after typing its title, seeing the server's refusal first while a take is being made.
 */
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { findActiveRun } from '../../server/db/queries/generation-run.queries.ts';
import { claimForGeneration, failGeneration, listCurrentSegments } from '../../server/db/queries/segment.queries.ts';
import { launchOptions, SCREENSHOT_DIR, signedUpBrowser } from '../support/browser.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { createTestContext, type TestContext } from '../support/services.ts';

describe('owner actions on the episode page in Chromium', () => {
  let context: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let owner: BrowserContext;
  let episodeId: string;

  const card = (page: Page, slot: number) => page.locator(`[data-testid="segment-card"][data-slot="${slot}"]`);
  const cardStatus = (page: Page, slot: number) => card(page, slot).getAttribute('data-segment-status');
  const activeRun = () => findActiveRun(context.services.db, episodeId);

  beforeAll(async () => {
    context = await createTestContext();
    server = await startServer({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir });
    browser = await chromium.launch(launchOptions());
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    // The server's first account: its admin, an owner of every episode.
    owner = await signedUpBrowser(browser, server.base, { email: 'olga@example.com', name: 'Olga Owner' }, { width: 1280, height: 900 });
    const shots = ['A lamp', 'A chair', 'A window'].map((prompt) => ({ prompt, duration: 1 }));
    episodeId = (await createEpisode(context.services, { shots, title: 'Still life' }, { userId: null, name: 'e2e' })).id;
  }, 300_000);

  afterAll(async () => {
    await owner?.close();
    await browser?.close();
    await server?.stop();
    await context?.cleanup();
  }, 180_000);

  it('sends the batch size of a sequential run and of a parallel one', async () => {
    const page = await owner.newPage();
    await page.goto(`${server.base}/episodes/${episodeId}`);
    const generation = page.getByRole('region', { name: 'Generation' });
    await generation.getByLabel('In batches, each waiting for review').check();
    await generation.getByLabel('Batch size').fill('2');
    await generation.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(async () => (await activeRun())?.batch_size, { timeout: 15_000 }).toBe(2);
    // Two takes are made and wait for review; the run makes no third until they are approved.
    await expect.poll(async () => [await cardStatus(page, 1), await cardStatus(page, 2)], { timeout: 180_000 }).toEqual(['pending', 'pending']);
    await expect(cardStatus(page, 3)).resolves.toBe('not_generated');
    await generation.getByRole('button', { name: 'Stop after the takes under way' }).click();
    await expect.poll(async () => (await activeRun()) ?? null, { timeout: 15_000 }).toBeNull();

    // Parallel keeps its own size: at most one take at once here.
    await generation.getByLabel('In parallel, without waiting').check();
    await generation.getByLabel('Batch size').fill('1');
    await generation.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(async () => {
      const run = await activeRun();
      return run && { mode: run.mode, batch_size: run.batch_size };
    }, { timeout: 15_000 }).toEqual({ mode: 'parallel', batch_size: 1 });
    await generation.getByRole('button', { name: 'Stop after the takes under way' }).click();
    await page.close();
  }, 300_000);

  it('deletes the episode once its title is typed, after the server has said what to wait for', async () => {
    // An episode of its own, with nothing queued: the server's worker leaves it alone.
    const shots = ['A kettle', 'A spoon'].map((prompt) => ({ prompt, duration: 1 }));
    const doomed = (await createEpisode(context.services, { shots, title: 'Tea time' }, { userId: null, name: 'e2e' })).id;
    const page = await owner.newPage();
    await page.goto(`${server.base}/episodes/${doomed}`);
    await page.getByRole('button', { name: 'Delete this episode…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this episode?' });
    const confirm = dialog.getByRole('button', { name: 'Delete for good' });
    const phrase = dialog.getByLabel('Type Tea time to confirm');
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await phrase.fill('Tea tim');
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await phrase.fill('Tea time');
    await expect(confirm.isDisabled()).resolves.toBe(false);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/episode-delete.png` });

    // A worker starts on shot 2 (claimed here, as a worker would): the server refuses and says why.
    const second = (await listCurrentSegments(context.services.db, doomed)).find((segment) => segment.segment_number === 2)!;
    expect(await claimForGeneration(context.services.db, second.id)).toBeDefined();
    await confirm.click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/shot 2 being generated/);
    expect(page.url()).toBe(`${server.base}/episodes/${doomed}`);
    expect(await listCurrentSegments(context.services.db, doomed)).toHaveLength(2);

    // The take ends (here: it fails); now the episode goes.
    await failGeneration(context.services.db, second.id, 'retryable', 'The worker stopped.');
    await confirm.click();
    await page.waitForURL(`${server.base}/`, { timeout: 15_000 });
    await expect(page.locator(`a[href$="/episodes/${doomed}"]`).count()).resolves.toBe(0);
    await expect(page.locator(`a[href$="/episodes/${episodeId}"]`).count()).resolves.toBe(1);
    expect(await listCurrentSegments(context.services.db, doomed)).toEqual([]);
    await page.close();
  }, 120_000);

  it('offers no delete to an editor', async () => {
    const other = (await createEpisode(context.services, { shots: [{ prompt: 'A cup', duration: 1 }], title: 'Cup' }, { userId: null, name: 'e2e' })).id;
    const editor = await signedUpBrowser(browser, server.base, { email: 'ed@example.com', name: 'Ed Editor' });
    expect((await owner.request.put(`${server.base}/api/v1/episodes/${other}/members`, { data: { email: 'ed@example.com', role: 'editor' }, headers: { origin: server.base } })).status()).toBe(200);
    const page = await editor.newPage();
    await page.goto(`${server.base}/episodes/${other}`);
    await page.getByRole('region', { name: 'Generation' }).waitFor();
    await expect(page.getByRole('button', { name: 'Delete this episode…' }).count()).resolves.toBe(0);
    await editor.close();
  }, 120_000);
});
