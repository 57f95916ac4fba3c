/**
 * Part 4 of the scale benchmark: the compile figures, from bench/compile.bench.ts's
 * `compileFigures({ clipCounts, log })` (cold, after a swap, nothing changed, beside the naive
 * graph), which prints its lines through `log` and returns its targets' verdicts, printed here. Importing a compile benchmark
 * that does not export it would run that whole script as a side effect, so its source is read
 * first and it is imported only when it names the function.
 */
import { readFile } from 'node:fs/promises';

export interface CompileOutcome {
  available: boolean;
  /** Target verdicts seen in the lines it printed. */
  ok: number;
  miss: number;
}

type CompileFigures = (options: { clipCounts: number[]; log?: (line: string) => void }) => Promise<{ targets?: { name: string; ok: boolean; value: string }[] }>;

export async function compileFigures(clipCounts: number[], log: (line: string) => void): Promise<CompileOutcome> {
  const url = new URL('../compile.bench.ts', import.meta.url);
  const source = await readFile(url, 'utf8').catch(() => '');
  const run = /\bcompileFigures\b/.test(source) ? ((await import(url.href)) as { compileFigures?: CompileFigures }).compileFigures : undefined;
  if (typeof run !== 'function') {
    log('compile figures: not available');
    return { available: false, ok: 0, miss: 0 };
  }
  const figures = await run({ clipCounts, log });
  // The verdicts come back with the figures; printed here, where the scale report counts them.
  const targets = figures.targets ?? [];
  for (const target of targets) log(`  [${target.ok ? 'ok  ' : 'MISS'}] ${target.name}: ${target.value}`);
  return { available: true, ok: targets.filter((target) => target.ok).length, miss: targets.filter((target) => !target.ok).length };
}
