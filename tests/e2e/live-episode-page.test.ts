/**
 * The episode page follows the live document instead of reloading: while Dora watches her
 * episode, Ana (an editor, through the API) approves a take, changes her rating, reorders the
 * shots, makes a new take and compiles. Dora's page shows each change, and fetches only the new
 * take (once), the costs and the compile: never the whole episode, the signed-in person or
 * SvelteKit's page data again. The take page fetches its own take alone when it is decided on, and
 * reloads only for a new take of its shot.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisodeFromIdea } from '../../server/commands/episode-creator.ts';
import { findEpisode } from '../../server/db/queries/episode.queries.ts';
import { accountIdOf, openPage, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { addMember, generateFirstSegments } from '../support/factories.ts';
import { eventually } from '../support/server-process.ts';

const app = serverAndBrowserForFile();

let dora: BrowserContext;
let ana: BrowserContext;
let doraId: string;

beforeAll(async () => {
  // The first account is the server's admin; keep it out of the episode.
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
  dora = await signedUpBrowser(app.browser, app.server.base, { email: 'dora@example.com', name: 'Dora' });
  ana = await signedUpBrowser(app.browser, app.server.base, { email: 'ana@example.com', name: 'Ana' });
  doraId = await accountIdOf(dora, app.server.base);
}, 120_000);

/** Ana's call to the API, as a client of her own would make it; the answer's status must be `expected`. */
async function asAna(method: 'PUT' | 'POST', path: string, data: unknown, expected: number): Promise<unknown> {
  const response = await ana.request.fetch(`${app.server.base}/api/v1${path}`, { method, data, headers: { origin: app.server.base } });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBe(expected);
  return response.json();
}

const cardOf = (page: Page, slot: number) => page.locator(`[data-testid="segment-card"][data-slot="${slot}"]`);
const cardOrder = (page: Page) => page.getByTestId('segment-card').evaluateAll((cards) => cards.map((card) => Number(card.getAttribute('data-slot'))));

describe('the episode page follows the live document', () => {
  it('shows decisions, ratings, the order and a new take as they happen, fetching only the new take', async () => {
    const episode = await createEpisodeFromIdea(app.context.services, { idea: 'A lighthouse keeper teaches a gull to fetch', seed: 3 }, { userId: doraId, name: 'Dora' });
    await eventually(async () => (await findEpisode(app.context.services.db, episode.id))?.status === 'planned', 60_000, 'planning');
    await addMember(app.context.services, episode.id, 'ana@example.com', 'editor', { userId: doraId, name: 'Dora' });
    const takes = await generateFirstSegments(app.context.services, episode.id, 2);
    const total = takes.length;
    const [first, second] = takes;

    const page = await openPage(dora, app.server.base, `/episodes/${episode.id}`);
    await page.waitForLoadState('networkidle');
    const progress = page.getByTestId('episode-progress');
    await expect.poll(() => progress.textContent()).toMatch(new RegExp(`^\\s*0/${total} approved\\s*$`));
    await expect.poll(() => cardOf(page, 1).getAttribute('data-segment-status')).toBe('pending');
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));

    // Ana approves the first take: its card and the header's count follow.
    await asAna('PUT', `/segments/${first!.id}/decision`, { decision: 'approve', rating: 4 }, 200);
    await expect.poll(() => cardOf(page, 1).getAttribute('data-segment-status')).toBe('approved');
    await expect.poll(() => progress.textContent()).toMatch(new RegExp(`^\\s*1/${total} approved\\s*$`));
    await expect.poll(() => cardOf(page, 1).getByTestId('rating').textContent()).toMatch(/★ 4 \(1\)/);

    // She changes her rating.
    await asAna('PUT', `/segments/${first!.id}/decision`, { decision: 'approve', rating: 2 }, 200);
    await expect.poll(() => cardOf(page, 1).getByTestId('rating').textContent()).toMatch(/★ 2 \(1\)/);

    // She asks for changes on the second take, then reorders: the second shot plays first.
    await asAna('PUT', `/segments/${second!.id}/decision`, { decision: 'changes_requested', note: 'The gull is too small' }, 200);
    await expect.poll(() => cardOf(page, 2).getAttribute('data-segment-status')).toBe('needs_revision');
    const before = await cardOrder(page);
    const reordered = [before[1]!, before[0]!, ...before.slice(2)];
    await asAna('PUT', `/episodes/${episode.id}/order`, { order: reordered }, 200);
    await expect.poll(() => cardOrder(page)).toEqual(reordered);

    // She makes a new take of the second shot: the page shows it being made, then made, under its new id.
    const made = (await asAna('POST', `/segments/${second!.id}/regenerate`, { changes: { prompt: 'A huge white gull fetches a stick on the pier' } }, 202)) as { id: string; version: number };
    expect(made.id).not.toBe(second!.id);
    await expect.poll(() => page.locator(`section[aria-label="Timeline"] a[href$="/segments/${made.id}"]`).count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => cardOf(page, 2).getAttribute('data-segment-status'), { timeout: 120_000 }).toBe('pending');
    await expect.poll(() => page.getByTestId('shot').filter({ has: page.locator(`a[href$="/segments/${made.id}"]`) }).getByTestId('shot-prompt').textContent()).toBe(
      'A huge white gull fetches a stick on the pier',
    );
    await expect.poll(() => progress.textContent()).toMatch(new RegExp(`^\\s*1/${total} approved\\s*$`));

    // The costs are fetched again, alone, once the new take is made.
    await expect.poll(() => requests.filter((request) => new URL(request.url()).pathname === `/api/v1/episodes/${episode.id}/costs`).length).toBeGreaterThan(0);

    // She compiles the approved shot: the final video appears once made, from the compile alone.
    const compile = (await asAna('POST', `/episodes/${episode.id}/compile`, { segment_ids: [first!.id], transition_style: 'cut', transition_duration: 0 }, 202)) as { compilation_job_id: string };
    await expect.poll(() => page.locator('section[aria-label="Final video"] video').count(), { timeout: 120_000 }).toBe(1);

    const paths = requests.map((request) => new URL(request.url()).pathname);
    expect(paths.filter((path) => path === `/api/v1/compilation-jobs/${compile.compilation_job_id}`).length).toBeGreaterThanOrEqual(1);
    expect(paths.filter((path) => path === `/api/v1/compilation-jobs/${compile.compilation_job_id}`).length).toBeLessThanOrEqual(2);
    expect(paths.filter((path) => path === `/api/v1/episodes/${episode.id}/costs`).length).toBeLessThanOrEqual(2);
    expect(paths.filter((path) => path === `/api/v1/episodes/${episode.id}`), 'the whole episode fetched again').toEqual([]);
    expect(paths.filter((path) => path === '/api/v1/me'), 'the signed-in person fetched again').toEqual([]);
    expect(paths.filter((path) => path.endsWith('__data.json')), 'the page data reloaded').toEqual([]);
    expect(paths.filter((path) => path.startsWith(`/api/v1/segments/${made.id}`)), 'the new take fetched').toHaveLength(1);
    // No other take was fetched: the document carried everything else.
    expect(paths.filter((path) => path.startsWith('/api/v1/segments/') && !path.startsWith(`/api/v1/segments/${made.id}`))).toEqual([]);
  }, 300_000);

  it('the take page fetches its own take again when decided on, ignores other shots, and reloads for a new take', async () => {
    const episode = await createEpisodeFromIdea(app.context.services, { idea: 'Two snails race across a garden wall', seed: 4 }, { userId: doraId, name: 'Dora' });
    await eventually(async () => (await findEpisode(app.context.services.db, episode.id))?.status === 'planned', 60_000, 'planning');
    await addMember(app.context.services, episode.id, 'ana@example.com', 'editor', { userId: doraId, name: 'Dora' });
    const [first, second] = await generateFirstSegments(app.context.services, episode.id, 2);

    const page = await openPage(dora, app.server.base, `/episodes/${episode.id}/segments/${first!.id}`);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.getByTestId('approval-progress').textContent()).toMatch(/0 of 1 approved/);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));

    // A decision on another shot, then one on this take: the page shows this one, with its note.
    await asAna('PUT', `/segments/${second!.id}/decision`, { decision: 'approve' }, 200);
    await asAna('PUT', `/segments/${first!.id}/decision`, { decision: 'changes_requested', rating: 2, note: 'Too dark' }, 200);
    await expect.poll(() => page.getByTestId('decision').allTextContents()).toEqual([expect.stringMatching(/Ana asked for changes\s*· 2★.*Too dark/)]);
    await expect.poll(() => page.locator('header [data-status]').getAttribute('data-status')).toBe('needs_revision');
    expect(requests.filter((path) => path === `/api/v1/episodes/${episode.id}` || path === '/api/v1/me' || path.endsWith('__data.json')), 'the page data reloaded').toEqual([]);
    expect(requests.filter((path) => path.startsWith(`/api/v1/segments/${second!.id}`)), 'the other shot’s take fetched').toEqual([]);
    expect(requests.filter((path) => path === `/api/v1/segments/${first!.id}`).length).toBeGreaterThanOrEqual(1);

    // A new take of this shot: the document does not describe what the page lists, so it reloads.
    await asAna('POST', `/segments/${first!.id}/regenerate`, { changes: { seed: 7 } }, 202);
    await expect.poll(() => page.getByText('an earlier take (not current)').count()).toBe(1);
    expect(requests.filter((path) => path === `/api/v1/episodes/${episode.id}`).length).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
