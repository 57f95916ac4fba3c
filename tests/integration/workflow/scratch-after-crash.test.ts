/**
 * A process killed in the middle of a compile leaves its scratch folder (the compile's pieces)
 * behind; the next start on the machine removes it, and never the folder of a process still running.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataFolder } from '../../../server/data-folder.ts';
import { generateFirstSegments } from '../../support/factories.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient } from '../../support/http-client.ts';
import { startServer, type ServerProcess } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  context = await createTestContext();
});
afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
  await context?.cleanup();
});

const tmp = () => join(context.dataDir, 'tmp');
const folderOf = async (pid: number) => (await readdir(tmp())).find((name) => name.endsWith(`-${pid}`));

/** Polls quickly: the compile's folder may live for under a second. */
async function whenCompiling(pid: number, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const folder = await folderOf(pid);
    const inside = folder ? await readdir(join(tmp(), folder)).catch(() => []) : [];
    const compile = inside.find((name) => name.startsWith('compile-'));
    if (folder && compile) return join(tmp(), folder, compile);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('No compile started');
}

describe('scratch folders after a crash', () => {
  it('a compile killed mid-way leaves nothing behind after the next start', async () => {
    const env = { DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir };
    const first = await startServer(env);
    servers.push(first);
    const editor = await signedUpClient(first.base, 'editor@example.com');
    const shots = Array.from({ length: 3 }, (_, i) => ({ scene: i < 2 ? 'EXT. PIER - DUSK' : 'INT. BOATHOUSE - NIGHT', prompt: `Shot ${i + 1} of the storm`, duration: 2 }));
    const episodeId = await shotListEpisode(editor, shots);
    // Rendered and approved here, as the jobs would: only the compile runs in the server.
    expect(await generateFirstSegments(context.services, episodeId, 3, true)).toEqual(Array(3).fill(expect.objectContaining({ approval_status: 'approved' })));

    const compiling = whenCompiling(first.child.pid!, 120_000);
    const started = await editor.post(`/api/v1/episodes/${episodeId}/compile`, { transition_style: 'dissolve', audio_config: { background_music: true, volume_normalization: true } });
    expect(started.status).toBe(202);
    const pieces = await compiling;
    expect(await first.stop('SIGKILL')).toBeNull();
    // The crash left the compile's pieces.
    expect(existsSync(pieces)).toBe(true);
    const crashed = (await folderOf(first.child.pid!))!;

    const second = await startServer(env);
    servers.push(second);
    expect(await readdir(tmp())).toEqual([(await folderOf(second.child.pid!))!]);
    expect(existsSync(join(tmp(), crashed))).toBe(false);
    expect(second.output()).toContain(`Removed the scratch work of stopped processes: ${crashed}`);
    await second.stop();
    // A clean stop removes its own folder too.
    expect(await readdir(tmp())).toEqual([]);
  }, 420_000);

  it('keeps the folders of processes still running, and of other machines', async () => {
    const dir = join(context.dataDir, 'tmp');
    await mkdir(join(dir, 'another-machine-12345', 'compile-x'), { recursive: true });
    const own = await openDataFolder(context.dataDir);
    const running = await openDataFolder(context.dataDir, process.ppid);
    await writeFile(join(running.scratchDir, 'in-use'), 'work');
    // The next process to start keeps both live folders and the other machine's.
    const next = await openDataFolder(context.dataDir, 2 ** 22 + 1);
    expect(next.swept).toEqual([]);
    expect(existsSync(join(running.scratchDir, 'in-use'))).toBe(true);
    expect(existsSync(own.scratchDir)).toBe(true);
    expect(existsSync(join(dir, 'another-machine-12345', 'compile-x'))).toBe(true);
    await Promise.all([own.close(), running.close(), next.close()]);
  });
});
