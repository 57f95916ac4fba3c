/**
 * The embedded default works as root (running Postgres as the `postgres` user) and as a normal
 * user, keeps its data across restarts, and stops cleanly.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../../server/db/embedded-postgres.ts';
import { BIN, ROOT, childEnv } from '../../support/cli.ts';

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded Postgres', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dailies-embedded-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('initialises, keeps data across a restart, and stops', async () => {
    const first = await startEmbeddedPostgres({ dataDir });
    expect(first.owned).toBe(true);
    await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    await first.stop();
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir });
    expect(await query(second.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    await second.stop();
  });

  it('listens on loopback only and asks for a password', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      const url = new URL(server.url);
      expect(url.hostname).toBe('127.0.0.1');
      url.password = 'wrong';
      await expect(query(url.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
  });

  it.runIf(userInfo().uid === 0)('runs the cluster as the postgres user when started as root', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      const owner = statSync(join(dataDir, 'pg')).uid;
      expect(owner).toBe(Number(execFileSync('id', ['-u', 'postgres']).toString()));
    } finally {
      await server.stop();
    }
  });

  it.runIf(userInfo().uid === 0)('works for a normal user too (dailies migrate as nobody)', async () => {
    const userDir = await mkdtemp(join(tmpdir(), 'dailies-nobody-'));
    const nobody = Number(execFileSync('id', ['-u', 'nobody']).toString());
    const nogroup = Number(execFileSync('id', ['-g', 'nobody']).toString());
    await chown(userDir, nobody, nogroup);
    await chmod(userDir, 0o755);
    try {
      const output = execFileSync(process.execPath, [BIN, 'migrate'], {
        cwd: ROOT,
        uid: nobody,
        gid: nogroup,
        env: childEnv({ DAILIES_DATA_DIR: userDir, HOME: userDir }),
        encoding: 'utf8',
      });
      expect(output).toMatch(/Applied \d+ migration/);
      expect(statSync(join(userDir, 'pg')).uid).toBe(nobody);
      expect(existsSync(join(userDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      await rm(userDir, { recursive: true, force: true });
    }
  });
});
