/**
 * The data folder a process works in, checked and tidied at start. It must be writable whatever
 * the database (with DATABASE_URL set nothing else writes there at start, and every take would
 * wait at "generating" for a render that cannot be saved). Each process keeps its scratch work in
 * a folder of its own, `tmp/<host>-<pid>`, so that the next start on the machine can remove what
 * a killed process left (a compile's pieces, half an upload) without touching the work of one
 * still running beside it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { dataDirError } from './errors.ts';

export interface DataFolder {
  /** This process's scratch folder, removed by `close()`. */
  scratchDir: string;
  /** Folders of processes gone that were removed at start. */
  swept: string[];
  close(): Promise<void>;
}

/** A host name as it may appear in a folder name. */
const HOST = hostname().replace(/[^A-Za-z0-9.]/g, '_') || 'host';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Proves that `dir` can be written (root ignores permission bits, but not a read-only mount). */
async function assertWritable(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.write-check-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw dataDirError(
      `The data folder ${dir} is not writable${code ? ` (${code})` : ''}: choose another with DAILIES_DATA_DIR, or fix its permissions or mount.`,
      cause,
    );
  }
}

/**
 * Checks that the data folder is writable, removes the scratch folders of this machine's
 * processes that are gone, and makes this process's own.
 */
export async function openDataFolder(dataDir: string, pid = process.pid): Promise<DataFolder> {
  await assertWritable(dataDir);
  const tmp = join(dataDir, 'tmp');
  await assertWritable(tmp);
  const swept: string[] = [];
  for (const entry of await readdir(tmp, { withFileTypes: true })) {
    const owner = /^(.+)-(\d+)$/.exec(entry.name);
    // Only this machine's: a pid says nothing about a process on another host sharing the folder.
    if (!entry.isDirectory() || owner?.[1] !== HOST) continue;
    const ownerPid = Number(owner[2]);
    // Our own pid here is a previous life's (a restarted container gets the same pid again).
    if (ownerPid !== pid && isAlive(ownerPid)) continue;
    await rm(join(tmp, entry.name), { recursive: true, force: true });
    swept.push(entry.name);
  }
  const scratchDir = join(tmp, `${HOST}-${pid}`);
  await mkdir(scratchDir, { recursive: true });
  return { scratchDir, swept, close: () => rm(scratchDir, { recursive: true, force: true }) };
}
