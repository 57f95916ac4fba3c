/**
 * Signal handling for long-running commands: the first SIGINT/SIGTERM starts a clean shutdown,
 * a second one exits at once.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { checkFfmpeg } from '../media/ffmpeg.ts';
import { setLogLevel } from '../logger.ts';

/** Resolves with the name of the first termination signal received. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        process.stderr.write(`Second ${signal}: exiting without cleaning up.\n`);
        process.exit(130);
      }
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** The configuration, with the process's log level applied. */
export function configure(): Config {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  return config;
}

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** ffmpeg is needed to render and compile: without it, one line saying how to install it, exit 2. */
export async function requireFfmpeg(): Promise<void> {
  try {
    await checkFfmpeg();
  } catch (cause) {
    throw new AppError('ffmpeg_missing', (cause as Error).message, { exitCode: 2, cause });
  }
}
