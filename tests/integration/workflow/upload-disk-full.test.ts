/**
 * An upload that finds the disk full is a 507 "The disk is full…" that leaves no file and no row;
 * the scratch folder sits on a 1 MB filesystem of its own. Mounting it needs root (as in CI): without
 * it these tests fail, saying so, rather than pass untried.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

const run = promisify(execFile);
let context: TestContext;
let server: AppServer;
let editor: TestClient;
let episodeId: string;
let mounted = false;
let disk: string;

beforeAll(async () => {
  context = await createTestContext();
  disk = context.services.scratchDir;
  await mkdir(disk, { recursive: true });
  mounted = await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).then(() => true, () => false);
  if (!mounted) throw new Error(`Could not mount a 1 MB tmpfs on ${disk}: these tests need root, as CI has`);
  server = await startAppServer(context);
  editor = await signedUpClient(server.base, 'editor@example.com');
  episodeId = await shotListEpisode(editor, [{ scene: 'INT. STUDIO - DAY', prompt: 'Ada tunes a violin', characters: ['Ada'] }]);
});
afterAll(async () => {
  await server?.close();
  if (mounted) await run('umount', [disk]);
  await context?.cleanup();
});

/** The answer must say the disk is full, and nothing may be left: no row, no stored file, no scratch. */
async function expectDiskFull(response: Response) {
  expect(response.status).toBe(507);
  const { error } = await response.json();
  expect(error).toMatchObject({ code: 'disk_full', message: expect.stringMatching(/^The disk is full/) });
  expect(error.message).not.toContain(context.dataDir);
  expect(await context.services.db.selectFrom('assets').selectAll().execute()).toEqual([]);
  expect(await readdir(disk)).toEqual([]);
  expect(existsSync(join(context.dataDir, 'uploads'))).toBe(false);
}

describe('uploads on a full disk', () => {
  it('music: 507, nothing stored', async () => {
    await expectDiskFull(await editor.request('POST', `/api/v1/episodes/${episodeId}/assets?filename=theme.wav`, new Uint8Array(randomBytes(3 * 1024 * 1024)), { 'content-type': 'audio/wav' }));
  });

  it('a reference image: 507, the character keeps none', async () => {
    await expectDiskFull(await editor.request('PUT', `/api/v1/episodes/${episodeId}/characters/ada/reference?filename=ada.png`, new Uint8Array(randomBytes(3 * 1024 * 1024)), { 'content-type': 'image/png' }));
    const [character] = await context.services.db.selectFrom('characters').select('reference_asset_id').execute();
    expect(character?.reference_asset_id).toBeNull();
  });
});
