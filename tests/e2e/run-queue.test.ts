/**
 * In a real browser, with the server's own worker: a producer steers a paused run from the
 * episode page. The waiting shots are listed in the order they start; moving one down changes
 * that order; cancelling one lists it under "Cancelled" with a retry; resuming makes every take.
 * The owner sets a budget on the same page, and an editor's open page shows it at once.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchOptions, signedUpBrowser } from '../support/browser.ts';
import { eventually, startServer, type ServerProcess } from '../support/server-process.ts';
import { createTestContext, type TestContext } from '../support/services.ts';

describe('the run queue in Chromium', () => {
  let context: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let owner: BrowserContext;
  let episodeId: string;

  const api = (method: 'post' | 'put' | 'get', path: string, data?: unknown) =>
    owner.request[method](`${server.base}/api/v1${path}`, { ...(data !== undefined && { data }), headers: { origin: server.base } });
  const waitingShots = async (page: Page) => (await page.getByTestId('waiting-shot').allInnerTexts()).map((text) => Number(/Shot (\d+)/u.exec(text)?.[1]));

  beforeAll(async () => {
    context = await createTestContext();
    server = await startServer({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir });
    browser = await chromium.launch(launchOptions());
    owner = await signedUpBrowser(browser, server.base, { email: 'producer@example.com', name: 'Pat Producer' });
    const shots = Array.from({ length: 5 }, (_, index) => ({ prompt: `Shot ${index + 1}: a lighthouse at dusk`, duration: 1 }));
    const created = await api('post', '/episodes', { shots, title: 'Steered' });
    expect(created.status()).toBe(201);
    episodeId = ((await created.json()) as { id: string }).id;
    // Started and paused at once: the worker may take the first two, the rest wait.
    expect((await api('post', `/episodes/${episodeId}/generate-segments`, { mode: 'parallel' })).status()).toBe(202);
    expect((await api('post', `/episodes/${episodeId}/generate-segments/pause`, { reason: 'Checking the look' })).status()).toBe(200);
  }, 300_000);

  afterAll(async () => {
    await owner?.close();
    await browser?.close();
    await server?.stop();
    await context?.cleanup();
  }, 120_000);

  it('reorders, cancels, retries and resumes from the page', async () => {
    const page = await owner.newPage();
    await page.goto(`${server.base}/episodes/${episodeId}`);
    await expect.poll(async () => page.getByTestId('run-paused').textContent(), { timeout: 30_000 }).toContain('Checking the look');
    await expect.poll(async () => (await waitingShots(page)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const before = await waitingShots(page);
    expect(before).toEqual([...before].sort((a, b) => a - b));

    // The first waiting shot moves down one place.
    await page.getByRole('button', { name: `Start shot ${before[0]} later` }).click();
    await expect.poll(() => waitingShots(page), { timeout: 15_000 }).toEqual([before[1], before[0], ...before.slice(2)]);

    // The last one is cancelled, then retried from its failure group.
    const last = before.at(-1)!;
    await page.getByRole('button', { name: `Cancel shot ${last}` }).click();
    const group = page.getByTestId('failure-group');
    await expect.poll(async () => group.textContent(), { timeout: 15_000 }).toContain(`Cancelled: shot ${last}`);
    // Its card says so, not "failed".
    const lastCard = page.locator(`[data-testid="segment-card"][data-slot="${last}"]`);
    await expect.poll(() => lastCard.getAttribute('data-segment-status')).toBe('cancelled');
    expect(await lastCard.locator('.badge').textContent()).toBe('cancelled');
    await group.getByRole('button', { name: 'Retry it' }).click();
    await expect.poll(() => waitingShots(page), { timeout: 15_000 }).toContain(last);
    expect(await page.getByTestId('failure-group').count()).toBe(0);

    await page.getByRole('button', { name: 'Resume' }).click();
    await eventually(
      async () => {
        const status = await api('get', `/episodes/${episodeId}/segments/status`);
        const body = (await status.json()) as { segments: { status: string }[] };
        return body.segments.every((segment) => segment.status === 'completed');
      },
      180_000,
      'every take after resuming',
    );
    // Nothing waits any more (the run stays open until its takes are approved).
    await expect.poll(async () => page.getByTestId('waiting-shot').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId('failure-group').count()).toBe(0);
    await expect.poll(() => page.getByTestId('run-state').textContent()).toMatch(/Nothing is left to make; the run ends when the \d+ takes waiting are approved\./);
  }, 300_000);

  it('lets the owner set a budget and shows it with the costs, on an editor\'s open page too', async () => {
    // Nothing renders any more (the run is paused or done): only the budget can change the costs shown.
    await eventually(
      async () => {
        const body = (await (await api('get', `/episodes/${episodeId}/segments/status`)).json()) as { segments: { status: string }[] };
        return body.segments.every((segment) => segment.status !== 'generating');
      },
      120_000,
      'no take rendering',
    );
    const editor = await signedUpBrowser(browser, server.base, { email: 'ed@example.com', name: 'Ed Editor' });
    expect((await api('put', `/episodes/${episodeId}/members`, { email: 'ed@example.com', role: 'editor' })).status()).toBe(200);
    const watching = await editor.newPage();
    await watching.goto(`${server.base}/episodes/${episodeId}`);
    await watching.getByTestId('costs').locator('summary').click();
    expect(await watching.getByTestId('budget').textContent()).not.toContain('$12.50');

    const page = await owner.newPage();
    await page.goto(`${server.base}/episodes/${episodeId}`);
    await page.getByTestId('costs').locator('summary').click();
    await page.getByTestId('budget-input').fill('12.5');
    await page.getByRole('button', { name: 'Set budget' }).click();
    await expect.poll(async () => page.getByTestId('budget').textContent(), { timeout: 15_000 }).toContain('Budget $12.50');
    // Sums of money, even where the takes were free.
    expect((await page.getByTestId('budget').textContent())!.replace(/\s+/g, ' ')).toMatch(/Budget \$12\.50: \$0\.00 spent, \$0\.00 committed to takes under way, \$12\.50 left\./);
    const costs = (await (await api('get', `/episodes/${episodeId}/costs`)).json()) as { budget: { budget_usd: number } };
    expect(costs.budget.budget_usd).toBe(12.5);
    // The editor's page, untouched, follows.
    await expect.poll(async () => watching.getByTestId('budget').textContent(), { timeout: 15_000 }).toContain('Budget $12.50');
  }, 120_000);
});
