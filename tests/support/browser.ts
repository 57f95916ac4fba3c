/**
 * Debian's Chromium, driven by playwright-core (which never downloads a browser of its own).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LaunchOptions } from 'playwright-core';

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
