/**
 * The Export menu on the episode page in Chromium: it lists a download of every format, follows
 * the chosen scene, and its EDL link downloads the cut.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { generateFirstSegments } from '../support/factories.ts';

const app = serverAndBrowserForFile();

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
}, 120_000);

describe('the Export menu', () => {
  it('links every export of the whole episode or of one scene, and downloads the EDL', async () => {
    const owner = await signedUpBrowser(app.browser, app.server.base, { email: 'eve@example.com', name: 'Eve' });
    const ownerId = await accountIdOf(owner, app.server.base);
    const episode = await createEpisode(
      app.context.services,
      {
        shots: [
          { scene: 'EXT. DOCK - NIGHT', prompt: 'A lamp on the dock', duration: 2 },
          { scene: 'INT. SHED - NIGHT', prompt: 'A door creaks open', duration: 2 },
        ],
        title: 'Dock',
        width: 320,
        height: 180,
      },
      { userId: ownerId, name: 'Eve' },
    );
    await generateFirstSegments(app.context.services, episode.id, 2, true);

    const page = await owner.newPage();
    await page.goto(`${app.server.base}/episodes/${episode.id}`);
    const menu = page.getByTestId('export-menu');
    await menu.getByText('Export', { exact: true }).click();
    const formats = menu.getByRole('list', { name: 'Export formats' }).getByRole('link');
    await expect.poll(() => formats.count()).toBe(8);
    const base = `/api/v1/episodes/${episode.id}/export/`;
    const hrefs = async () => Promise.all((await formats.all()).map((link) => link.getAttribute('href')));
    expect(await hrefs()).toEqual(['otio', 'fcpxml', 'edl', 'srt', 'vtt', 'storyboard.pdf', 'shots.csv', 'package'].map((format) => `${base}${format}`));

    await menu.getByTestId('export-scene').selectOption({ label: 'Scene 2 — INT. SHED - NIGHT' });
    await expect.poll(hrefs).toEqual(['otio', 'fcpxml', 'edl', 'srt', 'vtt', 'storyboard.pdf', 'shots.csv', 'package'].map((format) => `${base}${format}?scene=2`));
    await menu.getByTestId('export-scene').selectOption({ label: 'Whole episode' });

    const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('link', { name: 'CMX 3600 EDL (.edl)' }).click()]);
    expect(download.suggestedFilename()).toBe('Dock.edl');
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.split('\r\n').slice(0, 2)).toEqual(['TITLE: Dock', 'FCM: NON-DROP FRAME']);
    expect(text.match(/^\d{3} {2}\S+ +AA\/V +C /gm)).toHaveLength(2);
  }, 240_000);
});
