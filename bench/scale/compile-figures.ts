/**
 * Part 4 of the scale benchmark: the compile figures, from bench/compile.bench.ts's
 * `compileFigures({ clipCounts, log })` (cold, after a swap, nothing changed, beside the naive
 * graph), which prints its own lines and targets through `log`. Importing a compile benchmark
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

type CompileFigures = (options: { clipCounts: number[]; log?: (line: string) => void }) => Promise<unknown>;

export async function compileFigures(clipCounts: number[], log: (line: string) => void): Promise<CompileOutcome> {
  const url = new URL('../compile.bench.ts', import.meta.url);
  const source = await readFile(url, 'utf8').catch(() => '');
  const run = /\bcompileFigures\b/.test(source) ? ((await import(url.href)) as { compileFigures?: CompileFigures }).compileFigures : undefined;
  if (typeof run !== 'function') {
    log('compile figures: not available');
    return { available: false, ok: 0, miss: 0 };
  }
  let ok = 0;
  let miss = 0;
  await run({
    clipCounts,
    log: (line) => {
      ok += line.match(/\bok\b/g)?.length ?? 0;
      miss += line.match(/\bMISS\b/g)?.length ?? 0;
      log(line);
    },
  });
  return { available: true, ok, miss };
}
