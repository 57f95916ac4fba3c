/**
 * `dailies <command>`: serve (default), worker, demo, migrate, user, providers. Each command parses its own flags
 * strictly: an unknown flag is one clear line and exit code 2, never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isAppError } from '../errors.ts';
import { demoCommand } from './demo.command.ts';
import { migrateCommand } from './migrate.command.ts';
import { providersCommand } from './providers.command.ts';
import { serveCommand } from './serve.command.ts';
import { userCommand } from './user.command.ts';
import { workerCommand } from './worker.command.ts';

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const COMMANDS: CliCommand[] = [serveCommand, workerCommand, demoCommand, migrateCommand, userCommand, providersCommand];

function overview(): string {
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(8)} ${command.summary}`);
  return [
    'Usage: dailies [command] [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `dailies <command> --help` for the options of a command. With no command, `serve` runs.',
    'Configuration comes from the environment: PORT, HOST, DATABASE_URL (unset: embedded Postgres),',
    'DAILIES_DATA_DIR (default ./data), DAILIES_SIGNUP, DAILIES_TRUST_PROXY, DAILIES_WORKER_CONCURRENCY,',
    'DAILIES_PROVIDER_LIMITS, DAILIES_RETRY_BASE_MS, DAILIES_MAX_ATTEMPTS, DAILIES_RETENTION_*, FFMPEG_PATH,',
    'DAILIES_LOG_LEVEL. The README describes each.',
  ].join('\n');
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${overview()}\n`);
    return 0;
  }
  const explicit = first !== undefined && !first.startsWith('-');
  const command = explicit ? COMMANDS.find((candidate) => candidate.name === first) : serveCommand;
  if (!command) {
    process.stderr.write(`dailies: unknown command '${first}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')} (see dailies --help).\n`);
    return 2;
  }
  const args = explicit ? rest : argv;
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options: command.options, allowPositionals: command.allowPositionals, strict: true });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]?.replace(/\. To specify.*$/, '');
    process.stderr.write(`dailies ${command.name}: ${message} (see dailies ${command.name} --help).\n`);
    return 2;
  }
  try {
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (error) {
    return reportFailure(command.name, error);
  }
}

/** Prints one line for a failure a person can act on; the stack only with DAILIES_DEBUG=1. */
export function reportFailure(commandName: string, error: unknown): number {
  if (isAppError(error)) {
    process.stderr.write(`dailies ${commandName}: ${error.message}\n`);
    if (process.env.DAILIES_DEBUG && error.cause) process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return error.exitCode;
  }
  const err = error as Error;
  process.stderr.write(`dailies ${commandName}: ${err.message ?? String(error)}\n`);
  if (process.env.DAILIES_DEBUG) process.stderr.write(`${err.stack}\n`);
  return 1;
}
