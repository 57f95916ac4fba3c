/**
 * How faithfully the built-in planner plans the ideas of a hand-written corpus (bench/planner/
 * corpus.ts): the share of named people, creatures and places the plans keep, the share written in
 * the right language, the share whose hero is a proper character, and the time to plan one idea.
 * Prints each idea that loses something, then the figures beside their targets.
 *
 *   npm run bench:planner            all ideas
 *   npm run bench:planner -- --all   also list the ideas that kept everything
 */
import { cpuUsage } from 'node:process';
import { createBuiltinPlanner } from '../server/providers/builtin/planner/builtin.planner.ts';
import type { EpisodePlan } from '../server/providers/planner.types.ts';
import { CORPUS } from './planner/corpus.ts';
import { scorePlan, type IdeaScore } from './planner/fidelity.ts';

const TARGETS = { recall: 0.9, language: 0.95, hero: 0.95, msPerIdea: 200 };
const listAll = process.argv.includes('--all');
const planner = createBuiltinPlanner();

const coldStart = performance.now();
await planner.plan({ idea: CORPUS[0]!.idea, seed: 1 });
const coldMs = performance.now() - coldStart;

const rows: Array<{ score: IdeaScore; ms: number; cpuMs: number; plan: EpisodePlan }> = [];
for (const [index, entry] of CORPUS.entries()) {
  const times: number[] = [];
  const cpu: number[] = [];
  let plan: EpisodePlan | undefined;
  for (let round = 0; round < 3; round++) {
    const before = cpuUsage();
    const start = performance.now();
    plan = await planner.plan({ idea: entry.idea, seed: index + 1 });
    times.push(performance.now() - start);
    const used = cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
  rows.push({ score: scorePlan(entry, plan!), ms: median(times), cpuMs: median(cpu), plan: plan! });
}

const short = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
console.log(`Planner fidelity over ${CORPUS.length} ideas`);
for (const [index, { score, ms }] of rows.entries()) {
  const entry = CORPUS[index]!;
  const lost = score.missing.length > 0 || !score.languageRight || !score.heroRight;
  if (!lost && !listAll) continue;
  const problems = [
    score.missing.length > 0 ? `lost ${score.missing.join(', ')}` : '',
    score.languageRight ? '' : `written in ${score.language}, not ${entry.plannedIn}`,
    score.heroRight ? '' : `hero "${score.heroName}"${entry.hero ? ` (expected ${entry.hero})` : ''}`,
  ].filter(Boolean);
  console.log(`  ${String(index + 1).padStart(2)} ${entry.language.padEnd(5)} ${entry.genre.padEnd(11)} ${ms.toFixed(0).padStart(4)} ms  ${short(entry.idea, 48).padEnd(48)}  ${problems.join('; ') || 'ok'}`);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const entities = sum(rows.map((r) => r.score.entities));
const recall = sum(rows.map((r) => r.score.kept)) / entities;
const language = rows.filter((r) => r.score.languageRight).length / rows.length;
const hero = rows.filter((r) => r.score.heroRight).length / rows.length;
const times = rows.map((r) => r.ms).sort((a, b) => a - b);
const worst = times.at(-1)!;
const p50 = times[Math.floor(times.length / 2)]!;
const cpuMean = sum(rows.map((r) => r.cpuMs)) / rows.length;

const byLanguage = new Map<string, { right: number; total: number; kept: number; entities: number }>();
for (const [index, { score }] of rows.entries()) {
  const key = CORPUS[index]!.language;
  const entry = byLanguage.get(key) ?? { right: 0, total: 0, kept: 0, entities: 0 };
  entry.total += 1;
  entry.right += score.languageRight ? 1 : 0;
  entry.kept += score.kept;
  entry.entities += score.entities;
  byLanguage.set(key, entry);
}
console.log('  by language of the idea:');
for (const [key, entry] of byLanguage) {
  console.log(`    ${key.padEnd(5)} ${String(entry.total).padStart(2)} ideas, recall ${(entry.kept / Math.max(1, entry.entities)).toFixed(2)}, right language ${entry.right}/${entry.total}`);
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISS');
const heldOut = rows.filter((_, index) => CORPUS[index]!.heldOut);
if (heldOut.length > 0) {
  const kept = sum(heldOut.map((r) => r.score.kept)) / sum(heldOut.map((r) => r.score.entities));
  const rightLanguage = heldOut.filter((r) => r.score.languageRight).length / heldOut.length;
  const properHero = heldOut.filter((r) => r.score.heroRight).length / heldOut.length;
  console.log(`  held-out ideas (${heldOut.length}, never used to tune the rules): recall ${kept.toFixed(3)}, right language ${rightLanguage.toFixed(3)}, proper hero ${properHero.toFixed(3)}`);
}
const objects = sum(rows.map((r) => r.score.objects));
if (objects > 0) {
  // No target is set for key objects ("pocket watch", "旧信" …); the held-out ideas are counted apart.
  console.log(
    `  key objects shown  ${sum(rows.map((r) => r.score.objectsShown))}/${objects} in all, ${sum(heldOut.map((r) => r.score.objectsShown))}/${sum(heldOut.map((r) => r.score.objects))} in the held-out ideas`,
  );
}
console.log(`  entity recall      ${recall.toFixed(3)}  (${sum(rows.map((r) => r.score.kept))}/${entities}; target ≥ ${TARGETS.recall})  ${verdict(recall >= TARGETS.recall)}`);
console.log(`  right language     ${language.toFixed(3)}  (target ≥ ${TARGETS.language})  ${verdict(language >= TARGETS.language)}`);
console.log(`  proper hero        ${hero.toFixed(3)}  (target ≥ ${TARGETS.hero})  ${verdict(hero >= TARGETS.hero)}`);
console.log(`  time per idea      median ${p50.toFixed(1)} ms, worst ${worst.toFixed(1)} ms, CPU mean ${cpuMean.toFixed(1)} ms (target < ${TARGETS.msPerIdea} ms)  ${verdict(worst < TARGETS.msPerIdea)}`);
console.log(`  first plan in a fresh process: ${coldMs.toFixed(0)} ms (loads the language data once)`);
