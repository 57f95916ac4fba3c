/**
 * Starts `dailies serve` as a child process and finds its port.
 */
import type { ChildProcess } from 'node:child_process';
import { childEnv, startCli, stopChild, waitForOutput } from './cli.ts';

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServer(env: Record<string, string | undefined>, args: string[] = []): Promise<ServerProcess> {
  const child = startCli(['serve', ...args], childEnv({ PORT: '0', HOST: '127.0.0.1', ...env }));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const match = await waitForOutput(child, /serving on http:\/\/localhost:(\d+)/, 180_000);
  return {
    child,
    base: `http://127.0.0.1:${match[1]}`,
    output: () => output,
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
  };
}

/** Polls `check` until it returns a value. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 60_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
