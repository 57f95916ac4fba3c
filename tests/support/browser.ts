/**
 * Debian's Chromium, driven by playwright-core (which never downloads a browser of its own).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type ServerProcess } from './server-process.ts';
import { createTestContext, type TestContext } from './services.ts';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../e2e/screenshots', import.meta.url));

export function launchOptions(): LaunchOptions {
  const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  if (!executablePath) throw new Error('Chromium was not found: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  };
}

/** The password every browser test account signs up with. */
export const BROWSER_PASSWORD = 'a long enough password';

/**
 * A new browser context (`viewport`, 1280×800 by default) with an account signed up through the
 * API of the server at `base`, its session cookie in the context as a page's would be.
 */
export async function signedUpBrowser(
  browser: Browser,
  base: string,
  account: { email: string; name: string },
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  const signup = await context.request.post(`${base}/api/v1/auth/signup`, {
    data: { email: account.email, password: BROWSER_PASSWORD, display_name: account.name },
    headers: { origin: base },
  });
  if (signup.status() !== 201) throw new Error(`Signing up ${account.email} answered ${signup.status()}: ${await signup.text()}`);
  return context;
}

/**
 * A new browser context logged in, through the API, to an account that exists already (made with
 * `createAccount` and the browser password): where sign-up is confirmed by email (SMTP set), a
 * sign-up through the API makes no session.
 */
export async function loggedInBrowser(browser: Browser, base: string, email: string, viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  const login = await context.request.post(`${base}/api/v1/auth/login`, { data: { email, password: BROWSER_PASSWORD }, headers: { origin: base } });
  if (login.status() !== 200) throw new Error(`Logging in ${email} answered ${login.status()}: ${await login.text()}`);
  return context;
}

/** The account id of the person signed in to `context`. */
export async function accountIdOf(context: BrowserContext, base: string): Promise<string> {
  const me = await context.request.get(`${base}/api/v1/me`);
  if (me.status() !== 200) throw new Error(`GET /api/v1/me answered ${me.status()}: ${await me.text()}`);
  return ((await me.json()) as { id: string }).id;
}

/** A `dailies serve` process of one test file and the Chromium that visits it. */
export interface FileBrowserServer {
  readonly context: TestContext;
  readonly server: ServerProcess;
  readonly browser: Browser;
}

/**
 * Starts, before the file's (or describe block's) tests, a test context, `dailies serve` over it
 * (with `env` added) and Chromium; closes them all after. Read the fields inside hooks and tests.
 */
export function serverAndBrowserForFile(env: Record<string, string> = {}): FileBrowserServer {
  const started: Partial<{ context: TestContext; server: ServerProcess; browser: Browser }> = {};
  beforeAll(async () => {
    started.context = await createTestContext();
    started.server = await startServer({ ...env, DATABASE_URL: started.context.database.url, DAILIES_DATA_DIR: started.context.dataDir });
    started.browser = await chromium.launch(launchOptions());
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.server?.stop();
    await started.context?.cleanup();
  });
  const read = <K extends keyof typeof started>(key: K) => {
    const value = started[key];
    if (!value) throw new Error('The server and browser are not started yet: use them inside a hook or a test.');
    return value as NonNullable<(typeof started)[K]>;
  };
  return {
    get context() {
      return read('context');
    },
    get server() {
      return read('server');
    },
    get browser() {
      return read('browser');
    },
  };
}

/** Waits until `page` is interactive: hydrated, its handlers attached (keys pressed before do nothing). */
export async function untilInteractive(page: Page): Promise<void> {
  await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
}

/** A new page of `context` at `path` on the server at `base`. */
export async function openPage(context: BrowserContext, base: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  return page;
}
