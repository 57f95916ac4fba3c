/**
 * Every class of bad command-line input gets one clear line and a non-zero exit, and no stack trace.
 */
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BIN, childEnv, runCli } from '../../support/cli.ts';
import { createEmptyDatabase } from '../../support/database.ts';

const run = promisify(execFile);
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

describe('dailies command line: help and bad input', () => {
  it.each([
    [['serve', '--port', 'abc'], /--port takes a port number/],
    [['worker', '--concurrency', 'x'], /--concurrency takes a whole number/],
  ])('%j names the flag at fault', async (args, message) => {
    const result = await runCli(args, childEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it.each(['serve', 'worker', 'demo', 'migrate', 'user'])('%s --help prints usage and exits 0', async (command) => {
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

  it('a loudness target out of range or not a number is one line and exit 2, before anything starts', async () => {
    for (const value of ['-60', '-4', 'loud', '']) {
      const result = await runCli(['demo', `--loudness=${value}`, 'A cat in the rain'], childEnv({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }));
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/--loudness takes a target in LUFS from -40 to -5/);
    }
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

  it('an idea of punctuation and emoji only is one line and exit 2, before anything starts', async () => {
    const result = await runCli(['demo', '?!… 🎬🐈'], childEnv({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/no letters or digits/);
  });

  it('an idea of 50,000 characters is one line and exit 2, before anything starts', async () => {
    const result = await runCli(['demo', 'A cat walks through the rain. '.repeat(1700).slice(0, 50_000)], childEnv({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/longer than 2000 characters/);
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

  it('a database that wants a password we did not give is one line, exit 2, not a hang', async () => {
    const url = new URL(inject('databaseUrl'));
    if (!url.password) return; // a trust-auth server (DATABASE_URL set for the run) wants none
    url.password = '';
    const result = await runCli(['migrate'], childEnv({ DATABASE_URL: url.toString() }), 30_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/wants a password/);
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

    it.each(['serve', 'worker'])('%s with DATABASE_URL refuses a data folder that cannot be written, before it serves or runs a job', async (command) => {
      const file = join(scratch, `not-a-folder-${command}`);
      await writeFile(file, 'not a folder');
      const result = await runCli([command], childEnv({ DATABASE_URL: database.url, PORT: '0', DAILIES_DATA_DIR: join(file, 'data') }));
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/The data folder .* is not writable/);
      expect(result.stdout).not.toMatch(/serving on/);
      noStack(result.stderr);
    });

    it('serve with DATABASE_URL refuses a data folder on a read-only mount (which root cannot write either)', async (context) => {
      const readOnly = join(scratch, 'read-only');
      await mkdir(readOnly, { recursive: true });
      const mounted = await run('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', readOnly]).then(() => true, () => false);
      if (!mounted) context.skip('mounting a filesystem needs root');
      try {
        const result = await runCli(['serve'], childEnv({ DATABASE_URL: database.url, PORT: '0', DAILIES_DATA_DIR: readOnly }));
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/The data folder .* is not writable \(EROFS\)/);
      } finally {
        await run('umount', [readOnly]);
      }
    });
  });
});

describe('dailies user add', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(async () => database.drop());

  const runWithStdin = (args: string[], input: string, env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input);
    });

  it('creates the first admin from a password on standard input, when sign-up is closed', async () => {
    const env = childEnv({ DATABASE_URL: database.url, DAILIES_SIGNUP: 'closed' });
    const result = await runWithStdin(['user', 'add', '--email', 'root@example.com', '--password-stdin', '--admin'], 'a long enough secret\n', env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Created admin account root@example.com/);
    expect(result.stdout).not.toContain('a long enough secret');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query('SELECT email, is_admin, password_hash FROM users');
    await client.end();
    expect(rows).toEqual([expect.objectContaining({ email: 'root@example.com', is_admin: true, password_hash: expect.stringMatching(/^\$argon2id\$/) })]);
  });

  it.each([
    [['user', 'add', '--email', 'x@example.com'], 'pw-long-enough', /--password-stdin/],
    [['user', 'add', '--email', 'not-an-email', '--password-stdin'], 'pw-long-enough', /valid email/],
    [['user', 'add', '--email', 'y@example.com', '--password-stdin'], 'short', /8 to 256/],
    [['user', 'remove'], '', /only subcommand is `add`/],
  ])('%j is refused with one line and exit 2', async (args, input, message) => {
    const result = await runWithStdin(args, input, childEnv({ DATABASE_URL: database.url }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
