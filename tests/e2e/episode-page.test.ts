/**
 * In a real browser: the episode page of a generated and compiled episode shows its segments.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompilation } from '../../server/commands/compilation-starter.ts';
import { createEpisode, createEpisodeFromIdea } from '../../server/commands/episode-creator.ts';
import { approveSegment } from '../../server/commands/segment-reviews.ts';
import { regenerateSegment } from '../../server/commands/segment-versions.ts';
import { startGenerationRun } from '../../server/commands/generation-runs.ts';
import { findEpisode } from '../../server/db/queries/episode.queries.ts';
import { listCurrentSegments } from '../../server/db/queries/segment.queries.ts';
import { launchOptions, SCREENSHOT_DIR, signedUpBrowser } from '../support/browser.ts';
import { generateEveryTake } from '../support/factories.ts';
import { eventually, startServer, type ServerProcess } from '../support/server-process.ts';
import { createTestContext, type TestContext } from '../support/services.ts';

const run = promisify(execFile);

describe('episode page in Chromium', () => {
  let context: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  /** The director's signed-in browser: the first test signs up through the pages, later ones reuse it. */
  let signedIn: BrowserContext | undefined;
  let episodeId: string;
  let shotCount: number;

  beforeAll(async () => {
    context = await createTestContext();
    server = await startServer({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir });
    const actor = { userId: null, name: 'e2e' };
    const episode = await createEpisodeFromIdea(context.services, { idea: 'A detective cat solves a mystery in a rainy Tokyo alley' }, actor);
    episodeId = episode.id;
    await eventually(async () => (await findEpisode(context.services.db, episodeId))?.status === 'planned', 60_000, 'planning');
    const started = await startGenerationRun(context.services, episodeId, { mode: 'parallel', batchSize: 100, startFrom: 1, autoApprove: true }, actor);
    shotCount = started.total_segments;
    await eventually(async () => (await findEpisode(context.services.db, episodeId))?.status === 'reviewing', 300_000, 'generation');
    await startCompilation(context.services, episodeId, { transitionStyle: 'dissolve', transitionDuration: 0.5 }, actor);
    await eventually(async () => (await findEpisode(context.services.db, episodeId))?.status === 'completed', 300_000, 'compile');
    browser = await chromium.launch(launchOptions());
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await signedIn?.close();
    await browser?.close();
    await server?.stop();
    await context?.cleanup();
  }, 180_000);

  /**
   * The director's browser, signed in. Run alone, a test signs the director up through the API
   * (the first account, so the admin, as the first test makes it through the pages).
   */
  async function directorSignedIn(): Promise<BrowserContext> {
    if (signedIn) return signedIn;
    const director = await signedUpBrowser(browser, server.base, { email: 'director@example.com', name: 'Dana Director' });
    signedIn = director;
    return director;
  }

  it('signs up through the pages and lists the episode', async () => {
    const director = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    signedIn = director;
    const page = await director.newPage();
    await page.goto(`${server.base}/episodes/${episodeId}`);
    // Not signed in: sent to log in, and from there to sign up.
    await page.waitForURL(/\/login\?next=/);
    await page.getByRole('link', { name: 'Sign up' }).click();
    // The log-in page has an Email field too: fill only once the sign-up page is shown.
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await page.getByLabel('Email').fill('director@example.com');
    await page.getByLabel('Your name').fill('Dana Director');
    await page.getByLabel(/Password/).fill('a long enough password');
    await page.getByRole('button', { name: 'Sign up' }).click();
    // Signing up from the log-in page ends where the person was going.
    await page.waitForURL(`${server.base}/episodes/${episodeId}`);
    await page.goto(`${server.base}/`);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('Dana Director');
    // The first account of a server is its admin, so it reaches the episode made on the command line.
    const link = page.locator(`a[href$="/episodes/${episodeId}"]`);
    await expect(link.isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/episode-list.png`, fullPage: true });
    await page.close();
  }, 180_000);

  it('shows every segment with its status, poster and the final video', async () => {
    const director = await directorSignedIn();
    const page = await director.newPage();
    await page.goto(`${server.base}/episodes/${episodeId}`);
    const rows = page.getByTestId('segment-card');
    await expect(rows.count()).resolves.toBe(shotCount);
    const statuses = await rows.evaluateAll((elements) => elements.map((el) => el.getAttribute('data-segment-status')));
    expect(statuses).toEqual(Array(shotCount).fill('approved'));
    await expect(page.getByRole('img', { name: 'Poster of segment 1' }).isVisible()).resolves.toBe(true);
    const video = page.locator('section[aria-label="Final video"] video');
    await expect(video.count()).resolves.toBe(1);
    // The browser can read the compiled video's metadata through the media route.
    const duration = await video.evaluate(
      (element: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          if (element.readyState >= 1) resolve(element.duration);
          else element.addEventListener('loadedmetadata', () => resolve(element.duration), { once: true });
        }),
    );
    expect(duration).toBeGreaterThan(10);
    // One chapter per shot, marked on the player; choosing one seeks the video to its start.
    const chapters = page.getByTestId('chapters').getByRole('button');
    await expect(chapters.count()).resolves.toBe(shotCount);
    const compiled = (await (await director.request.get(`${server.base}/api/v1/episodes/${episodeId}`)).json()) as {
      latest_compilation: { chapters: { start: number }[] };
      characters: { name: string }[];
    };
    await page.getByRole('button', { name: /^Go to chapter 3:/ }).click();
    await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeCloseTo(compiled.latest_compilation.chapters[2]!.start, 1);
    // Every character has a look to keep: the approved take of a shot they are in.
    expect(compiled.characters.length).toBeGreaterThan(0);
    for (const character of compiled.characters) {
      await expect(page.getByRole('img', { name: new RegExp(`^Reference of ${character.name}: shot \\d+$`) }).count()).resolves.toBe(1);
    }
    await page.screenshot({ path: `${SCREENSHOT_DIR}/episode-page.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/episode-page-phone.png`, fullPage: true });
    await page.close();
  }, 180_000);

  it('lets an owner share a viewer link from the page; the guest watches but cannot act, and is told once it is revoked', async () => {
    const director = await directorSignedIn();
    const owner = await director.newPage();
    await owner.goto(`${server.base}/episodes/${episodeId}`);
    const panel = owner.getByRole('region', { name: 'Share links' });
    await panel.getByLabel('Role').selectOption('viewer');
    await panel.getByLabel('Label').fill('For the producer');
    await panel.getByRole('button', { name: 'Create link' }).click();
    const address = await panel.getByTestId('new-share-link').inputValue();
    expect(address).toMatch(/\/share\/[a-z2-7]{32}$/);
    await expect(panel.getByTestId('share-link').first().textContent()).resolves.toContain('For the producer');

    const guestContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await guestContext.newPage();
    await page.goto(address);
    await expect(page.getByRole('heading', { name: 'For the producer' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Your name').fill('Pat Producer');
    await page.getByRole('button', { name: 'Open the episode' }).click();
    await page.waitForURL(`${server.base}/episodes/${episodeId}`);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('guest (viewer)');
    await expect(page.getByTestId('segment-card').count()).resolves.toBe(shotCount);
    // A viewer has nothing to act with: no controls, and no review form on a take.
    await expect(page.getByRole('region', { name: 'Generation' }).count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: 'Share links' }).count()).resolves.toBe(0);
    await page.getByTestId('review-link').first().click();
    await page.waitForURL(/\/segments\//);
    await expect(page.getByRole('region', { name: 'Review' }).count()).resolves.toBe(0);
    await page.keyboard.press('a');
    await expect(page.getByRole('region', { name: 'Review' }).count()).resolves.toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/guest-episode-phone.png`, fullPage: true });
    // The owner sees the guest under the name the server gives guests, whatever the guest's page says.
    await expect.poll(() => owner.getByTestId('presence').textContent(), { timeout: 15_000 }).toContain('Pat Producer (guest)');

    await panel.getByRole('button', { name: 'Revoke For the producer' }).click();
    await expect.poll(() => panel.getByTestId('share-link').first().textContent()).toContain('revoked');
    // The guest's open page is told at once, without a reload: the server closed its live view.
    await expect.poll(() => page.getByTestId('live-ended').textContent(), { timeout: 5000 }).toMatch(/share link .* was revoked/);
    // What the guest may no longer see goes from the open page too.
    await expect(page.getByRole('heading', { name: 'No longer available' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('video').count()).resolves.toBe(0);
    await expect(page.getByTestId('version').count()).resolves.toBe(0);
    await page.goto(address);
    await expect(page.getByTestId('share-problem').textContent()).resolves.toContain('revoked');
    // Back on the episode page, the guest is told why it no longer opens.
    await page.goto(`${server.base}/episodes/${episodeId}`);
    await expect(page.getByTestId('error-message').textContent()).resolves.toMatch(/was revoked/);
    await guestContext.close();
    await owner.close();
  }, 180_000);

  it('shows another reviewer’s approval and rating live, and who else is here', async () => {
    const director = await directorSignedIn();
    const actor = { userId: null, name: 'e2e' };
    const episode = await createEpisode(context.services, { shots: [{ prompt: 'A kettle on a stove', duration: 2 }, { prompt: 'Steam rising', duration: 2 }] }, actor);
    const segments = await generateEveryTake(context.services, episode.id);
    const page = await director.newPage();
    await page.goto(`${server.base}/episodes/${episode.id}`);
    const firstRow = page.getByTestId('segment-card').first();
    await expect(firstRow.getAttribute('data-segment-status')).resolves.toBe('pending');
    // A second window of the same person is a second presence.
    const other = await director.newPage();
    await other.goto(`${server.base}/episodes/${episode.id}`);
    await page.getByTestId('presence').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('presence').textContent()).resolves.toContain('Dana Director');

    // Someone approves with a rating elsewhere; the open page shows it without reloading.
    await approveSegment(context.services, segments[0]!.id, { userId: null, name: 'Rita Reviewer' }, { rating: 5 });
    await page.waitForFunction(() => document.querySelector('[data-testid="segment-card"]')?.getAttribute('data-segment-status') === 'approved', null, { timeout: 15_000 });
    await expect(firstRow.getByTestId('rating').textContent()).resolves.toContain('★ 5 (1)');
    // The rest of the page follows (its data is reloaded once the live document says so).
    await page.waitForFunction(() => document.querySelector('[data-testid="episode-progress"]')?.textContent?.includes('1/2 approved'), null, { timeout: 15_000 });
    // Shot 2 still waits: the compile joins every shot, and says so beside its disabled button.
    const compilePanel = page.getByRole('region', { name: 'Compile' });
    await expect.poll(() => compilePanel.getByRole('button', { name: 'Compile the approved takes' }).isDisabled()).toBe(true);
    await expect(compilePanel.getByTestId('compile-waiting').textContent()).resolves.toMatch(/approve a take of shot 2 first/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/episode-live.png`, fullPage: true });
    await other.close();
    await page.close();
  }, 180_000);

  it('says a sequential run waits for review, counts the shots to go, and titles each page it navigates to', async () => {
    const actor = { userId: null, name: 'e2e' };
    const shots = [{ prompt: 'A bell rope sways', duration: 2 }, { prompt: 'The bell tower at dusk', duration: 2 }];
    const director = await directorSignedIn();
    const episode = await createEpisode(context.services, { shots, title: 'Bell tower' }, actor);
    await startGenerationRun(context.services, episode.id, { mode: 'sequential', batchSize: 1, startFrom: 1, autoApprove: false }, actor);
    await eventually(async () => (await listCurrentSegments(context.services.db, episode.id))[0]?.status === 'completed', 120_000, 'the first take');
    const page = await director.newPage();
    await page.goto(`${server.base}/`);
    await expect.poll(() => page.title()).toBe('Episodes · Dailies');
    // In-app navigation retitles the tab.
    await page.locator(`a[href$="/episodes/${episode.id}"]`).first().click();
    await page.waitForURL(`${server.base}/episodes/${episode.id}`);
    await expect.poll(() => page.title()).toBe('Bell tower · Dailies');
    const generation = page.getByRole('region', { name: 'Generation' });
    await expect.poll(() => generation.getByTestId('run-state').textContent(), { timeout: 15_000 }).toMatch(/Waiting for review: one take needs a decision/);
    await expect(generation.textContent()).resolves.toContain('50% of the run');
    await expect(page.getByTestId('costs').locator('summary').textContent()).resolves.toMatch(/; the shot to go:/);
    await page.getByRole('link', { name: 'Episodes' }).click();
    await page.waitForURL(`${server.base}/`);
    await expect.poll(() => page.title()).toBe('Episodes · Dailies');
    await page.close();
  }, 180_000);

  it('catches up with what changed before its live connection opened', async () => {
    const director = await directorSignedIn();
    const actor = { userId: null, name: 'e2e' };
    const episode = await createEpisode(context.services, { shots: [{ prompt: 'A paper lantern', duration: 2 }] }, actor);
    const [take] = await generateEveryTake(context.services, episode.id);
    const page = await director.newPage();
    // Hold the live connection until the page has loaded and the take has been approved elsewhere.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.routeWebSocket(/\/collab/, async (ws) => {
      await released;
      ws.connectToServer();
    });
    await page.goto(`${server.base}/episodes/${episode.id}`);
    await expect(page.getByTestId('segment-card').getAttribute('data-segment-status')).resolves.toBe('pending');
    await approveSegment(context.services, take!.id, { userId: null, name: 'Rita Reviewer' }, {});
    release();
    await expect.poll(() => page.getByTestId('segment-card').getAttribute('data-segment-status'), { timeout: 15_000 }).toBe('approved');
    await expect.poll(() => page.getByTestId('episode-progress').textContent(), { timeout: 15_000 }).toContain('1/1 approved');
    await page.close();
  }, 180_000);

  it('reviews by keyboard alone: rate and approve, move on, reject with a reason, regenerate, and see the versions', async () => {
    const director = await directorSignedIn();
    const actor = { userId: null, name: 'e2e' };
    const shots = [1, 2, 3].map((n) => ({ prompt: `A lantern swings, take ${n}`, duration: 2 }));
    const episode = await createEpisode(context.services, { shots, title: 'Keyboard review' }, actor);
    const segments = await generateEveryTake(context.services, episode.id);
    const page = await director.newPage();
    await page.goto(`${server.base}/episodes/${episode.id}/segments/${segments[0]!.id}`);
    const badge = page.locator('header.head [data-status]');
    await expect(badge.getAttribute('data-status')).resolves.toBe('pending');

    await page.keyboard.press('4');
    await page.keyboard.press('a');
    await page.waitForFunction(() => document.querySelector('header.head [data-status]')?.getAttribute('data-status') === 'approved', null, { timeout: 15_000 });
    await expect(page.locator('.reviews').textContent()).resolves.toContain('★★★★');

    await page.keyboard.press('ArrowRight');
    await page.waitForURL(`**/segments/${segments[1]!.id}`);
    await page.keyboard.press('r');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('reason');
    await page.keyboard.type('The lantern is out of frame');
    // Past "Suggest from text", the prompt, style and character suggestions to the suggested duration; then seed, camera and the submit button.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('suggest-duration');
    await page.keyboard.type('3');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('header.head [data-status]')?.getAttribute('data-status') === 'rejected', null, { timeout: 15_000 });
    await expect(page.getByTestId('version').first().textContent()).resolves.toContain('The lantern is out of frame');
    await expect(page.getByTestId('suggested-changes').textContent()).resolves.toContain('duration 3 s');

    await page.keyboard.press('g');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('new-prompt');
    // The form starts from the suggestion.
    await expect(page.getByTestId('suggestion').textContent()).resolves.toContain('duration 3 s');
    await expect(page.locator('#new-duration').inputValue()).resolves.toBe('3');
    await page.keyboard.press('End');
    await page.keyboard.type(', framed wider');
    // Style, duration, seed, camera, then the submit button.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.endsWith(segments[1]!.id), { timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('take 2');
    await expect(page.getByTestId('version').count()).resolves.toBe(2);
    // The new take was made with the suggested length and the edited prompt.
    const takeId = page.url().split('/').at(-1)!;
    const take = (await (await director.request.get(`${server.base}/api/v1/segments/${takeId}`)).json()) as { generation_params: { duration: number; prompt: string } };
    expect(take.generation_params.duration).toBe(3);
    expect(take.generation_params.prompt).toContain('framed wider');

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/review-help.png`, fullPage: true });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/review-page.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/review-page-phone.png`, fullPage: true });
    await page.close();
  }, 180_000);

  it('generates, reorders and compiles from the page, and a second reviewer sees each change live', async () => {
    const director = await directorSignedIn();
    const actor = { userId: null, name: 'e2e' };
    const shots = ['A red door', 'A green hall', 'A blue window'].map((prompt) => ({ prompt, duration: 2 }));
    const episode = await createEpisode(context.services, { shots, title: 'Three colours' }, actor);
    const page = await director.newPage();
    await page.goto(`${server.base}/episodes/${episode.id}`);
    const generation = page.getByRole('region', { name: 'Generation' });
    await generation.getByLabel('In parallel, without waiting').check();
    await generation.getByLabel('Batch size').fill('3');
    await generation.getByLabel('Approve automatically').check();
    await generation.getByRole('button', { name: 'Generate' }).click();
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid="segment-card"]')].every((row) => row.getAttribute('data-segment-status') === 'approved'),
      null,
      { timeout: 120_000 },
    );

    // A second reviewer, in a browser of their own.
    const rita = await signedUpBrowser(browser, server.base, { email: 'rita@example.com', name: 'Rita Reviewer' });
    expect((await director.request.put(`${server.base}/api/v1/episodes/${episode.id}/members`, { data: { email: 'rita@example.com', role: 'reviewer' }, headers: { origin: server.base } })).status()).toBe(200);
    const ritaPage = await rita.newPage();
    await ritaPage.goto(`${server.base}/episodes/${episode.id}`);
    const slots = (target: typeof page) => target.getByTestId('segment-card').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-slot')).join(','));
    await expect(slots(ritaPage)).resolves.toBe('1,2,3');
    // A reviewer may not reorder, generate or compile: no controls for it.
    await expect(ritaPage.getByRole('button', { name: /Move shot/ }).count()).resolves.toBe(0);
    await expect(ritaPage.getByRole('region', { name: 'Compile' }).count()).resolves.toBe(0);

    // By keyboard: shot 3 earlier, twice, quickly. The first save is held back on its way to the
    // server until the second move has been made: the second must still land last (saves go one
    // after another).
    const events: string[] = [];
    page.on('request', (request) => request.method() === 'PUT' && request.url().endsWith('/order') && events.push('sent'));
    page.on('requestfinished', (request) => request.method() === 'PUT' && request.url().endsWith('/order') && events.push('done'));
    let held = false;
    let releaseFirstSave!: () => void;
    const firstSaveReleased = new Promise<void>((resolve) => (releaseFirstSave = resolve));
    await page.route('**/api/v1/episodes/*/order', async (route) => {
      if (!held) {
        held = true;
        await firstSaveReleased;
      }
      await route.continue();
    });
    await page.getByRole('button', { name: 'Move shot 3 earlier' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => slots(page)).toBe('1,3,2');
    await page.keyboard.press('Enter');
    await expect.poll(() => slots(page)).toBe('3,1,2');
    releaseFirstSave();
    await expect.poll(() => slots(ritaPage), { timeout: 5000 }).toBe('3,1,2');
    const saved = await context.services.db.selectFrom('shots').select('shot_number').where('episode_id', '=', episode.id).orderBy('position').execute();
    expect(saved.map((shot) => shot.shot_number)).toEqual([3, 1, 2]);
    expect(events).toEqual(['sent', 'done', 'sent', 'done']);
    await page.unroute('**/api/v1/episodes/*/order');

    // The compile panel shows the takes in the new order, all approved.
    const compilePanel = page.getByRole('region', { name: 'Compile' });
    await expect.poll(() => compilePanel.getByTestId('compile-sequence').locator('li.approved').allTextContents()).toEqual(['3', '1', '2']);
    // Upload a track of our own and compile with it under the takes.
    const { stdout: wav } = await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=8', '-f', 'wav', '-'], { encoding: 'buffer', maxBuffer: 4 << 20 });
    await compilePanel.getByLabel('Add music').setInputFiles({ name: 'theme.wav', mimeType: 'audio/wav', buffer: wav as unknown as Buffer });
    await compilePanel.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => compilePanel.getByLabel('Music', { exact: true }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('theme.wav');
    await compilePanel.getByRole('button', { name: 'Compile the approved takes' }).click();
    await page.locator('section[aria-label="Final video"] video').waitFor({ timeout: 120_000 });
    const compiled = (await (await director.request.get(`${server.base}/api/v1/episodes/${episode.id}`)).json()) as { latest_compilation: { audio_config: { music_asset_id?: string } } };
    const assets = (await (await director.request.get(`${server.base}/api/v1/episodes/${episode.id}/assets`)).json()) as { assets: { id: string; filename: string }[] };
    expect(compiled.latest_compilation.audio_config.music_asset_id).toBe(assets.assets.find((asset) => asset.filename === 'theme.wav')?.id);
    await ritaPage.locator('section[aria-label="Final video"] video').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/episode-controls.png`, fullPage: true });
    await ritaPage.close();
    await rita.close();
    await page.close();
  }, 180_000);

  it('lists what waits for review on the dashboard, and starts an episode from an uploaded screenplay with a style and a resolution', async () => {
    const director = await directorSignedIn();
    // An episode of its own with a take nobody decided on.
    const waitingEpisode = await createEpisode(context.services, { shots: [{ prompt: 'A lantern on a pier', duration: 2 }], title: 'Undecided' }, { userId: null, name: 'e2e' });
    await generateEveryTake(context.services, waitingEpisode.id);
    const page = await director.newPage();
    await page.goto(`${server.base}/`);
    const waiting = page.getByRole('region', { name: 'Waiting for your review' });
    await expect(waiting.getByRole('link').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('list', { name: 'Episodes' }).textContent()).resolves.toContain('owner');

    const newEpisode = page.getByRole('region', { name: 'New episode' });
    await newEpisode.getByLabel('a screenplay (Fountain)').check();
    await newEpisode.getByLabel(/Screenplay file/).setInputFiles({
      name: 'harbour.fountain',
      mimeType: 'text/plain',
      buffer: Buffer.from('Title: Harbour\n\nEXT. HARBOUR - DAWN\n\nGulls circle. NORA coils a rope.\n\nNORA\nThe boats are late.\n'),
    });
    await expect(newEpisode.textContent()).resolves.toContain('harbour.fountain');
    await newEpisode.getByLabel('Style').fill('watercolour');
    await newEpisode.getByLabel('Resolution').selectOption({ label: '854 × 480' });
    await newEpisode.getByRole('button', { name: 'Plan it' }).click();
    await page.waitForURL(/\/episodes\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1)!;
    const created = await director.request.get(`${server.base}/api/v1/episodes/${id}`);
    expect(await created.json()).toMatchObject({ resolution: '854x480', style: 'watercolour' });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/new-from-screenplay.png`, fullPage: true });
    await page.goto(`${server.base}/`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard.png`, fullPage: true });
    await page.close();
  }, 180_000);

  it('plays two takes side by side in step, and lets one window follow another to its shot and playhead', async () => {
    const director = await directorSignedIn();
    const actor = { userId: null, name: 'e2e' };
    const episode = await createEpisode(context.services, { shots: [{ prompt: 'A clock tower', duration: 3 }, { prompt: 'A square at noon', duration: 3 }], title: 'Two takes' }, actor);
    const first = await generateEveryTake(context.services, episode.id);
    const second = await regenerateSegment(context.services, first[0]!.id, { changes: { seed: 7 }, keepOriginal: true }, actor);
    await eventually(async () => (await listCurrentSegments(context.services.db, episode.id))[0]?.status === 'completed', 120_000, 'the second take');

    const page = await director.newPage();
    await page.goto(`${server.base}/episodes/${episode.id}/segments/${second.id}/compare/${first[0]!.id}`);
    const videos = page.getByTestId('compare-video');
    await expect(videos.count()).resolves.toBe(2);
    await page.getByTestId('compare-play').click();
    const playhead = () => videos.evaluateAll((elements) => (elements as HTMLVideoElement[]).map((element) => element.currentTime));
    await expect.poll(async () => (await playhead())[0], { timeout: 10_000 }).toBeGreaterThan(0.3);
    const times = await playhead();
    expect(times[0]).toBeGreaterThan(0.3);
    expect(Math.abs(times[0]! - times[1]!)).toBeLessThan(0.15);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/compare-takes.png`, fullPage: true });

    // Following: the second window goes where the first goes.
    const leader = await director.newPage();
    await leader.goto(`${server.base}/episodes/${episode.id}/segments/${second.id}`);
    await page.goto(`${server.base}/episodes/${episode.id}/segments/${second.id}`);
    await page.getByRole('button', { name: 'Follow Dana Director' }).first().click();
    await expect(page.getByTestId('present').first().textContent()).resolves.toContain('Stop following');
    // The leader moves on within the app (a full reload would be a new presence).
    await leader.keyboard.press('ArrowRight');
    await leader.waitForURL(`**/segments/${first[1]!.id}`);
    await page.waitForURL(`**/segments/${first[1]!.id}`, { timeout: 15_000 });
    // …and to the leader's playhead.
    await leader.getByTestId('review-video').evaluate((element: HTMLVideoElement) => (element.currentTime = 1.5));
    await expect
      .poll(() => page.getByTestId('review-video').evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 10_000 })
      .toBeGreaterThan(1.2);
    await leader.close();
    await page.close();
  }, 180_000);

  it('shows what the takes cost, and gives a character a picture for video models: proposed and chosen, then uploaded', async () => {
    const director = await directorSignedIn();
    const page = await director.newPage();
    await page.goto(`${server.base}/episodes/${episodeId}`);
    // The built-in renderer's takes cost nothing.
    await expect(page.getByTestId('spent').textContent()).resolves.toBe('free');
    await expect(page.getByTestId('costs').locator('summary').innerText()).resolves.toMatch(/spent on \d+ takes/);

    const [character] = (await context.services.db.selectFrom('characters').select(['key', 'name']).where('episode_id', '=', episodeId).orderBy('position').execute());
    const card = page.getByTestId('character').filter({ hasText: character!.name });
    await card.getByText('Add a picture').click();
    await card.getByRole('button', { name: 'Propose a picture' }).click();
    await card.getByRole('button', { name: 'Use this' }).click();
    const chosen = card.getByTestId('character-picture');
    await chosen.waitFor();
    await expect.poll(() => chosen.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(512);
    const reference = async () =>
      (await context.services.db.selectFrom('characters').select('reference_asset_id').where('episode_id', '=', episodeId).where('key', '=', character!.key).executeTakeFirstOrThrow())
        .reference_asset_id;
    const proposed = await reference();
    expect(proposed).not.toBeNull();
    await expect(card.getByText('in use').count()).resolves.toBe(1);

    // A file that is not a picture is refused in words, and nothing changes.
    const upload = card.getByLabel(`Upload a picture of ${character!.name}`);
    await upload.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
    await expect(card.getByRole('alert').textContent()).resolves.toMatch(/image|picture/i);
    expect(await reference()).toBe(proposed);

    // An uploaded picture becomes the reference at once.
    const picture = `${context.dataDir}/upload.png`;
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=teal:s=200x300', '-frames:v', '1', picture]);
    await upload.setInputFiles(picture);
    await expect.poll(reference).not.toBe(proposed);
    await expect.poll(() => chosen.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(200);
    await expect(card.getByTestId('character-image').count()).resolves.toBe(2);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/character-pictures.png`, fullPage: true });
    await page.close();
  }, 180_000);
});

