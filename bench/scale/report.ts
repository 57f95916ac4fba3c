/**
 * Part 5 of the scale benchmark: one compact table of what the parts measured, then the targets,
 * each with its figure and ok or MISS (or "not run" when its part was skipped).
 */
import type { CompileOutcome } from './compile-figures.ts';
import type { EpisodeFigures } from './episode-figures.ts';
import type { FanOutFigures } from './fan-out.ts';
import type { RunFigures } from './run-latency.ts';

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const kib = (bytes: number) => (bytes / 1024).toFixed(bytes < 10 * 1024 ? 2 : 0);

function table(rows: [string, ...string[]][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  for (const row of rows) console.log(`  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('   ')}`);
}

/** The figures of one episode size on one line, printed as soon as they are measured. */
export function episodeLine(f: EpisodeFigures): string {
  return (
    `${f.shots} shots: status ${ms(f.statusMs)} ms, 304 ${ms(f.notModifiedMs)} ms, page HTML ${ms(f.pageHtmlMs)} ms, interactive ${ms(f.pageInteractiveMs)} ms, ` +
    `document ${kib(f.documentBytes)} KiB, sync ${ms(f.syncColdMs)}/${ms(f.syncWarmMs)} ms, CPU/change ${ms(f.cpuPerChangeNoViewerMs)}/${ms(f.cpuPerChangeOneViewerMs)} ms, ` +
    `${f.wireBytesPerChange.toFixed(0)} B/viewer/change`
  );
}

/** The fan-out's figures on one line, printed as soon as they are measured. */
export function fanOutLine(f: FanOutFigures): string {
  return (
    `until all ${f.clients} clients show it, from request: p50 ${ms(f.fromRequest.p50)} p95 ${ms(f.fromRequest.p95)} p99 ${ms(f.fromRequest.p99)} ms; ` +
    `server CPU ${ms(f.cpuPerDecisionMs)} ms and ${f.wireBytesPerDecision.toFixed(0)} B/viewer per decision`
  );
}

interface Target {
  name: string;
  figure: string;
  goal: string;
  ok: boolean | undefined;
}

export function printReport(figures: {
  episodes: EpisodeFigures[];
  fanOut: FanOutFigures | undefined;
  run: RunFigures | undefined;
  compile: CompileOutcome | undefined;
  loadAtStart: string;
  loadAtEnd: string;
}): void {
  const { episodes, fanOut, run, compile } = figures;
  console.log('');
  console.log('Summary');
  if (episodes.length > 0) {
    const row = (name: string, cell: (f: EpisodeFigures) => string): [string, ...string[]] => [name, ...episodes.map(cell)];
    table([
      row('per episode', (f) => `${f.shots} shots`),
      row('status GET, ms (KiB)', (f) => `${ms(f.statusMs)} (${kib(f.statusBytes)})`),
      row('status 304, ms', (f) => `${ms(f.notModifiedMs)}${f.notModifiedStatus === 304 ? '' : ` [${f.notModifiedStatus}]`}`),
      row('page HTML, ms (KiB)', (f) => `${ms(f.pageHtmlMs)} (${kib(f.pageHtmlBytes)})`),
      row('page interactive, ms', (f) => ms(f.pageInteractiveMs)),
      row('live document, KiB', (f) => kib(f.documentBytes)),
      row('sync cold / warm, ms', (f) => `${ms(f.syncColdMs)} / ${ms(f.syncWarmMs)}`),
      row('server CPU/change 0 / 1 viewer, ms', (f) => `${ms(f.cpuPerChangeNoViewerMs)} / ${ms(f.cpuPerChangeOneViewerMs)}`),
      row('Postgres CPU/change 0 / 1 viewer, ms', (f) => `${ms(f.dbCpuPerChangeNoViewerMs)} / ${ms(f.dbCpuPerChangeOneViewerMs)}`),
      row('bytes/viewer/change, wire (Yjs)', (f) => `${f.wireBytesPerChange.toFixed(0)} (${f.updateBytesPerChange.toFixed(0)})`),
    ]);
  }
  if (fanOut) {
    const p = (spread: { p50: number; p95: number; p99: number }) => `p50 ${ms(spread.p50)}  p95 ${ms(spread.p95)}  p99 ${ms(spread.p99)} ms`;
    console.log(`  fan-out: ${fanOut.clients} clients × ${fanOut.slots} slots, ${fanOut.rounds} decisions (clients synced in ${(fanOut.connectMs / 1000).toFixed(1)} s)`);
    console.log(`    until every client shows it, from request:  ${p(fanOut.fromRequest)}`);
    console.log(`    until every client shows it, from response: ${p(fanOut.fromResponse)}`);
    console.log(`    per decision: server CPU ${ms(fanOut.cpuPerDecisionMs)} ms, Postgres CPU ${ms(fanOut.dbCpuPerDecisionMs)} ms, the clients' process ${ms(fanOut.clientsCpuPerDecisionMs)} ms; one viewer received ${fanOut.wireBytesPerDecision.toFixed(0)} B on the wire (${fanOut.updateBytesPerDecision.toFixed(0)} B of Yjs updates)`);
  }
  if (run) {
    const s = (value: number) => (Number.isNaN(value) ? '–' : (value / 1000).toFixed(2));
    const p = (spread: { p50: number; p95: number; max: number }) => `p50 ${s(spread.p50)}  p95 ${s(spread.p95)}  max ${s(spread.max)} s`;
    console.log(`  generation run: ${run.shots} shots in ${run.wallSeconds.toFixed(0)} s; ${run.completed} completed, ${run.failed} failed${run.missed ? `, ${run.missed} without a seen analysis job` : ''}`);
    console.log(`    render finished → reviewable: ${p(run.renderToReviewable)}`);
    console.log(`      of which waiting for a worker: ${p(run.queueWait)}; analysing: ${p(run.analysis)}`);
  }
  if (compile) console.log(`  compile: ${compile.available ? `${compile.ok} ok, ${compile.miss} MISS in the lines above` : 'not available'}`);

  const smallest = episodes[0];
  const largest = episodes.at(-1);
  const cpuRatio = smallest && largest && episodes.length > 1 ? largest.cpuPerChangeOneViewerMs / smallest.cpuPerChangeOneViewerMs : undefined;
  const bytes = fanOut?.wireBytesPerDecision ?? largest?.wireBytesPerChange;
  const targets: Target[] = [
    { name: `approval → all ${fanOut ? `${fanOut.clients} ` : ''}clients, p95 from request`, figure: fanOut ? `${ms(fanOut.fromRequest.p95)} ms` : 'not run', goal: '< 150 ms', ok: fanOut && fanOut.fromRequest.p95 < 150 },
    { name: 'server CPU per approval', figure: fanOut ? `${ms(fanOut.cpuPerDecisionMs)} ms` : 'not run', goal: '< 50 ms', ok: fanOut && fanOut.cpuPerDecisionMs < 50 },
    { name: `bytes per viewer per approval${fanOut ? '' : ' (one viewer)'}`, figure: bytes === undefined ? 'not run' : `${kib(bytes)} KiB`, goal: '< 4 KiB', ok: bytes === undefined ? undefined : bytes < 4096 },
    {
      name: cpuRatio === undefined ? 'server CPU per change, largest vs smallest episode' : `server CPU per change, ${largest!.shots} vs ${smallest!.shots} shots (1 viewer)`,
      figure: cpuRatio === undefined ? 'not run' : `×${cpuRatio.toFixed(2)}`,
      goal: '≤ 1.5×',
      ok: cpuRatio === undefined ? undefined : cpuRatio <= 1.5,
    },
    { name: 'render finished → reviewable, p95', figure: run ? `${(run.renderToReviewable.p95 / 1000).toFixed(2)} s` : 'not run', goal: '≤ 10 s', ok: run && run.completed > 0 ? run.renderToReviewable.p95 <= 10_000 : undefined },
    {
      name: 'compile targets (from the compile figures)',
      figure: !compile ? 'not run' : !compile.available ? 'not available' : compile.ok + compile.miss === 0 ? 'no verdicts printed' : `${compile.ok} ok, ${compile.miss} MISS`,
      goal: 'all ok',
      ok: compile?.available && compile.ok + compile.miss > 0 ? compile.miss === 0 : undefined,
    },
  ];
  console.log('');
  console.log('Targets');
  table(targets.map((target) => [target.name, target.figure, target.goal, target.ok === undefined ? '' : target.ok ? 'ok' : 'MISS']));
  console.log('');
  console.log(`Load average: at start ${figures.loadAtStart}, at end ${figures.loadAtEnd}`);
}
