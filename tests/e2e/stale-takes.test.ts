/**
 * Stale takes in Chromium, with two people on the episode page: the owner uploads a new reference
 * picture of Mara; the editor's page marks, at once, the two takes Mara is in as stale with why,
 * and not the other; the lineage of a take names what it was made from; the take page says why;
 * the owner changes the set in the shot list, which marks the third take too; the editor
 * regenerates the stale takes in one run.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { listCurrentSegments } from '../../server/db/queries/segment.queries.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { addMember, generateFirstSegments } from '../support/factories.ts';
import { makeScratchDir } from '../support/media-fixtures.ts';

const run = promisify(execFile);
const app = serverAndBrowserForFile();
let scratch: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  scratch = await makeScratchDir('stale-e2e');
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
}, 120_000);
afterAll(async () => {
  await scratch?.cleanup();
});

describe('stale takes on the pages', () => {
  it('are marked live for everyone when a reference picture changes, and regenerated in one run', async () => {
    const owner = await signedUpBrowser(app.browser, app.server.base, { email: 'tia@example.com', name: 'Tia' });
    const editor = await signedUpBrowser(app.browser, app.server.base, { email: 'eli@example.com', name: 'Eli' });
    const ownerId = await accountIdOf(owner, app.server.base);
    const episode = await createEpisode(
      app.context.services,
      {
        title: 'Lighthouse',
        width: 320,
        height: 180,
        characters: [{ name: 'Mara', description: 'a lighthouse keeper', visual_traits: [] }],
        shots: [
          { scene: 'INT. LIGHTHOUSE - NIGHT', prompt: 'Mara climbs the stairs', duration: 1, characters: ['Mara'] },
          { scene: 'INT. LIGHTHOUSE - NIGHT', prompt: 'The lamp turns', duration: 1 },
          { scene: 'INT. LIGHTHOUSE - NIGHT', prompt: 'Mara looks out to sea', duration: 1, characters: ['Mara'] },
        ],
      },
      { userId: ownerId, name: 'Tia' },
    );
    await addMember(app.context.services, episode.id, 'eli@example.com', 'editor');
    await generateFirstSegments(app.context.services, episode.id, 3);

    const watching = await editor.newPage();
    await watching.goto(`${app.server.base}/episodes/${episode.id}`);
    const card = (slot: number) => watching.locator(`[data-testid="segment-card"][data-slot="${slot}"]`);
    await expect.poll(() => card(1).getAttribute('data-segment-status')).toBe('pending');
    expect(await watching.getByTestId('stale-badge').count()).toBe(0);

    const picture = join(scratch.dir, 'mara.png');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=red:s=256x256', '-frames:v', '1', picture]);
    const page = await owner.newPage();
    await page.goto(`${app.server.base}/episodes/${episode.id}`);
    const characters = page.getByRole('region', { name: 'Characters' });
    await characters.getByText('Add a picture').click();
    const upload = characters.getByLabel('Upload a picture of Mara');
    // Choosing a file sets no handler off before the page is interactive (the field is disabled until then).
    await expect.poll(() => upload.isEnabled()).toBe(true);
    await upload.setInputFiles(picture);

    // The editor's page, untouched, marks Mara's two takes.
    const why = 'Mara was given a reference picture after this take was made';
    await expect.poll(() => card(1).getByTestId('stale-badge').textContent(), { timeout: 20_000 }).toContain(why);
    await expect.poll(() => card(3).getByTestId('stale-badge').count()).toBe(1);
    expect(await card(2).getByTestId('stale-badge').count()).toBe(0);
    // And shows the new picture under Characters, without a reload.
    await expect.poll(() => watching.getByRole('region', { name: 'Characters' }).getByTestId('character-picture').count(), { timeout: 15_000 }).toBe(1);

    // What shot 3 was made from.
    await card(3).getByRole('button', { name: 'Lineage' }).click();
    await expect.poll(() => watching.getByTestId('lineage').textContent()).toContain('Made from Mara (looks v1), LIGHTHOUSE set v1');
    expect(await card(3).getAttribute('data-lineage')).toBe('self');

    // The take page says why.
    const [first] = await listCurrentSegments(app.context.services.db, episode.id);
    const review = await editor.newPage();
    await review.goto(`${app.server.base}/episodes/${episode.id}/segments/${first!.id}`);
    await expect.poll(() => review.getByTestId('stale-notice').textContent()).toContain(why);

    // The owner changes the set in the shot list: the lamp shot, without Mara, is stale too.
    await page.getByText(/^Shot list/).click();
    const scene = page.getByRole('region', { name: 'Scene 1' });
    await scene.getByRole('button', { name: 'Edit set' }).click();
    await scene.getByLabel('Time of day').fill('DAWN');
    await scene.getByRole('button', { name: 'Save set' }).click();
    await expect.poll(() => scene.getByRole('status').textContent()).toBe('Saved: 3 takes were made on the old set and are now stale.');
    await expect.poll(() => card(2).getByTestId('stale-badge').textContent()).toContain('The set of scene 1 (LIGHTHOUSE) changed after this take was made');

    const generation = watching.getByRole('region', { name: 'Generation' });
    await generation.getByRole('button', { name: 'Regenerate the 3 stale takes' }).click();
    await expect.poll(() => generation.getByTestId('stale-outcome').textContent()).toBe('New takes of 3 stale shots are being made.');
    const after = await listCurrentSegments(app.context.services.db, episode.id);
    expect(after.map((take) => take.version)).toEqual([2, 2, 2]);
    // New takes, not made yet: nothing is stale until they are.
    await expect.poll(() => watching.getByTestId('stale-badge').count()).toBe(0);
  }, 180_000);
});
