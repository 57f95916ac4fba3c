/**
 * One small logger for the whole process: a line per event, levels, no secrets (callers pass
 * redacted values). graphile-worker gets an adapter so its lines follow the same level.
 */
import { Logger as WorkerLogger } from 'graphile-worker';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Log {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

let threshold: LogLevel = (process.env.DAILIES_LOG_LEVEL as LogLevel | undefined) ?? 'info';

/** Sets the level for every logger of the process. */
export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

function write(level: Exclude<LogLevel, 'silent'>, scope: string, message: string): void {
  if (ORDER[level] < ORDER[threshold]) return;
  const line = `${new Date().toISOString()} ${level.padEnd(5)} [${scope}] ${message}\n`;
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line);
}

/** A logger whose lines carry `scope` (e.g. `http`, `worker`, `db`). */
export function createLog(scope: string): Log {
  return {
    debug: (message) => write('debug', scope, message),
    info: (message) => write('info', scope, message),
    warn: (message) => write('warn', scope, message),
    error: (message) => write('error', scope, message),
  };
}

/** graphile-worker's logger, mapped onto ours; `minimum` raises the floor for its chatty info lines. */
export function workerLogger(minimum: LogLevel = 'info'): WorkerLogger {
  const log = createLog('worker');
  return new WorkerLogger(() => (level, message) => {
    const mapped: Exclude<LogLevel, 'silent'> =
      level === 'error' ? 'error' : level === 'warning' ? 'warn' : level === 'debug' ? 'debug' : 'info';
    if (ORDER[mapped] < ORDER[minimum]) return;
    log[mapped](message);
  });
}
