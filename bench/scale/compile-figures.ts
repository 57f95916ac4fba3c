/**
 * Part 4 of the scale benchmark: the compile figures of bench/compile.bench.ts (cold, after a
 * swap, nothing changed, beside the naive graph), run as a Node process of their own. The compile
 * benchmark counts its Node process in the compile's peak memory, and this benchmark's process
 * already holds a browser driver and hundreds of live clients' worth of memory, which a server
 * compiling a film does not; in a process of its own the figure is the compile's. Its lines are
 * printed through `log`, and its `[ok  ]` / `[MISS]` verdicts counted.
 */
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface CompileOutcome {
  available: boolean;
  /** Target verdicts seen in the lines it printed. */
  ok: number;
  miss: number;
}

export async function compileFigures(clipCounts: number[], log: (line: string) => void): Promise<CompileOutcome> {
  const script = fileURLToPath(new URL('../compile.bench.ts', import.meta.url));
  if (!(await access(script).then(() => true, () => false))) {
    log('compile figures: not available');
    return { available: false, ok: 0, miss: 0 };
  }
  const child = spawn(process.execPath, [script, clipCounts.join(',')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let ok = 0;
  let miss = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    if (/^\s*\[ok\s*\]/u.test(line)) ok++;
    if (/^\s*\[MISS\]/u.test(line)) miss++;
    log(line);
  }
  const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  if (code !== 0) throw new Error(`bench/compile.bench.ts exited with ${code}`);
  return { available: true, ok, miss };
}
