/**
 * Team review in Chromium with three people at once: the owner (Dora, the director), a reviewer
 * (Ana) and a guest who joined through a share link. A rule of two approvals where one does not
 * approve and the second does, seen live on the owner's page; a rule naming the director; and an
 * approved single-version take reopened and made again.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { setMemberRole } from '../../server/commands/members.ts';
import { createShareLink } from '../../server/commands/share-links.ts';
import { accountIdOf, openPage, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { createEpisodeFromIdea } from '../../server/commands/episode-creator.ts';
import { findEpisode } from '../../server/db/queries/episode.queries.ts';
import { generateFirstSegments } from '../support/factories.ts';
import { eventually } from '../support/server-process.ts';

const app = serverAndBrowserForFile();

let dora: BrowserContext;
let ana: BrowserContext;
let guest: BrowserContext;
let doraId: string;

/** A new episode of Dora's with Ana as reviewer, its first two takes made. */
async function teamEpisode(): Promise<{ episodeId: string; takes: string[] }> {
  // The server's worker plans it (planning here as well would race with it).
  const episode = await createEpisodeFromIdea(app.context.services, { idea: 'A lighthouse keeper teaches a gull to fetch', seed: 2 }, { userId: doraId, name: 'Dora' });
  await eventually(async () => (await findEpisode(app.context.services.db, episode.id))?.status === 'planned', 60_000, 'planning');
  await setMemberRole(app.context.services, episode.id, 'ana@example.com', 'reviewer', { userId: doraId, name: 'Dora' });
  const takes = await generateFirstSegments(app.context.services, episode.id, 2);
  return { episodeId: episode.id, takes: takes.map((take) => take.id) };
}

const open = (context: BrowserContext, path: string): Promise<Page> => openPage(context, app.server.base, path);

async function approveOn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Approve (A)' }).click();
}

beforeAll(async () => {
  // The first account is the server's admin (an owner everywhere); keep it out of the team.
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
  dora = await signedUpBrowser(app.browser, app.server.base, { email: 'dora@example.com', name: 'Dora' });
  ana = await signedUpBrowser(app.browser, app.server.base, { email: 'ana@example.com', name: 'Ana' });
  doraId = await accountIdOf(dora, app.server.base);
}, 120_000);

describe('team review in the browser', () => {
  it('a rule of two approvals: one does not approve, the second does, live for the owner', async () => {
    const { episodeId, takes } = await teamEpisode();
    const { token } = await createShareLink(app.context.services, episodeId, { role: 'reviewer', label: 'Gus' }, { userId: doraId, name: 'Dora' });
    guest = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const joined = await open(guest, `/share/${token}`);
    await joined.getByLabel('Your name').fill('Gus');
    await joined.getByRole('button', { name: 'Open the episode' }).click();
    await joined.waitForURL(`${app.server.base}/episodes/${episodeId}`);

    // Dora sets the rule on the episode page.
    const board = await open(dora, `/episodes/${episodeId}`);
    await board.getByLabel('A take is approved when').selectOption('count');
    await board.getByLabel('Approvals needed').fill('2');
    await board.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => board.getByTestId('approval-rule').textContent()).toBe('2 approvals, and nobody asking for changes.');

    const anaPage = await open(ana, `/episodes/${episodeId}/segments/${takes[0]}`);
    await approveOn(anaPage);
    await expect.poll(() => anaPage.getByTestId('approval-progress').textContent()).toMatch(/1 of 2 approved · waiting for 1 more approval/);
    // Dora's card shows it without a reload: one approval, not approved.
    const firstCard = board.locator('[data-testid="segment-card"][data-slot="1"]');
    await expect.poll(() => firstCard.getByTestId('approval-count').textContent()).toBe('1 of 2 approved');
    await expect.poll(() => firstCard.locator('[data-decision="approve"]').count()).toBe(1);

    await joined.goto(`${app.server.base}/episodes/${episodeId}/segments/${takes[0]}`);
    await approveOn(joined);
    await expect.poll(() => firstCard.getByTestId('approval-count').textContent()).toBe('2 of 2 approved');
    await expect.poll(() => firstCard.locator('[data-decision="approve"]').count()).toBe(2);
    await expect.poll(() => anaPage.getByTestId('approval-progress').textContent()).toMatch(/2 of 2 approved/);
    await expect.poll(async () => (await anaPage.getByTestId('decision').allTextContents()).join(' | ')).toMatch(/Ana approved.*\|.*Gus \(guest\) approved|Gus \(guest\) approved.*\|.*Ana approved/);
  }, 180_000);

  it('a rule naming the director: the reviewer’s approval waits for her, hers approves', async () => {
    const { episodeId, takes } = await teamEpisode();
    const setRule = await dora.request.put(`${app.server.base}/api/v1/episodes/${episodeId}/approval-rule`, {
      data: { kind: 'required', users: [doraId] },
      headers: { origin: app.server.base },
    });
    expect(setRule.status()).toBe(200);
    const anaPage = await open(ana, `/episodes/${episodeId}/segments/${takes[1]}`);
    await approveOn(anaPage);
    await expect.poll(() => anaPage.getByTestId('approval-progress').textContent()).toMatch(/0 of 1 approved · waiting for Dora/);
    const doraPage = await open(dora, `/episodes/${episodeId}/segments/${takes[1]}`);
    await approveOn(doraPage);
    // Ana's page follows: approved by the director.
    await expect.poll(() => anaPage.getByTestId('approval-progress').textContent()).toMatch(/1 of 1 approved/);
    await expect.poll(() => anaPage.locator('header [data-status]').getAttribute('data-status')).toBe('approved');
  }, 180_000);

  it('reopens an approved single-version take and makes it again', async () => {
    const { episodeId, takes } = await teamEpisode();
    const anaPage = await open(ana, `/episodes/${episodeId}/segments/${takes[0]}`);
    await approveOn(anaPage);
    await expect.poll(() => anaPage.getByTestId('approval-progress').textContent()).toMatch(/1 of 1 approved/);
    // A reviewer cannot reopen.
    await expect(anaPage.getByRole('button', { name: 'Reopen…' }).count()).resolves.toBe(0);
    const doraPage = await open(dora, `/episodes/${episodeId}/segments/${takes[0]}`);
    await doraPage.getByRole('button', { name: 'Reopen…' }).click();
    await doraPage.getByLabel('Why does this take go back to review?').fill('The gull should be white');
    await doraPage.getByRole('button', { name: 'Reopen take' }).click();
    await expect.poll(() => doraPage.getByTestId('approval-progress').textContent()).toMatch(/0 of 1 approved/);
    await expect.poll(() => anaPage.getByTestId('approval-progress').textContent()).toMatch(/0 of 1 approved/);
    await doraPage.getByRole('button', { name: 'Regenerate… (G)' }).click();
    await doraPage.getByRole('button', { name: 'Make a new take' }).click();
    await doraPage.waitForURL((url) => !url.pathname.endsWith(takes[0]!));
    await expect.poll(() => doraPage.getByRole('heading', { level: 1 }).textContent()).toMatch(/take 2/);
  }, 180_000);
});
