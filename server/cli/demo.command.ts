import { relative } from 'node:path';
import { startCompilation, type TransitionStyle } from '../commands/compilation-starter.ts';
import { TRANSITIONS } from '../../src/lib/domain/enums.ts';
import { createEpisodeFromIdea } from '../commands/episode-creator.ts';
import { startGenerationRun } from '../commands/generation-runs.ts';
import { episodeOutputKey } from '../commands/episode-compiler.ts';
import { findCompilation } from '../db/queries/compilation.queries.ts';
import { findEpisode } from '../db/queries/episode.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { listCurrentSegments } from '../db/queries/segment.queries.ts';
import { usageError } from '../errors.ts';
import { setLogLevel } from '../logger.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import type { CliCommand } from './main.ts';
import { configure, requireFfmpeg, untilSignal } from './lifecycle.ts';


export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'run the whole pipeline headless: idea → plan → segments → compiled video',
  usage: [
    'Usage: dailies demo "<idea>" [--seed N] [--transition dissolve|fade|cut|wipeleft|wiperight|slideleft] [--transition-duration S]',
    '                    [--loudness=LUFS|off]',
    '',
    'Creates an episode from the idea, plans it, generates every segment as a job, approves each',
    'one automatically, compiles them into <data>/out/<episode-id>.mp4, prints a table and the path.',
    'The sound is normalized to --loudness=LUFS (default -16, true peak -1 dBTP; "off" leaves it as made).',
    'Uses the built-in planner and animatic renderer: no network, no configuration.',
    '',
    'Example: npm run demo -- "A detective cat solves a mystery in a rainy Tokyo alley"',
  ].join('\n'),
  options: {
    seed: { type: 'string' },
    transition: { type: 'string' },
    'transition-duration': { type: 'string' },
    loudness: { type: 'string' },
  },
  allowPositionals: true,
  async run(values, positionals) {
    const idea = positionals.join(' ').trim();
    if (!idea) throw usageError('give an idea, e.g. npm run demo -- "A detective cat solves a mystery in a rainy Tokyo alley"');
    if (idea.length > 2000) throw usageError('the idea is longer than 2000 characters; shorten it.');
    if (!/[\p{L}\p{N}]/u.test(idea)) throw usageError('the idea has no letters or digits: say in words what happens.');
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647) throw usageError('--seed takes a whole number from 0 to 2147483647.');
    const transition = (values.transition ?? 'dissolve') as TransitionStyle;
    if (!TRANSITIONS.includes(transition)) throw usageError(`--transition takes one of ${TRANSITIONS.join(', ')}.`);
    const transitionDuration = values['transition-duration'] === undefined ? 0.5 : Number(values['transition-duration']);
    if (!Number.isFinite(transitionDuration) || transitionDuration < 0 || transitionDuration > 2) {
      throw usageError('--transition-duration takes seconds from 0 to 2.');
    }
    const loudnessText = String(values.loudness ?? '-16');
    const loudness = loudnessText === 'off' ? null : Number(loudnessText);
    if (loudness !== null && (loudnessText.trim() === '' || !Number.isFinite(loudness) || loudness < -40 || loudness > -5)) {
      throw usageError('--loudness takes a target in LUFS from -40 to -5 (e.g. -16), or off.');
    }
    await requireFfmpeg();
    const config = configure();
    if (config.logLevel === 'info') setLogLevel('warn');
    const runtime = await openRuntime(config, { withWorker: true, pollInterval: 200 });
    const interrupted = untilSignal().then((signal) => signal);
    try {
      const outcome = await Promise.race([
        runPipeline(runtime, { idea, seed, transition, transitionDuration, loudness }),
        interrupted.then((signal) => ({ interrupted: signal })),
      ]);
      if ('interrupted' in outcome) {
        process.stderr.write(`${outcome.interrupted}: stopping; the episode stays in the database and can be resumed.\n`);
        return 130;
      }
      return outcome.code;
    } finally {
      await runtime.close();
    }
  },
};

interface DemoInput {
  idea: string;
  seed: number;
  transition: TransitionStyle;
  transitionDuration: number;
  /** Target loudness in LUFS, or null to leave the sound as made. */
  loudness: number | null;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value, printing `describe()` whenever it changes. */
async function waitFor<T>(check: () => Promise<T | undefined>, describe: () => Promise<string>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    const line = await describe();
    if (line !== last) {
      say(line);
      last = line;
    }
    if (Date.now() > deadline) throw new Error(`Timed out: ${line}`);
    await sleep(200);
  }
}

async function runPipeline(runtime: Runtime, input: DemoInput): Promise<{ code: number }> {
  const { services } = runtime;
  const { db } = services;
  const actor = { userId: null, name: 'demo' };
  const created = await createEpisodeFromIdea(services, { idea: input.idea, seed: input.seed }, actor);
  say(`Episode ${created.id}: planning "${input.idea}" with the built-in planner…`);
  const planned = await waitFor(
    async () => {
      const episode = await findEpisode(db, created.id);
      if (episode?.status === 'failed') throw new Error(episode.error_message ?? 'Planning failed.');
      return episode && episode.status !== 'planning' ? episode : undefined;
    },
    async () => 'Planning…',
    120_000,
  );
  const plan = await findPlanRows(db, created.id);
  say(`"${planned.title}": ${plan.characters.length} characters, ${plan.scenes.length} scenes, ${plan.shots.length} shots.`);

  const started = await startGenerationRun(services, created.id, { mode: 'parallel', startFrom: 1, autoApprove: true }, actor);
  const settled = await waitFor(
    async () => {
      const segments = await listCurrentSegments(db, created.id);
      return segments.every((s) => s.status === 'failed' || s.approval_status === 'approved') ? segments : undefined;
    },
    async () => {
      const segments = await listCurrentSegments(db, created.id);
      const done = segments.filter((s) => s.status === 'completed').length;
      return `Generating segments: ${done}/${started.total_segments} done`;
    },
    30 * 60_000,
  );
  const failed = settled.filter((s) => s.status === 'failed');
  if (failed.length > 0) {
    printTable(settled, plan);
    for (const segment of failed) say(`Segment ${segment.segment_number} failed: ${segment.error_message ?? 'unknown error'}`);
    return { code: 1 };
  }
  say(`All ${settled.length} segments generated and approved; compiling with ${input.transition} transitions…`);

  const job = await startCompilation(
    services,
    created.id,
    {
      transitionStyle: input.transition,
      transitionDuration: input.transitionDuration,
      audioConfig: input.loudness === null ? { volume_normalization: false } : { volume_normalization: true, target_lufs: input.loudness },
    },
    actor,
  );
  const compiled = await waitFor(
    async () => {
      const current = await findCompilation(db, job.id);
      if (current?.status === 'failed') throw new Error(current.error_message ?? 'The compile failed.');
      return current?.status === 'completed' ? current : undefined;
    },
    async () => `Compiling: ${Math.floor(((await findCompilation(db, job.id))?.progress ?? 0) / 10) * 10}%`,
    30 * 60_000,
  );
  printTable(await listCurrentSegments(db, created.id), plan);
  const path = services.storage.localPath(episodeOutputKey(created.id)) ?? compiled.output_video_url ?? '';
  const shown = relative(process.cwd(), path).startsWith('..') ? path : `./${relative(process.cwd(), path)}`;
  say('');
  say(`Output: ${shown} (${compiled.output_duration?.toFixed(2)} s, ${((compiled.output_file_size ?? 0) / 1e6).toFixed(1)} MB)`);
  return { code: 0 };
}

function printTable(segments: Awaited<ReturnType<typeof listCurrentSegments>>, plan: Awaited<ReturnType<typeof findPlanRows>>) {
  const shotById = new Map(plan.shots.map((shot) => [shot.id, shot]));
  const sceneById = new Map(plan.scenes.map((scene) => [scene.id, scene]));
  say('');
  say(`${'segment'.padEnd(8)} ${'shot'.padEnd(6)} ${'duration'.padStart(9)}  status`);
  for (const segment of segments) {
    const shot = shotById.get(segment.shot_id);
    const scene = shot && sceneById.get(shot.scene_id);
    const label = scene && shot ? `${scene.scene_number}.${shot.number_in_scene}` : '?';
    const duration = segment.duration === null ? '—' : `${segment.duration.toFixed(2)} s`;
    const status = segment.status === 'completed' ? segment.approval_status : segment.status;
    say(`${String(segment.segment_number).padEnd(8)} ${label.padEnd(6)} ${duration.padStart(9)}  ${status}`);
  }
}
