/**
 * Every class of bad command-line input gets one clear line and a non-zero exit, and no stack trace.
 */
import { createServer } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, runCli } from '../../support/cli.ts';
import { createEmptyDatabase } from '../../support/database.ts';

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

describe('dailies command line: help and bad input', () => {
  it.each(['serve', 'worker', 'demo', 'migrate'])('%s --help prints usage and exits 0', async (command) => {
    const result = await runCli([command, '--help'], childEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: dailies ${command}`);
  });

  it('--help lists every command', async () => {
    const result = await runCli(['--help'], childEnv());
    expect(result.code).toBe(0);
    for (const command of ['serve', 'worker', 'demo', 'migrate']) expect(result.stdout).toContain(command);
  });

  it('an unknown flag is one line and exit 2', async () => {
    const result = await runCli(['demo', '--frobnicate', 'an idea'], childEnv());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/Unknown option '--frobnicate'/);
  });

  it('an unknown command is one line and exit 2', async () => {
    const result = await runCli(['fly'], childEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'fly'/);
  });

  it('an empty idea is one line and exit 2, before anything starts', async () => {
    const result = await runCli(['demo', '   '], childEnv({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/give an idea/);
  });

  it('no ffmpeg on PATH is one line saying how to install it, exit 2', async () => {
    const result = await runCli(['demo', 'A cat in the rain'], childEnv({ FFMPEG_PATH: '/nonexistent/ffmpeg' }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/ffmpeg/);
    expect(result.stderr).toMatch(/apt-get install ffmpeg/);
  });

  it('a DATABASE_URL that cannot be reached is one line, exit 2, no stack trace', async () => {
    const result = await runCli(['migrate'], childEnv({ DATABASE_URL: 'postgres://dailies:secret@127.0.0.1:1/nowhere' }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/Cannot reach the database/);
    expect(result.stderr).not.toContain('secret');
    noStack(result.stderr);
  });

  it('a malformed DATABASE_URL names the variable', async () => {
    const result = await runCli(['migrate'], childEnv({ DATABASE_URL: 'mysql://localhost/x' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DATABASE_URL is invalid/);
  });

  describe('with a reachable database', () => {
    let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
    let blocker: ReturnType<typeof createServer>;
    let busyPort = 0;
    let scratch: string;

    beforeAll(async () => {
      database = await createEmptyDatabase();
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
      busyPort = (blocker.address() as { port: number }).port;
      scratch = await mkdtemp(join(tmpdir(), 'dailies-cli-'));
    });
    afterAll(async () => {
      blocker.close();
      await database.drop();
      await rm(scratch, { recursive: true, force: true });
    });

    it('a port in use is one line and exit 2', async () => {
      const result = await runCli(
        ['serve', '--no-worker'],
        childEnv({ DATABASE_URL: database.url, PORT: String(busyPort), DAILIES_DATA_DIR: scratch }),
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`Port ${busyPort} is already in use`));
      noStack(result.stderr);
    });

    it('a data folder that cannot be written is one line and exit 2', async () => {
      const file = join(scratch, 'a-file');
      await writeFile(file, 'not a folder');
      const result = await runCli(['migrate'], childEnv({ DAILIES_DATA_DIR: join(file, 'data') }));
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/is not writable/);
    });
  });
});
