/**
 * The quality gate in Chromium: an owner turns it on in the episode page's form; the first take of
 * a shot comes out poor (a blurred picture over silence, from tests/support/poor-first-provider.ts),
 * so the gate has it made again by the server's worker, and the shot's card, live, and then the
 * take's page say what the gate did.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { listCurrentSegments } from '../../server/db/queries/segment.queries.ts';
import { createProviderRegistry } from '../../server/providers/registry.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { generateAndAnalyze } from '../support/factories.ts';
import { PoorFirstProvider } from '../support/poor-first-provider.ts';
import { eventually } from '../support/server-process.ts';

const app = serverAndBrowserForFile();

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
}, 120_000);

describe('the quality gate on the pages', () => {
  it('is set in the episode page’s form, and the card and the take page say what it did', async () => {
    const owner = await signedUpBrowser(app.browser, app.server.base, { email: 'ines@example.com', name: 'Ines' });
    const ownerId = await accountIdOf(owner, app.server.base);
    const episode = await createEpisode(
      app.context.services,
      { shots: [{ prompt: 'A tram climbs the hill, poor 1', duration: 1 }, { prompt: 'The tram stop at night', duration: 1 }], title: 'Tram', width: 320, height: 180 },
      { userId: ownerId, name: 'Ines' },
    );

    const page = await owner.newPage();
    await page.goto(`${app.server.base}/episodes/${episode.id}`);
    const panel = page.getByRole('region', { name: 'Quality gate' });
    await expect.poll(() => panel.getByTestId('quality-gate').textContent()).toBe('Off: every take goes to review as it is made.');
    await panel.getByTestId('gate-enabled').check();
    // On with nothing to check: refused beside the field, in words; changing a field clears it.
    await panel.getByRole('button', { name: 'Save gate' }).click();
    await expect.poll(() => panel.getByTestId('gate-field-error').textContent()).toBe('an enabled gate needs a least quality (min_quality), a least consistency (min_consistency) or both, from 0 to 1');
    expect(await panel.getByRole('alert').textContent()).toBe('Some fields need another look (see below each).');
    await panel.getByTestId('gate-min-quality').fill('0.5');
    await expect.poll(() => panel.getByTestId('gate-field-error').count()).toBe(0);
    expect(await panel.getByRole('alert').count()).toBe(0);
    await panel.getByTestId('gate-max-retries').fill('2');
    await panel.getByRole('button', { name: 'Save gate' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('Saved; it applies to takes made from now on.');
    // The summary follows the live document.
    await expect.poll(() => panel.getByTestId('quality-gate').textContent()).toBe('On: quality below 0.50 is made again, up to 2 times, within the budget.');

    // The first take renders here, poor; the gate queues another, which the server's worker makes.
    const [first] = await listCurrentSegments(app.context.services.db, episode.id);
    await generateAndAnalyze({ ...app.context.services, providers: createProviderRegistry({ videos: [new PoorFirstProvider()] }) }, first!.id);
    const passed = await eventually(
      async () => (await listCurrentSegments(app.context.services.db, episode.id)).find((take) => take.segment_number === 1 && take.status === 'completed' && take.version === 2),
      120_000,
      'the gate’s retry',
    );
    const poor = (await app.context.services.db.selectFrom('video_segments').select('quality_score').where('id', '=', first!.id).executeTakeFirstOrThrow()).quality_score!;
    const text = `Regenerated once by the quality gate: quality ${Number(poor).toFixed(2)} was below 0.50.`;
    const card = page.locator('[data-testid="segment-card"][data-slot="1"]');
    await expect.poll(() => card.getByTestId('card-gate').textContent(), { timeout: 30_000 }).toBe(text);
    expect(await page.locator('[data-testid="segment-card"][data-slot="2"]').getByTestId('card-gate').count()).toBe(0);

    await page.goto(`${app.server.base}/episodes/${episode.id}/segments/${passed.id}`);
    await expect.poll(() => page.getByTestId('take-gate').textContent()).toBe(text);
  }, 240_000);
});
