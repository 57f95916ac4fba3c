/**
 * Builds the web pages when they are missing or older than their sources, so that `npm start`
 * on a fresh clone or after a pull serves the current pages.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createLog } from '../logger.ts';

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

export async function ensurePagesBuilt(root: string): Promise<void> {
  const built = await stat(join(root, 'build', 'handler.js')).then((info) => info.mtimeMs, () => 0);
  const sources = Math.max(
    await newestMtime(join(root, 'src')),
    await newestMtime(join(root, 'svelte.config.js')),
    await newestMtime(join(root, 'vite.config.ts')),
  );
  if (built >= sources) return;
  createLog('serve').info(built ? 'The pages changed since the last build: rebuilding…' : 'Building the web pages (first start)…');
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
}
